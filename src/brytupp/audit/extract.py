"""A person's register extract (registerutdrag): everyone who accessed their data, when, in
which unit and role, what kind of access, on what ground and with what outcome.

The extract is for a system administrator to hand to the person. Producing it, as a page or
as a PDF, is itself an export of the person's data and is logged as such, after the entries
are read: the extract shows every access before it, and the next extract shows this one.

It names the person only by their opaque id, never by name or identity number, whatever
their protection: the log holds opaque ids only, and so does everything made from it.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.organisation.models import Role, Unit
from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number
from brytupp.people.models import Person
from brytupp.people.sealing import search_digest

from . import review
from .extract_requests import extract_request_make
from .models import AccessGround, AccessKind, ExtractRequest
from .services import access_log_record


@dataclass(frozen=True)
class ExtractLine:
    """One access as the extract shows it: labels, not codes."""

    seq: int
    at: datetime.datetime
    username: str
    unit: str
    role: str
    kind: str
    ground: str
    outcome: str


@dataclass(frozen=True)
class RegisterExtract:
    person_id: uuid.UUID
    lines: list[ExtractLine]
    produced_by: str
    produced_at: datetime.datetime

    @property
    def person_short(self) -> str:
        return str(self.person_id)[:8]


def _lines(rows: list[review.Row]) -> list[ExtractLine]:
    codes = {row.entry.unit_code for row in rows if row.entry.unit_code}
    unit_names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
    role_labels = dict(Role.choices)
    return [
        ExtractLine(
            seq=entry.seq,
            at=timezone.localtime(entry.at, review.LOCAL_TZ),
            username=entry.username or "",
            unit=unit_names.get(entry.unit_code, entry.unit_code),
            role=str(role_labels.get(entry.role, entry.role)),
            kind=entry.get_kind_display(),
            ground=entry.get_ground_display(),
            outcome=entry.get_outcome_display(),
        )
        for entry in (row.entry for row in rows)
    ]


def _producer(actor) -> str:
    full_name = actor.get_full_name()
    return f"{full_name} ({actor.username})" if full_name else actor.username


def register_extract_produce(*, actor, person_id: uuid.UUID) -> RegisterExtract:
    """The person's extract, logged as an export of their data. A person who does not exist
    and an actor the rule does not admit get the same 404, and nothing is logged."""
    if not policies.register_extract.allows(actor):
        raise Http404
    # Only the person's existence and protection are read: the log entry needs the person, the
    # extract shows nothing of them but the id the administrator already holds.
    person = (
        Person.objects.filter(public_id=person_id)
        .only("pk", "public_id", "protected_identity")
        .first()
    )
    # A protected person's extract tells the district of their case: only with a second
    # person's approval of this actor's request (decision 0023). Otherwise the same 404.
    if person is None or not policies.register_extract_person_allowed(actor, person):
        raise Http404
    lines = _lines(review.register_extract(actor=actor, person_id=person.public_id))
    access_log_record(
        actor=actor, kind=AccessKind.EXPORT, person=person, ground=AccessGround.OVERSIGHT
    )
    return RegisterExtract(
        person_id=person.public_id,
        lines=lines,
        produced_by=_producer(actor),
        produced_at=timezone.localtime(timezone.now(), review.LOCAL_TZ),
    )


@dataclass(frozen=True)
class ExtractFound:
    """What finding a person by number gives: the id of an extract the actor may produce now,
    or, for a protected person, the request that waits for a second person's approval."""

    person_id: uuid.UUID | None = None
    request: ExtractRequest | None = None


def register_extract_person_find(*, actor, identity_number: str) -> ExtractFound | None:
    """For an actor who may print register extracts, the person with this identity number
    (None when no one has it); the look-up is logged as a search hit. A protected person's
    extract the actor has no approval for yet becomes a request (decision 0023)."""
    if not policies.register_extract.allows(actor):
        raise Http404
    try:
        number = parse_identity_number(identity_number)
    except InvalidIdentityNumber:
        return None
    person = (
        Person.objects.filter(identity_number_digest=search_digest(number.value))
        .only("pk", "public_id", "protected_identity")
        .first()
    )
    if person is None:
        return None
    access_log_record(
        actor=actor, kind=AccessKind.SEARCH_HIT, person=person, ground=AccessGround.OVERSIGHT
    )
    return register_extract_start(actor=actor, person=person)


def register_extract_start(*, actor, person) -> ExtractFound:
    """The extract of ``person`` when the actor may produce it now, else a request for it."""
    if policies.register_extract_person_allowed(actor, person):
        return ExtractFound(person_id=person.public_id)
    return ExtractFound(request=extract_request_make(actor=actor, person=person))


def register_extract_person_get(*, actor, person_id: uuid.UUID):
    """The person behind an opaque id, for an actor who may print register extracts, with only
    what deciding between the extract and a request needs; 404 when there is none."""
    if not policies.register_extract.allows(actor):
        raise Http404
    person = (
        Person.objects.filter(public_id=person_id)
        .only("pk", "public_id", "protected_identity")
        .first()
    )
    if person is None:
        raise Http404
    return person
