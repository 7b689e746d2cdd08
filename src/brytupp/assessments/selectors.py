"""Reads of risk and safety in a case, as the acting unit may see them.

Who sees what (issue 14, docs/risk-and-safety.md):
- the current risk level, every assessment's instrument, date, unit and level, the police's
  references, changed circumstances and the safety plans' measures and reviews: every unit
  taking part (risk is what every unit must know), and emergency access;
- what an assessment holds beyond its level (items, the FREDA-beskrivning, the case worker's
  judgement) and a plan's threats: a description of violence, shown only where
  ``policies.violence_description_shown`` says (the lead unit, and the units the person's
  consent names for it).

The case page's view is logged by ``cases.overview.case_get``; these read within it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.cases.models import Case, CaseUnit, Consent
from brytupp.people.presentation import person_display_name

from . import instruments
from .models import (
    POLICE_INSTRUMENTS,
    STRUCTURED_INSTRUMENTS,
    CircumstanceChange,
    RiskAssessment,
    RiskInstrument,
    RiskLevel,
    SafetyMeasure,
    SafetyPlan,
)


@dataclass
class SafetyPlanShown:
    plan: SafetyPlan
    # "The person" or the child's name as the unit may see it.
    whose: str
    threats_shown: bool
    measures: list[SafetyMeasure]
    reviews: list
    review_due: bool


@dataclass
class RiskAndSafety:
    current: RiskAssessment | None
    police_latest: RiskAssessment | None
    assessments: list[RiskAssessment]
    open_changes: list[CircumstanceChange]
    plans: list[SafetyPlanShown]
    # The person's children who have no plan of their own yet (for the door to write one).
    children_without_plan: list = field(default_factory=list)
    person_has_plan: bool = False
    described: bool = False
    reassess_due: datetime.date | None = None


def description_shown(
    case: Case, part: CaseUnit | None, consents_in_force: list[Consent] | None = None
) -> bool:
    """Whether the acting part reads descriptions of violence in ``case`` today; the consents
    in force are read unless the caller has them (with ``violence_description_units``)."""
    if consents_in_force is None:
        consents_in_force = _consents_in_force(case)
    return policies.violence_description_shown(case, part, consents_in_force)


def _consents_in_force(case: Case) -> list[Consent]:
    today = timezone.localdate()
    return list(case.consents.in_force(today).prefetch_related("violence_description_units"))


def risk_and_safety(
    *,
    case: Case,
    part: CaseUnit | None,
    today: datetime.date,
    consents_in_force: list[Consent] | None = None,
) -> RiskAndSafety:
    """Risk and safety in the case for the case page (a fixed number of queries): the case
    page passes the consents in force it has read."""
    described = description_shown(case, part, consents_in_force)
    assessments = list(case.risk_assessments.select_related("unit").order_by("-date", "-pk"))
    structured = [a for a in assessments if a.instrument in STRUCTURED_INSTRUMENTS and a.level]
    current = structured[0] if structured else None
    police = [a for a in assessments if a.instrument in POLICE_INSTRUMENTS]
    latest_structured_date = max(
        (a.date for a in assessments if a.instrument in STRUCTURED_INSTRUMENTS), default=None
    )
    open_changes = [
        change
        for change in case.circumstance_changes.select_related("unit").order_by("-date", "-pk")
        if latest_structured_date is None or latest_structured_date < change.date
    ]
    due_dates = [change.date for change in open_changes]
    if current is not None and current.reassess_by is not None:
        due_dates.append(current.reassess_by)
    plans = list(
        case.safety_plans.select_related("child", "unit")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=SafetyMeasure.objects.select_related("responsible_unit").order_by(
                    "done_on", "due", "pk"
                ),
            ),
            "reviews",
        )
        .order_by("child__birth_date", "pk")
    )
    children = list(case.person.children.order_by("birth_date", "pk"))
    planned = {plan.child_id for plan in plans}
    return RiskAndSafety(
        current=current,
        police_latest=police[0] if police else None,
        assessments=assessments,
        open_changes=open_changes,
        plans=[
            SafetyPlanShown(
                plan=plan,
                whose=person_display_name(plan.child) if plan.child else "",
                threats_shown=described,
                measures=list(plan.measures.all()),
                reviews=sorted(
                    plan.reviews.all(), key=lambda r: (r.reviewed_on, r.pk), reverse=True
                ),
                review_due=plan.review_on <= today,
            )
            for plan in plans
        ],
        children_without_plan=[
            (child, person_display_name(child)) for child in children if child.pk not in planned
        ],
        person_has_plan=None in planned,
        described=described,
        reassess_due=min(due_dates) if due_dates else None,
    )


@dataclass
class AssessmentShown:
    assessment: RiskAssessment
    described: bool
    # Label -> answer, in the form's order; empty when not described.
    rows: list[tuple[str, str]]


def risk_assessment_get(*, actor, case: Case, public_id) -> AssessmentShown:
    """One assessment of a case the actor's unit takes part in (404 otherwise); its answers
    and judgement only where descriptions of violence are shown to the unit."""
    assessment = get_object_or_404(
        RiskAssessment.objects.select_related("unit"), case=case, public_id=public_id
    )
    # The acting part ``cases.overview.case_get`` read with the case, or read now.
    part = getattr(case, "acting_part", None) or policies.acting_part(actor, case)
    described = description_shown(case, part)
    return AssessmentShown(
        assessment=assessment,
        described=described,
        rows=_answer_rows(assessment) if described else [],
    )


def _answer_rows(assessment: RiskAssessment) -> list[tuple[str, str]]:
    answers = assessment.answers or {}
    if assessment.instrument == RiskInstrument.FREDA_FARLIGHET:
        return [
            (
                _("Item %(number)s") % {"number": code[1:]},
                instruments.label(instruments.ITEM_ANSWERS, answer),
            )
            for code, answer in sorted(answers.items(), key=lambda item: int(item[0][1:]))
        ]
    if assessment.instrument == RiskInstrument.FREDA_BESKRIVNING:
        rows = []
        for code, name in instruments.VIOLENCE_FORMS:
            given = answers.get(code)
            if not given:
                continue
            parts = [instruments.label(instruments.FREQUENCIES, given.get("frequency", ""))]
            if given.get("last"):
                parts.append(instruments.label(instruments.LAST_TIMES, given["last"]))
            if given.get("children"):
                children = instruments.label(instruments.CHILDREN_PRESENT, given["children"])
                parts.append(_("children present: %(answer)s") % {"answer": children.lower()})
            rows.append((str(name), ", ".join(p for p in parts if p)))
        return rows
    return []


RAISED_SHOWN_DAYS = 14


@dataclass
class RaisedRisk:
    case: Case
    person_name: str
    level: str
    day: datetime.date


def risk_raised_recently(*, actor) -> list[RaisedRisk]:
    """Cases the actor's units take part in whose risk level was raised in the last
    ``RAISED_SHOWN_DAYS`` days, newest first: the start page tells every unit taking part. The
    few raised events are read first, then the access rule is asked about their cases alone
    (as ``cases.selectors.parts_no_longer_shared``). The rows shown are logged as list rows."""
    from brytupp.audit.models import AccessKind
    from brytupp.audit.services import access_log_record_many
    from brytupp.cases.events import EventKind
    from brytupp.cases.models import CaseEvent

    since = timezone.localdate() - datetime.timedelta(days=RAISED_SHOWN_DAYS)
    raised: dict[int, tuple[str, datetime.date]] = {}
    for case_id, data, day in (
        CaseEvent.objects.filter(kind=EventKind.RISK_LEVEL_RAISED, day__gte=since)
        .order_by("day", "at")
        .values_list("case_id", "data", "day")
    ):
        raised[case_id] = (data.get("level", ""), day)
    if not raised:
        return []
    cases = list(
        policies.case_participation.queryset(actor)
        .filter(pk__in=list(raised), closed__isnull=True)
        .select_related("person")
    )
    access_log_record_many(actor=actor, kind=AccessKind.LIST_ROW, cases=cases)
    rows = [
        RaisedRisk(
            case=case,
            person_name=person_display_name(case.person),
            level=instruments.label(RiskLevel.choices, raised[case.pk][0]),
            day=raised[case.pk][1],
        )
        for case in cases
    ]
    return sorted(rows, key=lambda row: (row.day, str(row.case.public_id)), reverse=True)
