"""Short ids in log review's filters: a person or a case named by the first characters of
its opaque id, as the pages show it ("1a2b3c4d"), found among the reviewer's own entries.

The ids are looked up in the reviewer's scope only (``policies.log_review``), so an id out of
it reads as "none begins so" and the answer never tells whether it exists elsewhere. The ids
that share a prefix are the ids between the prefix padded with 0s and padded with fs: a range
of the column's index, never a scan of the text of every id.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from brytupp.access import policies

# How many ids an ambiguous short id lists, at most.
AMBIGUOUS_SHOWN = 5
SHORT_ID_NONE = gettext_lazy("No entry you review has a “{label}” that begins with {short}.")
SHORT_ID_AMBIGUOUS = gettext_lazy(
    "{short} is the beginning of several ids in “{label}” in the entries you review: {ids}. "
    "Write more of the id."
)


def _as_shown(value: uuid.UUID, *, digits: int) -> str:
    """The id's first ``digits`` hexadecimal digits as pages write an id, with its hyphens."""
    text = str(value)
    # The hyphens of "8-4-4-4-12" before the digit after the last one kept.
    return text[: digits + sum(digits > at for at in (8, 12, 16, 20))]


def _distinct_prefixes(ids: list[uuid.UUID], *, digits: int) -> list[str]:
    """The ids cut as short as keeps them apart, longer than the ``digits`` typed."""
    length = digits + 1
    while len({value.hex[:length] for value in ids}) < len(ids):
        length += 1
    return [_as_shown(value, digits=length) for value in ids]


def log_id_resolve(*, actor, column: str, typed: str | uuid.UUID, label) -> uuid.UUID:
    """The one id in ``column`` (``person_public_id`` or ``case_public_id``) of the actor's
    entries that begins with ``typed`` (hexadecimal digits, as ``forms.ShortIdField`` cleans
    them); a whole id is taken as it is. Raises a ``ValidationError`` that says whether no id
    or several begin so, listing the several cut just long enough to tell them apart."""
    if isinstance(typed, uuid.UUID):
        return typed
    digits = typed.replace("-", "").lower()
    if len(digits) == 32:
        return uuid.UUID(digits)
    low, high = uuid.UUID(digits.ljust(32, "0")), uuid.UUID(digits.ljust(32, "f"))
    matches = list(
        policies.log_review.queryset(actor)
        .filter(**{f"{column}__range": (low, high)})
        .order_by(column)
        .values_list(column, flat=True)
        .distinct()[: AMBIGUOUS_SHOWN + 1]
    )
    short = _as_shown(low, digits=len(digits))
    if not matches:
        raise ValidationError(format_lazy(SHORT_ID_NONE, label=label, short=short), code="none")
    if len(matches) > 1:
        shown = _distinct_prefixes(matches, digits=len(digits))[:AMBIGUOUS_SHOWN]
        ids = ", ".join(shown) + (" …" if len(matches) > AMBIGUOUS_SHOWN else "")
        raise ValidationError(
            format_lazy(SHORT_ID_AMBIGUOUS, label=label, short=short, ids=ids),
            code="ambiguous",
        )
    return matches[0]
