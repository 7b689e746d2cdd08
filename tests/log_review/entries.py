"""Writing access log entries at a chosen time for the log review tests.

Log rows can never be updated, and ``chain_append`` takes the time from the database's clock
(``clock_timestamp()`` read in ``_chain_head``). So to write an entry at a chosen time we
replace the clock that ``_chain_head`` reports, and nothing else: the entry still goes through
``chain_append`` and is hashed and chained as in production."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

from brytupp.audit import chain
from brytupp.audit.models import AccessGround, AccessKind, AccessOutcome
from brytupp.audit.services import access_log_record, access_log_record_many

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# A Wednesday in office hours.
WEEKDAY_NOON = datetime.datetime(2026, 11, 11, 12, 0, tzinfo=STOCKHOLM)


def fake_case(person_public_id=None):
    """Only the opaque identifiers the log keeps: no person or case rows are needed."""
    return SimpleNamespace(
        public_id=uuid.uuid4(),
        person=SimpleNamespace(public_id=person_public_id or uuid.uuid4()),
    )


@contextmanager
def clock_at(at: datetime.datetime):
    real_head = chain._chain_head

    def head(cursor):
        seq, last_hash, _last_at, _now = real_head(cursor)
        return seq, last_hash, None, at

    with mock.patch.object(chain, "_chain_head", head):
        yield


def log_entry(
    actor,
    *,
    at: datetime.datetime = WEEKDAY_NOON,
    kind=AccessKind.VIEW,
    ground=AccessGround.OWN_UNIT,
    outcome=AccessOutcome.ALLOWED,
    person_public_id=None,
):
    with clock_at(at):
        return access_log_record(
            actor=actor,
            kind=kind,
            case=fake_case(person_public_id),
            ground=ground,
            outcome=outcome,
        )


def log_many(actor, count: int, *, at: datetime.datetime = WEEKDAY_NOON):
    with clock_at(at):
        return access_log_record_many(
            actor=actor, kind=AccessKind.LIST_ROW, cases=[fake_case() for _ in range(count)]
        )
