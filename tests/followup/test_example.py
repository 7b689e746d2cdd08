"""The example data set of the spec, imported with ``brytupp import``, gives its expected
report: integers equal, shares to 1e-9, every key in the contract's order."""

from __future__ import annotations

import datetime
import io
import json
import pathlib

import pytest
from django.core.management import call_command

from brytupp.followup.models import StoredFigure
from brytupp.followup.report import FIGURES, effect_goal_report

pytestmark = pytest.mark.django_db

EXAMPLES = pathlib.Path(__file__).parents[1] / "data" / "examples"  # copied from the spec


def assert_same(found, expected, path="report"):
    if isinstance(expected, dict):
        assert isinstance(found, dict), path
        assert list(found) == list(expected), path
        for key, value in expected.items():
            assert_same(found[key], value, f"{path}.{key}")
    elif isinstance(expected, float):
        assert isinstance(found, float), path
        assert found == pytest.approx(expected, abs=1e-9), path
    else:
        assert found == expected, path
        assert type(found) is type(expected), path


@pytest.mark.parametrize("store", ["live", "cold", "warm"])
def test_the_example_gives_its_expected_report(store):
    """Computed live, computed and stored (2024 is a closed year: decision 0031), and read
    back from the store, by the function and by the command."""
    call_command("import", str(EXAMPLES / "small.jsonl"), stdout=io.StringIO())
    expected = json.loads((EXAMPLES / "small.report-2024.json").read_text(encoding="utf-8"))
    if store == "warm":
        call_command("store_figures", "--since", "2024", stdout=io.StringIO())
    stored_before = StoredFigure.objects.filter(
        date_from=datetime.date(2024, 1, 1), date_to=datetime.date(2024, 12, 31)
    ).count()

    report = effect_goal_report(
        date_from=datetime.date(2024, 1, 1),
        date_to=datetime.date(2024, 12, 31),
        live=store == "live",
    )
    out = io.StringIO()
    call_command("report", "--from", "2024-01-01", "--to", "2024-12-31", stdout=out)

    assert_same(report, expected)
    assert_same(json.loads(out.getvalue()), expected)
    assert stored_before == (len(FIGURES) if store == "warm" else 0)
