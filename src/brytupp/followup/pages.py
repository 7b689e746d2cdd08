"""The follow-up pages as sections of tables and charts, the same for the page, its XLSX and
its PDF: what is shown is built once here, from what ``selectors.py`` lets the user see.

A section has a chart (server-side SVG, ``charts.py``) and the table of the same figures
beside it; a cell keeps its text for the page (``"<5"``, ``"83,3 %"``) and its value for a
spreadsheet (a number, or the text where a number is hidden).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from brytupp.followup.charts import Bar, Series, bar_chart, line_chart
from brytupp.followup.equality import INTERVENTION_ORDER, SHIS_KINDS
from brytupp.followup.report import (
    EFFECT_GOAL_PAGE_FIGURES,
    GENDERS,
    GOAL_FIGURES,
    GOALS,
    MEDIAN_FIGURES,
)
from brytupp.followup.selectors import Followed
from brytupp.followup.suppression import SUPPRESSED
from brytupp.followup.tables import XLSX_PERCENT
from brytupp.housing.models import ShisReferralKind
from brytupp.interventions.models import PALETTE, Intervention
from brytupp.people.models import Gender

# The trend chart draws the city and at most this many districts; the table has them all.
TREND_CHART_DISTRICTS = 3


@dataclass(frozen=True)
class Cell:
    text: str
    value: object = None  # what a spreadsheet gets: a number, or the text when hidden
    numeric: bool = True
    tag: str = ""  # a GOV.UK tag colour ("green", "red", "grey") when the cell is a status
    xlsx_format: str = ""  # a spreadsheet's number format: a share is a fraction shown in %


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    emphasis: bool = False  # the city, or a district that stands out
    note: str = ""  # why the row stands out, said in words


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]  # the first names the rows
    rows: list[Row]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lead: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)  # (term, definition)
    chart: SafeString | None = None
    charts: list[tuple[str, SafeString]] = field(default_factory=list)  # small multiples
    table: Table | None = None
    trend_chart: SafeString | None = None
    trend_table: Table | None = None
    stands_out: list[str] = field(default_factory=list)  # districts named in words


# --- formats -----------------------------------------------------------------------------


# Django's number_format cuts decimals off; figures are rounded (half to even) first.


def percent(value: float) -> str:
    return f"{number_format(round(value * 100, 1), decimal_pos=1)}\u00a0%"


def decimal(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1)


def days_text(value: float) -> str:
    """A median of whole days is whole, or halfway between two."""
    places = 0 if float(value).is_integer() else 1
    return _("%(days)s days") % {"days": number_format(round(value, 1), decimal_pos=places)}


def count_cell(value) -> Cell:
    if value == SUPPRESSED:
        return Cell(SUPPRESSED, SUPPRESSED)
    return Cell(number_format(value, force_grouping=True), value)


def derived_cell(value, format_, *, hidden: bool) -> Cell:
    """A share, a rate or a median: "<5" where it rests on a hidden count, "–" where none."""
    if value is None:
        return Cell(SUPPRESSED if hidden else "–", SUPPRESSED if hidden else None)
    return Cell(format_(value), value, xlsx_format=XLSX_PERCENT if format_ is percent else "")


def met_cell(met) -> Cell:
    if met is None:
        return Cell("–", None, numeric=False, tag="grey")
    if met:
        return Cell(_("Met"), True, numeric=False, tag="green")
    return Cell(_("Not met"), False, numeric=False, tag="red")


def _scopes(followed: Followed) -> list[tuple[str, bool, dict]]:
    """(label, is the city, scope) for the city and then each district followed."""
    report = followed.report
    city = [(_("The city"), True, report["city"])]
    return city + [(d.name, False, report["districts"][d.code]) for d in followed.districts]


def _any_hidden(figure: dict) -> bool:
    return any(value == SUPPRESSED for value in figure.values())


def _bar(label: str, is_city: bool, value: float | None, *, hidden: bool) -> Bar:
    """A bar of the city (emphasised) or a district; without a value, the reason in words."""
    note = "" if value is not None else (_("hidden (<5)") if hidden else _("no figure"))
    return Bar(label=label, value=value, note=note, emphasis=is_city)


def period_text(date_from: datetime.date, date_to: datetime.date) -> str:
    if (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31) and (
        date_from.year == date_to.year
    ):
        return str(date_from.year)
    return f"{date_from.isoformat()} – {date_to.isoformat()}"


def trend_axis_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """A trend chart's x label: the year, or "2024–2025" for a period across a new year. The
    full periods are in the table beside the chart; dates on the axis would overlap."""
    if date_from.year == date_to.year:
        return str(date_from.year)
    return f"{date_from.year}–{date_to.year}"


def trend_axis_caption(date_from: datetime.date, date_to: datetime.date) -> str:
    """What the trend chart's years stand for, unless each is a whole year."""
    if (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31):
        return ""
    return _("%(from)s – %(to)s of each year") % {
        "from": formats.date_format(date_from, "j F"),
        "to": formats.date_format(date_to, "j F"),
    }


# --- effect goals ------------------------------------------------------------------------

GOAL_TEXTS = {
    "screening_routine": (
        gettext_lazy("Units that ask about violence as a routine"),
        gettext_lazy(
            "All units that meet children, young people, adults and older people ask about "
            "exposure to violence as a routine."
        ),
        gettext_lazy("Units with the routine"),
        gettext_lazy("Units counted"),
    ),
    "permanent_housing_after_placement": (
        gettext_lazy("Permanent housing after protected housing"),
        gettext_lazy(
            "80 per cent of those who completed a placement in protected housing have a safe "
            "and permanent form of housing after the placement."
        ),
        gettext_lazy("Into permanent housing"),
        gettext_lazy("Completed placements"),
    ),
    "reactualisation": (
        gettext_lazy("Re-actualisation at the RVT"),
        gettext_lazy(
            "The share of people exposed to violence who are re-actualised at the RVT does "
            "not exceed 20 per cent."
        ),
        gettext_lazy("Re-actualised"),
        gettext_lazy("RVT cases opened"),
    ),
    "shis_mellanbo_referrals": (
        gettext_lazy("Referrals to SHIS Mellanbo"),
        gettext_lazy("Referrals to SHIS Mellanbo increase by 25 per cent."),
        gettext_lazy("Referrals"),
        gettext_lazy("The year before"),
    ),
    "child_schooling_within_week": (
        gettext_lazy("Schooling within a week for placed children"),
        gettext_lazy(
            "95 per cent of the children placed in protected housing have working schooling "
            "within a week."
        ),
        gettext_lazy("Schooling within 7 days"),
        gettext_lazy("Children aged 6–17 placed"),
    ),
}


def _goal_value(name: str, figure: dict):
    return figure["change"] if name == "shis_mellanbo_referrals" else figure["share"]


def _goal_counts(name: str, figure: dict) -> tuple:
    if name == "shis_mellanbo_referrals":
        return figure["current"], figure["previous"]
    return figure["numerator"], figure["denominator"]


def _goal_bar(name: str, label: str, is_city: bool, figure: dict) -> Bar:
    value = _goal_value(name, figure)
    if value is None:
        return _bar(label, is_city, None, hidden=_any_hidden(figure))
    if value < 0:  # a decrease: no bar to the left of zero, said in words
        return Bar(
            label=label,
            value=None,
            note=_("decreased by %(change)s") % {"change": percent(-value)},
            emphasis=is_city,
        )
    return Bar(label=label, value=value, emphasis=is_city)


def _goal_section(name: str, followed: Followed, trend: list[Followed]) -> Section:
    title, statement, numerator_label, denominator_label = GOAL_TEXTS[name]
    target, _exact, at_least = GOALS[name]
    is_change = name == "shis_mellanbo_referrals"
    measure = _("Change") if is_change else _("Share")
    target_words = (_("at least %(target)s") if at_least else _("at most %(target)s")) % {
        "target": percent(target)
    }
    scopes = _scopes(followed)
    rows = []
    for label, is_city, scope in scopes:
        figure = scope[name]
        first, second = _goal_counts(name, figure)
        rows.append(
            Row(
                label=label,
                emphasis=is_city,
                cells=[
                    count_cell(first),
                    count_cell(second),
                    derived_cell(_goal_value(name, figure), percent, hidden=_any_hidden(figure)),
                    met_cell(figure["met"]),
                ],
            )
        )
    table = Table(
        caption=_("%(goal)s, %(period)s")
        % {"goal": title, "period": period_text(followed.date_from, followed.date_to)},
        columns=[_("Scope"), str(numerator_label), str(denominator_label), measure, _("Goal")],
        rows=rows,
    )
    bars = [_goal_bar(name, label, is_city, scope[name]) for label, is_city, scope in scopes]
    shown_values = [b.value for b in bars if b.value is not None]
    chart = bar_chart(
        id_prefix=f"goal-{name}",
        title=str(title),
        description=_("%(measure)s for the city and each district; the goal is %(target)s.")
        % {"measure": measure, "target": target_words},
        bars=bars,
        value_format=percent,
        max_value=max([1.0, *shown_values]) if not is_change else max([target, *shown_values]),
        target=target,
        target_label=_("Goal %(target)s") % {"target": percent(target)},
    )
    trend_chart, trend_table = _goal_trend(name, title, trend, is_change, target)
    return Section(
        key=name,
        title=str(title),
        lead=str(statement),
        facts=[(_("Goal"), target_words), (_("Measured as"), str(measure))],
        chart=chart,
        table=table,
        trend_chart=trend_chart,
        trend_table=trend_table,
    )


def _goal_trend(name, title, trend: list[Followed], is_change: bool, target: float):
    """The trend over the years: for the change in referrals, the referrals themselves."""
    years = [period_text(f.date_from, f.date_to) for f in trend]
    scope_rows: dict[str, list] = {}
    city_label = _("The city")
    for followed in trend:
        for label, _is_city, scope in _scopes(followed):
            figure = scope[name]
            value = figure["current"] if is_change else figure["share"]
            if is_change:
                cell = count_cell(value)
            else:
                cell = derived_cell(value, percent, hidden=_any_hidden(figure))
            scope_rows.setdefault(label, []).append(cell)
    labels = list(scope_rows)
    charted = labels if len(labels) <= 1 + TREND_CHART_DISTRICTS else [city_label]
    series = [
        Series(
            label=label,
            values=[
                c.value if isinstance(c.value, int | float) else None for c in scope_rows[label]
            ],
        )
        for label in charted
    ]
    values = [v for s in series for v in s.values if v is not None]
    what = _("Referrals to SHIS Mellanbo") if is_change else _("Share")
    chart = line_chart(
        id_prefix=f"trend-{name}",
        title=_("%(goal)s over the years") % {"goal": title},
        description=_("%(what)s in the same period of each year, %(first)s to %(last)s.")
        % {"what": what, "first": years[0], "last": years[-1]},
        x_labels=[trend_axis_label(f.date_from, f.date_to) for f in trend],
        x_caption=trend_axis_caption(trend[-1].date_from, trend[-1].date_to),
        series=series,
        value_format=(lambda v: number_format(v, decimal_pos=0)) if is_change else percent,
        y_max=max([1, *values]) if is_change else 1.0,
        target=None if is_change else target,
        target_label="" if is_change else _("Goal %(target)s") % {"target": percent(target)},
    )
    table = Table(
        caption=_("%(goal)s over the years: %(what)s") % {"goal": title, "what": what},
        columns=[_("Scope"), *years],
        rows=[
            Row(label=label, cells=cells, emphasis=label == city_label)
            for label, cells in scope_rows.items()
        ],
    )
    return chart, table


def _figure_section(followed: Followed, name: str) -> Section:
    if name in COUNT_TEXTS:
        return count_section(followed, name)
    if name in MEDIAN_TEXTS:
        return median_section(followed, name)
    return share_section(followed, name)


def effect_goal_sections(followed: Followed, trend: list[Followed]) -> list[Section]:
    """The five goals, each followed by the follow-up figures of its road (the time to a
    permanent contract and SHIS's answers after permanent housing), then the other follow-up
    figures the page shows."""
    placed = {name for names in GOAL_FIGURES.values() for name in names}
    sections = []
    for goal in GOALS:
        sections.append(_goal_section(goal, followed, trend))
        sections += [_figure_section(followed, name) for name in GOAL_FIGURES.get(goal, ())]
    return sections + [
        _figure_section(followed, name) for name in EFFECT_GOAL_PAGE_FIGURES if name not in placed
    ]


# --- equality between districts ------------------------------------------------------------


def _gender_section(followed: Followed) -> Section:
    labels = dict(Gender.choices)
    rows = [
        Row(
            label=label,
            emphasis=is_city,
            cells=[count_cell(scope["active_cases"][key]) for key in ("total", *GENDERS)],
        )
        for label, is_city, scope in _scopes(followed)
    ]
    return Section(
        key="active_cases",
        title=_("Active cases by gender"),
        lead=_("Cases open at some time in the period, by the person's gender."),
        table=Table(
            caption=_("Active cases by gender"),
            columns=[_("Scope"), _("All"), *(str(labels[g]) for g in GENDERS)],
            rows=rows,
        ),
    )


def _intervention_section(followed: Followed) -> Section:
    names = dict(Intervention.choices)
    scopes = _scopes(followed)
    palette = [i.value for i in PALETTE]
    rows = []
    stands_out = []
    for label, is_city, scope in scopes:
        missing = [str(names[i]) for i in palette if scope["interventions"][i]["decisions"] == 0]
        if missing and not is_city:
            stands_out.append(
                _("%(district)s granted no %(interventions)s.")
                % {"district": label, "interventions": ", ".join(missing)}
            )
        cells = []
        for intervention in INTERVENTION_ORDER:
            figure = scope["interventions"][intervention]
            none = figure["decisions"] == 0 and intervention in palette
            cell = derived_cell(figure["per_100_cases"], decimal, hidden=_any_hidden(figure))
            if none:
                cell = Cell(pgettext("interventions granted", "None"), 0, tag="red")
            cells.append(cell)
        stands = bool(missing) and not is_city
        rows.append(
            Row(
                label=label,
                cells=cells,
                emphasis=is_city or stands,
                note=_("offers none of some palette interventions") if stands else "",
            )
        )
    charts = []
    for intervention in palette:
        bars = []
        for label, is_city, scope in scopes:
            figure = scope["interventions"][intervention]
            if figure["decisions"] == 0:
                bars.append(Bar(label=label, value=0.0, note=_("none granted"), emphasis=True))
            elif figure["per_100_cases"] is None:
                bars.append(Bar(label=label, value=None, note=_("hidden (<5)")))
            else:
                bars.append(Bar(label=label, value=figure["per_100_cases"], emphasis=is_city))
        charts.append(
            (
                str(names[intervention]),
                bar_chart(
                    id_prefix=f"intervention-{intervention}",
                    title=str(names[intervention]),
                    description=_(
                        "Decisions granted per 100 active cases, the city and each district."
                    ),
                    bars=bars,
                    value_format=decimal,
                ),
            )
        )
    return Section(
        key="interventions",
        title=_("Interventions granted per 100 cases"),
        lead=_(
            "Decisions made in the period per 100 active cases. Every district must offer "
            "the eight interventions of the Bryt upp palette; a district that granted none of "
            "one stands out."
        ),
        charts=charts,
        table=Table(
            caption=_("Interventions granted per 100 active cases"),
            columns=[_("Scope"), *(str(names[i]) for i in INTERVENTION_ORDER)],
            rows=rows,
        ),
        stands_out=stands_out,
    )


def _rows_and_bars(followed: Followed, key: str, cells, charted: str):
    """One figure's table rows and chart bars, the city first: ``cells(figure, hidden)`` gives
    a row's cells, ``charted`` names the measure drawn."""
    rows, bars = [], []
    for label, is_city, scope in _scopes(followed):
        figure = scope[key]
        hidden = _any_hidden(figure)
        rows.append(Row(label=label, emphasis=is_city, cells=cells(figure, hidden)))
        bars.append(_bar(label, is_city, figure[charted], hidden=hidden))
    return rows, bars


def _protected_housing_section(followed: Followed) -> Section:
    rows, bars = _rows_and_bars(
        followed,
        "protected_housing",
        lambda figure, hidden: [
            count_cell(figure["decisions"]),
            derived_cell(figure["median_days"], days_text, hidden=hidden),
            count_cell(figure["short"]),
            derived_cell(figure["short_share"], percent, hidden=hidden),
        ],
        charted="short_share",
    )
    return Section(
        key="protected_housing",
        title=_("Protected housing decisions"),
        lead=_(
            "Decisions on protected housing made in the period and ending: how long they "
            "run, and how many were for 14 days or less."
        ),
        chart=bar_chart(
            id_prefix="protected-housing",
            title=_("Share of decisions for 14 days or less"),
            description=_("Share of protected housing decisions for 14 days or less."),
            bars=bars,
            value_format=percent,
            max_value=1.0,
        ),
        table=Table(
            caption=_("Protected housing decisions"),
            columns=[
                _("Scope"),
                _("Decisions"),
                _("Median length"),
                _("14 days or less"),
                _("Share 14 days or less"),
            ],
            rows=rows,
        ),
    )


def _protected_housing_stays_section(followed: Followed) -> Section:
    rows, bars = _rows_and_bars(
        followed,
        "protected_housing_stays",
        lambda figure, hidden: [
            count_cell(figure["placements"]),
            derived_cell(figure["median_days"], days_text, hidden=hidden),
            count_cell(figure["over_limit"]),
        ],
        charted="median_days",
    )
    limit = {"limit": followed.report["stay_limit_days"]}
    return Section(
        key="protected_housing_stays",
        title=_("Length of stay in protected housing"),
        lead=_(
            "Placements in protected housing that ended in the period: the median stay in "
            "nights, and how many stays were longer than the city's limit of %(limit)d days."
        )
        % limit,
        chart=bar_chart(
            id_prefix="protected-housing-stays",
            title=_("Median stay in protected housing"),
            description=_("Median stay in nights, the city and each district."),
            bars=bars,
            value_format=days_text,
        ),
        table=Table(
            caption=_("Length of stay in protected housing"),
            columns=[
                _("Scope"),
                _("Placements ended"),
                _("Median stay"),
                _("Longer than %(limit)d days") % limit,
            ],
            rows=rows,
        ),
    )


def _rvc_wait_section(followed: Followed) -> Section:
    rows, bars = _rows_and_bars(
        followed,
        "rvc_support_talk_wait",
        lambda figure, hidden: [
            count_cell(figure["decisions"]),
            derived_cell(figure["median_days"], days_text, hidden=hidden),
        ],
        charted="median_days",
    )
    return Section(
        key="rvc_support_talk_wait",
        title=_("Wait for support talks at the RVC"),
        lead=_(
            "Decisions on individual or group support talks at an RVC made in the period: "
            "the median number of days from the decision to the first talk."
        ),
        chart=bar_chart(
            id_prefix="rvc-wait",
            title=_("Median days from decision to support talks"),
            description=_("Median wait in days, the city and each district."),
            bars=bars,
            value_format=days_text,
        ),
        table=Table(
            caption=_("Wait for support talks at the RVC"),
            columns=[_("Scope"), _("Decisions"), _("Median wait")],
            rows=rows,
        ),
    )


# The shares without a target: (title, lead, numerator column, denominator column, chart
# description).
SHARE_TEXTS = {
    "placement_follow_up_within_week": (
        gettext_lazy("Placements followed up within 7 days"),
        gettext_lazy("Placements started in the period that were followed up within 7 days."),
        gettext_lazy("Followed up"),
        gettext_lazy("Placements started"),
        gettext_lazy("Share of placements followed up within 7 days."),
    ),
    "risk_assessment_within_14_days": (
        gettext_lazy("Structured risk assessment within 14 days"),
        gettext_lazy(
            "Cases led by an RVT and opened in the period that had a structured risk "
            "assessment (FREDA dangerousness or PATRIARK) from the day they were opened to "
            "14 days after. A follow-up figure, not one of the effect goals: it has no target."
        ),
        gettext_lazy("Assessed within 14 days"),
        gettext_lazy("RVT cases opened"),
        gettext_lazy("Share of RVT cases with a structured risk assessment within 14 days."),
    ),
    "children_placed_with_own_decision": (
        gettext_lazy("Children in protected housing with their own decision"),
        gettext_lazy(
            "Children placed in protected housing with a parent whose placement began in the "
            "period, and those of them placed on a decision of their own. A follow-up figure: "
            "it has no target."
        ),
        gettext_lazy("With their own decision"),
        gettext_lazy("Children placed"),
        gettext_lazy("Share of the children placed who have their own decision."),
    ),
    "shis_applications_granted": (
        gettext_lazy("SHIS applications granted"),
        gettext_lazy(
            "Applications to SHIS Bostäder on the housing plans of placements whose answer "
            "came in the period, and those of them granted. A follow-up figure on the road to "
            "permanent housing: it has no target."
        ),
        gettext_lazy("Granted"),
        gettext_lazy("Answered"),
        gettext_lazy("Share of the SHIS applications answered that were granted."),
    ),
}

# A number of records and the median of their days: (title, lead, count column, median
# column, chart description).
MEDIAN_TEXTS = {
    "permanent_contract_time": (
        gettext_lazy("Time to a permanent housing contract"),
        gettext_lazy(
            "Contracts for permanent housing (at least 6 months) signed in the period and "
            "recorded on the housing plan of a placement in protected housing: the median "
            "number of days from the start of the placement to the contract. A follow-up "
            "figure: it has no target."
        ),
        gettext_lazy("Contracts signed"),
        gettext_lazy("Median time"),
        gettext_lazy("Median days from the start of the placement to the contract."),
    ),
}

# The counts against the same period a year before: (title, lead, column, chart description).
COUNT_TEXTS = {
    "reports_of_concern_rvt": (
        gettext_lazy("Reports of concern made for children in RVT cases"),
        gettext_lazy(
            "Reports of concern (orosanmälningar) the units made about children in cases led "
            "by an RVT, in the period and in the same period a year before. Reports received "
            "are not counted."
        ),
        gettext_lazy("Reports made"),
        gettext_lazy("Reports of concern made in the period, the city and each district."),
    ),
}


def share_section(followed: Followed, key: str) -> Section:
    """A share without a target: a bar chart of the city and each district, and its table."""
    title, lead, numerator_label, denominator_label, description = SHARE_TEXTS[key]
    rows, bars = _rows_and_bars(
        followed,
        key,
        lambda figure, hidden: [
            count_cell(figure["numerator"]),
            count_cell(figure["denominator"]),
            derived_cell(figure["share"], percent, hidden=hidden),
        ],
        charted="share",
    )
    return Section(
        key=key,
        title=str(title),
        lead=str(lead),
        chart=bar_chart(
            id_prefix=key.replace("_", "-"),
            title=str(title),
            description=str(description),
            bars=bars,
            value_format=percent,
            max_value=1.0,
        ),
        table=Table(
            caption=str(title),
            columns=[_("Scope"), str(numerator_label), str(denominator_label), _("Share")],
            rows=rows,
        ),
    )


def median_section(followed: Followed, key: str) -> Section:
    """A number of records and the median of their days: the median charted for the city and
    each district (no bar where it is hidden or there is none), and the table of both."""
    title, lead, count_label, median_label, description = MEDIAN_TEXTS[key]
    count_key = MEDIAN_FIGURES[key]
    rows, bars = _rows_and_bars(
        followed,
        key,
        lambda figure, hidden: [
            count_cell(figure[count_key]),
            derived_cell(figure["median_days"], days_text, hidden=hidden),
        ],
        charted="median_days",
    )
    return Section(
        key=key,
        title=str(title),
        lead=str(lead),
        chart=bar_chart(
            id_prefix=key.replace("_", "-"),
            title=str(title),
            description=str(description),
            bars=bars,
            value_format=days_text,
        ),
        table=Table(
            caption=str(title),
            columns=[_("Scope"), str(count_label), str(median_label)],
            rows=rows,
        ),
    )


def count_section(followed: Followed, key: str) -> Section:
    """A count against the same period a year before: the period's count charted for the
    city and each district, and the table of both."""
    title, lead, column, description = COUNT_TEXTS[key]
    rows, bars = _rows_and_bars(
        followed,
        key,
        lambda figure, hidden: [count_cell(figure["current"]), count_cell(figure["previous"])],
        charted="current",
    )
    # A hidden count is charted as no bar, with its reason.
    bars = [
        bar
        if isinstance(bar.value, int)
        else Bar(label=bar.label, value=None, note=_("hidden (<5)"), emphasis=bar.emphasis)
        for bar in bars
    ]
    values = [bar.value for bar in bars if bar.value is not None]
    return Section(
        key=key,
        title=str(title),
        lead=str(lead),
        chart=bar_chart(
            id_prefix=key.replace("_", "-"),
            title=str(title),
            description=str(description),
            bars=bars,
            value_format=lambda v: number_format(v, decimal_pos=0, force_grouping=True),
            max_value=max([1, *values]),
        ),
        table=Table(
            caption=str(title),
            columns=[_("Scope"), str(column), _("The same period a year before")],
            rows=rows,
        ),
    )


def _sip_and_shis_section(followed: Followed) -> Section:
    kinds = dict(ShisReferralKind.choices)
    rows = [
        Row(
            label=label,
            emphasis=is_city,
            cells=[
                count_cell(scope["sip_count"]["current"]),
                count_cell(scope["sip_count"]["previous"]),
                *(count_cell(scope["shis_referrals"][kind]) for kind in SHIS_KINDS),
            ],
        )
        for label, is_city, scope in _scopes(followed)
    ]
    return Section(
        key="sip_and_shis",
        title=_("SIPs and SHIS referrals"),
        lead=_(
            "Coordinated individual plans (SIP) with the region, against the same period a "
            "year before, and referrals to SHIS by kind."
        ),
        table=Table(
            caption=_("SIPs and SHIS referrals"),
            columns=[
                _("Scope"),
                _("SIPs"),
                _("SIPs the year before"),
                *(str(kinds[kind]) for kind in SHIS_KINDS),
            ],
            rows=rows,
        ),
    )


def _palette_coverage_section(followed: Followed) -> Section:
    """Each district's local process as it is today (decision 0051), whatever the period:
    how many of the eight items of the palette someone offers, and which no one does."""
    names = dict(Intervention.choices)
    rows, stands_out = [], []
    for district in followed.districts:
        coverage = followed.report["districts"][district.code].get("palette_coverage")
        if not coverage:
            continue  # a district of the period that is no longer
        missing = ", ".join(str(names[item]) for item in coverage["missing"])
        if missing:
            stands_out.append(
                _("%(district)s: no one offers %(items)s.")
                % {"district": district.name, "items": missing}
            )
        offered = _("%(part)d of %(whole)d") % {
            "part": coverage["offered"],
            "whole": coverage["items"],
        }
        rows.append(
            Row(
                label=district.name,
                emphasis=bool(missing),
                note=_("offers none of some palette interventions") if missing else "",
                cells=[
                    Cell(offered, coverage["offered"]),
                    Cell(missing or "–", missing or None, numeric=False),
                ],
            )
        )
    city = followed.report["city"]["palette_coverage"]
    return Section(
        key="palette_coverage",
        title=_("The palette in local processes"),
        lead=_(
            "From each district's local process as it is today, whatever the period: how "
            "many of the eight interventions of the palette a unit or a partner offers, and "
            "which no one offers."
        ),
        facts=[
            (
                _("Districts offering all eight"),
                _("%(part)d of %(whole)d") % {"part": city["complete"], "whole": city["districts"]},
            )
        ],
        table=Table(
            caption=_("The palette in the local processes today"),
            columns=[_("District"), _("Offered"), _("No one offers")],
            rows=rows,
        ),
        stands_out=stands_out,
    )


def equality_sections(followed: Followed) -> list[Section]:
    return [
        _gender_section(followed),
        _intervention_section(followed),
        _protected_housing_section(followed),
        _protected_housing_stays_section(followed),
        _rvc_wait_section(followed),
        share_section(followed, "placement_follow_up_within_week"),
        share_section(followed, "risk_assessment_within_14_days"),
        _sip_and_shis_section(followed),
        _palette_coverage_section(followed),
    ]


# --- the page as a spreadsheet -------------------------------------------------------------


def sections_xlsx(*, title: str, period: str, sections: list[Section], hidden: bool) -> bytes:
    """A sheet per section: its table, then its trend table; hidden counts as the text <5."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in sections:
        sheet = workbook.create_sheet(_sheet_name(section.title, workbook))
        sheet.append([title, period])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([section.title])
        if section.lead:
            sheet.append([section.lead])
        if hidden:
            sheet.append([_("Counts from 1 to 4 are shown as <5.")])
        for table in (section.table, section.trend_table):
            if table is None:
                continue
            sheet.append([])
            sheet.append([table.caption])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.append(table.columns)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in table.rows:
                sheet.append([row.label, *(_xlsx_value(cell) for cell in row.cells)])
                for written, cell in zip(sheet[sheet.max_row][1:], row.cells, strict=False):
                    if cell.xlsx_format and isinstance(cell.value, int | float):
                        written.number_format = cell.xlsx_format
        for line in section.stands_out:
            sheet.append([line])
        sheet.column_dimensions["A"].width = 28
        for index in range(2, 16):
            sheet.column_dimensions[get_column_letter(index)].width = 16
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(cell: Cell):
    if isinstance(cell.value, bool):
        return cell.text
    if cell.value is None:
        return None
    return cell.value


def _sheet_name(title: str, workbook) -> str:
    """The section's title as a sheet's name: at most 31 characters (Excel's limit), cut
    after a whole word."""
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")
    if len(name) > 31:
        name = name[:32].rsplit(" ", 1)[0] if " " in name[:32] else name[:31]
    taken = set(workbook.sheetnames)
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name[:28]} {n}"
        n += 1
    return candidate
