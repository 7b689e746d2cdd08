"""The figures of closed periods, read from the store when they are there (decision 0031).

A period is closed when it ends before this year began (``timezone.localdate()``, Stockholm):
its figures are computed once, stored in ``StoredFigure`` with the days they depend on, and
read from there until a write to those days deletes them (the triggers of migration 0002). A
period of this year is always computed live.

Storing must not keep a figure that misses a write. A reader that is about to compute:

1. inserts an empty placeholder row for the figure and commits it (outside a transaction);
2. tries the advisory lock every writing trigger holds shared until its transaction ends: if
   a write is in flight, it computes the figure live and stores nothing;
3. computes the figure (its queries see every write committed before step 2);
4. fills its placeholder, unless a trigger has deleted it or holds it locked to delete it.

A write whose trigger ran before step 1 was in flight at step 2 (it holds the lock until it
commits); one whose trigger runs after step 1 deletes the placeholder, so step 4 finds
nothing. No step waits for a writer: step 1 inserts and step 4 skips locked rows. Two readers
at once each insert and fill their own row; the one that finishes last drops the other's,
and neither fails.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

from django.db import connection
from django.utils import timezone

from brytupp.followup import figures
from brytupp.followup.figures import Period, Rows
from brytupp.followup.models import StoredFigure

LOCK = 4788022894404857926  # "BrytUppF": held shared by every trigger that touches a figure
CITY = "city"
TREND_YEARS = 5  # the effect-goal page shows the period and the four years before


def closed(period: Period, today: datetime.date | None = None) -> bool:
    """Whether the period ended before this year (in Stockholm) began."""
    today = today or timezone.localdate()
    return period.date_to < datetime.date(today.year, 1, 1)


def depends_on(name: str, period: Period) -> tuple[datetime.date, datetime.date]:
    """The days whose records can change the figure (``figures.py``, the spec)."""
    first, last = period.date_from, period.date_to
    if name == "reactualisation":  # an earlier RVT case closed up to 365 days before
        first = first - datetime.timedelta(days=figures.REACTUALISATION_DAYS)
    elif name in (
        "shis_mellanbo_referrals",
        "sip_count",
        "reports_of_concern_rvt",
    ):  # a year before
        first = period.previous_from
    elif name == "placement_follow_up_within_week":  # followed up up to a week after
        last = last + datetime.timedelta(days=figures.FOLLOW_UP_WITHIN_DAYS)
    elif name == "risk_assessment_within_14_days":  # assessed up to 14 days after
        last = last + datetime.timedelta(days=figures.RISK_ASSESSMENT_WITHIN_DAYS)
    return first, last


def _encode(rows: Rows) -> dict[str, list[int]]:
    return {CITY if scope is None else str(scope): list(values) for scope, values in rows.items()}


def _decode(values: dict[str, list[int]]) -> Rows:
    return {None if key == CITY else int(key): tuple(counts) for key, counts in values.items()}


def _no_write_in_flight() -> bool:
    """Whether no transaction holds the triggers' lock (CASE: unlock only what was locked)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_try_advisory_lock(%(lock)s) "
            "THEN pg_advisory_unlock(%(lock)s) ELSE false END",
            {"lock": LOCK},
        )
        (free,) = cursor.fetchone()
    return bool(free)


# Fill the reader's own row unless a trigger has deleted it or is deleting it (locked: a
# write in flight; SKIP LOCKED, so that a reader never waits for an import), then drop the
# other rows of the figure: earlier readers' and stale placeholders.
FILL = """
WITH filled AS (
    UPDATE followup_storedfigure SET values = %(values)s, computed_at = %(now)s
    WHERE id = (SELECT id FROM followup_storedfigure WHERE id = %(id)s FOR UPDATE SKIP LOCKED)
    RETURNING id
)
DELETE FROM followup_storedfigure
WHERE id IN (
    SELECT id FROM followup_storedfigure
    WHERE date_from = %(date_from)s AND date_to = %(date_to)s AND figure = %(figure)s
      AND id <> %(id)s AND EXISTS (SELECT 1 FROM filled)
    FOR UPDATE SKIP LOCKED
)
"""


def _compute_and_store(name: str, period: Period, compute: Callable[[Period], Rows]) -> Rows:
    depends_from, depends_to = depends_on(name, period)
    placeholder = StoredFigure.objects.create(
        date_from=period.date_from,
        date_to=period.date_to,
        figure=name,
        depends_from=depends_from,
        depends_to=depends_to,
        values=None,
        started_at=timezone.now(),
        computed_at=None,
    )
    if not _no_write_in_flight():
        return compute(period)  # the placeholder stays empty; store_figures drops it
    rows = compute(period)
    with connection.cursor() as cursor:
        cursor.execute(
            FILL,
            {
                "values": json.dumps(_encode(rows)),
                "now": timezone.now(),
                "id": placeholder.pk,
                "date_from": period.date_from,
                "date_to": period.date_to,
                "figure": name,
            },
        )
    return rows


def figures_read(period: Period, names: tuple[str, ...], *, live: bool = False) -> dict[str, Rows]:
    """Each named figure's rows for the period: from the store for a closed period (computed
    and stored when missing), live for any other or with ``live``."""
    if live or not closed(period):
        return {name: getattr(figures, name)(period) for name in names}
    stored = {
        figure: values
        for figure, values in StoredFigure.objects.filter(
            date_from=period.date_from,
            date_to=period.date_to,
            figure__in=names,
            computed_at__isnull=False,
        )
        .order_by("computed_at")  # two readers at once: the one that finished last
        .values_list("figure", "values")
    }
    found: dict[str, Rows] = {}
    for name in names:
        if name in stored:
            found[name] = _decode(stored[name])
        else:
            found[name] = _compute_and_store(name, period, getattr(figures, name))
    return found


def figures_store_empty() -> None:
    """Delete every stored figure (a write that touches every year: the import)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK])
        cursor.execute("DELETE FROM followup_storedfigure")


def page_periods(today: datetime.date, since: int) -> list[tuple[Period, tuple[str, ...]]]:
    """What the store should hold today: every closed year from ``since`` with every figure,
    and the effect-goal page's default period (this year up to today) in the years before,
    for its trend, with the five goals."""
    from brytupp.followup.report import FIGURES, GOALS, period_make, year_earlier

    wanted = [
        (
            period_make(date_from=datetime.date(year, 1, 1), date_to=datetime.date(year, 12, 31)),
            FIGURES,
        )
        for year in range(since, today.year)
    ]
    first, last = datetime.date(today.year, 1, 1), today
    for _ in range(TREND_YEARS - 1):
        first, last = year_earlier(first), year_earlier(last)
        if first.year >= since and (first.month, first.day, last.month, last.day) != (1, 1, 12, 31):
            wanted.append((period_make(date_from=first, date_to=last), tuple(GOALS)))
    return wanted


def figures_store(today: datetime.date, since: int) -> tuple[int, int, int]:
    """Compute and store what is missing of ``page_periods``; drop every other period's rows
    but whole years'. (figures computed, figures stored, rows dropped)"""
    wanted = page_periods(today, since)
    computed = 0
    for period, names in wanted:
        present = set(
            StoredFigure.objects.filter(
                date_from=period.date_from,
                date_to=period.date_to,
                figure__in=names,
                computed_at__isnull=False,
            ).values_list("figure", flat=True)
        )
        for name in names:
            if name not in present:
                _compute_and_store(name, period, getattr(figures, name))
                computed += 1
    kept = {(period.date_from, period.date_to) for period, _ in wanted}
    # Placeholders of readers that stored nothing (a write was in flight, or they died).
    dropped = StoredFigure.objects.filter(
        computed_at__isnull=True, started_at__lt=timezone.now() - datetime.timedelta(hours=1)
    ).delete()[0]
    for date_from, date_to in set(StoredFigure.objects.values_list("date_from", "date_to")):
        whole_year = (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31)
        if (date_from, date_to) not in kept and not (whole_year and date_from.year == date_to.year):
            dropped += StoredFigure.objects.filter(date_from=date_from, date_to=date_to).delete()[0]
    stored = StoredFigure.objects.filter(computed_at__isnull=False).count()
    return computed, stored, dropped
