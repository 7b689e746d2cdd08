"""The child's page within a case, as one dataclass: ``child_overview(actor, case, child)``.

It checks ``policies.child_matters_readable`` (404 alike for a person who is not a child in the
case and a user whose unit does not read the child's matters), logs the view on the child and
the case, and gathers the child's identity (masked by protection), guardians with the threat
flag, school, placements with schooling, safety plan and reports of concern.

Other sections of the child's matters (their own decisions, support, their voice) add fields
to ``ChildOverview`` with defaults, filled by a function in ``SECTIONS``, and a template under
``children/sections/`` listed in ``ChildOverview.section_templates``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.assessments.models import SafetyMeasure, SafetyPlan
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.models import Case, CaseAcceptance, ThreatPerson
from brytupp.interventions.models import PlacementChild
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Person, protection_rank
from brytupp.people.presentation import (
    person_display_name,
    person_display_number,
    placed_child_display_name,
)

from .models import ChildPartStatus, ChildRecord, ReportOfConcern


@dataclass
class GuardianRow:
    name: str
    # A current linked threat person of the case: computed, never stored.
    threatens: bool
    is_case_person: bool


@dataclass
class ReportRow:
    report: ReportOfConcern
    routed_to: Unit
    status: str
    status_label: str
    # The acting unit is the one the report was routed to, and has accepted it.
    may_record_outcome: bool
    # Only the unit that declined, and the lead unit, read why.
    decline_reason: str = ""


@dataclass
class ChildOverview:
    case: Case
    child: Person
    # The unit the user acts for (the lead unit first) and whether it leads the case.
    unit: Unit
    leads: bool
    may_write: bool
    name: str
    number: str
    case_person_name: str
    guardians: list[GuardianRow]
    record: ChildRecord
    school_name: str
    placements: list[PlacementChild]
    safety_plan: SafetyPlan | None
    # The threats of the safety plan are a description of violence: only for the lead unit.
    safety_threats_shown: bool
    reports: list[ReportRow]
    # The lead unit may lower a protection the child inherited from the parent.
    may_lower_protection: bool
    today: datetime.date = field(default_factory=timezone.localdate)
    section_templates: list[str] = field(default_factory=list)
    # The child's own track (decision 0045): ``interventions.child_track_read.ChildTrack``.
    track: object | None = None


def child_get(*, actor: User, case_id, child_id) -> tuple[Case, Person]:
    """The case and the child, when the actor reads the child's matters; 404 otherwise."""
    try:
        case = Case.objects.select_related("person", "lead_unit", "district").get(
            public_id=case_id, acceptance=CaseAcceptance.ACCEPTED
        )
        child = Person.objects.get(public_id=child_id)
    except (Case.DoesNotExist, Person.DoesNotExist):
        raise Http404 from None
    if not policies.child_matters_readable(actor, case, child):
        raise Http404
    return case, child


def child_access_ground(actor: User, case: Case, unit: Unit) -> AccessGround:
    """The lead unit's, and a unit's own part in the child's matters, are its own unit's; a
    barn och unga unit taking part in the case reads them by the person's consent."""
    if unit.pk == case.lead_unit_id:
        return AccessGround.OWN_UNIT
    from .models import ChildPart

    own_part = ChildPart.objects.filter(
        case=case, unit=unit, status=ChildPartStatus.ACTIVE
    ).exists()
    return AccessGround.OWN_UNIT if own_part else AccessGround.CONSENT


def _guardians(case: Case, child: Person) -> list[GuardianRow]:
    threats = set(
        ThreatPerson.objects.filter(
            case=case, ended__isnull=True, person__isnull=False
        ).values_list("person_id", flat=True)
    )
    guardians = Person.objects.filter(wards__child=child).order_by("birth_date", "pk")
    return [
        GuardianRow(
            name=placed_child_display_name(guardian, parent=case.person)
            if guardian.pk != case.person_id
            else person_display_name(guardian),
            threatens=guardian.pk in threats,
            is_case_person=guardian.pk == case.person_id,
        )
        for guardian in guardians
    ]


def _reports(case: Case, child: Person, unit: Unit, leads: bool) -> list[ReportRow]:
    reports = (
        ReportOfConcern.objects.filter(case=case, child=child)
        .select_related("routing", "routing__unit", "unit")
        .order_by("-date", "-pk")
    )
    rows = []
    for report in reports:
        part = report.routing
        rows.append(
            ReportRow(
                report=report,
                routed_to=part.unit,
                status=part.status,
                status_label=part.get_status_display(),
                may_record_outcome=part.unit_id == unit.pk
                and part.status == ChildPartStatus.ACTIVE
                and not report.outcome
                and case.closed is None,
                decline_reason=part.decline_reason if leads or part.unit_id == unit.pk else "",
            )
        )
    return rows


def _safety_plan(case: Case, child: Person) -> SafetyPlan | None:
    measures = SafetyMeasure.objects.select_related("responsible_unit").order_by("due", "pk")
    return (
        SafetyPlan.objects.filter(case=case, child=child)
        .select_related("unit")
        .prefetch_related(Prefetch("measures", queryset=measures))
        .first()
    )


# Functions that fill the fields other sections add: ``fill(overview, actor)``.
SECTIONS: list[Callable[[ChildOverview, User], None]] = []


def child_overview(*, actor: User, case_id, child_id) -> ChildOverview:
    case, child = child_get(actor=actor, case_id=case_id, child_id=child_id)
    unit = policies.child_matters_units_of(actor, case, child)[0]
    leads = unit.pk == case.lead_unit_id
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=case,
        person=child,
        unit=unit,
        ground=child_access_ground(actor, case, unit),
    )
    record = ChildRecord.objects.filter(case=case, child=child).first() or ChildRecord(
        case=case, child=child
    )
    withheld = policies.child_school_withheld(case, child, unit.pk)
    school_name = record.school_name
    if school_name and withheld:
        school_name = str(school_withheld_text())
    overview = ChildOverview(
        case=case,
        child=child,
        unit=unit,
        leads=leads,
        may_write=case.closed is None,
        name=placed_child_display_name(child, parent=case.person),
        number=person_display_number(child, masked=case.person.is_protected),
        case_person_name=person_display_name(case.person),
        guardians=_guardians(case, child),
        record=record,
        school_name=school_name,
        placements=list(
            PlacementChild.objects.filter(placement__case=case, child=child)
            .select_related("placement")
            .order_by("-placement__start", "-pk")
        ),
        safety_plan=_safety_plan(case, child),
        safety_threats_shown=leads,
        reports=_reports(case, child, unit, leads),
        may_lower_protection=leads
        and case.closed is None
        and child.is_protected
        and case.person.is_protected
        and protection_rank(child.protected_identity)
        <= protection_rank(case.person.protected_identity),
    )
    for fill in SECTIONS:
        fill(overview, actor)
    return overview


def school_withheld_text():
    from django.utils.translation import gettext as _

    return _("School not shown")


def case_children_rows(*, actor: User, case: Case) -> list[tuple[Person, str, bool]]:
    """The children in the case for the case page: each child, their name as the case shows
    it, and whether the user reads the child's matters (a link to the child's page)."""
    from brytupp.people.protection import case_children

    if case.acceptance != CaseAcceptance.ACCEPTED:
        return []
    rows = []
    for child in case_children(case).order_by("birth_date", "pk"):
        rows.append(
            (
                child,
                placed_child_display_name(child, parent=case.person),
                policies.child_matters_readable(actor, case, child),
            )
        )
    return rows


# The child's own track (decision 0045): own decisions, placement dates, support, voice.
from brytupp.interventions.child_track_read import child_track_fill  # noqa: E402

SECTIONS.append(child_track_fill)
