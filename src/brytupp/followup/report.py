"""The effect-goal report: the figures of ``figures.py`` in the structure of the interchange
format's report (``../shared/spec/interchange-format.md``, "The report"), key for key.

``share`` and ``change`` are Python's float division of the counts, as the contract asks;
whether a goal is ``met`` is decided on the integers against the target as a fraction, so a
share that equals its target is met however the float rounds.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from brytupp.followup import stored
from brytupp.followup.figures import Period
from brytupp.followup.suppression import report_suppress

# (figure, target as written in the report, target as a fraction, met when share >= target?)
GOALS = {
    "screening_routine": (1.0, Fraction(1), True),
    "permanent_housing_after_placement": (0.8, Fraction(4, 5), True),
    "reactualisation": (0.2, Fraction(1, 5), False),
    "shis_mellanbo_referrals": (0.25, Fraction(1, 4), True),
    "child_schooling_within_week": (0.95, Fraction(19, 20), True),
}
SHARE_FIGURES = (
    "screening_routine",
    "permanent_housing_after_placement",
    "reactualisation",
    "child_schooling_within_week",
    "placement_follow_up_within_week",
    "risk_assessment_within_14_days",
    "children_placed_with_own_decision",
    "shis_applications_granted",
)
# Counts of records in the period and in the same period a year earlier.
COUNT_FIGURES = ("sip_count", "reports_of_concern_rvt")
# A count of records in the period, by the key named here, and the median of their days
# (``median_days``, ``None`` without records).
MEDIAN_FIGURES = {"permanent_contract_time": "contracts"}
# The keys of interchange format v1 in its order, then what we added (docs/interchange.md):
# a reader of v1 reports finds every key it knows where it knows it.
FIGURES = (
    "screening_routine",
    "permanent_housing_after_placement",
    "reactualisation",
    "shis_mellanbo_referrals",
    "child_schooling_within_week",
    "placement_follow_up_within_week",
    "sip_count",
    "active_cases",
    "risk_assessment_within_14_days",
    "children_placed_with_own_decision",
    "reports_of_concern_rvt",
    "permanent_contract_time",
    "shis_applications_granted",
)
# The follow-up figures the effect-goal page shows, for the chosen period: after the goal they
# follow the road to (``GOAL_FIGURES``), the others after the goals.
EFFECT_GOAL_PAGE_FIGURES = (
    "risk_assessment_within_14_days",
    "children_placed_with_own_decision",
    "reports_of_concern_rvt",
    "permanent_contract_time",
    "shis_applications_granted",
)
GOAL_FIGURES = {
    "permanent_housing_after_placement": ("permanent_contract_time", "shis_applications_granted")
}
GENDERS = ("female", "male", "other", "unknown")


class ReportPeriodError(ValueError):
    """The period cannot be reported: it ends before it starts."""


def year_earlier(day: datetime.date) -> datetime.date:
    """The same month and day one calendar year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def period_make(*, date_from: datetime.date, date_to: datetime.date) -> Period:
    if date_from > date_to:
        raise ReportPeriodError(f"the period starts ({date_from}) after it ends ({date_to})")
    return Period(date_from, date_to, year_earlier(date_from), year_earlier(date_to))


def met(numerator: int, denominator: int, target: Fraction, at_least: bool) -> bool | None:
    if denominator == 0:
        return None
    share = Fraction(numerator, denominator)
    return share >= target if at_least else share <= target


def share_figure(name: str, numerator: int, denominator: int) -> dict:
    figure = {
        "numerator": numerator,
        "denominator": denominator,
        "share": numerator / denominator if denominator else None,
    }
    if name in GOALS:
        target, exact, at_least = GOALS[name]
        figure["target"] = target
        figure["met"] = met(numerator, denominator, exact, at_least)
    return figure


def change_figure(current: int, previous: int) -> dict:
    target, exact, at_least = GOALS["shis_mellanbo_referrals"]
    return {
        "current": current,
        "previous": previous,
        "change": (current - previous) / previous if previous else None,
        "target": target,
        # (current - previous) / previous >= target, in integers
        "met": met(current - previous, previous, exact, at_least),
    }


def scope_make(values: dict[str, tuple[int, ...]], names: tuple[str, ...] = FIGURES) -> dict:
    """One SCOPE of the report from each figure's counts (zeros where a figure had no row)."""
    scope: dict = {}
    for name in names:
        counts = values.get(name)
        if name in SHARE_FIGURES:
            scope[name] = share_figure(name, *(counts or (0, 0)))
        elif name == "shis_mellanbo_referrals":
            scope[name] = change_figure(*(counts or (0, 0)))
        elif name in COUNT_FIGURES:
            current, previous = counts or (0, 0)
            scope[name] = {"current": current, "previous": previous}
        elif name in MEDIAN_FIGURES:
            count, median = counts or (0, None)
            scope[name] = {
                MEDIAN_FIGURES[name]: count,
                "median_days": None if median is None else float(median),
            }
        else:
            scope[name] = dict(zip(("total", *GENDERS), counts or (0,) * 5, strict=True))
    return scope


def effect_goal_report(
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    suppress: bool = False,
    names: tuple[str, ...] = FIGURES,
    live: bool = False,
) -> dict:
    """Every figure of the effect goals for the city and each district in the database.

    Districts are keyed by code, in code order, each district present even without data.
    With ``suppress`` small numbers are hidden as published tables must (``report_suppress``).
    ``names`` computes only some figures (the trend on the pages needs the five goals).
    A period that ended before this year is read from the store of figures (``stored.py``)
    unless ``live``: the same counts either way.
    """
    from brytupp.organisation.models import District

    period = period_make(date_from=date_from, date_to=date_to)
    computed = stored.figures_read(period, names, live=live)
    districts = District.objects.order_by("code").values_list("id", "code")

    def values(scope_id: int | None) -> dict[str, tuple[int, ...]]:
        return {name: rows[scope_id] for name, rows in computed.items() if scope_id in rows}

    report = {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "city": scope_make(values(None), names),
        "districts": {code: scope_make(values(pk), names) for pk, code in districts},
    }
    return report_suppress(report) if suppress else report
