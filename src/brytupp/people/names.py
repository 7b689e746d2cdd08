"""Where a person's name is kept: in clear, or sealed for a protected identity (decision 0022).

A database session of the application's role reads every column it can select, and a dump
or a replica holds them all. So for a person with protected identity ``first_name`` and
``last_name`` are empty strings, and the name lives only in ``name_sealed`` (the JSON
``[first, last]`` sealed with the field keys) and ``name_digest`` (a keyed digest of the
normalised name and birth date, for an exact search). The keys are in the application's
environment, never in the database. Anyone else's name stays in clear, with both columns
empty: nothing changes for them.

``person_name_store`` decides it for one person before it is saved, from its level; the
services call it whenever the level changes (registering, raising, lowering), and
the import and the inheritance statement call it for the few rows with a name they change.
The name is read back through ``presentation.person_full_name`` only.
"""

from __future__ import annotations

import datetime
import json

from django.db.models import Q, QuerySet

from .models import Person, ProtectedIdentity
from .sealing import seal, search_digest, unseal

NAME_FIELDS = ("first_name", "last_name", "name_sealed", "name_digest")


def name_normalised(value: str) -> str:
    """Case and runs of white space do not tell two names apart, as the search's case-
    insensitive match does not (it also strips the ends)."""
    return " ".join(value.split()).casefold()


def name_digest_of(*, first_name: str, last_name: str, birth_date: datetime.date) -> str:
    """The keyed digest a protected person's name and birth date are found by."""
    key = "|".join(
        (name_normalised(first_name), name_normalised(last_name), birth_date.isoformat())
    )
    return search_digest(key)


def name_sealed_of(*, first_name: str, last_name: str) -> str:
    return seal(json.dumps([first_name, last_name], ensure_ascii=False))


def name_unsealed(sealed: str) -> tuple[str, str]:
    first_name, last_name = json.loads(unseal(sealed))
    return first_name, last_name


def persons_named(*, first_name: str, last_name: str, birth_date: datetime.date) -> QuerySet:
    """Everyone registered with this name and birth date, protected or not: a name in clear
    matched without regard to case, a sealed one by its digest. Not an access rule: the
    callers (search before opening, a reserve identity's uniqueness) decide what to show."""
    first_name, last_name = first_name.strip(), last_name.strip()
    return Person.objects.filter(
        Q(first_name__iexact=first_name, last_name__iexact=last_name)
        | Q(
            name_digest=name_digest_of(
                first_name=first_name, last_name=last_name, birth_date=birth_date
            )
        ),
        birth_date=birth_date,
    )


def person_name(person: Person) -> tuple[str, str]:
    """First and last name, wherever they are kept."""
    if person.name_sealed:
        return name_unsealed(person.name_sealed)
    return person.first_name, person.last_name


def person_name_store(person: Person) -> bool:
    """Keep the person's name as its level wants it: sealed when protected, in clear
    otherwise. Sets the fields (``NAME_FIELDS``) without saving; whether any changed."""
    first_name, last_name = person_name(person)
    wanted: dict[str, str | None]
    if person.protected_identity != ProtectedIdentity.NONE and (first_name or last_name):
        wanted = {
            "first_name": "",
            "last_name": "",
            "name_sealed": person.name_sealed
            or name_sealed_of(first_name=first_name, last_name=last_name),
            "name_digest": name_digest_of(
                first_name=first_name, last_name=last_name, birth_date=person.birth_date
            ),
        }
    else:
        wanted = {
            "first_name": first_name,
            "last_name": last_name,
            "name_sealed": "",
            "name_digest": None,
        }
    changed = any(getattr(person, field) != value for field, value in wanted.items())
    for field, value in wanted.items():
        setattr(person, field, value)
    return changed


def person_name_columns(stored: Person | None, row: dict) -> dict:
    """The name columns of an import's row (``row``: its birth date and new level) for a
    person stored with a name (``stored``, or ``None`` if without one)."""
    if stored is None:
        return {"first_name": "", "last_name": "", "name_sealed": "", "name_digest": None}
    stored.birth_date = row["birth_date"]
    stored.protected_identity = row["protected_identity"]
    person_name_store(stored)
    return {field: getattr(stored, field) for field in NAME_FIELDS}
