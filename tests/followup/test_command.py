"""``brytupp report``: its exit codes and messages."""

import io
import json

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from tests.followup.records import D, case, district, unit

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        execute_from_command_line(["brytupp", "report", *args])
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_json_report(capsys):
    case(unit(district("farsta")), D(2024, 3, 1))

    code, out, err = run(capsys, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json")

    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert printed["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert printed["districts"]["farsta"]["active_cases"]["total"] == 1


def test_json_is_the_default_and_output_goes_to_a_file(capsys, tmp_path):
    district("farsta")
    path = tmp_path / "report.json"

    code, out, err = run(
        capsys, "--from", "2024-01-01", "--to", "2024-12-31", "--output", str(path)
    )

    assert (code, out, err) == (0, "", "")
    assert list(json.loads(path.read_text(encoding="utf-8"))["districts"]) == ["farsta"]


def test_csv_to_standard_output(capsys):
    code, out, _ = run(capsys, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv")

    assert code == 0
    assert out.splitlines()[0] == "period_from,period_to,scope,district,figure,measure,value"
    assert "2024-01-01,2024-12-31,city,,screening_routine,share," in out.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2024-12-31", "--to", "2024-01-01"],
            "--from 2024-12-31 is after --to 2024-01-01",
        ),
        (
            ["--from", "2023-02-29", "--to", "2023-12-31"],
            "--from 2023-02-29: there is no such date",
        ),
        (["--from", "2024-01-01", "--to", "2024-13-01"], "--to 2024-13-01: there is no such date"),
        (
            ["--from", "20240101", "--to", "2024-12-31"],
            "--from '20240101': write the date as YYYY-MM-DD",
        ),
        (
            ["--from", "2024-1-1", "--to", "2024-12-31"],
            "--from '2024-1-1': write the date as YYYY-MM-DD",
        ),
        (
            ["--from", "2024-01-01", "--to", "2024-12-31", "--format", "pdf"],
            "--format 'pdf': choose one of json, csv, xlsx",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_a_message(capsys, args, message):
    code, out, err = run(capsys, *args)

    assert code == 1
    assert out == ""
    assert err.strip() == f"CommandError: {message}"


def test_a_missing_period_is_a_usage_error(capsys):
    code, out, err = run(capsys, "--from", "2024-01-01")

    assert code == 2
    assert "the following arguments are required: --to" in err


def test_xlsx_needs_a_file_when_standard_output_takes_only_text():
    with pytest.raises(CommandError) as error:
        call_command(
            "report",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--format",
            "xlsx",
            stdout=io.StringIO(),
        )

    assert str(error.value) == "--format xlsx writes a binary file: give --output FILE"


def test_xlsx_to_redirected_standard_output(capsysbinary):
    execute_from_command_line(
        ["brytupp", "report", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "xlsx"]
    )

    out, err = capsysbinary.readouterr()
    assert err == b""
    assert out[:2] == b"PK"  # a zip, as every XLSX file


def test_xlsx_to_a_file(capsys, tmp_path):
    path = tmp_path / "report.xlsx"

    code, out, err = run(
        capsys,
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "xlsx",
        "--output",
        str(path),
    )

    assert (code, out, err) == (0, "", "")
    assert path.read_bytes()[:2] == b"PK"  # a zip, as every XLSX file


def test_the_xlsx_shows_each_share_as_a_percentage_of_its_fraction():
    from openpyxl import load_workbook

    from brytupp.followup.tables import report_xlsx

    figure = {"numerator": 1, "denominator": 4, "share": 0.25, "target": "<=0.20", "met": False}
    report = {
        "period": {"from": "2024-01-01", "to": "2024-12-31"},
        "city": {"reactualisation": figure},
        "districts": {"farsta": {"reactualisation": figure | {"share": None}}},
    }

    sheet = load_workbook(io.BytesIO(report_xlsx(report)))["reactualisation"]

    rows = [[(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]
    assert rows[2] == [
        ("city", "General"),
        (None, "General"),
        (1, "General"),
        (4, "General"),
        (0.25, "0.0 %"),
        ("<=0.20", "General"),
        (False, "General"),
    ]
    assert rows[3][4] == (None, "General")
