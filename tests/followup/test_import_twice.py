"""Importing the same file twice changes nothing: the same rows and the same report."""

import datetime
import io
import pathlib

import pytest
from django.apps import apps
from django.core.management import call_command

from brytupp.followup.equality import equality_report
from brytupp.followup.report import effect_goal_report

pytestmark = pytest.mark.django_db

EXAMPLES = pathlib.Path(__file__).parents[1] / "data" / "examples"
YEARS = [(datetime.date(year, 1, 1), datetime.date(year, 12, 31)) for year in (2023, 2024)]
# Tables an import writes to once per run, not per record.
PER_RUN = {"interchange.importrun", "audit.accesslogentry"}


def reports() -> list[dict]:
    return [
        report(date_from=first, date_to=last)
        for first, last in YEARS
        for report in (effect_goal_report, equality_report)
    ]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.label_lower not in PER_RUN and not model._meta.proxy
    }


def test_a_second_import_of_the_same_file_gives_the_same_rows_and_reports():
    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    first_reports, first_counts = reports(), row_counts()

    out = io.StringIO()
    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=out)

    assert reports() == first_reports
    assert row_counts() == first_counts
    assert first_counts["cases.case"] == 60
    assert first_reports[0]["city"]["active_cases"]["total"] > 0
