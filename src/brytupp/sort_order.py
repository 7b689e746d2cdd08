"""Swedish alphabetical order: a–z, then å, ä, ö (Zeta before Åre before Ängby before Östberga).

Names of districts, units, partners and staff are ordered in the database by
``swedish_order(field)``: the name in lower case with å ä ö (and the letters Swedish files
with them: æ ø ü é …) replaced by the three characters that follow "z" in byte order
(``{ | }``), compared in the "C" collation. That collation is in every PostgreSQL; the ICU
collation "sv-SE-x-icu" is not: the embedded PostgreSQL of the demo and the tests is built
without ICU (decision 0036). ``swedish_key`` is the same order for a list sorted in Python.
"""

from __future__ import annotations

from django.db.models import F, Func, Value
from django.db.models.functions import Collate, Lower

# Each letter and the letter it sorts as; "{", "|", "}" follow "z" in the "C" collation.
_FROM = "åäöæøüéèêëáàâ"
_TO = "{|}|}yeeeeaaa"
_TABLE = str.maketrans(_FROM, _TO)


def swedish_order(field: str, *, descending: bool = False):
    """An ``order_by`` term: FIELD in Swedish alphabetical order, case ignored."""
    key = Collate(
        Func(Lower(F(field)), Value(_FROM), Value(_TO), function="translate"),
        "C",
    )
    return key.desc() if descending else key.asc()


def swedish_key(text: str) -> str:
    """The same order for ``sorted(..., key=...)``."""
    return text.lower().translate(_TABLE)
