"""Writes of interventions: decisions, placements, children placed, follow-ups.

A child who comes along may not be registered yet. Registering the child, linking them to the
person and placing them succeed or fail together (``placement_start`` and
``placement_child_add`` take the new child's data): a refusal leaves no new person behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record, case_event_record_on
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.children.services import child_record_ensure
from brytupp.concurrency import locked, versioned_update
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Gender, Person
from brytupp.people.protection import child_protection_inherit
from brytupp.people.services import person_register

from .models import ApplicationDecision, Decision, FollowUp, Placement, PlacementChild


@transaction.atomic
def decision_make(
    *,
    actor: User,
    case: Case,
    intervention: str,
    decided: datetime.date,
    start: datetime.date,
    end: datetime.date | None = None,
    provider: Unit | None = None,
    provider_name: str = "",
    decided_by: Unit | None = None,
    ground: AccessGround | None = None,
    child: Person | None = None,
    child_support_form: str = "",
) -> Decision:
    """A granted intervention. ``ground``: the access log's, for a decision not made by a unit
    taking part (Socialjouren's after hours, decision 0042). ``child``: the child of the case
    it is granted to (decision 0045; checked by the caller), with the form of a child's
    support."""
    require_open(case)
    require_not_future(decided, "decided")
    if end is not None and end < start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    decided_by = decided_by or acting_unit(actor, case)
    decision = Decision(
        case=case,
        intervention=intervention,
        decided_by=decided_by,
        decided=decided,
        start=start,
        end=end,
        provider=provider,
        provider_name=provider_name.strip(),
        child=child,
        child_support_form=child_support_form,
    )
    decision.full_clean()
    decision.save()
    case_event_record_on(
        ground,
        case=case,
        kind=EventKind.DECISION_MADE,
        day=decided,
        actor=actor,
        unit=decided_by,
        intervention=intervention,
        start=start,
        end=end,
        **({"child": str(child.public_id)} if child is not None else {}),
    )
    return decision


@dataclass(frozen=True)
class ChildPlaced:
    child: Person
    schooling_start: datetime.date | None = None
    schooling_kind: str = ""


@dataclass(frozen=True)
class NewChild:
    """A child placed with the parent who is not yet registered as the person's child."""

    first_name: str
    last_name: str
    birth_date: datetime.date
    gender: str = Gender.UNKNOWN


def _new_child_register(*, actor: User, case: Case, new_child: NewChild) -> Person:
    """The new child registered as the person's child, logged as a change in the case."""
    return person_register(
        actor=actor,
        guardian=case.person,
        case=case,
        first_name=new_child.first_name,
        last_name=new_child.last_name,
        birth_date=new_child.birth_date,
        gender=new_child.gender,
    )


@transaction.atomic
def placement_start(
    *,
    actor: User,
    case: Case,
    start: datetime.date,
    provider: str = "",
    decision: Decision | None = None,
    children: Sequence[ChildPlaced] = (),
    new_child: NewChild | None = None,
    cost_per_night: Decimal | None = None,
) -> Placement:
    """A placement in protected housing, with the children placed with the parent: those
    registered, and ``new_child`` registered as the person's child in the same transaction.
    ``cost_per_night``: what the housing costs a night, where known (decision 0048)."""
    require_open(case)
    require_not_future(start, "start")
    if decision is not None and decision.case_id != case.pk:
        raise ValidationError({"decision": _("The decision belongs to another case.")})
    if new_child is not None:
        registered = _new_child_register(actor=actor, case=case, new_child=new_child)
        children = [*children, ChildPlaced(child=registered)]
    placement = Placement(
        case=case,
        start=start,
        provider=provider.strip(),
        decision=decision,
        cost_per_night=cost_per_night,
    )
    placement.full_clean()
    placement.save()
    unit = acting_unit(actor, case)
    case_event_record(
        case=case,
        kind=EventKind.PLACEMENT_STARTED,
        day=start,
        actor=actor,
        unit=unit,
        placement=str(placement.public_id),
    )
    for placed in children:
        placement_child_add(actor=actor, placement=placement, **placed.__dict__)
    return placement


def _cost_shown(placement: Placement) -> dict[str, str]:
    cost = placement.cost_per_night
    return {_("Cost per night"): f"{cost} SEK" if cost is not None else _("Not known")}


@transaction.atomic
def placement_cost_set(
    *,
    actor: User,
    placement: Placement,
    cost_per_night: Decimal | None,
    version: int | None = None,
) -> Placement:
    """Set or correct what the placement costs a night once it is known (``None``: not
    known), after the placement was recorded. Also after it ended, while the case is open.
    ``version`` is the placement's when the form was opened: if someone changed the cost
    since, nothing is written (``ChangedSinceOpened``, decision 0029). Refused, writing
    nothing, on a closed case, for a unit taking no part or for a negative cost."""
    case = placement.case
    require_open(case)
    if not policies.case_participation.check(actor, case):
        raise ValidationError(_("Your unit does not take part in the case."))
    if cost_per_night is not None and cost_per_night < 0:
        raise ValidationError({"cost_per_night": _("The cost cannot be negative.")})
    try:
        cost = Placement._meta.get_field("cost_per_night").clean(cost_per_night, placement)
    except ValidationError as invalid:
        raise ValidationError({"cost_per_night": invalid.messages}) from invalid
    versioned_update(placement, opened=version, fields={"cost_per_night": cost}, shown=_cost_shown)
    case_event_record(
        case=case,
        kind=EventKind.PLACEMENT_COST_CHANGED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
        placement=str(placement.public_id),
        # As stored, with its two decimals.
        cost_per_night=str(placement.cost_per_night) if cost is not None else None,
    )
    return placement


@transaction.atomic
def placement_child_add(
    *,
    actor: User,
    placement: Placement,
    child: Person | None = None,
    new_child: NewChild | None = None,
    schooling_start: datetime.date | None = None,
    schooling_kind: str = "",
    decision: ApplicationDecision | None = None,
) -> PlacementChild:
    """A child placed with the parent: a registered ``child`` or a ``new_child`` registered
    as the person's child in the same transaction. ``decision``: the child's own decision
    granting protected housing (decision 0045); the child is placed from its start, or from
    the placement's if later."""
    require_open(placement.case)
    if child is not None and new_child is not None:
        raise ValidationError(_("Choose a registered child or register a new one, not both."))
    if new_child is not None:
        child = _new_child_register(actor=actor, case=placement.case, new_child=new_child)
    if child is None:
        raise ValidationError(_("Choose a child or register a new one."))
    if child.pk == placement.case.person_id:
        raise ValidationError({"child": _("The child cannot be the placed adult.")})
    if PlacementChild.objects.filter(placement=placement, child=child).exists():
        raise ValidationError({"child": _("The child is already recorded in this placement.")})
    if schooling_start is not None and not schooling_kind:
        raise ValidationError(
            {"schooling_kind": _("State whether the schooling is at a school or with Lärteamet.")}
        )
    start = placement.start
    if decision is not None:
        from .child_track import childs_own_decision_checked

        start = max(start, childs_own_decision_checked(decision, case=placement.case, child=child))
    placed = PlacementChild(
        placement=placement,
        child=child,
        schooling_start=schooling_start,
        schooling_kind=schooling_kind,
        decision=decision,
        start=start,
    )
    placed.full_clean()
    placed.save()
    # Placed with a protected parent, the child is protected at least as the parent is.
    child_protection_inherit(actor=actor, child=child, case=placement.case)
    # The child enters the case: a record of their own (decision 0044).
    child_record_ensure(case=placement.case, child=child)
    case_event_record(
        case=placement.case,
        kind=EventKind.CHILD_PLACED,
        day=placement.start,
        actor=actor,
        unit=acting_unit(actor, placement.case),
        child=str(child.public_id),
        schooling_start=schooling_start,
        **({"decision": str(decision.public_id)} if decision is not None else {}),
    )
    return placed


@transaction.atomic
def child_schooling_record(
    *, actor: User, placed: PlacementChild, schooling_start: datetime.date, schooling_kind: str
) -> PlacementChild:
    require_open(placed.placement.case)
    require_not_future(schooling_start, "schooling_start")
    if not schooling_kind:
        raise ValidationError(
            {"schooling_kind": _("State whether the schooling is at a school or with Lärteamet.")}
        )
    placed.schooling_start = schooling_start
    placed.schooling_kind = schooling_kind
    placed.full_clean()
    placed.save(update_fields=["schooling_start", "schooling_kind"])
    case_event_record(
        case=placed.placement.case,
        kind=EventKind.CHILD_SCHOOLING_STARTED,
        day=schooling_start,
        actor=actor,
        unit=acting_unit(actor, placed.placement.case),
        child=str(placed.child.public_id),
        schooling_kind=schooling_kind,
    )
    return placed


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    end: datetime.date,
    end_reason: str,
    next_housing_type: str = "",
    next_housing_contract_months: int | None = None,
) -> Placement:
    """End a placement. Also after its case closed: a person who has left the housing must
    not stay placed in the records because the case was closed first (issue 13). The children
    placed only with the parent end with it; a child placed on the child's own decision stays
    placed until the child's own end (``child_track.placement_child_end``, decision 0045)."""
    # Ended once: the second of two racing ends finds it ended (decision 0029).
    locked(placement)
    if placement.end is not None:
        raise ValidationError(_("The placement has already ended."))
    require_not_future(end, "end")
    if end < placement.start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    if not end_reason:
        raise ValidationError({"end_reason": _("State why the placement ended.")})
    if next_housing_contract_months is not None and not next_housing_type:
        raise ValidationError(
            {"next_housing_type": _("State the kind of housing the contract is for.")}
        )
    placement.end = end
    placement.end_reason = end_reason
    placement.next_housing_type = next_housing_type
    placement.next_housing_contract_months = next_housing_contract_months
    placement.full_clean()
    placement.save(
        update_fields=["end", "end_reason", "next_housing_type", "next_housing_contract_months"]
    )
    placement.children.filter(decision__isnull=True, end__isnull=True).update(
        end=end, end_reason=end_reason
    )
    case_event_record(
        case=placement.case,
        kind=EventKind.PLACEMENT_ENDED,
        day=end,
        actor=actor,
        unit=acting_unit(actor, placement.case),
        end_reason=end_reason,
        next_housing_type=next_housing_type,
        next_housing_contract_months=next_housing_contract_months,
    )
    return placement


@transaction.atomic
def decision_end(*, actor: User, decision: Decision, end: datetime.date) -> Decision:
    """End a decision earlier than it was to run (or end one made until further notice), as
    when its case closes (``cases.closing``). Only ever earlier: a longer period is a new
    decision."""
    locked(decision)
    require_open(decision.case)
    require_not_future(end, "end")
    if end < decision.start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    if decision.end is not None and end >= decision.end:
        raise ValidationError(
            {"end": _("The decision already ends on %(end)s.") % {"end": decision.end.isoformat()}}
        )
    decision.end = end
    decision.full_clean()
    decision.save(update_fields=["end"])
    case_event_record(
        case=decision.case,
        kind=EventKind.DECISION_ENDED,
        day=end,
        actor=actor,
        unit=acting_unit(actor, decision.case),
        intervention=decision.intervention,
        decision=str(decision.public_id),
    )
    return decision


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    case: Case,
    date: datetime.date,
    decision: Decision | None = None,
    placement: Placement | None = None,
    goal_achieved: bool | None = None,
    improved_situation: bool | None = None,
    note: str = "",
) -> FollowUp:
    require_open(case)
    require_not_future(date, "date")
    for target, field in ((decision, "decision"), (placement, "placement")):
        if target is not None and target.case_id != case.pk:
            raise ValidationError({field: _("It belongs to another case.")})
    if placement is not None and date < placement.start:
        raise ValidationError({"date": _("A follow-up cannot come before the placement started.")})
    unit = acting_unit(actor, case)
    follow_up = FollowUp(
        case=case,
        date=date,
        decision=decision,
        placement=placement,
        goal_achieved=goal_achieved,
        improved_situation=improved_situation,
        note=note.strip(),
        unit=unit,
    )
    follow_up.full_clean()
    follow_up.save()
    case_event_record(
        case=case,
        kind=EventKind.FOLLOW_UP_RECORDED,
        day=date,
        actor=actor,
        unit=unit,
        goal_achieved=goal_achieved,
        improved_situation=improved_situation,
        placement=str(placement.public_id) if placement else None,
        decision=str(decision.public_id) if decision else None,
    )
    return follow_up
