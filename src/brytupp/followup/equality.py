"""Equality between districts (likställighet): do people get the same support wherever they
live? The figures the city audit (seed ``001_…``) compared by hand, as aggregate SQL.

Like ``figures.py``: one query per figure, ``GROUPING SETS`` for the districts and the city,
every value a bound parameter. The definitions (``docs/effect-goals.md``, "Equality between
districts"):

- **interventions** — decisions (``decision`` records) whose ``decided`` day is in the
  period, per intervention, by the case's district; shown per 100 active cases
  (``figures.active_cases``). A district with no decision of a palette intervention stands out.
- **protected_housing** — decisions of ``skyddat_boende`` decided in the period with an end:
  their number, the median length in days (both ends included) and how many were for 14 days
  or less (the short decisions the audit found).
- **rvc_support_talk_wait** — decisions of ``stodsamtal_individuellt`` or
  ``stodsamtal_grupp`` provided by an RVC and decided in the period: their number and the
  median number of days from the decision to the start of the talks.
- **shis_referrals** — SHIS referrals dated in the period, per kind.
- **protected_housing_stays** — placements in protected housing that ended in the period:
  their number, the median stay in nights (``stays.stay_days``) and how many were longer
  than the city's limit (``stays.stay_limit_days``, decisions 0047 and 0048), which the
  report names beside its period (``stay_limit_days``).

- **palette_coverage** — not of the period: each district's local process as it is today
  (decision 0051): how many of the eight items of the palette a unit valid today or a partner
  offers, and which no one does; for the city, how many of today's districts offer all eight.

Placement follow-up within a week, structured risk assessment within 14 days, SIPs and
active cases by gender are the report's figures (``figures.py``), read here for the same
period.
"""

from __future__ import annotations

from django.db import connection

from brytupp.followup import figures
from brytupp.followup.figures import Period
from brytupp.followup.report import GENDERS, period_make, share_figure
from brytupp.followup.stays import stay_limit_days
from brytupp.housing.models import ShisReferralKind
from brytupp.interventions.models import (
    PALETTE,
    SHORT_PROTECTED_HOUSING_DAYS,
    SUPPORT_TALKS,
    Intervention,
)

# The palette every district must offer first, then the other interventions.
INTERVENTION_ORDER = (
    *(i.value for i in PALETTE),
    *(i for i in Intervention.values if i not in PALETTE),
)
SHIS_KINDS = tuple(kind.value for kind in ShisReferralKind)

# Per scope and key: ``None`` is the city, otherwise a district's id.
KeyedRows = dict[int | None, dict[str, tuple]]


def _tables() -> dict[str, str]:
    from brytupp.cases.models import Case
    from brytupp.housing.models import ShisReferral
    from brytupp.interventions.models import Decision, Placement
    from brytupp.organisation.models import Unit

    models = {
        "case": Case,
        "decision": Decision,
        "unit": Unit,
        "shis_referral": ShisReferral,
        "placement": Placement,
    }
    return {name: connection.ops.quote_name(model._meta.db_table) for name, model in models.items()}


# The case's district on the record's date (decision 0049), named ``c.district_id``: each
# query joins the case as ``c0`` and the district of the day as ``c`` (``_on(day)``). An RVC
# provider's unit has a district column too.
SCOPE = "GROUPING(c.district_id) = 1 AS is_city, c.district_id"
GROUPED = "GROUP BY GROUPING SETS ((c.district_id), ())"
KEYED_SCOPE = SCOPE
KEYED_GROUPED = "GROUP BY GROUPING SETS ((c.district_id, {key}), ({key}))"

INTERVENTIONS = """
SELECT {scope}, d.intervention, COUNT(*)
FROM {decision} d JOIN {case} c0 ON c0.id = d.case_id {on_decided}
WHERE d.decided BETWEEN %(date_from)s AND %(date_to)s
{grouped}
"""

SHIS_REFERRALS = """
SELECT {scope}, r.kind, COUNT(*)
FROM {shis_referral} r JOIN {case} c0 ON c0.id = r.case_id {on_referred}
WHERE r.date BETWEEN %(date_from)s AND %(date_to)s
{grouped}
"""

PROTECTED_HOUSING = """
SELECT {scope},
       COUNT(*),
       COUNT(*) FILTER (WHERE d."end" - d.start + 1 <= %(short_days)s),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d."end" - d.start + 1)
FROM {decision} d JOIN {case} c0 ON c0.id = d.case_id {on_decided}
WHERE d.intervention = %(protected)s AND d."end" IS NOT NULL
  AND d.decided BETWEEN %(date_from)s AND %(date_to)s
{grouped}
"""

PROTECTED_HOUSING_STAYS = """
SELECT {scope},
       COUNT(*),
       COUNT(*) FILTER (WHERE p."end" - p.start > %(limit)s),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY p."end" - p.start)
FROM {placement} p JOIN {case} c0 ON c0.id = p.case_id {on_ended}
WHERE p."end" BETWEEN %(date_from)s AND %(date_to)s
{grouped}
"""

RVC_SUPPORT_TALK_WAIT = """
SELECT {scope},
       COUNT(*),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.start - d.decided)
FROM {decision} d
JOIN {case} c0 ON c0.id = d.case_id {on_decided}
JOIN {unit} provider ON provider.id = d.provider_id
WHERE d.intervention = ANY(%(talks)s) AND provider.kind = 'rvc'
  AND d.decided BETWEEN %(date_from)s AND %(date_to)s
{grouped}
"""


def _on(day: str) -> str:
    """The lateral join naming the case's district on ``day`` (an SQL expression) as ``c``."""
    return (
        f"CROSS JOIN LATERAL (SELECT {figures.DISTRICT_ON}(c0.id, c0.district_id, {day}) "
        "AS district_id) c"
    )


DISTRICT_ON_DAY = {
    "on_decided": _on("d.decided"),
    "on_referred": _on("r.date"),
    "on_ended": _on('p."end"'),
}


def _params(period: Period, **params) -> dict:
    return {"date_from": period.date_from, "date_to": period.date_to, **params}


def _run_keyed(sql: str, key: str, period: Period, **params) -> KeyedRows:
    """Rows grouped by scope and by ``key`` (an intervention, a kind): {scope: {key: counts}}."""
    text = figures.district_on_fast(
        sql.format(
            scope=KEYED_SCOPE,
            grouped=KEYED_GROUPED.format(key=key),
            **DISTRICT_ON_DAY,
            **_tables(),
        )
    )
    rows: KeyedRows = {}
    with connection.cursor() as cursor:
        cursor.execute(text, _params(period, **params))
        for is_city, district_id, value, *counts in cursor.fetchall():
            if is_city:
                rows.setdefault(None, {})[value] = tuple(counts)
            elif district_id is not None:
                rows.setdefault(district_id, {})[value] = tuple(counts)
    return rows


def _run(sql: str, period: Period, **params) -> figures.Rows:
    text = figures.district_on_fast(
        sql.format(scope=SCOPE, grouped=GROUPED, **DISTRICT_ON_DAY, **_tables())
    )
    return figures.rows_fetch(text, _params(period, **params))


def interventions(period: Period) -> KeyedRows:
    """{scope: {intervention: (decisions,)}}"""
    return _run_keyed(INTERVENTIONS, "d.intervention", period)


def shis_referrals(period: Period) -> KeyedRows:
    """{scope: {kind: (referrals,)}}"""
    return _run_keyed(SHIS_REFERRALS, "r.kind", period)


def protected_housing(period: Period) -> figures.Rows:
    """(decisions with an end, of them 14 days or shorter, median length in days)"""
    return _run(
        PROTECTED_HOUSING,
        period,
        short_days=SHORT_PROTECTED_HOUSING_DAYS,
        protected=Intervention.SKYDDAT_BOENDE.value,
    )


def protected_housing_stays(period: Period, limit: int) -> figures.Rows:
    """(placements ended in the period, of them over ``limit`` nights, median stay in nights)"""
    return _run(PROTECTED_HOUSING_STAYS, period, limit=limit)


def rvc_support_talk_wait(period: Period) -> figures.Rows:
    """(decisions of support talks at an RVC, median days from decision to start)"""
    return _run(RVC_SUPPORT_TALK_WAIT, period, talks=[t.value for t in SUPPORT_TALKS])


def palette_coverage() -> dict[int, list[str]]:
    """For each district valid today, the items of the palette no one offers there (in the
    palette's order; empty when all eight are offered), from the local process as it is."""
    from django.db.models import Q
    from django.utils import timezone

    from brytupp.localprocess.models import LocalOffer
    from brytupp.organisation.models import District, Unit

    today = timezone.localdate()
    offered: dict[int, set[str]] = {
        pk: set() for pk in District.objects.valid_on(today).values_list("pk", flat=True)
    }
    rows = LocalOffer.objects.filter(district_id__in=offered).filter(
        Q(unit__in=Unit.objects.valid_on(today)) | Q(partner__isnull=False)
    )
    for district_id, item in rows.values_list("district_id", "item"):
        offered[district_id].add(item)
    return {pk: [i.value for i in PALETTE if i.value not in items] for pk, items in offered.items()}


def _coverage(missing: list[str] | None) -> dict:
    """A district's coverage: empty for a district not valid today."""
    if missing is None:
        return {}
    return {"offered": len(PALETTE) - len(missing), "items": len(PALETTE), "missing": missing}


def _per_100(decisions: int, cases: int) -> float | None:
    return 100 * decisions / cases if cases else None


def _median(value) -> float | None:
    return None if value is None else float(value)


def scope_make(values: dict) -> dict:
    """One scope of the equality report from each figure's rows (zeros where none)."""
    active = dict(zip(("total", *GENDERS), values.get("active_cases") or (0,) * 5, strict=True))
    granted = values.get("interventions") or {}
    decisions_of = {name: (granted.get(name) or (0,))[0] for name in Intervention.values}
    housing_total, housing_short, housing_median = values.get("protected_housing") or (0, 0, None)
    wait_total, wait_median = values.get("rvc_support_talk_wait") or (0, None)
    stays, stays_over, stays_median = values.get("protected_housing_stays") or (0, 0, None)
    follow_up = values.get("placement_follow_up_within_week") or (0, 0)
    assessed = values.get("risk_assessment_within_14_days") or (0, 0)
    sips = values.get("sip_count") or (0, 0)
    referrals = values.get("shis_referrals") or {}
    return {
        "active_cases": active,
        "interventions": {
            name: {
                "decisions": decisions_of[name],
                "cases": active["total"],
                "per_100_cases": _per_100(decisions_of[name], active["total"]),
            }
            for name in INTERVENTION_ORDER
        },
        "protected_housing": {
            "decisions": housing_total,
            "short": housing_short,
            "short_share": housing_short / housing_total if housing_total else None,
            "median_days": _median(housing_median),
        },
        "protected_housing_stays": {
            "placements": stays,
            "over_limit": stays_over,
            "median_days": _median(stays_median),
        },
        "rvc_support_talk_wait": {"decisions": wait_total, "median_days": _median(wait_median)},
        "placement_follow_up_within_week": {
            "numerator": follow_up[0],
            "denominator": follow_up[1],
            "share": follow_up[0] / follow_up[1] if follow_up[1] else None,
        },
        "risk_assessment_within_14_days": share_figure("risk_assessment_within_14_days", *assessed),
        "sip_count": {"current": sips[0], "previous": sips[1]},
        "shis_referrals": {kind: (referrals.get(kind) or (0,))[0] for kind in SHIS_KINDS},
    }


def equality_report(*, date_from, date_to) -> dict:
    """Every equality figure for the city and each district (keyed by code, in code order),
    and the city's stay limit the stays were counted against."""
    from brytupp.organisation.models import District

    period = period_make(date_from=date_from, date_to=date_to)
    limit = stay_limit_days()
    computed = {
        "active_cases": figures.active_cases(period),
        "interventions": interventions(period),
        "protected_housing": protected_housing(period),
        "protected_housing_stays": protected_housing_stays(period, limit),
        "rvc_support_talk_wait": rvc_support_talk_wait(period),
        "placement_follow_up_within_week": figures.placement_follow_up_within_week(period),
        "risk_assessment_within_14_days": figures.risk_assessment_within_14_days(period),
        "sip_count": figures.sip_count(period),
        "shis_referrals": shis_referrals(period),
    }
    districts = District.objects.order_by("code").values_list("id", "code")
    coverage = palette_coverage()

    def values(scope_id: int | None) -> dict:
        return {name: rows[scope_id] for name, rows in computed.items() if scope_id in rows}

    city = scope_make(values(None))
    city["palette_coverage"] = {
        "districts": len(coverage),
        "complete": sum(1 for missing in coverage.values() if not missing),
    }
    return {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "stay_limit_days": limit,
        "city": city,
        "districts": {
            code: {**scope_make(values(pk)), "palette_coverage": _coverage(coverage.get(pk))}
            for pk, code in districts
        },
    }
