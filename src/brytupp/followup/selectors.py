"""What the follow-up pages show the acting user: the figures of the districts they follow
beside the city, with small numbers hidden unless they are the analyst
(``policies.followup``, ``policies.followup_small_numbers_shown``), and the case counts of
the process owner's start page likewise. Aggregates only: nothing here reads a person or a
case row into Python, so nothing is written to the access log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.cases.models import Case
from brytupp.followup.equality import equality_report
from brytupp.followup.report import (
    EFFECT_GOAL_PAGE_FIGURES,
    GOALS,
    effect_goal_report,
    year_earlier,
)
from brytupp.followup.stored import TREND_YEARS
from brytupp.followup.suppression import count_suppress, report_suppress
from brytupp.organisation.models import District, User
from brytupp.sort_order import swedish_order


@dataclass(frozen=True)
class Followed:
    """A report cut to what the user may see: the city first, then their districts."""

    date_from: datetime.date
    date_to: datetime.date
    districts: list[District]  # valid at some time in the period, in name order
    report: dict  # the report's structure with only ``districts`` shown
    small_numbers_hidden: bool


def followup_districts(
    *, actor: User, date_from: datetime.date, date_to: datetime.date
) -> list[District]:
    """The districts the actor follows that existed at some time in the period."""
    return list(
        policies.followup.queryset(actor)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date_to))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date_from))
        .order_by(swedish_order("name"))
    )


def _followed(actor: User, report: dict, date_from, date_to, districts=None) -> Followed:
    if districts is None:
        districts = followup_districts(actor=actor, date_from=date_from, date_to=date_to)
    shown = dict(report)
    shown["districts"] = {d.code: report["districts"][d.code] for d in districts}
    hidden = not policies.followup_small_numbers_shown(actor)
    return Followed(
        date_from=date_from,
        date_to=date_to,
        districts=districts,
        report=report_suppress(shown) if hidden else shown,
        small_numbers_hidden=hidden,
    )


def _allowed(actor: User) -> None:
    if not policies.followup.allows(actor):
        raise Http404


def trend_periods(
    date_from: datetime.date, date_to: datetime.date, years: int = TREND_YEARS
) -> list[tuple[datetime.date, datetime.date]]:
    """The period and the same period in each of the ``years - 1`` years before, oldest first."""
    periods = [(date_from, date_to)]
    for _ in range(years - 1):
        first, last = periods[0]
        periods.insert(0, (year_earlier(first), year_earlier(last)))
    return periods


def effect_goal_trend(
    *, actor: User, date_from: datetime.date, date_to: datetime.date, years: int = TREND_YEARS
) -> list[Followed]:
    """The five effect goals for the period (the list's last) and the same period in the years
    before it, for the districts the actor follows in the period (a district that did not exist yet shows
    zeros). The period's own report also has the follow-up figures the page shows after the
    goals (``EFFECT_GOAL_PAGE_FIGURES``)."""
    _allowed(actor)
    districts = followup_districts(actor=actor, date_from=date_from, date_to=date_to)
    periods = trend_periods(date_from, date_to, years)
    chosen = periods[-1]
    return [
        _followed(
            actor,
            effect_goal_report(
                date_from=first,
                date_to=last,
                names=(
                    (*GOALS, *EFFECT_GOAL_PAGE_FIGURES) if (first, last) == chosen else tuple(GOALS)
                ),
            ),
            first,
            last,
            districts,
        )
        for first, last in periods
    ]


def equality(*, actor: User, date_from: datetime.date, date_to: datetime.date) -> Followed:
    _allowed(actor)
    report = equality_report(date_from=date_from, date_to=date_to)
    return _followed(actor, report, date_from, date_to)


def district_case_counts(*, actor: User, district: District) -> dict[str, int | str]:
    """The cases of a district its process owner follows (their start page): open, opened and
    closed in the last 12 months, each count from 1 to 4 as ``"<5"`` unless the actor may see
    small numbers. Nothing of a person."""
    if district not in policies.districts_overseen(actor):
        raise Http404
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    counts = Case.objects.filter(district=district).aggregate(
        open=Count("pk", filter=Q(closed__isnull=True)),
        opened_last_year=Count("pk", filter=Q(opened__gt=year_ago)),
        closed_last_year=Count("pk", filter=Q(closed__gt=year_ago)),
    )
    if policies.followup_small_numbers_shown(actor):
        return counts
    return {name: count_suppress(value) for name, value in counts.items()}
