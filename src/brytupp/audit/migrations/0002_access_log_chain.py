"""Chain the access log and make it append-only.

Adds ``seq``, ``previous_hash`` and ``entry_hash``; entries already in the table (development
and demo databases: nothing has been deployed) are chained in the order they were written
(``id``), with the hash function of this migration (frozen here: canonical version "v1", the
same as ``brytupp.audit.chain`` at the time of writing). Then it installs the trigger that
refuses UPDATE, DELETE and TRUNCATE (TRUNCATE of an empty log is let through, so that
``flush`` works once ``append_only.access_log_erase_all`` has emptied a throw-away log).
Reversing drops the trigger and the columns.
"""

import datetime
import hashlib
import json

from django.db import migrations, models
from django.utils import timezone

GENESIS_HASH = "0" * 64
FIELDS = (
    "at",
    "user_public_id",
    "unit_code",
    "role",
    "person_public_id",
    "case_public_id",
    "kind",
    "ground",
    "outcome",
    "request_id",
    "seq",
)


def _value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if value is None or isinstance(value, int | str):
        return value
    return str(value)


def _hash(fields, previous_hash):
    values = ["v1", *(_value(fields[name]) for name in FIELDS), previous_hash]
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_existing(apps, schema_editor):
    entry_model = apps.get_model("audit", "AccessLogEntry")
    previous, last_at, batch = GENESIS_HASH, None, []
    for seq, entry in enumerate(entry_model.objects.order_by("id").iterator(chunk_size=2000), 1):
        # Time must not run backwards along the chain; the old auto_now_add times may.
        entry.at = entry.at if last_at is None else max(entry.at, last_at)
        entry.seq, entry.previous_hash = seq, previous
        entry.entry_hash = _hash({name: getattr(entry, name) for name in FIELDS}, previous)
        previous, last_at = entry.entry_hash, entry.at
        batch.append(entry)
        if len(batch) == 2000:
            entry_model.objects.bulk_update(batch, ["at", "seq", "previous_hash", "entry_hash"])
            batch = []
    entry_model.objects.bulk_update(batch, ["at", "seq", "previous_hash", "entry_hash"])


TRIGGER_SQL = """
CREATE FUNCTION audit_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Truncating an empty log destroys nothing: lets Django's flush empty a fresh database.
    IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM audit_accesslogentry) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'access log entries are append-only';
END
$$;
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_access_log_append_only();
"""

TRIGGER_REVERSE_SQL = """
DROP TRIGGER access_log_append_only ON audit_accesslogentry;
DROP FUNCTION audit_access_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        # The "case_opening" ground was added to the model without a migration.
        migrations.AlterField(
            model_name="accesslogentry",
            name="ground",
            field=models.CharField(
                choices=[
                    ("own_unit", "Own unit's part in the case"),
                    ("consent", "Consent"),
                    ("emergency", "Emergency access"),
                    ("case_opening", "Search before opening a case"),
                    ("none", "No ground"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="at",
            field=models.DateTimeField(db_index=True, default=timezone.now),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="seq",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="previous_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="entry_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accesslogentry",
            name="seq",
            field=models.BigIntegerField(unique=True),
        ),
        migrations.RunSQL(TRIGGER_SQL, TRIGGER_REVERSE_SQL),
    ]
