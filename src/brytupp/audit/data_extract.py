"""The register extract of a person's data (registerutdrag, GDPR art. 15; decision 0043):
everything recorded about the person, as a PDF, after a secrecy review (sekretessprövning,
OSL 26 kap.) that may withhold any item on a stated ground.

Only a system administrator makes it, and for a person with protected identity only with a
second person's approval of their own request, as for the extract of the access log (decision
0023, ``policies.register_extract_person_allowed``); anyone else gets the same 404 as for a
person who does not exist. Reading the items for the review is logged as a view of the person,
each PDF made as an export. The review is stored, written once, so the extract made can be
made again and audited: who released what, when, on what ground.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.people.models import Person

from . import review as log_review
from .data_collect import Collected, ExtractItem, person_data_collect
from .models import AccessGround, AccessKind, DataExtractReview, WithholdingGround
from .services import access_log_record

OTHER_GROUND_MAX_LENGTH = 200


def _person_allowed(actor, person_id: uuid.UUID) -> Person:
    if not policies.register_extract.allows(actor):
        raise Http404
    person = Person.objects.filter(public_id=person_id).first()
    if person is None or not policies.register_extract_person_allowed(actor, person):
        raise Http404
    return person


def data_extract_items(*, actor, person_id: uuid.UUID) -> Collected:
    """The items of the person's extract for the administrator's secrecy review, logged as a
    view of the person. 404, with nothing logged, for anyone else and any person the actor may
    not extract."""
    person = _person_allowed(actor, person_id)
    collected = person_data_collect(person)
    access_log_record(
        actor=actor, kind=AccessKind.VIEW, person=person, ground=AccessGround.OVERSIGHT
    )
    return collected


def _withholding(item: ExtractItem, ground: str, text: str) -> dict | None:
    """The stored withholding of one item (None: released), or a ValidationError."""
    if item.locked:
        return {"ground": item.default_ground, "text": ""}
    if not ground:
        return None
    if ground not in WithholdingGround.values:
        raise ValidationError({item.field_name: _("Choose a ground from the list.")})
    text = text.strip()
    if ground != WithholdingGround.OTHER:
        return {"ground": ground, "text": ""}
    if not text:
        raise ValidationError({item.field_name: _("Say on what ground the item is withheld.")})
    if len(text) > OTHER_GROUND_MAX_LENGTH:
        raise ValidationError(
            {
                item.field_name: _("Write the ground in at most %(limit)d characters.")
                % {"limit": OTHER_GROUND_MAX_LENGTH}
            }
        )
    return {"ground": ground, "text": text}


def data_extract_review_save(
    *, actor, collected: Collected, choices: dict[str, tuple[str, str]]
) -> DataExtractReview:
    """Store the review of ``collected``: ``choices`` maps an item's key to the ground it is
    withheld on ("" to release it) and, for "other", the reviewer's words. A locked item stays
    withheld whatever is asked; an item not in ``choices`` keeps its default."""
    person = _person_allowed(actor, collected.person.public_id)
    withheld: dict[str, dict] = {}
    errors: dict[str, list] = {}
    for item in collected.items:
        ground, text = choices.get(item.key, (item.default_ground, ""))
        try:
            stored = _withholding(item, ground, text)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if stored is not None:
            withheld[item.key] = stored
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return DataExtractReview.objects.create(
            person=person,
            reviewed_by=actor,
            item_keys=[item.key for item in collected.items],
            withheld=withheld,
        )


def data_extract_review_get(*, actor, review_id: uuid.UUID) -> DataExtractReview:
    """The actor's own review, while they may still extract its person; 404 otherwise."""
    review = policies.data_extract_reviews.get_or_404(
        actor,
        queryset=DataExtractReview.objects.select_related("person", "reviewed_by"),
        public_id=review_id,
    )
    if not policies.register_extract_person_allowed(actor, review.person):
        raise Http404
    return review


def withheld_marking(withholding: dict) -> str:
    if withholding["ground"] == WithholdingGround.OTHER:
        ground = f"{WithholdingGround.OTHER.label}: {withholding['text']}"
    else:
        ground = str(WithholdingGround(withholding["ground"]).label)
    return _("The information has been withheld after a secrecy review (%(ground)s).") % {
        "ground": ground
    }


@dataclass(frozen=True)
class ShownItem:
    heading: str
    facts: tuple[tuple[str, str], ...]
    # The marking of a withheld item, whose facts are then empty.
    withheld: str = ""


@dataclass(frozen=True)
class DataExtract:
    review: DataExtractReview
    sections: list[tuple[str, list[ShownItem]]]
    produced_by: str
    produced_at: datetime.datetime

    @property
    def person_short(self) -> str:
        return str(self.review.person.public_id)[:8]

    @property
    def withheld_count(self) -> int:
        return sum(1 for _section, items in self.sections for item in items if item.withheld)


def _shown(item: ExtractItem, withholding: dict | None) -> ShownItem:
    if item.locked and withholding is None:
        # A locked item the review did not list (it cannot be: a review lists every item);
        # withheld all the same.
        withholding = {"ground": item.default_ground, "text": ""}
    if withholding is not None:
        return ShownItem(heading=item.heading, facts=(), withheld=withheld_marking(withholding))
    return ShownItem(heading=item.heading, facts=item.facts)


def data_extract_produce(*, actor, review_id: uuid.UUID) -> DataExtract:
    """The extract as the review left it, logged as an export of the person. Items recorded
    after the review are not in it: they were never reviewed; a new review shows them."""
    review = data_extract_review_get(actor=actor, review_id=review_id)
    reviewed = set(review.item_keys)
    sections: list[tuple[str, list[ShownItem]]] = []
    for item in person_data_collect(review.person).items:
        if item.key not in reviewed:
            continue
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(_shown(item, review.withheld.get(item.key)))
    access_log_record(
        actor=actor, kind=AccessKind.EXPORT, person=review.person, ground=AccessGround.OVERSIGHT
    )
    full_name = actor.get_full_name()
    return DataExtract(
        review=review,
        sections=sections,
        produced_by=f"{full_name} ({actor.username})" if full_name else actor.username,
        produced_at=timezone.localtime(timezone.now(), log_review.LOCAL_TZ),
    )
