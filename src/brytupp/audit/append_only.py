"""The database trigger that keeps the access log append-only, and the one way round it.

Migration 0002 installs ``access_log_append_only``: a statement trigger that raises "access
log entries are append-only" on every UPDATE, DELETE and TRUNCATE of the log table (TRUNCATE
of an empty log destroys nothing and is let through, so Django's ``flush`` still works on a
database whose log was emptied here). Only the table's owner can disable the trigger, and
whoever can do that can rewrite the whole log; the hash chain and the head hash kept outside
the database are what reveal that (docs/decisions/0008-access-log.md).
"""

from __future__ import annotations

from django.db import connection, transaction

from .models import AccessLogEntry

TRIGGER = "access_log_append_only"


def access_log_erase_all() -> None:
    """Empty the access log of a throw-away database: before ``flush`` in the demo's
    ``--reset`` and in the teardown of transactional tests. Needs the table owner's rights.
    Never for a database that holds real entries."""
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER}")
        cursor.execute(f"TRUNCATE {table}")
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER}")
