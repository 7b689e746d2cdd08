"""Each account written before versions were kept becomes its case's version 1, dated and
attributed by the latest "account written" event of the case when there is one."""

from django.db import migrations
from django.utils import timezone


def first_versions(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    AccountVersion = apps.get_model("cases", "AccountVersion")
    now = timezone.now()
    versions = []
    for case in Case.objects.exclude(account="").only("pk", "account").iterator(chunk_size=500):
        written = (
            CaseEvent.objects.filter(case_id=case.pk, kind="account_written")
            .order_by("-at", "-pk")
            .first()
        )
        versions.append(
            AccountVersion(
                case_id=case.pk,
                number=1,
                text=case.account,
                written_at=written.at if written else now,
                written_by_id=written.actor_id if written else None,
                unit_id=written.unit_id if written else None,
            )
        )
    AccountVersion.objects.bulk_create(versions, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_part_end_decline_reason_consent_continues_account_versions")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
