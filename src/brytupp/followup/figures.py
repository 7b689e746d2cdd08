"""The effect-goal figures as aggregate SQL: one query per figure, city and districts together.

Each query groups by ``GROUPING SETS ((district_id), ())``: one row per district that has
records and one row for the whole city (``GROUPING(district_id) = 1``). A unit without a
district (a city-wide unit) falls in the grouping set ``(NULL)``, which is dropped, and is
counted in the city row only. Districts without any row get zeros in ``report.py``.

Every value comes in as a bound parameter (``%(name)s``); the only text put into the SQL is
the table names, taken from the models' ``_meta``. Dates are compared as dates:
``day + 7`` and ``day - 365`` are whole days in PostgreSQL. The definitions, and how each
maps onto these tables, are in ``docs/effect-goals.md``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection

from brytupp.assessments.models import (
    SCREENING_UNIT_KINDS,
    STRUCTURED_INSTRUMENTS,
    RiskAssessment,
    Screening,
)
from brytupp.cases.models import Case, CaseAcceptance
from brytupp.children.models import ReportDirection, ReportOfConcern
from brytupp.housing.models import (
    PERMANENT_MIN_MONTHS,
    PERMANENT_TYPES,
    ApplicationOutcome,
    HousingPlan,
    HousingPlanStep,
    HousingStepKind,
    HousingStepTemplate,
    ShisReferral,
)
from brytupp.interventions.models import (
    FOLLOW_UP_WITHIN_DAYS,
    SCHOOL_AGE_FROM,
    SCHOOL_AGE_TO,
    SCHOOLING_WITHIN_DAYS,
    FollowUp,
    Placement,
    PlacementChild,
    PlacementEndReason,
)
from brytupp.organisation.models import Unit, UnitKind
from brytupp.people.models import Person
from brytupp.plans.models import Sip

# The rules of the records themselves come from their models, so a figure counts what the
# pages call by the same name: the unit kinds that screen, permanent housing (type and
# months), the week within which a placement is followed up and a child starts school, and
# compulsory-school age. What is the follow-up's own is defined here.
# A unit has the routine when at least 90 % of its screenings asked: asked/total >= 9/10,
# compared in integers.
ROUTINE_SHARE = (9, 10)
REACTUALISATION_DAYS = 365
# A structured risk assessment measures the risk of further violence with a validated
# instrument (``assessments.models.STRUCTURED_INSTRUMENTS``, also what sets a case's level).
# FREDA's short questions are screening, FREDA's description describes the violence, and the
# police's assessments are another authority's: none of them counts.
STRUCTURED_RISK_INSTRUMENTS = tuple(sorted(STRUCTURED_INSTRUMENTS))
RISK_ASSESSMENT_WITHIN_DAYS = 14
# The step of the housing checklist whose outcome is SHIS Bostäder's answer (decision 0046:
# the city's step, or a district's step of the same code that replaces it).
SHIS_APPLICATION_STEP = "shis_application"


@dataclass(frozen=True)
class Period:
    date_from: datetime.date
    date_to: datetime.date
    # The same period one calendar year earlier (29 February becomes 28 February).
    previous_from: datetime.date
    previous_to: datetime.date


# What each query returns per scope: ``None`` is the city, otherwise a district's id.
Rows = dict[int | None, tuple[int, ...]]


def _tables() -> dict[str, str]:
    models = {
        "unit": Unit,
        "screening": Screening,
        "case": Case,
        "person": Person,
        "placement": Placement,
        "placement_child": PlacementChild,
        "follow_up": FollowUp,
        "shis_referral": ShisReferral,
        "sip": Sip,
        "risk_assessment": RiskAssessment,
        "report_of_concern": ReportOfConcern,
        "housing_plan": HousingPlan,
        "housing_plan_step": HousingPlanStep,
        "housing_step_template": HousingStepTemplate,
    }
    return {name: connection.ops.quote_name(model._meta.db_table) for name, model in models.items()}


GROUPED = "GROUP BY GROUPING SETS ((district_id), ())"
# The district a case belonged to on a day: the one it was handed over from by the first
# hand-over received after that day, else its district (decision 0049; migration cases 0015).
# Every record counts in the district of its own date.
DISTRICT_ON = "brytupp_case_district_on"
# The cases ever handed over: a few among a million. PostgreSQL reads this list once per query
# into a hash, so a case never handed over gets its district without the function being called
# (at 85 000 cases 0.08 s against 0.29 s, the plain ``c.district_id`` 0.07 s).
MOVED_CASES = "SELECT case_id FROM cases_casetransfer WHERE status = 'accepted'"


def _arguments(text: str, start: int) -> tuple[list[str], int]:
    """The comma-separated arguments of the call whose "(" is at ``start``, and the index
    after its ")"."""
    depth, arguments, begin = 0, [], start + 1
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                arguments.append(text[begin:index].strip())
                return arguments, index + 1
        elif char == "," and depth == 1:
            arguments.append(text[begin:index].strip())
            begin = index + 1
    raise ValueError("unbalanced call")


def district_on_fast(sql: str) -> str:
    """``sql`` with every ``brytupp_case_district_on(case, district, day)`` asked only for the
    cases ever handed over (``MOVED_CASES``); any other case's district is its own."""
    out, position = [], 0
    call = DISTRICT_ON + "("
    while (found := sql.find(call, position)) >= 0:
        (case_id, district_id, day), end = _arguments(sql, found + len(DISTRICT_ON))
        out.append(sql[position:found])
        out.append(
            f"CASE WHEN {case_id} IN ({MOVED_CASES}) "
            f"THEN {DISTRICT_ON}({case_id}, {district_id}, {day}) ELSE {district_id} END"
        )
        position = end
    out.append(sql[position:])
    return "".join(out)


SCOPE = "GROUPING(district_id) = 1 AS is_city, district_id"

SCREENING_ROUTINE = """
WITH per_unit AS (
    SELECT unit_id, COUNT(*) AS total, COUNT(*) FILTER (WHERE asked) AS asked
    FROM {screening}
    WHERE date BETWEEN %(date_from)s AND %(date_to)s
    GROUP BY unit_id
), counted AS (
    SELECT u.district_id,
           COALESCE(per_unit.total > 0
                    AND %(routine_den)s * per_unit.asked >= %(routine_num)s * per_unit.total,
                    false) AS has_routine
    FROM {unit} u
    LEFT JOIN per_unit ON per_unit.unit_id = u.id
    WHERE u.kind = ANY(%(kinds)s)
      AND (u.valid_from IS NULL OR u.valid_from <= %(date_to)s)
      AND (u.valid_to IS NULL OR u.valid_to >= %(date_from)s)
)
SELECT {scope}, COUNT(*) FILTER (WHERE has_routine), COUNT(*)
FROM counted {grouped}
"""

PERMANENT_HOUSING = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, p."end") AS district_id,
           p.next_housing_type = ANY(%(housing_types)s)
           AND p.next_housing_contract_months >= %(min_months)s AS permanent
    FROM {placement} p JOIN {case} c ON c.id = p.case_id
    WHERE p."end" BETWEEN %(date_from)s AND %(date_to)s AND p.end_reason = %(completed)s
)
SELECT {scope}, COUNT(*) FILTER (WHERE permanent), COUNT(*)
FROM counted {grouped}
"""

# The RVT cases opened in the period or closed in the year before its end are read once and
# joined with themselves by person: a hash join, where an EXISTS per case opened read the case
# table once per RVT unit (twice as slow at a million cases, docs/performance.md). Only
# accepted cases count, as opened or as the earlier case: a pending case is not a case yet and
# a refused one never was (decision 0016).
REACTUALISATION = """
WITH rvt_case AS MATERIALIZED (
    SELECT id, person_id, {district_on}(id, district_id, opened) AS district_id, opened, closed
    FROM {case}
    WHERE lead_unit_id IN (SELECT id FROM {unit} WHERE kind = 'rvt')
      AND acceptance = %(accepted)s
      AND (opened BETWEEN %(date_from)s AND %(date_to)s
           OR closed BETWEEN %(date_from)s::date - %(days)s::integer AND %(date_to)s)
), counted AS (
    SELECT o.district_id, bool_or(e.id IS NOT NULL) AS reactualised
    FROM rvt_case o
    LEFT JOIN rvt_case e
      ON e.person_id = o.person_id AND e.id <> o.id
     AND e.closed BETWEEN o.opened - %(days)s::integer AND o.opened
    WHERE o.opened BETWEEN %(date_from)s AND %(date_to)s
    GROUP BY o.district_id, o.id
)
SELECT {scope}, COUNT(*) FILTER (WHERE reactualised), COUNT(*)
FROM counted {grouped}
"""

SHIS_MELLANBO = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, r.date) AS district_id, r.date
    FROM {shis_referral} r JOIN {case} c ON c.id = r.case_id
    WHERE r.kind = 'mellanbo'
      AND (r.date BETWEEN %(date_from)s AND %(date_to)s
           OR r.date BETWEEN %(previous_from)s AND %(previous_to)s)
)
SELECT {scope},
       COUNT(*) FILTER (WHERE date BETWEEN %(date_from)s AND %(date_to)s),
       COUNT(*) FILTER (WHERE date BETWEEN %(previous_from)s AND %(previous_to)s)
FROM counted {grouped}
"""

# Completed years on the placement's start day, as PostgreSQL subtracts years: a child born
# on 29 February turns N on 1 March in a common year (start - N years is 28 February, which
# is before the birth date).
CHILD_SCHOOLING = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, p.start) AS district_id,
           pc.schooling_start IS NOT NULL
           AND pc.schooling_start <= p.start + %(days)s::integer AS schooled
    FROM {placement_child} pc
    JOIN {placement} p ON p.id = pc.placement_id
    JOIN {case} c ON c.id = p.case_id
    JOIN {person} child ON child.id = pc.child_id
    WHERE p.start BETWEEN %(date_from)s AND %(date_to)s
      AND child.birth_date <= (p.start - make_interval(years => %(age_from)s::integer))::date
      AND child.birth_date > (p.start - make_interval(years => %(age_to)s::integer + 1))::date
)
SELECT {scope}, COUNT(*) FILTER (WHERE schooled), COUNT(*)
FROM counted {grouped}
"""

PLACEMENT_FOLLOW_UP = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, p.start) AS district_id,
           EXISTS (
               SELECT 1 FROM {follow_up} f
               WHERE f.placement_id = p.id
                 AND f.date BETWEEN p.start AND p.start + %(days)s::integer
           ) AS followed_up
    FROM {placement} p JOIN {case} c ON c.id = p.case_id
    WHERE p.start BETWEEN %(date_from)s AND %(date_to)s
)
SELECT {scope}, COUNT(*) FILTER (WHERE followed_up), COUNT(*)
FROM counted {grouped}
"""

# As for reactualisation, only accepted cases led by an RVT. The 14 days may run past the
# period's end: a case opened on 28 December counts its assessments up to 11 January.
RISK_ASSESSMENT_WITHIN = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, c.opened) AS district_id,
           EXISTS (
               SELECT 1 FROM {risk_assessment} ra
               WHERE ra.case_id = c.id
                 AND ra.instrument = ANY(%(instruments)s)
                 AND ra.date BETWEEN c.opened AND c.opened + %(days)s::integer
           ) AS assessed
    FROM {case} c
    WHERE c.opened BETWEEN %(date_from)s AND %(date_to)s
      AND c.acceptance = %(accepted)s
      AND c.lead_unit_id IN (SELECT id FROM {unit} WHERE kind = %(rvt)s)
)
SELECT {scope}, COUNT(*) FILTER (WHERE assessed), COUNT(*)
FROM counted {grouped}
"""

# The children placed with a parent whose own placement began in the period (the placement's
# start for a child placed with it from the beginning), and those of them placed on a decision
# of their own (``PlacementChild.decision``, decision 0045).
CHILDREN_OWN_DECISION = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, COALESCE(pc.start, p.start)) AS district_id,
           pc.decision_id IS NOT NULL AS own_decision
    FROM {placement_child} pc
    JOIN {placement} p ON p.id = pc.placement_id
    JOIN {case} c ON c.id = p.case_id
    WHERE COALESCE(pc.start, p.start) BETWEEN %(date_from)s AND %(date_to)s
)
SELECT {scope}, COUNT(*) FILTER (WHERE own_decision), COUNT(*)
FROM counted {grouped}
"""

# Reports of concern the units made (not those they received) about children in accepted
# cases led by an RVT, dated in the period and in the period a year earlier, as SIPs.
REPORTS_OF_CONCERN_RVT = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, r.date) AS district_id, r.date
    FROM {report_of_concern} r JOIN {case} c ON c.id = r.case_id
    WHERE r.direction = %(made)s
      AND c.acceptance = %(accepted)s
      AND c.lead_unit_id IN (SELECT id FROM {unit} WHERE kind = %(rvt)s)
      AND (r.date BETWEEN %(date_from)s AND %(date_to)s
           OR r.date BETWEEN %(previous_from)s AND %(previous_to)s)
)
SELECT {scope},
       COUNT(*) FILTER (WHERE date BETWEEN %(date_from)s AND %(date_to)s),
       COUNT(*) FILTER (WHERE date BETWEEN %(previous_from)s AND %(previous_to)s)
FROM counted {grouped}
"""

# The road to a home (issue 17, decision 0048), each record in the district of its date.
#
# A contract for a permanent home signed in the period, of a permanent kind (the plan's
# constraint) and of at least six months, and the nights from the placement's start to it.
PERMANENT_CONTRACT_TIME = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, hp.contract_signed) AS district_id,
           hp.contract_signed - p.start AS days
    FROM {housing_plan} hp
    JOIN {placement} p ON p.id = hp.placement_id
    JOIN {case} c ON c.id = p.case_id
    WHERE hp.contract_signed BETWEEN %(date_from)s AND %(date_to)s
      AND hp.contract_months >= %(min_months)s
)
SELECT {scope}, COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
FROM counted {grouped}
"""

# SHIS applications of the housing plans with an outcome dated in the period, and those granted.
SHIS_APPLICATIONS_GRANTED = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, s.outcome_date) AS district_id,
           s.outcome = %(granted)s AS granted
    FROM {housing_plan_step} s
    JOIN {housing_step_template} t ON t.id = s.template_id
    JOIN {housing_plan} hp ON hp.id = s.plan_id
    JOIN {placement} p ON p.id = hp.placement_id
    JOIN {case} c ON c.id = p.case_id
    WHERE t.code = %(step)s AND t.kind = %(application)s
      AND s.outcome <> '' AND s.outcome_date BETWEEN %(date_from)s AND %(date_to)s
)
SELECT {scope}, COUNT(*) FILTER (WHERE granted), COUNT(*)
FROM counted {grouped}
"""

SIP_COUNT = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, s.date) AS district_id, s.date
    FROM {sip} s JOIN {case} c ON c.id = s.case_id
    WHERE s.date BETWEEN %(date_from)s AND %(date_to)s
       OR s.date BETWEEN %(previous_from)s AND %(previous_to)s
)
SELECT {scope},
       COUNT(*) FILTER (WHERE date BETWEEN %(date_from)s AND %(date_to)s),
       COUNT(*) FILTER (WHERE date BETWEEN %(previous_from)s AND %(previous_to)s)
FROM counted {grouped}
"""

# Accepted cases only, as for reactualisation: the denominator of "per 100 cases" too. A case
# counts once, in the district it belonged to on its last day in the period.
ACTIVE_CASES = """
WITH counted AS (
    SELECT {district_on}(c.id, c.district_id, LEAST(COALESCE(c.closed, %(date_to)s), %(date_to)s))
           AS district_id,
           pe.gender
    FROM {case} c JOIN {person} pe ON pe.id = c.person_id
    WHERE c.opened <= %(date_to)s AND (c.closed IS NULL OR c.closed >= %(date_from)s)
      AND c.acceptance = %(accepted)s
)
SELECT {scope},
       COUNT(*),
       COUNT(*) FILTER (WHERE gender = 'female'),
       COUNT(*) FILTER (WHERE gender = 'male'),
       COUNT(*) FILTER (WHERE gender = 'other'),
       COUNT(*) FILTER (WHERE gender = 'unknown')
FROM counted {grouped}
"""


def _run(sql: str, period: Period, **params) -> Rows:
    text = district_on_fast(
        sql.format(scope=SCOPE, grouped=GROUPED, district_on=DISTRICT_ON, **_tables())
    )
    params.update(
        date_from=period.date_from,
        date_to=period.date_to,
        previous_from=period.previous_from,
        previous_to=period.previous_to,
    )
    return rows_fetch(text, params)


def rows_fetch(text: str, params: dict) -> Rows:
    """Run a query whose rows start with (is_city, district_id): the values per scope."""
    rows: Rows = {}
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        for is_city, district_id, *values in cursor.fetchall():
            if is_city:
                rows[None] = tuple(values)
            elif district_id is not None:
                rows[district_id] = tuple(values)
    return rows


def screening_routine(period: Period) -> Rows:
    """(units with the routine, units counted)"""
    return _run(
        SCREENING_ROUTINE,
        period,
        kinds=sorted(kind.value for kind in SCREENING_UNIT_KINDS),
        routine_num=ROUTINE_SHARE[0],
        routine_den=ROUTINE_SHARE[1],
    )


def permanent_housing_after_placement(period: Period) -> Rows:
    """(completed placements ending in permanent housing, completed placements)"""
    return _run(
        PERMANENT_HOUSING,
        period,
        housing_types=sorted(housing.value for housing in PERMANENT_TYPES),
        min_months=PERMANENT_MIN_MONTHS,
        completed=PlacementEndReason.COMPLETED.value,
    )


def reactualisation(period: Period) -> Rows:
    """(re-opened RVT cases, RVT cases opened)"""
    return _run(
        REACTUALISATION, period, days=REACTUALISATION_DAYS, accepted=CaseAcceptance.ACCEPTED.value
    )


def shis_mellanbo_referrals(period: Period) -> Rows:
    """(referrals in the period, referrals in the previous period)"""
    return _run(SHIS_MELLANBO, period)


def child_schooling_within_week(period: Period) -> Rows:
    """(school-age children with schooling within a week, school-age children placed)"""
    return _run(
        CHILD_SCHOOLING,
        period,
        days=SCHOOLING_WITHIN_DAYS,
        age_from=SCHOOL_AGE_FROM,
        age_to=SCHOOL_AGE_TO,
    )


def placement_follow_up_within_week(period: Period) -> Rows:
    """(placements followed up within a week, placements started)"""
    return _run(PLACEMENT_FOLLOW_UP, period, days=FOLLOW_UP_WITHIN_DAYS)


def risk_assessment_within_14_days(period: Period) -> Rows:
    """(RVT cases with a structured risk assessment within 14 days, RVT cases opened)"""
    return _run(
        RISK_ASSESSMENT_WITHIN,
        period,
        instruments=[instrument.value for instrument in STRUCTURED_RISK_INSTRUMENTS],
        days=RISK_ASSESSMENT_WITHIN_DAYS,
        accepted=CaseAcceptance.ACCEPTED.value,
        rvt=UnitKind.RVT.value,
    )


def children_placed_with_own_decision(period: Period) -> Rows:
    """(children placed on their own decision, children placed)"""
    return _run(CHILDREN_OWN_DECISION, period)


def reports_of_concern_rvt(period: Period) -> Rows:
    """(reports made in the period, reports made in the period a year earlier)"""
    return _run(
        REPORTS_OF_CONCERN_RVT,
        period,
        made=ReportDirection.MADE.value,
        accepted=CaseAcceptance.ACCEPTED.value,
        rvt=UnitKind.RVT.value,
    )


def permanent_contract_time(period: Period) -> Rows:
    """(contracts for a permanent home signed in the period, median nights from the
    placement's start to the contract; ``None`` without contracts)"""
    return _run(PERMANENT_CONTRACT_TIME, period, min_months=PERMANENT_MIN_MONTHS)


def shis_applications_granted(period: Period) -> Rows:
    """(SHIS applications granted, SHIS applications with an outcome dated in the period)"""
    return _run(
        SHIS_APPLICATIONS_GRANTED,
        period,
        granted=ApplicationOutcome.GRANTED.value,
        step=SHIS_APPLICATION_STEP,
        application=HousingStepKind.APPLICATION.value,
    )


def sip_count(period: Period) -> Rows:
    """(SIPs in the period, SIPs in the previous period)"""
    return _run(SIP_COUNT, period)


def active_cases(period: Period) -> Rows:
    """(total, female, male, other, unknown)"""
    return _run(ACTIVE_CASES, period, accepted=CaseAcceptance.ACCEPTED.value)
