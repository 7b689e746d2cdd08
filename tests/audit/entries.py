"""Writing access log entries for the audit tests, and tampering with them as an attacker
with the table owner's rights would (the trigger disabled for the duration)."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

from django.db import connection

from brytupp.audit import chain
from brytupp.audit.append_only import guarded_tables
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record, access_log_record_many
from tests import factories

TABLE = "audit_accesslogentry"
DEFAULT_PARTITION = "audit_accesslogentry_default"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def fake_case():
    """Only the opaque identifiers the log keeps: no person or case rows are needed."""
    return SimpleNamespace(public_id=uuid.uuid4(), person=SimpleNamespace(public_id=uuid.uuid4()))


def worker(unit):
    return factories.staff("handlaggare", unit)


def log_views(actor, count: int) -> None:
    for _ in range(count):
        access_log_record(actor=actor, kind=AccessKind.VIEW, case=fake_case())


def log_list_rows(actor, count: int, per_request: int = 25) -> None:
    for start in range(0, count, per_request):
        rows = [fake_case() for _ in range(min(per_request, count - start))]
        access_log_record_many(actor=actor, kind=AccessKind.LIST_ROW, cases=rows)


@contextmanager
def trigger_disabled():
    """Every append-only trigger off: the parent's and each partition's statement trigger, and
    the row trigger the partitions inherit (off on the parent turns it off on them)."""
    with connection.cursor() as cursor:
        tables = guarded_tables(cursor)
        for name in tables:
            cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
        yield cursor
        for name in tables:
            cursor.execute(f"ALTER TABLE {name} ENABLE TRIGGER USER")


def month(offset: int = 0) -> datetime.date:
    """The first day of the month ``offset`` months from this one (the database's clock, in
    Stockholm, as the partitions are cut)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (date_trunc('month', now() AT TIME ZONE 'Europe/Stockholm') "
            "+ make_interval(months => %s))::date",
            [offset],
        )
        return cursor.fetchone()[0]


def partition(offset: int = 0) -> str:
    return f"{TABLE}_{month(offset):%Y_%m}"


def in_month(offset: int, day: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(month(offset).replace(day=day), datetime.time(12), STOCKHOLM)


@contextmanager
def clock_at(at: datetime.datetime):
    """Entries written meanwhile get the time ``at``: only the clock that ``_chain_head``
    reports is replaced; they are still hashed and chained by ``chain_append``."""
    real_head = chain._chain_head

    def head(cursor):
        seq, last_hash, _last_at, _now = real_head(cursor)
        return seq, last_hash, None, at

    with mock.patch.object(chain, "_chain_head", head):
        yield


def partition_of(seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM audit_accesslogentry WHERE seq = %s", [seq]
        )
        return cursor.fetchone()[0]
