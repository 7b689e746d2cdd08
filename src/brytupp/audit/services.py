"""Writing the access log: every entry goes through ``chain.chain_append``."""

from __future__ import annotations

from collections.abc import Iterable

from brytupp.access import policies
from brytupp.organisation.models import User

from .chain import chain_append
from .models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome, MembershipChange
from .request_context import current_request_id


def _acting_membership(actor: User | None, unit_ids: set[int] | None = None):
    """The membership through which the actor acts: one whose unit takes part, if any; a case
    role before another (an administrator printing an extract is named by their own role)."""
    every = policies.memberships(actor)
    held = [m for m in every if m.role in policies.CASE_ROLES] or every
    if unit_ids:
        for membership in held:
            if membership.unit_id in unit_ids:
                return membership
    return held[0] if held else None


def _entries(
    actor: User | None, membership, *, kind, ground, outcome, accesses
) -> list[AccessLogEntry]:
    """Unsaved entries for ``accesses``, pairs of (person public id, case public id or None),
    by the actor acting through ``membership``; ``chain_append`` saves them."""
    request_id = current_request_id.get()
    return [
        AccessLogEntry(
            user_public_id=getattr(actor, "public_id", None),
            unit_code=membership.unit.code if membership else "",
            role=membership.role if membership else "",
            person_public_id=person_id,
            case_public_id=case_id,
            kind=kind,
            ground=ground,
            outcome=outcome,
            request_id=request_id,
        )
        for person_id, case_id in accesses
    ]


def access_log_record(
    *,
    actor: User | None,
    kind: AccessKind,
    case=None,
    person=None,
    ground: AccessGround = AccessGround.OWN_UNIT,
    outcome: AccessOutcome = AccessOutcome.ALLOWED,
    unit=None,
) -> AccessLogEntry:
    """One entry for one access to a case or, without a case, to a person. ``unit`` names the
    unit the actor acted for, when they hold roles in more than one; without an actor (a
    system job) the entry names no user and no unit."""
    membership = _acting_membership(actor, {unit.pk} if unit is not None else None)
    person = person or (case.person if case is not None else None)
    access = (
        person.public_id if person is not None else None,
        case.public_id if case is not None else None,
    )
    [entry] = chain_append(
        _entries(actor, membership, kind=kind, ground=ground, outcome=outcome, accesses=[access])
    )
    return entry


def access_log_record_ids(
    *,
    actor: User | None,
    kind: AccessKind,
    person_public_id,
    case_public_id,
    ground: AccessGround,
    outcome: AccessOutcome,
) -> AccessLogEntry:
    """One entry naming a person and a case by their public ids alone, whether or not they
    exist: a refused request (``refused.py``) names what was asked for."""
    [entry] = chain_append(
        _entries(
            actor,
            _acting_membership(actor),
            kind=kind,
            ground=ground,
            outcome=outcome,
            accesses=[(person_public_id, case_public_id)],
        )
    )
    return entry


def access_log_record_many(
    *,
    actor: User | None,
    kind: AccessKind,
    cases: Iterable = (),
    ground: AccessGround = AccessGround.OWN_UNIT,
    outcome: AccessOutcome = AccessOutcome.ALLOWED,
) -> list[AccessLogEntry]:
    """One entry per case (and its person) the actor was shown or acted on."""
    accesses = [(case.person.public_id, case.public_id) for case in cases]
    return chain_append(
        _entries(
            actor,
            _acting_membership(actor),
            kind=kind,
            ground=ground,
            outcome=outcome,
            accesses=accesses,
        )
    )


def access_log_record_contact_requests(
    *,
    actor: User | None,
    kind: AccessKind,
    requests: Iterable,
    ground: AccessGround = AccessGround.OWN_UNIT,
    outcome: AccessOutcome = AccessOutcome.ALLOWED,
) -> list[AccessLogEntry]:
    """One entry per contact request from the public pages (decision 0054) shown or acted on.
    A request is a person not yet in the register: its public id stands in the person column,
    so the log review and the register extract find it by that id."""
    accesses = [(request.public_id, None) for request in requests]
    return chain_append(
        _entries(
            actor,
            _acting_membership(actor),
            kind=kind,
            ground=ground,
            outcome=outcome,
            accesses=accesses,
        )
    )


def access_log_record_person_cases(
    *,
    actor: User | None,
    kind: AccessKind,
    pairs: Iterable,
    ground: AccessGround = AccessGround.OWN_UNIT,
) -> list[AccessLogEntry]:
    """One entry per (person, case) shown, in one append: a list of children in their
    parents' cases (the reports of concern to receive, decision 0044)."""
    accesses = [(person.public_id, case.public_id) for person, case in pairs]
    return chain_append(
        _entries(
            actor,
            _acting_membership(actor),
            kind=kind,
            ground=ground,
            outcome=AccessOutcome.ALLOWED,
            accesses=accesses,
        )
    )


def access_log_record_persons(
    *,
    actor: User | None,
    kind: AccessKind,
    person_public_ids: Iterable,
    ground: AccessGround,
    outcome: AccessOutcome = AccessOutcome.ALLOWED,
) -> list[AccessLogEntry]:
    """One entry per person (by public id, without a case): an export of their data. Without
    an actor (a system job) the entries name no user."""
    accesses = [(person_id, None) for person_id in person_public_ids]
    return chain_append(
        _entries(
            actor,
            _acting_membership(actor),
            kind=kind,
            ground=ground,
            outcome=outcome,
            accesses=accesses,
        )
    )


def access_log_record_membership(
    *, actor: User | None, membership, change: MembershipChange, actor_role: str = ""
) -> AccessLogEntry:
    """One entry for a change to ``membership``: who (the actor, in ``actor_role``) did what
    (``change`` to the membership's role) to whom (the membership's user), in the membership's
    unit, so that the unit's manager sees it in log review. Without an actor (the demo, a set-up
    command) the entry names no user and has the ground ``system``."""
    entry = AccessLogEntry(
        user_public_id=getattr(actor, "public_id", None),
        unit_code=membership.unit.code,
        role=actor_role if actor is not None else "",
        kind=AccessKind.MEMBERSHIP,
        ground=AccessGround.ADMINISTRATION if actor is not None else AccessGround.SYSTEM,
        outcome=AccessOutcome.ALLOWED,
        request_id=current_request_id.get(),
        subject_public_id=membership.user.public_id,
        membership_change=f"{change}:{membership.role}",
    )
    [entry] = chain_append([entry])
    return entry
