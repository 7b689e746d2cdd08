"""Swedish personnummer and samordningsnummer: parsing and validation.

Accepted forms: ``YYYYMMDDNNNN``, ``YYYYMMDD-NNNN``, ``YYMMDD-NNNN``, ``YYMMDDNNNN`` and
``YYMMDD+NNNN`` (the plus marks a person aged 100 or more). The check digit is the Luhn
digit of the ten-digit form. A samordningsnummer adds 60 to the day of birth. Written out
here rather than taken from ``python-stdnum``, which rejects samordningsnummer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"

_FORM = re.compile(
    r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$"
)


class InvalidIdentityNumber(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class IdentityNumber:
    """A valid identity number in its twelve-digit form."""

    value: str
    kind: str
    birth_date: datetime.date

    def __str__(self) -> str:
        return f"{self.value[:8]}-{self.value[8:]}"


def luhn_digit(digits: str) -> int:
    """The Luhn check digit for ``digits`` (nine digits for an identity number)."""
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def parse_identity_number(raw: str, *, today: datetime.date | None = None) -> IdentityNumber:
    """Parse and validate; raise ``InvalidIdentityNumber`` with a message for a person.

    ``today`` is Stockholm's date (``timezone.localdate()``) unless given: a number's date of
    birth is compared with the calendar day the user is in, not the server's clock.
    """
    today = today or timezone.localdate()
    text = (raw or "").strip().replace(" ", "")
    match = _FORM.match(text)
    if not match:
        raise InvalidIdentityNumber(
            _("Enter 12 digits (YYYYMMDDNNNN) or 10 digits with a hyphen (YYMMDD-NNNN).")
        )
    ten = match["date"] + match["serial"] + match["check"]
    if luhn_digit(ten[:9]) != int(ten[9]):
        raise InvalidIdentityNumber(_("The check digit is wrong: check the number."))

    year_2, month, day = int(match["date"][:2]), int(match["date"][2:4]), int(match["date"][4:6])
    kind = PERSONNUMMER
    if day > 60:
        kind, day = SAMORDNINGSNUMMER, day - 60
    if match["century"]:
        if match["sep"] == "+":
            raise InvalidIdentityNumber(_("Use a hyphen in the 12-digit form."))
        year = int(match["century"]) * 100 + year_2
    else:
        year = _year_from_short_form(year_2, month, day, plus=match["sep"] == "+", today=today)
    try:
        birth_date = datetime.date(year, month, day)
    except ValueError:
        raise InvalidIdentityNumber(
            _("The number does not contain a real date of birth.")
        ) from None
    if birth_date > today:
        raise InvalidIdentityNumber(_("The date of birth is in the future."))
    digits = f"{year:04d}{match['date'][2:]}{match['serial']}{match['check']}"
    return IdentityNumber(value=digits, kind=kind, birth_date=birth_date)


def _year_from_short_form(
    year_2: int, month: int, day: int, *, plus: bool, today: datetime.date
) -> int:
    """The latest year ending in ``year_2`` not after today; 100 years earlier with ``+``."""
    year = today.year - (today.year - year_2) % 100
    try:
        if datetime.date(year, month, day) > today:
            year -= 100
    except ValueError:
        pass  # Not a real date: reported by the caller with the right message.
    return year - 100 if plus else year
