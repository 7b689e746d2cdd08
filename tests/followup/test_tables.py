"""CSV and XLSX hold the same figures as the JSON report."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from brytupp.followup.tables import HEADER, SHEET_NAMES
from tests.followup.records import (
    D,
    case,
    district,
    follow_up,
    person,
    placement,
    report,
    screenings,
    shis_referral,
    unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    farsta, bromma = district("farsta"), district("bromma")
    district("skarholmen")
    rvt = unit(farsta)
    screenings(rvt, D(2024, 3, 1), asked=9, not_asked=1)
    screenings(unit(bromma, "barn_unga"), D(2024, 3, 1), asked=1, not_asked=1)
    screenings(unit(None, "hemlosa"), D(2024, 3, 1), asked=1)
    for n in range(7):
        someone = person(gender=("female", "male", "unknown")[n % 3])
        opened = case(rvt, D(2024, 4, 1), person_=someone)
        placed = placement(
            opened, D(2024, 4, 2), end=D(2024, 5, 1), housing="first_hand", months=6 + n % 2 - 1
        )
        if n % 2:
            follow_up(placed, D(2024, 4, 3))
        shis_referral(opened, D(2024, 4, 1))
    shis_referral(case(unit(bromma), D(2022, 1, 1)), D(2023, 4, 1))


def _run(*args) -> str:
    out = io.StringIO()
    call_command("report", "--from", "2024-01-01", "--to", "2024-12-31", *args, stdout=out)
    return out.getvalue()


def _flat(result: dict) -> dict:
    flat = {}
    scopes = [("city", "", result["city"])]
    scopes += [("district", code, scope) for code, scope in result["districts"].items()]
    for scope_kind, code, scope in scopes:
        for figure, measures in scope.items():
            for measure, value in measures.items():
                flat[scope_kind, code, figure, measure] = value
    return flat


def _typed(text: str, like):
    if text == "":
        return None
    if isinstance(like, bool):
        return {"true": True, "false": False}[text]
    if isinstance(like, float):
        return float(text)
    if isinstance(like, int):
        return int(text)
    return text


@pytest.mark.parametrize("suppress", [False, True])
def test_json_is_the_report(data, suppress):
    printed = json.loads(_run("--format", "json", *(["--suppress"] if suppress else [])))

    assert printed == report(suppress=suppress)
    assert printed["city"]["active_cases"]["total"] == 8


@pytest.mark.parametrize("suppress", [False, True])
def test_csv_holds_every_figure_of_the_json(data, suppress):
    expected = _flat(report(suppress=suppress))

    rows = list(
        csv.reader(io.StringIO(_run("--format", "csv", *(["--suppress"] if suppress else []))))
    )

    assert tuple(rows[0]) == HEADER
    assert len(rows) - 1 == len(expected)
    for period_from, period_to, scope, code, figure, measure, value in rows[1:]:
        assert (period_from, period_to) == ("2024-01-01", "2024-12-31")
        like = expected[scope, code, figure, measure]
        assert _typed(value, like) == like
        if isinstance(like, float):
            assert float(value) == pytest.approx(like, abs=1e-9)


@pytest.mark.parametrize("suppress", [False, True])
def test_xlsx_holds_every_figure_of_the_json(data, suppress, tmp_path):
    expected_report = report(suppress=suppress)
    expected = _flat(expected_report)
    path = tmp_path / "report.xlsx"

    _run("--format", "xlsx", "--output", str(path), *(["--suppress"] if suppress else []))

    workbook = load_workbook(path)
    # Excel reads a sheet whose name has at most 31 characters.
    assert max(len(name) for name in workbook.sheetnames) <= 31
    long = list(workbook["all_figures"].iter_rows(values_only=True))
    assert long[0] == HEADER
    found = {(r[2], r[3] or "", r[4], r[5]): r[6] for r in long[1:]}
    assert found.keys() == expected.keys()
    for key, value in expected.items():
        _assert_same(found[key], value)
    for figure, measures in expected_report["city"].items():
        sheet = list(workbook[SHEET_NAMES.get(figure, figure)].iter_rows(values_only=True))
        assert sheet[0][:5] == ("figure", figure, "period", "2024-01-01", "2024-12-31")
        assert sheet[1][: 2 + len(measures)] == ("scope", "district", *measures)
        by_scope = {(row[0], row[1] or ""): row[2 : 2 + len(measures)] for row in sheet[2:]}
        expected_scopes = _scopes(expected_report, figure)
        assert by_scope.keys() == expected_scopes.keys()
        for key, values in expected_scopes.items():
            for cell, value in zip(by_scope[key], values.values(), strict=True):
                _assert_same(cell, value)


def _assert_same(found, expected):
    """Equal, a float to 1e-9 (a spreadsheet keeps 15 significant digits)."""
    if isinstance(expected, float):
        assert found == pytest.approx(expected, abs=1e-9)
    else:
        assert found == expected
        assert type(found) is type(expected)


def _scopes(result: dict, figure: str) -> dict:
    scopes = {("city", ""): result["city"][figure]}
    scopes.update({("district", code): s[figure] for code, s in result["districts"].items()})
    return scopes


def test_the_data_gives_the_figures_tested_above(data):
    result = report()

    assert result["city"]["screening_routine"]["numerator"] == 2
    assert result["city"]["screening_routine"]["denominator"] == 4
    assert result["districts"]["farsta"]["permanent_housing_after_placement"]["numerator"] == 3
    assert result["districts"]["farsta"]["shis_mellanbo_referrals"]["current"] == 7
    assert result["districts"]["bromma"]["shis_mellanbo_referrals"]["previous"] == 1
    assert list(result["districts"]) == ["bromma", "farsta", "skarholmen"]
