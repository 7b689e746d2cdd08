"""The database triggers that keep the access log append-only, and the one way round them.

Migration 0002 installed ``access_log_append_only``, a statement trigger that raises "access
log entries are append-only" on every UPDATE, DELETE and TRUNCATE of the log table. Since the
table is partitioned by month (migration 0004) every partition carries the same statement
trigger, because a partition can be named in a statement of its own; a row trigger on the
parent, which PostgreSQL copies onto every partition, refuses UPDATE and DELETE of rows as a
second line; and event triggers refuse DROP and DETACH of a partition (when a superuser ran
the migration). TRUNCATE of an empty table destroys nothing and is let through, so Django's
``flush`` still works on a database whose log was emptied here.

Only the tables' owner can disable the triggers, and whoever can do that can rewrite the whole
log; the hash chain and the anchors kept outside the database are what reveal that
(docs/decisions/0008-access-log.md).
"""

from __future__ import annotations

from django.db import connection, transaction

from .models import AccessLogEntry

TRIGGER = "access_log_append_only"


def guarded_tables(cursor) -> list[str]:
    """The log table and its partitions that carry the append-only statement trigger, as
    quoted, schema-qualified-when-needed names."""
    cursor.execute(
        """
        SELECT guarded.oid::regclass::text
        FROM pg_class AS guarded
        WHERE (
            guarded.oid = %(table)s::regclass
            OR guarded.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = %(table)s::regclass)
        ) AND EXISTS (
            SELECT 1 FROM pg_trigger WHERE tgrelid = guarded.oid AND tgname = %(trigger)s
        )
        ORDER BY guarded.relname
        """,
        {"table": AccessLogEntry._meta.db_table, "trigger": TRIGGER},
    )
    return [name for (name,) in cursor.fetchall()]


def access_log_erase_all() -> None:
    """Empty the access log of a throw-away database: before ``flush`` in the demo's
    ``--reset`` and in the teardown of transactional tests. Needs the table owner's rights.
    Never for a database that holds real entries."""
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        tables = guarded_tables(cursor)
        for name in tables:
            cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER {TRIGGER}")
        cursor.execute(f"TRUNCATE {table}")
        for name in tables:
            cursor.execute(f"ALTER TABLE {name} ENABLE TRIGGER {TRIGGER}")
