"""The city's kinds of practical support (decision 0047), kept as data."""

from django.db import migrations

from brytupp.plans.kinds import KINDS, practical_task_kinds_ensure


def seed(apps, schema_editor):
    practical_task_kinds_ensure(apps.get_model("plans", "PracticalTaskKind"))


def unseed(apps, schema_editor):
    apps.get_model("plans", "PracticalTaskKind").objects.filter(
        code__in=[code for code, _name in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_practical_tasks")]

    operations = [migrations.RunPython(seed, unseed)]
