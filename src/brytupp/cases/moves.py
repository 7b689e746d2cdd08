"""A move to another municipality ends the case (issue 17 item 4, decision 0050).

The person moves out of the city: the lead unit closes the case with the reason ``moved``
(the interchange format's code, unchanged) and records, in the same step, where to and when,
and whether the person consented to a summary of the case being sent to the receiving
municipality (``MunicipalityMove``). ``case_close_moved`` checks the move, records it and its
event, and closes through ``closing.case_close_ending`` — what still runs ends on the way —
in one transaction: a refusal of any part writes nothing.

A move within the city is not this: the case is handed over to the new district instead
(``cases.transfers``, decision 0049), so the receiving municipality may not be the case's own.

The timeline event holds the receiving municipality's name — a public authority, not the
person's address — and whether a consent was given, never anything of the person.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.concurrency import locked
from brytupp.organisation.models import User

from .checks import require_open
from .closing import ActionEnding, DecisionEnding, PlacementEnding, case_close_ending
from .events import EventKind, case_event_record
from .models import Case, ClosureReason, ConsentForm, MunicipalityMove


def _comparable(name: str) -> str:
    """A municipality's name as compared: "Stockholms stad", "Stockholm" and "stockholm
    kommun" are one."""
    words = re.sub(r"\s+", " ", name).strip().lower()
    words = re.sub(r"\s+(kommun|stad)$", "", words)
    return words[:-1] if words.endswith("s") else words


def _move_errors(
    case: Case,
    *,
    municipality: str,
    moved: datetime.date | None,
    consent_given: datetime.date | None,
    consent_form: str,
) -> dict[str, str]:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    own = case.district.municipality.name
    if not municipality:
        errors["municipality"] = _("State the municipality the person moves to.")
    elif _comparable(municipality) == _comparable(own):
        errors["municipality"] = _(
            "A move within %(municipality)s does not close the case: hand the case over to "
            "the new district instead."
        ) % {"municipality": own}
    if moved is None:
        errors["moved"] = _("State the date of the move.")
    elif moved > today:
        errors["moved"] = _("The date cannot be in the future.")
    elif moved < case.opened:
        errors["moved"] = _("The move cannot be before the case opened.")
    if consent_given is not None and consent_given > today:
        errors["consent_given"] = _("The date cannot be in the future.")
    elif consent_given is not None and consent_given < case.opened:
        errors["consent_given"] = _("The consent cannot be before the case opened.")
    if consent_given is not None and consent_form not in ConsentForm.values:
        errors["consent_form"] = _("Choose the form of the consent.")
    if consent_given is None and consent_form:
        errors["consent_given"] = _("State the date the consent was given.")
    return errors


@transaction.atomic
def case_close_moved(
    *,
    actor: User,
    case: Case,
    closed: datetime.date,
    municipality: str,
    moved: datetime.date | None,
    consent_given: datetime.date | None = None,
    consent_form: str = "",
    placements: Sequence[PlacementEnding] = (),
    decisions: Sequence[DecisionEnding] = (),
    actions: Sequence[ActionEnding] = (),
) -> MunicipalityMove:
    """Close the case as moved to another municipality, with the move and the consent to a
    summary recorded, what runs ended as asked; all or nothing. Only the lead unit closes."""
    locked(case)
    require_open(case)
    if not policies.part_leads(case, policies.acting_part(actor, case)):
        raise ValidationError(_("Only the lead unit closes the case."))
    municipality = re.sub(r"\s+", " ", municipality).strip()
    errors = _move_errors(
        case,
        municipality=municipality,
        moved=moved,
        consent_given=consent_given,
        consent_form=consent_form,
    )
    if errors:
        raise ValidationError(errors)
    assert moved is not None
    move = MunicipalityMove(
        case=case,
        municipality=municipality,
        moved=moved,
        consent_given=consent_given,
        consent_form=consent_form if consent_given is not None else "",
        recorded_by=actor,
    )
    move.full_clean()
    move.save()
    case_event_record(
        case=case,
        kind=EventKind.CASE_MOVED_MUNICIPALITY,
        day=moved,
        actor=actor,
        unit=case.lead_unit,
        municipality=municipality,
        consent=move.consented,
    )
    case_close_ending(
        actor=actor,
        case=case,
        closed=closed,
        reason=ClosureReason.MOVED,
        placements=placements,
        decisions=decisions,
        actions=actions,
    )
    return move
