"""The summary of a case for the municipality the person moved to (decision 0050).

When the case closed as moved to another municipality (``moves``), its lead unit may send the
receiving municipality a summary — only with the person's consent to it, recorded at the
closing (``policies.move_summary_offered``). Read through ``policies.municipality_move``: the
lead unit alone, 404 alike for every other unit, a case not closed as moved, and one that does
not exist. The page tells what was recorded and offers the PDF, or says why it is not offered;
producing the PDF is an export of the person's data, and of each child's it names, logged so.

What the summary holds is what the receiving social services need to go on without the person
telling their story again: the person (name, identity number, address), the case's opening
and source, the person's account, the latest structured risk assessment, whether a safety plan
was written, the decisions in force at the closing, the last placement and the housing after
it, the children, the units that took part with their responsible case workers, the consent.

What it never holds: a journal note (a unit's working notes), what an assessment describes of
the violence beyond its level, the protected housing's name (a location other placed persons
share), and anything of a threat person but that one is recorded — their name, relation or
whereabouts stay with the city, which answers a question about them case by case.

A protected identity is not revealed in a document sent out: the person's and the children's
name, number, address, birth date and school read "Protected personal data – given
separately", and the unit hands them over through the channel it uses for protected persons.
Nothing of the person is in the URL or the file name: the case's short id names it.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.assessments.models import STRUCTURED_INSTRUMENTS, RiskAssessment, SafetyPlan
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.children.models import ChildRecord, SchoolKind
from brytupp.interventions.models import Decision, DecisionStatus, Placement
from brytupp.interventions.presentation import decision_period
from brytupp.organisation.models import User
from brytupp.people.models import Person
from brytupp.people.presentation import person_display_number, person_full_name
from brytupp.people.protection import case_children
from brytupp.people.sealing import unseal

from .models import Case, CaseUnit, MunicipalityMove, ThreatPerson

# The summary goes to another Swedish authority: in Swedish whatever the user's language.
SUMMARY_LANGUAGE = "sv"


def protected_text() -> str:
    return _("Protected personal data – given separately")


@dataclass(frozen=True)
class SummaryChild:
    name: str
    birth_date: str
    school: str


@dataclass(frozen=True)
class SummaryUnit:
    unit: str
    responsible: str
    period: str


@dataclass(frozen=True)
class MoveSummary:
    """The summary's content, as text in Swedish."""

    case_short: str
    municipality: str
    moved: datetime.date
    closed: datetime.date
    consent_given: datetime.date
    consent_form: str
    produced_on: datetime.date
    produced_by: str
    district: str
    lead_unit: str
    protected: bool
    person_name: str
    person_number: str
    person_address: str
    opened: datetime.date
    source: str
    account: str
    risk: str
    safety_plan: str
    threat_person_recorded: bool
    honour_context: bool
    decisions: list[tuple[str, str]] = field(default_factory=list)
    placement: list[tuple[str, str]] = field(default_factory=list)
    children: list[SummaryChild] = field(default_factory=list)
    units: list[SummaryUnit] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return f"sammanfattning-flytt-{self.case_short}.pdf"


def _case_fetched(actor: User, case_id: uuid.UUID) -> Case:
    return policies.municipality_move.get_or_404(
        actor,
        queryset=Case.objects.select_related("person", "district", "lead_unit"),
        public_id=case_id,
    )


def municipality_move_get(
    *, actor: User, case_id: uuid.UUID
) -> tuple[Case, MunicipalityMove | None]:
    """The case closed as moved, for its lead unit, and its move (None for a case closed as
    moved before moves were recorded); the view is logged. 404 for everyone else."""
    case = _case_fetched(actor, case_id)
    move = MunicipalityMove.objects.filter(case=case).first()
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=case,
        ground=AccessGround.OWN_UNIT,
        unit=case.lead_unit,
    )
    return case, move


def move_summary_get(*, actor: User, case_id: uuid.UUID) -> MoveSummary:
    """The summary for the receiving municipality, for the lead unit of a case closed as
    moved with the person's consent to it (404 otherwise); logged as an export of the
    person's data and of each child whose data it holds."""
    case = _case_fetched(actor, case_id)
    move = MunicipalityMove.objects.filter(case=case).first()
    if move is None or not policies.move_summary_offered(move):
        raise Http404
    with translation.override(SUMMARY_LANGUAGE):
        summary, children = _content(case, move, actor)
    for person in (case.person, *children):
        access_log_record(
            actor=actor,
            kind=AccessKind.EXPORT,
            case=case,
            person=person,
            ground=AccessGround.OWN_UNIT,
            unit=case.lead_unit,
        )
    return summary


# --- the content ------------------------------------------------------------------------------


def _content(case: Case, move: MunicipalityMove, actor: User) -> tuple[MoveSummary, list[Person]]:
    person = case.person
    protected = person.is_protected
    children = list(case_children(case).order_by("birth_date", "pk"))
    assert move.consent_given is not None
    summary = MoveSummary(
        case_short=str(case.public_id)[:8],
        municipality=move.municipality,
        moved=move.moved,
        closed=case.closed or move.moved,
        consent_given=move.consent_given,
        consent_form=move.get_consent_form_display(),
        produced_on=timezone.localdate(),
        produced_by=actor.get_full_name() or actor.username,
        district=case.district.name,
        lead_unit=case.lead_unit.name,
        protected=protected,
        person_name=protected_text() if protected else person_full_name(person),
        person_number=protected_text() if protected else person_display_number(person),
        person_address=protected_text() if protected else _address(person),
        opened=case.opened,
        source=case.get_source_display(),
        account=case.account,
        risk=_risk(case),
        safety_plan=_safety_plan(case),
        threat_person_recorded=ThreatPerson.objects.filter(case=case).exists(),
        honour_context=case.honour_context,
        decisions=_decisions(case),
        placement=_placement(case),
        children=_children(case, children),
        units=_units(case),
    )
    # The children whose data the summary names: a masked child's is not in it.
    return summary, [child for child in children if not _child_masked(case, child)]


def _child_masked(case: Case, child: Person) -> bool:
    """A protected child, or any child of a protected person (a child's name would unmask the
    parent, decision 0018): shown only as "given separately"."""
    return child.is_protected or case.person.is_protected


def _address(person: Person) -> str:
    if not person.address_sealed:
        return _("No address recorded")
    return unseal(person.address_sealed)


def _risk(case: Case) -> str:
    latest = (
        RiskAssessment.objects.filter(case=case, instrument__in=STRUCTURED_INSTRUMENTS)
        .exclude(level="")
        .order_by("-date", "-pk")
        .first()
    )
    if latest is None:
        return ""
    return _("%(instrument)s on %(date)s: %(level)s") % {
        "instrument": latest.get_instrument_display(),
        "date": latest.date.isoformat(),
        "level": latest.get_level_display(),
    }


def _safety_plan(case: Case) -> str:
    plan = (
        SafetyPlan.objects.filter(case=case, child__isnull=True)
        .prefetch_related("reviews")
        .order_by("-created_on", "-pk")
        .first()
    )
    if plan is None:
        return ""
    reviewed = max((review.reviewed_on for review in plan.reviews.all()), default=None)
    if reviewed is None:
        return _("Written on %(written)s") % {"written": plan.created_on.isoformat()}
    return _("Written on %(written)s, last reviewed on %(reviewed)s") % {
        "written": plan.created_on.isoformat(),
        "reviewed": reviewed.isoformat(),
    }


def _decisions(case: Case) -> list[tuple[str, str]]:
    """The person's decisions in force on the day the case closed (ended that day by the
    closing, or running on), each intervention with its period; not a decision a later one
    replaced or a court set aside."""
    closed = case.closed or timezone.localdate()
    rows = (
        Decision.objects.filter(case=case, child__isnull=True, start__lte=closed)
        .filter(Q(end__isnull=True) | Q(end__gte=closed))
        .exclude(
            application_decision__status__in=(DecisionStatus.REPLACED, DecisionStatus.ANNULLED)
        )
        .order_by("start", "pk")
    )
    return [(row.get_intervention_display(), decision_period(row)) for row in rows]


def _placement(case: Case) -> list[tuple[str, str]]:
    """The last placement in protected housing, as facts: its period, why it ended and the
    housing after it. Never the housing's name: that is where it is."""
    placement = Placement.objects.filter(case=case).order_by("-start", "-pk").first()
    if placement is None:
        return []
    period = (
        placement.start.isoformat() + " – " + (placement.end.isoformat() if placement.end else "")
    )
    facts = [(_("Placement in protected housing"), period.strip())]
    if placement.end_reason:
        facts.append((_("Why it ended"), placement.get_end_reason_display()))
    if placement.next_housing_type:
        housing = placement.get_next_housing_type_display()
        if placement.next_housing_contract_months:
            housing = _("%(housing)s, contract of %(months)s months") % {
                "housing": housing,
                "months": placement.next_housing_contract_months,
            }
        facts.append((_("Housing after the placement"), housing))
    return facts


def _children(case: Case, children: list[Person]) -> list[SummaryChild]:
    records = {row.child_id: row for row in ChildRecord.objects.filter(case=case)}
    rows = []
    for child in children:
        if _child_masked(case, child):
            rows.append(SummaryChild(protected_text(), protected_text(), protected_text()))
            continue
        rows.append(
            SummaryChild(
                name=person_full_name(child),
                birth_date=child.birth_date.isoformat(),
                school=_school(records.get(child.pk)),
            )
        )
    return rows


def _school(record: ChildRecord | None) -> str:
    if record is None or record.school_kind == SchoolKind.OKAND:
        return _("Not recorded")
    kind = record.get_school_kind_display()
    return f"{kind}, {record.school_name}" if record.school_name else kind


def _units(case: Case) -> list[SummaryUnit]:
    """The units that took part (joined), the lead unit first, each with its responsible
    case worker: whom the receiving municipality asks."""
    parts = (
        CaseUnit.objects.filter(case=case, joined__isnull=False)
        .select_related("unit", "responsible")
        .order_by("joined", "pk")
    )
    rows = sorted(parts, key=lambda part: part.unit_id != case.lead_unit_id)
    return [
        SummaryUnit(
            unit=part.unit.name,
            responsible=(part.responsible.get_full_name() or part.responsible.username)
            if part.responsible
            else "–",
            period=f"{part.joined.isoformat()} – {part.left.isoformat() if part.left else ''}".strip(),
        )
        for part in rows
        if part.joined is not None
    ]
