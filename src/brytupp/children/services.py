"""Writes of the child's matters: the child's record, a guardian linked, a report of concern
recorded and routed to barn och unga, its acceptance or refusal and its outcome.

Each write checks ``policies.child_matters_*`` (404 alike for a person who is not a child in
the case and a user whose unit does not read the child's matters), runs in a transaction,
records a timeline event with public ids and codes only, and gets its access-log entry with
the event (``cases.events``) or, without one, here.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.organisation.models import Unit, UnitKind, User
from brytupp.people.models import Person

from .models import (
    ChildPart,
    ChildPartStatus,
    ChildRecord,
    ReportOfConcern,
    ReportOutcome,
    SchoolKind,
)

MIN_DECLINE_REASON = 10


def child_record_ensure(*, case: Case, child: Person) -> ChildRecord:
    """The child's record in the case, made when the child enters it (placed with the parent,
    or linked to them as their child). Nothing is logged: it holds nothing yet."""
    record, _created = ChildRecord.objects.get_or_create(case=case, child=child)
    return record


def _acting_unit(actor: User, case: Case, child: Person, *, write: bool = True) -> Unit:
    """The unit the actor acts for in the child's matters; 404 when they do not read them."""
    units = policies.child_matters_units_of(actor, case, child)
    if not units:
        raise Http404
    if write:
        require_open(case)
    return units[0]


@transaction.atomic
def child_record_change(
    *, actor: User, case: Case, child: Person, school_kind: str, school_name: str = ""
) -> ChildRecord:
    """The child's school or preschool. A protected child's school is a location that only
    the lead unit sees, so only the lead unit may name one (another unit could not read it
    back)."""
    unit = _acting_unit(actor, case, child)
    school_name = school_name.strip()
    if school_kind in {SchoolKind.INGEN, SchoolKind.OKAND} and school_name:
        raise ValidationError(
            {"school_name": _("A child with no school, or none known, has no school's name.")}
        )
    if policies.child_school_withheld(case, child, unit.pk):
        raise ValidationError(
            _("The child's identity is protected: only the lead unit records the school.")
        )
    record = child_record_ensure(case=case, child=child)
    record.school_kind = school_kind
    record.school_name = school_name
    record.changed_at = timezone.now()
    record.changed_by = actor
    record.full_clean()
    record.save()
    case_event_record(
        case=case,
        kind=EventKind.CHILD_RECORD_CHANGED,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        child=str(child.public_id),
        school_kind=school_kind,
    )
    return record


@transaction.atomic
def child_guardian_link(
    *, actor: User, case: Case, child: Person, identity_number: str = ""
) -> ChildRecord:
    """Link a guardian to a child in the case: the lead unit only. The guardian is the case's
    person, or (``identity_number``) a registered person found by the search before opening,
    which logs its hit."""
    from brytupp.people.selectors import person_match_for_opening
    from brytupp.people.services import guardian_link

    unit = _acting_unit(actor, case, child)
    if not policies.child_matters_led(actor, case, child):
        raise Http404
    guardian = case.person
    if identity_number.strip():
        found = person_match_for_opening(actor=actor, identity_number=identity_number)
        if found is None:
            raise ValidationError(
                {"identity_number": _("No person with this identity number is registered.")}
            )
        guardian = found
    if guardian.pk == child.pk:
        raise ValidationError(_("A person cannot be their own guardian."))
    if child.guardianships.filter(guardian=guardian).exists():
        raise ValidationError(_("The person is already recorded as the child's guardian."))
    guardian_link(child=child, guardian=guardian, actor=actor)
    case_event_record(
        case=case,
        kind=EventKind.CHILD_GUARDIAN_LINKED,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        child=str(child.public_id),
    )
    return child_record_ensure(case=case, child=child)


def barn_unga_unit(case: Case) -> Unit | None:
    """The unit for children and young people of the case's district, valid today."""
    return (
        Unit.objects.valid_on(timezone.localdate())
        .filter(district_id=case.district_id, kind=UnitKind.BARN_UNGA)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def report_of_concern_record(
    *,
    actor: User,
    case: Case,
    child: Person,
    direction: str,
    reporter_kind: str,
    date: datetime.date,
    concern: str,
    reporter: str = "",
) -> ReportOfConcern:
    """Record a report of concern about a child and route it to the district's barn och unga
    unit as an invitation to the child's matters (``ChildPart``). No consent is asked: the
    duty to report overrides secrecy (decision 0044). The recording unit's own invitation,
    when it is the barn och unga unit, is taken part in at once."""
    unit = _acting_unit(actor, case, child)
    require_not_future(date, "date")
    target = barn_unga_unit(case)
    if target is None:
        raise ValidationError(
            _("The district has no unit for children and young people to pass the report to.")
        )
    if target.pk in policies.child_matters_never_unit_ids(case, child):
        # Its clients include a threat person of the case (decision 0039): it is shown
        # nothing of the child, so the report goes to it outside Bryt upp.
        raise ValidationError(
            _(
                "The unit for children and young people has a threat person of the case as a "
                "client: pass the report on outside Bryt upp and ask a manager."
            )
        )
    report = ReportOfConcern(
        case=case,
        child=child,
        direction=direction,
        reporter_kind=reporter_kind,
        reporter=reporter.strip(),
        date=date,
        concern=concern.strip(),
        recorded_by=actor,
        unit=unit,
    )
    report.full_clean()
    report.save()
    own = target.pk == unit.pk
    ChildPart.objects.create(
        case=case,
        child=child,
        unit=target,
        status=ChildPartStatus.ACTIVE if own else ChildPartStatus.INVITED,
        origin=report,
        since=timezone.localdate(),
        answered_by=actor if own else None,
        answered_at=timezone.now() if own else None,
    )
    case_event_record(
        case=case,
        kind=EventKind.REPORT_OF_CONCERN_RECORDED,
        day=date,
        actor=actor,
        unit=unit,
        child=str(child.public_id),
        report=str(report.public_id),
        routed_to=target.code,
    )
    return report


def child_part_to_answer(*, actor: User, public_id) -> ChildPart:
    """An invitation to a child's matters of one of the actor's units, still to be answered;
    404 for any other."""
    return policies.child_invitations.get_or_404(actor, public_id=public_id)


def _answer(part: ChildPart, actor: User, status: str, reason: str = "") -> ChildPart:
    require_open(part.case)
    part.status = status
    part.answered_by = actor
    part.answered_at = timezone.now()
    part.since = timezone.localdate()
    part.decline_reason = reason
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def child_part_accept(*, actor: User, part: ChildPart) -> ChildPart:
    """Accept a report of concern: the unit takes part in the child's matters from today."""
    part = child_part_to_answer(actor=actor, public_id=part.public_id)
    _answer(part, actor, ChildPartStatus.ACTIVE)
    case_event_record(
        case=part.case,
        kind=EventKind.REPORT_OF_CONCERN_ACCEPTED,
        day=timezone.localdate(),
        actor=actor,
        unit=part.unit,
        child=str(part.child.public_id),
        report=str(part.origin.public_id),
    )
    return part


@transaction.atomic
def child_part_decline(*, actor: User, part: ChildPart, reason: str) -> ChildPart:
    """Decline a report of concern, for a stated reason (at least 10 characters)."""
    part = child_part_to_answer(actor=actor, public_id=part.public_id)
    reason = reason.strip()
    if len(reason) < MIN_DECLINE_REASON:
        raise ValidationError(
            {"reason": _("State why the unit declines, in at least 10 characters.")}
        )
    _answer(part, actor, ChildPartStatus.DECLINED, reason)
    case_event_record(
        case=part.case,
        kind=EventKind.REPORT_OF_CONCERN_DECLINED,
        day=timezone.localdate(),
        actor=actor,
        unit=part.unit,
        child=str(part.child.public_id),
        report=str(part.origin.public_id),
    )
    return part


@transaction.atomic
def report_outcome_record(
    *, actor: User, report: ReportOfConcern, outcome: str, date: datetime.date
) -> ReportOfConcern:
    """The outcome of a report of concern (inledd utredning / ingen utredning), recorded by the
    unit that accepted it, once; 404 for any other."""
    report = ReportOfConcern.objects.select_for_update().get(pk=report.pk)
    part = report.routing
    if part.status != ChildPartStatus.ACTIVE or not any(
        unit.pk == part.unit_id
        for unit in policies.child_matters_units_of(actor, report.case, report.child)
    ):
        raise Http404
    require_open(report.case)
    require_not_future(date, "date")
    if report.outcome:
        raise ValidationError(_("The outcome of this report is already recorded."))
    if outcome not in ReportOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if date < report.date:
        raise ValidationError({"date": _("The outcome cannot be before the report.")})
    report.outcome = outcome
    report.outcome_date = date
    report.outcome_by = actor
    report.full_clean()
    report.save()
    case_event_record(
        case=report.case,
        kind=EventKind.REPORT_OF_CONCERN_OUTCOME,
        day=date,
        actor=actor,
        unit=part.unit,
        child=str(report.child.public_id),
        report=str(report.public_id),
        outcome=outcome,
    )
    return report
