"""The hash chain that makes the access log tamper-evident.

Each entry carries a gap-free sequence number and the SHA-256 of a canonical serialisation of
its fields together with the previous entry's hash, so changing, removing, reordering or
inserting an entry breaks the chain from that entry on. Entries are appended under one
transaction-level advisory lock: writers of the log wait for each other, nothing else does.
What the chain alone cannot show — the whole log rebuilt, or its last entries cut off — an
anchor shows: the head (seq and hash) copied outside the database (``anchors.py``), which a
later verify must find in the chain. See docs/decisions/0008-access-log.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from . import partitions
from .models import AccessLogEntry

# "BrytUppA" read as a 64-bit integer: the one advisory lock that serialises log writers.
ACCESS_LOG_LOCK = 0x4272797455707041
GENESIS_HASH = "0" * 64
CANONICAL_VERSION = "v1"

# The fields covered by the hash, in their canonical order; previous_hash follows them.
HASHED_FIELDS = (
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
# Fields added later (a membership change's subject): hashed only when set, as name and value
# after the fields above, so that every entry written before them hashes as it always did.
OPTIONAL_HASHED_FIELDS = ("subject_public_id", "membership_change")


def _canonical_value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if value is None or isinstance(value, int | str):
        return value
    return str(value)  # UUIDs: lower-case, hyphenated


def entry_hash(fields: dict, previous_hash: str) -> str:
    """SHA-256 (hex) of the entry's hashed fields and the previous entry's hash.

    The serialisation is a JSON array (so no separator can be smuggled into a value) of a
    version tag, the fields in ``HASHED_FIELDS`` order, each optional field that is set as its
    name and value, and the previous hash. The names keep an entry with an optional field from
    ever serialising like one without."""
    values = [CANONICAL_VERSION, *(_canonical_value(fields[name]) for name in HASHED_FIELDS)]
    for name in OPTIONAL_HASHED_FIELDS:
        if fields.get(name) is not None:
            values.extend([name, _canonical_value(fields[name])])
    values.append(previous_hash)
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# The time the demo's made-up accesses took place (``brytupp.demo.access_month``); never set
# outside the demo (``synthetic_time`` refuses), where every entry takes the database's clock.
_synthetic_time: ContextVar[datetime.datetime | None] = ContextVar("synthetic_time", default=None)


@contextmanager
def synthetic_time(at: datetime.datetime) -> Iterator[None]:
    """While open, entries appended are dated ``at`` instead of the database's clock, for the
    synthetic demo alone (decision 0035): never later than that clock, and never before the
    last entry, so that time still runs forward along the chain and ``verify`` holds."""
    if not settings.BRYTUPP_DEMO:
        raise ImproperlyConfigured("Only the demo dates access-log entries itself.")
    token = _synthetic_time.set(at)
    try:
        yield
    finally:
        _synthetic_time.reset(token)


def _chain_head(cursor) -> tuple[int, str, datetime.datetime | None, datetime.datetime]:
    """The last entry's seq, hash and time (genesis when empty) and the database's clock.

    Found by seq alone, never narrowed by time, so that a wrong head can never fork the chain.
    Over the partitioned table that reads the top of each month's seq index; the query lives
    in a database function (migration 0006) so that it is planned once per connection, not
    at every write (bench/audit_log.py)."""
    cursor.execute(
        "SELECT head.last_seq, head.last_hash, head.last_at, clock_timestamp() "
        "FROM audit_access_log_head() AS head"
    )
    seq, last_hash, last_at, now = cursor.fetchone()
    return seq or 0, last_hash or GENESIS_HASH, last_at, now


def _lock(cursor) -> None:
    """Take the writers' lock; once a month per process also make sure the month partitions
    exist, in the same round trip (partitions.py)."""
    if not partitions.writer_check_due():
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ACCESS_LOG_LOCK])
        return
    cursor.execute(
        f"SELECT pg_advisory_xact_lock(%s), {partitions.ENSURE_SQL}",  # noqa: S608 - constant
        [ACCESS_LOG_LOCK, partitions.WRITER_MONTHS_AHEAD, "100ms"],
    )
    partitions.writer_check_done(settled=cursor.fetchone()[1])


def chain_head() -> Anchor:
    """The last entry's seq, hash and time now (genesis when the log is empty), to anchor."""
    with connection.cursor() as cursor:
        seq, last_hash, last_at, now = _chain_head(cursor)
    return Anchor(seq=seq, entry_hash=last_hash, at=last_at, anchored_at=now)


def chain_append(entries: list[AccessLogEntry]) -> list[AccessLogEntry]:
    """Insert ``entries`` at the end of the chain, in one statement, and return them.

    The advisory lock is held until the outermost transaction ends, so callers should log as
    the last step of a transaction that does other writes (see the decision note)."""
    if not entries:
        return []
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        _lock(cursor)
        seq, previous, last_at, now = _chain_head(cursor)
        dated = _synthetic_time.get()
        if dated is not None:
            now = min(now, dated)
        # The database's clock, never before the last entry: time runs forward along the chain.
        at = now if last_at is None else max(now, last_at)
        for entry in entries:
            seq += 1
            entry.at, entry.seq, entry.previous_hash = at, seq, previous
            entry.entry_hash = entry_hash(vars(entry), previous)
            previous = entry.entry_hash
        return AccessLogEntry.objects.bulk_create(entries)


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """The head of the chain as it was at ``anchored_at``, kept outside the database."""

    seq: int
    entry_hash: str
    at: datetime.datetime | None
    anchored_at: datetime.datetime


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    last_seq: int
    last_hash: str
    broken: ChainBreak | None
    anchors_checked: int = 0


def _rows(chunk_size: int) -> Iterator[dict]:
    names = (*HASHED_FIELDS, *OPTIONAL_HASHED_FIELDS, "previous_hash", "entry_hash")
    return AccessLogEntry.objects.order_by("seq").values(*names).iterator(chunk_size=chunk_size)


def _first_fault(row: dict, expected_seq: int, previous_hash: str, previous_at) -> str | None:
    # Since partitioning, seq is unique only within a month: a copy in another month shows here.
    if row["seq"] == expected_seq - 1 and expected_seq > 1:
        return "entry duplicated"
    if row["seq"] > expected_seq:
        return "entry missing"
    if row["seq"] < expected_seq:
        return "entries out of order"
    if entry_hash(row, row["previous_hash"]) != row["entry_hash"]:
        return "content altered"
    if row["previous_hash"] != previous_hash:
        return "previous hash mismatch"
    if previous_at is not None and row["at"] < previous_at:
        return "entries out of order"
    return None


def _when(anchor: Anchor) -> str:
    return anchor.anchored_at.astimezone(datetime.UTC).isoformat(timespec="seconds")


def _anchor_fault(seq: int, digest: str, anchored: dict[int, list[Anchor]]) -> str | None:
    for anchor in anchored.get(seq, ()):
        if anchor.entry_hash != digest:
            return f"hash differs from the anchor taken {_when(anchor)}"
    return None


def chain_verify(*, chunk_size: int = 2000, anchors: Iterable[Anchor] = ()) -> ChainReport:
    """Walk the whole chain in seq order, in constant memory, and report its first fault.

    Each anchor must name an entry of the chain with the anchored hash: this finds a log
    rebuilt with consistent hashes, and a log whose last entries were cut off."""
    anchored: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        anchored.setdefault(anchor.seq, []).append(anchor)
    checked = sum(len(same) for same in anchored.values())
    count, previous_hash, previous_at, seq = 0, GENESIS_HASH, None, 0
    fault = _anchor_fault(0, GENESIS_HASH, anchored)
    if fault:
        return ChainReport(0, 0, GENESIS_HASH, ChainBreak(0, fault), checked)
    for row in _rows(chunk_size):
        fault = _first_fault(row, seq + 1, previous_hash, previous_at) or _anchor_fault(
            row["seq"], row["entry_hash"], anchored
        )
        if fault:
            return ChainReport(count, seq, previous_hash, ChainBreak(row["seq"], fault), checked)
        count, seq, previous_hash, previous_at = count + 1, row["seq"], row["entry_hash"], row["at"]
    past_the_end = [anchored_seq for anchored_seq in anchored if anchored_seq > seq]
    if past_the_end:
        anchor = anchored[min(past_the_end)][0]
        reason = f"entry missing (the anchor taken {_when(anchor)} names seq={anchor.seq})"
        return ChainReport(count, seq, previous_hash, ChainBreak(seq + 1, reason), checked)
    return ChainReport(count, seq, previous_hash, None, checked)
