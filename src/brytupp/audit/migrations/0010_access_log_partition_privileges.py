"""A new month partition of the access log gets the privileges of the log itself.

With two database roles (decision 0019) the owner's default privileges give the application's
role SELECT, INSERT, UPDATE and DELETE on every table the owner makes, month partitions
included, while on the log it may only SELECT and INSERT. ``audit_access_log_partition_create``
(migration 0004) now copies the parent's privileges onto the partition it makes, whoever the
grantees are, so the function needs to know no role's name. ``brytupp database_roles`` sets
the parent's privileges and those of partitions already made.

Reversing restores the function of migration 0004.
"""

import importlib
import re

from django.db import migrations

LOCAL_TIME_ZONE = "Europe/Stockholm"

PARTITION_CREATE = """
CREATE OR REPLACE FUNCTION {schema}.audit_access_log_partition_create(month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
-- The partition of the access log for the month of ``month`` (Europe/Stockholm), with its
-- unique index on seq, its append-only trigger and the log's privileges. Answers 'exists',
-- 'created', or 'in default' when the DEFAULT partition already holds entries of that month
-- (they stay there: creating the partition would fail).
DECLARE
    first_day date := date_trunc('month', month)::date;
    lower_bound timestamptz := first_day::timestamp AT TIME ZONE '{time_zone}';
    upper_bound timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE '{time_zone}';
    partition_name text := 'audit_accesslogentry_' || to_char(first_day, 'YYYY_MM');
    grantee_name text;
    privilege text;
BEGIN
    IF to_regclass('{schema}.' || partition_name) IS NOT NULL THEN
        RETURN 'exists';
    END IF;
    IF EXISTS (
        SELECT 1 FROM {schema}.audit_accesslogentry_default
        WHERE at >= lower_bound AND at < upper_bound
    ) THEN
        RETURN 'in default';
    END IF;
    EXECUTE format(
        'CREATE TABLE {schema}.%I PARTITION OF {schema}.audit_accesslogentry FOR VALUES FROM (%L) TO (%L)',
        partition_name, lower_bound, upper_bound
    );
    EXECUTE format(
        'CREATE UNIQUE INDEX %I ON {schema}.%I (seq)', partition_name || '_seq_key', partition_name
    );
    EXECUTE format(
        'CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {schema}.%I '
        'FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_access_log_append_only()',
        partition_name
    );
    -- The owner's default privileges gave the partition what every new table gets: replace
    -- them with the log's own (the application's role: SELECT and INSERT only).
    FOR grantee_name IN
        SELECT DISTINCT CASE WHEN acl.grantee = 0 THEN 'PUBLIC'
                             ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
        FROM pg_class AS part, aclexplode(part.relacl) AS acl
        WHERE part.oid = to_regclass('{schema}.' || partition_name)
          AND acl.grantee <> part.relowner
    LOOP
        EXECUTE format('REVOKE ALL ON {schema}.%I FROM %s', partition_name, grantee_name);
    END LOOP;
    FOR grantee_name, privilege IN
        SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(acl.grantee)) END, acl.privilege_type
        FROM pg_class AS parent, aclexplode(parent.relacl) AS acl
        WHERE parent.oid = '{schema}.audit_accesslogentry'::regclass
          AND acl.grantee <> parent.relowner
    LOOP
        EXECUTE format('GRANT %s ON {schema}.%I TO %s', privilege, partition_name, grantee_name);
    END LOOP;
    RETURN 'created';
END
$$;
"""


def _schema(cursor) -> str:
    cursor.execute("SELECT current_schema()")
    [schema] = cursor.fetchone()
    # Written into the function's SQL unquoted: accept only a plain identifier.
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise RuntimeError(f"unexpected schema name {schema!r}")
    return schema


def copy_privileges(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        schema = _schema(cursor)
        cursor.execute(PARTITION_CREATE.format(schema=schema, time_zone=LOCAL_TIME_ZONE))


def restore_0004(apps, schema_editor):
    partitioning = importlib.import_module("brytupp.audit.migrations.0004_partition_access_log")
    create_only = partitioning.PARTITION_FUNCTIONS.split("REVOKE ALL ON FUNCTION")[0]
    with schema_editor.connection.cursor() as cursor:
        schema = _schema(cursor)
        cursor.execute(
            create_only.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1).format(
                schema=schema, time_zone=LOCAL_TIME_ZONE
            )
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_access_kinds_opening_membership_grounds")]

    operations = [migrations.RunPython(copy_privileges, restore_0004)]
