"""Made-up people for the demo: names, dates of birth and identity numbers.

Names are visibly fictitious (Demoberg, Testström, …) so that no screenshot of the demo can be
mistaken for a real record. Identity numbers are valid in form: a real date, the sex digit
agreeing with the gender, the Luhn check digit. Each number gets its own serial (födelsenummer)
from a counter, so no two collide whatever their dates.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from brytupp.people.identity_number import luhn_digit
from brytupp.people.models import Gender, IdentityKind, ProtectedIdentity

FEMALE_FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Elin", "Ida",
    "Johanna", "Linnea", "Malin", "Sofia", "Hanna", "Amira", "Leila", "Nora", "Ebba", "Maja",
)  # fmt: skip
MALE_FIRST_NAMES = (
    "Erik", "Lars", "Karl", "Johan", "Anders", "Per", "Ali", "Oskar", "Nils", "Elias",
    "Hugo", "Liam", "Omar", "Axel", "Viktor",
)  # fmt: skip
NEUTRAL_FIRST_NAMES = ("Kim", "Alex", "Robin", "Sam", "Charlie", "Love")
FICTITIOUS_LAST_NAMES = (
    "Demoberg", "Testström", "Provlund", "Exempelsson", "Fiktivander", "Påhittsson",
    "Låtsasgren", "Skenqvist", "Övningsdal", "Mallberg", "Attrappsson", "Provkvist",
    "Testlund", "Demosson", "Exempelgren", "Fiktivström",
)  # fmt: skip

# Levels of protected identity, cycled so that every level appears; the first is the commonest.
PROTECTION_CYCLE = (
    ProtectedIdentity.SEKRETESSMARKERING,
    ProtectedIdentity.SKYDDAD_FOLKBOKFORING,
    ProtectedIdentity.SEKRETESSMARKERING,
    ProtectedIdentity.FINGERADE_PERSONUPPGIFTER,
    ProtectedIdentity.SKYDDAD_FOLKBOKFORING,
)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier; 28 February for 29 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A day between ``first`` and ``last``, both included."""
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def birth_date_for_age(
    rng: random.Random, *, age: int, today: datetime.date, latest: datetime.date | None = None
) -> datetime.date:
    """A birth date giving ``age`` full years on ``today``, not after ``latest``."""
    first = years_before(today, age + 1) + datetime.timedelta(days=1)
    last = years_before(today, age)
    if latest is not None:
        last = min(last, latest)
    return random_day(rng, first, max(first, last))


@dataclass
class PlannedPerson:
    """A person to register, decided before anything is written."""

    first_name: str
    last_name: str
    gender: str
    birth_date: datetime.date
    identity_kind: str
    protected_identity: str = ProtectedIdentity.NONE
    children: list[PlannedPerson] = field(default_factory=list)

    @property
    def is_protected(self) -> bool:
        return self.protected_identity != ProtectedIdentity.NONE


def pick_gender(rng: random.Random, *, adult: bool) -> str:
    if not adult:
        return rng.choice((Gender.FEMALE, Gender.MALE))
    roll = rng.random()
    if roll < 0.84:
        return Gender.FEMALE
    if roll < 0.96:
        return Gender.MALE
    return Gender.OTHER if roll < 0.98 else Gender.UNKNOWN


def pick_first_name(rng: random.Random, gender: str) -> str:
    if gender == Gender.FEMALE:
        return rng.choice(FEMALE_FIRST_NAMES)
    if gender == Gender.MALE:
        return rng.choice(MALE_FIRST_NAMES)
    return rng.choice(NEUTRAL_FIRST_NAMES)


def pick_identity_kind(rng: random.Random) -> str:
    """About 90 % personnummer, 5 % samordningsnummer, 5 % reserve identity."""
    roll = rng.random()
    if roll < 0.05:
        return IdentityKind.SAMORDNINGSNUMMER
    if roll < 0.10:
        return IdentityKind.RESERVE
    return IdentityKind.PERSONNUMMER


class IdentityNumbers:
    """Hands out identity numbers whose serials never repeat.

    Serial ``2k`` (even: a woman) or ``2k + 1`` (odd: a man) for the k-th number, so a serial
    is used once only, and at most 499 numbers can be made.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued = 0

    @property
    def issued(self) -> int:
        return self._issued

    def issue(self, person: PlannedPerson) -> str:
        """The twelve-digit number for ``person``, or "" for a reserve identity."""
        if person.identity_kind == IdentityKind.RESERVE:
            return ""
        self._issued += 1
        if self._issued > 499:
            raise ValueError("The demo's identity number series is used up (499 numbers).")
        odd = {Gender.FEMALE: 0, Gender.MALE: 1}.get(person.gender, self._rng.randint(0, 1))
        serial = 2 * self._issued + odd
        day = person.birth_date.day
        if person.identity_kind == IdentityKind.SAMORDNINGSNUMMER:
            day += 60
        date_part = f"{person.birth_date:%y%m}{day:02d}"
        nine = f"{date_part}{serial:03d}"
        return f"{person.birth_date:%Y}"[:2] + nine + str(luhn_digit(nine))
