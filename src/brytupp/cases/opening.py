"""A user opening a case, and the acceptance it may need (decision 0016).

A case opened for a person who has an open case anywhere in the city, or who has a protected
identity, is *pending*: it exists and is seen by its opening unit, but grants nothing — no
work, no reveal, no address, no person shown — until the unit holding the person accepts it
(``CaseOpeningRequest``). Refusing closes it. Without this, anyone who knows a number could
open a case of their own and reveal the person through it.

For a protected person the opening is pending even in a district where the person already has
an open case: refusing it there at once would tell the opener where the person's case is. A
pending case may therefore stand beside an accepted one; the database keeps one open
*accepted* case per person and district, and accepting is refused when that would make two.

Every attempt, allowed, pending or refused, and every answer is an ``opening`` entry in the
access log, with the person's public id, so the units holding the person can see it.

Search before create carries the person from the search (or registration) to the opening form
as a signed token (``person_token``) holding the person's public id, the signed-in user's
public id and a label of what the user typed — never an identity number — so no personal data
travels in a page and a token cannot be forged, replayed by someone else, or kept for long.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind, AccessOutcome
from brytupp.audit.services import access_log_record, access_log_record_many
from brytupp.organisation.models import District, Membership, Role, Unit, User
from brytupp.people.identity_number import parse_identity_number
from brytupp.people.models import Person

from .account import account_carry
from .events import EventKind, case_event_record
from .models import Case, CaseAcceptance, CaseOpeningRequest, ClosureReason, OpeningOutcome
from .services import case_close, case_open, open_case_exists

SECOND_ACCEPTED_CASE = "case_one_open_per_person_district"

MIN_REASON = 10
REQUESTS_SHOWN = 50
ANSWERED_SHOWN_DAYS = 30
OPENING_SIGNATURE_SCOPE = "brytupp.cases.open.person"
OPENING_SIGNATURE_MAX_AGE = 2 * 60 * 60


def person_holding_case(person: Person) -> Case | None:
    """The person's oldest open accepted case: its lead unit holds the person."""
    return (
        Case.objects.filter(person=person, closed__isnull=True, acceptance=CaseAcceptance.ACCEPTED)
        .select_related("lead_unit")
        .order_by("opened", "pk")
        .first()
    )


def case_opening_needs_acceptance(person: Person) -> bool:
    """A protected person, or one with an open case anywhere in the city (pending included)."""
    return person.is_protected or Case.objects.filter(person=person, closed__isnull=True).exists()


def _case_in_district(person: Person, district: District) -> bool:
    """An open case in the district, accepted or pending: one request at a time there."""
    return Case.objects.filter(person=person, district=district, closed__isnull=True).exists()


def _requesting_unit(actor: User, lead_unit: Unit) -> Unit | None:
    """The unit the opener acts for: the lead unit if they work there, else their first."""
    units = policies.units_with_role(actor, *policies.CASE_ROLES)
    return next((unit for unit in units if unit.pk == lead_unit.pk), units[0] if units else None)


def _another_manager(unit: Unit, actor: User) -> bool:
    return (
        Membership.objects.in_force(timezone.localdate())
        .filter(unit=unit, role=Role.ENHETSCHEF, user__is_active=True)
        .exclude(user=actor)
        .exists()
    )


def case_opening_submit(
    *,
    actor: User,
    person: Person,
    district: District,
    lead_unit: Unit,
    source: str,
    opened: datetime.date,
    reason: str = "",
) -> Case:
    """Open a case as ``actor``: at once, or pending with a request to the holding unit.

    A refusal raises ``ValidationError``, changes nothing and is logged as a refused opening.
    """
    try:
        with transaction.atomic():
            return _submit(
                actor=actor,
                person=person,
                district=district,
                lead_unit=lead_unit,
                source=source,
                opened=opened,
                reason=reason.strip(),
            )
    except ValidationError:
        access_log_record(
            actor=actor,
            kind=AccessKind.OPENING,
            person=person,
            ground=AccessGround.REFUSED,
            outcome=AccessOutcome.REFUSED,
        )
        raise


def _submit(*, actor: User, person, district, lead_unit, source, opened, reason) -> Case:
    requesting_unit = _requesting_unit(actor, lead_unit)
    if requesting_unit is None:
        raise ValidationError(_("You have no unit in which to open a case."))
    if not case_opening_needs_acceptance(person):
        case = case_open(
            actor=actor,
            person=person,
            district=district,
            lead_unit=lead_unit,
            source=source,
            opened=opened,
        )
        access_log_record(actor=actor, kind=AccessKind.OPENING, case=case, unit=requesting_unit)
        return case
    if not person.is_protected and _case_in_district(person, district):
        # Said before asking for a reason: no reason can open a second case in the district.
        # Only for an unprotected person, whose search notice already names the district; for
        # a protected person it would tell where their case is, so the holder refuses instead.
        raise ValidationError(_("The person already has an open case in this district."))
    if len(reason) < MIN_REASON:
        raise ValidationError(
            {
                "reason": _(
                    "The unit that holds the person must accept this case: state why you open "
                    "it, in at least 10 characters."
                )
            }
        )
    holder = person_holding_case(person)
    if holder is None and not _another_manager(lead_unit, actor):
        raise ValidationError(
            {"lead_unit": _("The lead unit has no other manager who can accept the case.")}
        )
    case = case_open(
        actor=actor,
        person=person,
        district=district,
        lead_unit=lead_unit,
        source=source,
        opened=opened,
        acceptance=CaseAcceptance.PENDING,
    )
    CaseOpeningRequest.objects.create(
        case=case,
        requested_by=actor,
        requesting_unit=requesting_unit,
        reason=reason,
        answering_unit=holder.lead_unit if holder else lead_unit,
        managers_only=holder is None,
    )
    case_event_record(
        case=case, kind=EventKind.OPENING_REQUESTED, day=opened, actor=actor, unit=requesting_unit
    )
    # Allowed to ask, with no ground for any access yet: the case is pending.
    access_log_record(
        actor=actor,
        kind=AccessKind.OPENING,
        case=case,
        unit=requesting_unit,
        ground=AccessGround.NONE,
    )
    return case


def _answerable(actor: User, request: CaseOpeningRequest) -> CaseOpeningRequest:
    """The request locked for the answer; 404 unless the actor may answer it now."""
    locked = (
        policies.opening_requests.queryset(actor).select_for_update().filter(pk=request.pk).first()
    )
    if locked is None:
        raise Http404
    return locked


def _answer(request: CaseOpeningRequest, actor: User, outcome: str) -> None:
    request.outcome = outcome
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["outcome", "answered_by", "answered_at", "refusal_reason"])


@transaction.atomic
def case_opening_accept(*, actor: User, request: CaseOpeningRequest) -> CaseOpeningRequest:
    """The holding unit accepts: the case becomes an ordinary case of its lead unit.

    Refused when the person already has an open accepted case in the new case's district (the
    pending case stood beside it, decision 0016): the holder refuses the request instead and
    invites the unit to that case. The database backs the check against a racing answer.
    """
    request = _answerable(actor, request)
    case = request.case
    if open_case_exists(person=case.person, district=case.district):
        raise _second_accepted_case()
    _answer(request, actor, OpeningOutcome.ACCEPTED)
    case.acceptance = CaseAcceptance.ACCEPTED
    try:
        with transaction.atomic():
            case.save(update_fields=["acceptance"])
    except IntegrityError as error:
        # Another answer made an accepted case in the district after the check above.
        if SECOND_ACCEPTED_CASE in str(error):
            raise _second_accepted_case() from None
        raise
    case_event_record(
        case=case,
        kind=EventKind.OPENING_ACCEPTED,
        day=timezone.localdate(),
        actor=actor,
        unit=request.answering_unit,
    )
    account_carry(case=case)
    access_log_record(actor=actor, kind=AccessKind.OPENING, case=case, unit=request.answering_unit)
    return request


def _second_accepted_case() -> ValidationError:
    return ValidationError(
        _(
            "The person already has an open case in this district: refuse the request and "
            "invite the unit to that case instead."
        )
    )


@transaction.atomic
def case_opening_refuse(
    *, actor: User, request: CaseOpeningRequest, reason: str
) -> CaseOpeningRequest:
    """The holding unit refuses, saying why: the case closes and grants nothing, ever."""
    request = _answerable(actor, request)
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise ValidationError(
            {"refusal_reason": _("State why the opening is refused, in at least 10 characters.")}
        )
    request.refusal_reason = reason
    _answer(request, actor, OpeningOutcome.REFUSED)
    case = request.case
    case.acceptance = CaseAcceptance.REFUSED
    case.save(update_fields=["acceptance"])
    case_event_record(
        case=case,
        kind=EventKind.OPENING_REFUSED,
        day=timezone.localdate(),
        actor=actor,
        unit=request.answering_unit,
    )
    case_close(
        case=case,
        closed=max(timezone.localdate(), case.opened),
        reason=ClosureReason.OPENING_REFUSED,
        actor=actor,
    )
    access_log_record(
        actor=actor,
        kind=AccessKind.OPENING,
        case=case,
        unit=request.answering_unit,
        outcome=AccessOutcome.REFUSED,
    )
    return request


# --- reads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningRequests:
    to_answer: list[CaseOpeningRequest]
    # The actor's units' own requests, open or answered in the last 30 days.
    sent: list[CaseOpeningRequest]


def opening_request_list(*, actor: User) -> OpeningRequests:
    """Requests the actor may answer, and those their units sent, each row logged."""
    if not policies.case_opening.allows(actor):
        return OpeningRequests(to_answer=[], sent=[])
    related = ("case__person", "case__district", "case__lead_unit", "requesting_unit")
    to_answer = list(
        policies.opening_requests.queryset(actor)
        .select_related(*related, "requested_by", "answering_unit")
        .order_by("requested_at", "pk")[:REQUESTS_SHOWN]
    )
    since = timezone.now() - datetime.timedelta(days=ANSWERED_SHOWN_DAYS)
    units = [unit.pk for unit in policies.units_with_role(actor, *policies.CASE_ROLES)]
    sent = list(
        CaseOpeningRequest.objects.filter(requesting_unit_id__in=units)
        .filter(Q(outcome="") | Q(answered_at__gte=since))
        .select_related(*related)
        .order_by("-requested_at", "-pk")[:REQUESTS_SHOWN]
    )
    access_log_record_many(
        actor=actor,
        kind=AccessKind.LIST_ROW,
        cases=[request.case for request in to_answer + sent],
    )
    return OpeningRequests(to_answer=to_answer, sent=sent)


def opening_request_get(*, actor: User, public_id) -> CaseOpeningRequest:
    """One request the actor may answer (404 otherwise), its view logged."""
    request = policies.opening_requests.get_or_404(
        actor,
        queryset=CaseOpeningRequest.objects.select_related(
            "case__person",
            "case__district",
            "case__lead_unit",
            "requested_by",
            "requesting_unit",
            "answering_unit",
        ),
        public_id=public_id,
    )
    access_log_record(
        actor=actor, kind=AccessKind.VIEW, case=request.case, unit=request.answering_unit
    )
    return request


def opening_request_of(case: Case) -> CaseOpeningRequest | None:
    """The request of a case the caller has already fetched through its rule."""
    return (
        CaseOpeningRequest.objects.filter(case=case)
        .select_related("requested_by", "requesting_unit")
        .first()
    )


# --- search before create: the person carried to the opening form ------------------------------


def person_label(*, person: Person, typed: dict, fallback: str = "") -> str:
    """What the user typed about the person, masked when the identity is protected; of an
    identity number, only the date of birth it holds."""
    if person.is_protected:
        return gettext("Protected identity")
    if typed.get("identity_number"):
        born = parse_identity_number(typed["identity_number"]).birth_date
        return gettext("Born %(date)s") % {"date": born.isoformat()}
    name = f"{typed.get('first_name', '')} {typed.get('last_name', '')}".strip()
    birth_date = typed.get("birth_date")
    if not name:
        return fallback or gettext("The person you searched for")
    return f"{name}, {birth_date:%Y-%m-%d}" if birth_date else name


def person_token(*, actor: User, person: Person, label: str) -> str:
    """The person, for ``actor`` only and for ``OPENING_SIGNATURE_MAX_AGE`` seconds."""
    return signing.dumps(
        {"p": str(person.public_id), "u": str(actor.public_id), "l": label},
        salt=OPENING_SIGNATURE_SCOPE,
    )


def person_from_token(*, actor: User, token: str) -> tuple[Person, str] | None:
    """The person and label of a token ``actor`` was given; ``None`` for a forged, expired or
    someone else's token."""
    try:
        data = signing.loads(
            token or "", salt=OPENING_SIGNATURE_SCOPE, max_age=OPENING_SIGNATURE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if data.get("u") != str(actor.public_id):
        return None
    person = Person.objects.filter(public_id=data.get("p")).first()
    return (person, data.get("l", "")) if person is not None else None
