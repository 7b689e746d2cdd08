"""The access log's monthly partitions.

The log table is partitioned by month of ``at`` (Europe/Stockholm months, like the monthly log
review), so a query for a period reads only that period's partitions and an old month can be
archived as a whole. Migration 0004 made the table, a DEFAULT partition that catches any entry
whose month has no partition (a write never fails for want of one), and two database functions
that create month partitions with their append-only guard.

Partitions are made ahead of time: ``brytupp audit partitions`` (monthly, from cron) makes
this month's and the next three, and each process that writes the log asks once a month, under
the writers' lock, for this month's and the next (``writer_check_due``): a catalogue look-up
when they exist, which is always once the cron job runs. See docs/decisions/0008-access-log.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from .append_only import TRIGGER
from .models import AccessLogEntry

DEFAULT_PARTITION = f"{AccessLogEntry._meta.db_table}_default"
WRITER_MONTHS_AHEAD = 1
# A writer that could not make a partition (the table's lock was busy) asks again this much later.
WRITER_RETRY_SECONDS = 60.0
ENSURE_SQL = "audit_access_log_partitions_ensure(%s, %s)"
EVENT_TRIGGERS = ("access_log_refuse_drop", "access_log_refuse_detach")


class _WriterCheck:
    """What this process knows: the month whose partitions exist, and when to ask again."""

    settled_month: str | None = None
    retry_after: float = 0.0


def _this_month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def writer_check_due() -> bool:
    """Whether the next log write should ask for the partitions (see the module docstring)."""
    return _WriterCheck.settled_month != _this_month() and time.monotonic() >= (
        _WriterCheck.retry_after
    )


def writer_check_done(*, settled: bool) -> None:
    """Record the database's answer: settled (nothing was to be done) or ask again later."""
    if settled:
        _WriterCheck.settled_month = _this_month()
    else:
        # A partition was made just now (ask again to confirm it was committed) or was not.
        _WriterCheck.retry_after = time.monotonic() + WRITER_RETRY_SECONDS


def writer_check_forget() -> None:
    _WriterCheck.settled_month, _WriterCheck.retry_after = None, 0.0


def partitions_ensure(*, months_ahead: int, lock_wait: str = "10s") -> bool:
    """Make this month's partition and the next ``months_ahead``; true if nothing was to do."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {ENSURE_SQL}", [months_ahead, lock_wait])
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class Partition:
    name: str
    bounds: str
    entries: int | None  # the planner's estimate; exact for the DEFAULT partition
    guarded: bool  # has its enabled append-only statement trigger

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT_PARTITION


def partition_list() -> list[Partition]:
    """Every partition of the log, by name (so by month, DEFAULT last)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT part.relname, pg_get_expr(part.relpartbound, part.oid),
                   part.reltuples::bigint,
                   EXISTS (
                       SELECT 1 FROM pg_trigger AS guard
                       WHERE guard.tgrelid = part.oid AND guard.tgname = %s
                         AND guard.tgenabled <> 'D'
                   )
            FROM pg_inherits AS link JOIN pg_class AS part ON part.oid = link.inhrelid
            WHERE link.inhparent = %s::regclass
            ORDER BY part.relname
            """,
            [TRIGGER, AccessLogEntry._meta.db_table],
        )
        rows = cursor.fetchall()
        partitions = []
        for name, bounds, estimate, guarded in rows:
            entries = estimate if estimate >= 0 else None  # -1: never analysed
            if name == DEFAULT_PARTITION:
                # Our own constant name.
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
                entries = cursor.fetchone()[0]
            partitions.append(Partition(name, bounds, entries, guarded))
        return partitions


def drop_guard_installed() -> bool:
    """Whether the event triggers refusing DROP and DETACH of partitions are there and on."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_event_trigger WHERE evtname = ANY(%s) AND evtenabled <> 'D'",
            [list(EVENT_TRIGGERS)],
        )
        return cursor.fetchone()[0] == len(EVENT_TRIGGERS)
