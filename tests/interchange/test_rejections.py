"""Every rejection rule of the format, each with a file that is otherwise valid: the exact
problem lines, and nothing written (no row in any table, no import in the access log)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.interchange.services import interchange_import_text

from .records import BASE, changed, text

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    counts["import entries"] = AccessLogEntry.objects.filter(kind=AccessKind.IMPORT).count()
    return counts


def rejected(records) -> list[str]:
    before = row_counts()
    result = interchange_import_text(text(records))
    assert not result.ok
    assert row_counts() == before
    return result.problem_lines()


def test_the_base_file_is_valid():
    result = interchange_import_text(text(BASE))
    assert result.problems == []
    assert sum(result.created.values()) == len(BASE)


CASES = {
    # Not JSON, not an object.
    "not json": (BASE[:13] + ['{"type": "shis_referral",'] + BASE[14:], None),
    "not an object": (BASE[:13] + ["[1, 2]"] + BASE[14:], ["LINE 14: line: not a JSON object"]),
    # The type.
    "unknown type": (changed(9, type="screenings"), ['LINE 9: type: unknown type "screenings"']),
    "missing type": (changed(9, type=...), ["LINE 9: type: missing"]),
    # Fields.
    "unknown field": (changed(6, colour="red"), ["LINE 6: colour: unknown field"]),
    "missing field": (changed(6, source=...), ["LINE 6: source: missing"]),
    "missing nested field": (
        changed(12, children=[{"schooling_start": "2024-01-15"}]),
        ["LINE 12: children[0].person: missing"],
    ),
    "unknown nested field": (
        changed(12, next_housing={"type": "shis", "months": 6}),
        ["LINE 12: next_housing.months: unknown field"],
    ),
    # Value types.
    "bool as string": (changed(9, asked="yes"), ["LINE 9: asked: must be true or false"]),
    "int as string": (
        changed(12, next_housing={"type": "shis", "contract_months": "6"}),
        ["LINE 12: next_housing.contract_months: must be a whole number, 0 or more"],
    ),
    "list as string": (changed(8, scope="d1-ekb"), ["LINE 8: scope: must be a list"]),
    "string as number": (changed(1, name=7), ["LINE 1: name: must be a string"]),
    "date as number": (
        changed(6, opened=20240110),
        ["LINE 6: opened: must be a date as a string YYYY-MM-DD"],
    ),
    "protected identity as string": (
        changed(4, protected_identity="true"),
        ["LINE 4: protected_identity: must be true or false"],
    ),
    # Codes.
    "unknown source": (
        changed(6, source="neighbour"),
        ['LINE 6: source: unknown code "neighbour"'],
    ),
    "unknown unit kind": (changed(2, kind="police"), ['LINE 2: kind: unknown code "police"']),
    "unknown gender": (changed(5, gender="f"), ['LINE 5: gender: unknown code "f"']),
    "unknown instrument": (
        changed(10, instrument="saralt"),
        ['LINE 10: instrument: unknown code "saralt"'],
    ),
    "unknown level": (changed(10, level="extreme"), ['LINE 10: level: unknown code "extreme"']),
    "unknown intervention": (
        changed(11, intervention="massage"),
        ['LINE 11: intervention: unknown code "massage"'],
    ),
    "unknown end reason": (
        changed(12, end_reason="bored"),
        ['LINE 12: end_reason: unknown code "bored"'],
    ),
    "unknown housing type": (
        changed(12, next_housing={"type": "castle", "contract_months": 6}),
        ['LINE 12: next_housing.type: unknown code "castle"'],
    ),
    "unknown referral kind": (changed(14, kind="hotel"), ['LINE 14: kind: unknown code "hotel"']),
    "unknown outcome": (changed(9, outcome="maybe"), ['LINE 9: outcome: unknown code "maybe"']),
    "unknown closure reason": (
        changed(6, closed="2024-05-01", closure_reason="tired"),
        ['LINE 6: closure_reason: unknown code "tired"'],
    ),
    # References.
    "reference to nothing": (
        changed(6, person="p9"),
        ['LINE 6: person: no person "p9" on an earlier line or in the database'],
    ),
    "reference to a unit code": (
        changed(8, scope=["d1-ekb", "d2-rvt"]),
        ['LINE 8: scope[1]: no unit "d2-rvt" on an earlier line or in the database'],
    ),
    "reference to a later line": (
        BASE[:11] + [BASE[12], BASE[11]] + BASE[13:],
        ['LINE 12: placement: no placement "pl1" on an earlier line or in the database'],
    ),
    "reference to a missing child": (
        changed(12, children=[{"person": "p7"}]),
        ['LINE 12: children[0].person: no person "p7" on an earlier line or in the database'],
    ),
    "reference to a missing district": (
        changed(2, district="d9"),
        ['LINE 2: district: no district "d9" on an earlier line or in the database'],
    ),
    # One open case per person and district (a database constraint, reported as a line).
    "second open case in the district": (
        BASE[:6] + [{**BASE[5], "id": "c2"}] + BASE[6:],
        ["LINE 7: district: the person already has an open case in this district"],
    ),
    # Dates.
    "date that does not exist": (
        changed(6, opened="2023-02-29"),
        ['LINE 6: opened: "2023-02-29" is not a date that exists (YYYY-MM-DD)'],
    ),
    "date in another form": (
        changed(14, date="01/03/2024"),
        ['LINE 14: date: "01/03/2024" is not a date that exists (YYYY-MM-DD)'],
    ),
    "closed before opened": (
        changed(6, closed="2024-01-09", closure_reason="moved"),
        ["LINE 6: closed: before opened (2024-01-10)"],
    ),
    "end before start (decision)": (
        changed(11, end="2024-01-09"),
        ["LINE 11: end: before start (2024-01-10)"],
    ),
    "end before start (placement)": (
        changed(12, end="2024-01-09"),
        ["LINE 12: end: before start (2024-01-10)"],
    ),
    "left before joined": (
        changed(7, left="2024-01-11"),
        ["LINE 7: left: before joined (2024-01-12)"],
    ),
    "withdrawn before given": (
        changed(8, withdrawn="2024-01-10"),
        ["LINE 8: withdrawn: before given (2024-01-11)"],
    ),
    # Fields required together.
    "closed without a reason": (
        changed(6, closed="2024-05-01"),
        ["LINE 6: closure_reason: required when closed is set"],
    ),
    "a reason without closed": (
        changed(6, closure_reason="moved"),
        ["LINE 6: closure_reason: only allowed when closed is set"],
    ),
    "end without a reason": (
        changed(12, end_reason=...),
        ["LINE 12: end_reason: required when end is set"],
    ),
    "a reason without end": (
        changed(12, end=..., next_housing=...),
        ["LINE 12: end_reason: only allowed when end is set"],
    ),
    "outcome when not asked": (
        changed(9, asked=False),
        ["LINE 9: outcome: only allowed when asked is true"],
    ),
    # Identity numbers.
    "personnummer with a wrong check digit": (
        changed(4, personnummer="19580224-3725"),
        ["LINE 4: personnummer: The check digit is wrong: check the number."],
    ),
    "personnummer of ten digits without a hyphen": (
        changed(4, personnummer="5802243724"),
        ["LINE 4: personnummer: must be 12 digits YYYYMMDDNNNN or 10 digits YYMMDD-NNNN"],
    ),
    "personnummer with a date that does not exist": (
        changed(4, personnummer="19580230-3726", birth_date="1958-03-02"),
        ["LINE 4: personnummer: The number does not contain a real date of birth."],
    ),
    "personnummer that does not agree with the birth date": (
        changed(4, birth_date="1958-02-25"),
        ["LINE 4: personnummer: does not agree with birth_date"],
    ),
    "two persons with the same personnummer": (
        changed(5, personnummer="580224-3724", birth_date="1958-02-24"),
        ['LINE 5: personnummer: the same as person "p1"'],
    ),
    # Placements.
    "a child who is the adult": (
        changed(12, children=[{"person": "p1"}]),
        ["LINE 12: children[0].person: the same person as the placement's adult"],
    ),
    # Ids.
    "an id used twice": (BASE + [BASE[13]], ["LINE 16: id: used twice"]),
}


@pytest.mark.parametrize("records, expected", CASES.values(), ids=CASES.keys())
def test_every_rejection_is_reported_and_nothing_is_written(records, expected):
    problems = rejected(records)

    if expected is None:  # the JSON parser's own wording follows the prefix
        assert len(problems) == 1
        assert problems[0].startswith("LINE 14: line: not valid JSON (")
    else:
        assert problems == expected


def test_a_samordningsnummer_is_a_valid_identity_number():
    records = changed(4, personnummer="19580284-3721")
    result = interchange_import_text(text(records))
    assert result.problems == []


def test_every_problem_is_reported_up_to_a_cap():
    records = BASE + [{"type": "nothing"}] * 150

    problems = rejected(records)

    assert len(problems) == 101
    assert problems[0] == 'LINE 16: type: unknown type "nothing"'
    assert problems[-1] == "... and 50 more"


def test_a_reference_to_a_record_already_in_the_database_is_valid():
    interchange_import_text(text(BASE))
    later = {"type": "sip", "id": "sip2", "case": "c1", "date": "2024-04-02"}

    result = interchange_import_text(text([later]))

    assert result.problems == []
    assert result.created["sip"] == 1


def test_the_command_prints_the_problems_and_exits_non_zero(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(text(changed(6, source="neighbour")))
    before = row_counts()
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import", str(path), stderr=stderr)

    assert stderr.getvalue().splitlines() == ['LINE 6: source: unknown code "neighbour"']
    assert row_counts() == before
