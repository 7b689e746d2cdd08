"""Writing access log entries for the audit tests, and tampering with them as an attacker
with the table owner's rights would (the trigger disabled for the duration)."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import connection

from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record, access_log_record_many
from tests import factories

TABLE = "audit_accesslogentry"


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
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER access_log_append_only")
        yield cursor
        cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER access_log_append_only")
