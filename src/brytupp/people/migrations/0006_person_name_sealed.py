"""A protected identity's name sealed, found by a keyed digest (decision 0022); the names of
the protected persons already registered are sealed here with the field keys from the
settings (the application's environment). Going back puts them in clear again."""

from django.db import migrations, models

from brytupp.people.names import name_digest_of, name_sealed_of, name_unsealed


def seal_protected_names(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    protected = Person.objects.exclude(protected_identity="none").exclude(
        first_name="", last_name=""
    )
    for person in protected.iterator(chunk_size=500):
        person.name_sealed = name_sealed_of(
            first_name=person.first_name, last_name=person.last_name
        )
        person.name_digest = name_digest_of(
            first_name=person.first_name,
            last_name=person.last_name,
            birth_date=person.birth_date,
        )
        person.first_name = person.last_name = ""
        person.save(update_fields=["first_name", "last_name", "name_sealed", "name_digest"])


def unseal_names(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    for person in Person.objects.exclude(name_sealed="").iterator(chunk_size=500):
        person.first_name, person.last_name = name_unsealed(person.name_sealed)
        person.name_sealed, person.name_digest = "", None
        person.save(update_fields=["first_name", "last_name", "name_sealed", "name_digest"])


class Migration(migrations.Migration):
    dependencies = [("people", "0005_identity_reveal_log_seq")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_digest",
            field=models.CharField(
                blank=True, db_index=True, editable=False, max_length=64, null=True
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="name_sealed",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(seal_protected_names, unseal_names),
    ]
