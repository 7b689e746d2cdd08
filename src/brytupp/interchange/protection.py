"""Protected identity in an import: never lowered silently (issue 10, finding 5).

The format's ``protected_identity`` is optional with default false, so a producer that does
not know of the protection (or drops the field) would clear *skyddad folkbokföring* with
every import. Hence, for a person already in the database with protected identity:

- ``true`` keeps the level (a stronger one recorded here is kept); raising is always allowed;
- the field left out is refused — unless the protection is the one the person inherits as
  a child placed with or linked to a protected parent (decision 0018), which the producer
  cannot be expected to know: then the level is kept;
- ``false`` is refused unless the run names a user (``--user``) and says
  ``--lower-protection``; then the person is lowered to none, and each lowering gets an
  access-log entry (kind *change*, ground *administration*, naming the user and the person's
  public id) and an event on the timeline of every case the person is in.

The check costs no query of its own: ``ImportState`` reads the stored levels with the
persons' primary keys, one query per batch; the inheritance exception asks once more per
batch, only when a batch has such lines.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record_persons
from brytupp.cases.events import EventKind
from brytupp.cases.models import Case, CaseEvent
from brytupp.people.models import Person, ProtectedIdentity, protection_rank

MISSING = (
    "missing, but the person has protected identity in the database: write true to keep "
    "it (false lowers it, only with --user and --lower-protection)"
)
NOT_ALLOWED = (
    "false would lower the person's protected identity: only with --user and --lower-protection"
)


def protection_problem(record: dict, stored: str, *, inherited: bool, may_lower: bool):
    """What is wrong with a line for a person stored with ``stored``, or ``None``."""
    if stored == ProtectedIdentity.NONE or record.get("protected_identity") is True:
        return None
    if "protected_identity" not in record:
        return None if inherited else MISSING
    return None if may_lower else NOT_ALLOWED


def inherited_protection(keys: set[str]) -> set[str]:
    """Of these persons' ids, those placed with or linked to a parent protected at least as
    strongly as they are: their protection is the parent's, not the producer's to state."""
    if not keys:
        return set()
    rows = Person.objects.filter(external_id__in=list(keys)).values_list(
        "external_id",
        "protected_identity",
        "placements_as_child__placement__case__person__protected_identity",
        "guardianships__guardian__protected_identity",
    )
    return {
        key
        for key, own, placed_with, guardian in rows
        if any(
            parent is not None and protection_rank(parent) >= protection_rank(own)
            for parent in (placed_with, guardian)
        )
    }


def protection_level(record: dict, stored: str | None) -> str:
    """The level to write for a line that passed ``protection_problem``."""
    stored = stored or ProtectedIdentity.NONE
    given = record.get("protected_identity")
    if given is True:
        return stored if stored != ProtectedIdentity.NONE else ProtectedIdentity.SEKRETESSMARKERING
    if given is False:
        return ProtectedIdentity.NONE
    return stored


def lowerings_record(*, actor, lowered: list[tuple[int, object, str]]) -> None:
    """Log each lowered person (pk, public id, level before) and put it on the timeline of
    every case they are in, as the person or as a child placed in it."""
    if not lowered:
        return
    access_log_record_persons(
        actor=actor,
        kind=AccessKind.CHANGE,
        person_public_ids=[public_id for _, public_id, _ in lowered],
        ground=AccessGround.ADMINISTRATION,
    )
    by_pk = {pk: (public_id, level) for pk, public_id, level in lowered}
    cases = Case.objects.filter(
        Q(person_id__in=by_pk) | Q(placements__children__child_id__in=by_pk)
    ).values_list("pk", "person_id", "placements__children__child_id")
    pairs = set()
    for case_id, person_id, child_id in cases:
        for pk in (person_id, child_id):
            if pk in by_pk:
                pairs.add((case_id, pk))
    today = timezone.localdate()
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_id=case_id,
            kind=EventKind.PROTECTION_LOWERED,
            day=today,
            actor=actor,
            data={"person": str(by_pk[pk][0]), "level": by_pk[pk][1]},
        )
        for case_id, pk in sorted(pairs)
    )
