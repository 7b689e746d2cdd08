"""Text in an import file is held to the model fields' limits (decision 0030): a value too
long is a problem naming the line and the field, never the value, and the file imports
nothing."""

from __future__ import annotations

import pytest

from brytupp.interchange.services import interchange_import_text
from brytupp.plans.models import Sip

from .records import BASE, changed, text
from .test_rejections import rejected

pytestmark = pytest.mark.django_db

SIP_LINE = 15

CASES = {
    "a district name one character too long": (
        changed(1, name="N" * 101),
        ["LINE 1: name: too long (at most 100 characters)"],
    ),
    "a unit name one character too long": (
        changed(2, name="R" * 151),
        ["LINE 2: name: too long (at most 150 characters)"],
    ),
    "an id one character too long": (
        changed(SIP_LINE, id="s" * 101),
        [f"LINE {SIP_LINE}: id: too long (at most 100 characters)"],
    ),
    "a SIP's responsible one character too long": (
        changed(SIP_LINE, responsible="A" * 151),
        [f"LINE {SIP_LINE}: responsible: too long (at most 150 characters)"],
    ),
    "a SIP participant one character too long": (
        changed(SIP_LINE, participants=["Socialtjänsten", "B" * 151]),
        [f"LINE {SIP_LINE}: participants[1]: too long (at most 150 characters)"],
    ),
    "a SIP participant of a megabyte": (
        changed(SIP_LINE, participants=["B" * 1_000_000]),
        [f"LINE {SIP_LINE}: participants[0]: too long (at most 150 characters)"],
    ),
    "a SIP with too many participants": (
        changed(SIP_LINE, participants=["Deltagare"] * 31),
        [f"LINE {SIP_LINE}: participants: too many (at most 30)"],
    ),
}


@pytest.mark.parametrize(("records", "expected"), CASES.values(), ids=CASES.keys())
def test_a_value_too_long_is_named_by_line_and_field_and_nothing_is_written(records, expected):
    assert rejected(records) == expected


def test_values_of_the_limits_are_imported():
    records = changed(SIP_LINE, participants=["B" * 150] * 30, responsible="A" * 150)

    result = interchange_import_text(text(records))

    assert result.problems == []
    sip = Sip.objects.get(external_id=BASE[SIP_LINE - 1]["id"])
    assert sip.participants == ["B" * 150] * 30
    assert sip.responsible == "A" * 150
