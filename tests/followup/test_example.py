"""The example data set of the spec, imported with ``brytupp import``, gives its expected
report: integers equal, shares to 1e-9, every key in the contract's order.

The example's report is interchange format v1's; our report adds keys after v1's in each
scope (``ADDED``, docs/interchange.md). Those are compared with the keys the example
defines removed, and the added figures' values for the example data are asserted on their
own (counted by hand from ``small.jsonl``)."""

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


# Keys our report adds to each scope after interchange format v1's.
ADDED = (
    "risk_assessment_within_14_days",
    "children_placed_with_own_decision",
    "reports_of_concern_rvt",
    "permanent_contract_time",
    "shis_applications_granted",
)
# The example's RVT cases opened in 2024 with a FREDA dangerousness or PATRIARK assessment
# from the opening day to 14 days after, of its RVT cases opened in 2024.
EXAMPLE_RISK_ASSESSMENT_2024 = {
    "city": {"numerator": 9, "denominator": 10, "share": 0.9},
    "d0-norrby": {"numerator": 2, "denominator": 2, "share": 1.0},
    "d1-sjostad": {"numerator": 0, "denominator": 0, "share": None},
    "d2-alvdal": {"numerator": 4, "denominator": 5, "share": 0.8},
    "d3-ostberga": {"numerator": 3, "denominator": 3, "share": 1.0},
}

# The example's children placed with a parent in a placement started in 2024 (5 in Norrby, 3
# in Älvdal): v1 carries no child's own decision and no report of concern, so none has one
# and no report is counted, however the records came in.
EXAMPLE_CHILDREN_2024 = {
    "city": {"numerator": 0, "denominator": 8, "share": 0.0},
    "d0-norrby": {"numerator": 0, "denominator": 5, "share": 0.0},
    "d1-sjostad": {"numerator": 0, "denominator": 0, "share": None},
    "d2-alvdal": {"numerator": 0, "denominator": 3, "share": 0.0},
    "d3-ostberga": {"numerator": 0, "denominator": 0, "share": None},
}
NO_REPORTS = {"current": 0, "previous": 0}
# v1 carries no housing plan (decision 0048): no contract and no SHIS application is counted.
NO_CONTRACTS = {"contracts": 0, "median_days": None}
NO_SHIS_APPLICATIONS = {"numerator": 0, "denominator": 0, "share": None}


def v1_part(report: dict) -> dict:
    """The report without the keys added after v1; each scope must have every one of them,
    after v1's."""
    scopes = [("city", report["city"]), *report["districts"].items()]
    for name, scope in scopes:
        assert list(scope)[-len(ADDED) :] == list(ADDED), name
    return {
        **report,
        "city": {k: v for k, v in report["city"].items() if k not in ADDED},
        "districts": {
            code: {k: v for k, v in scope.items() if k not in ADDED}
            for code, scope in report["districts"].items()
        },
    }


def assert_example_report(found: dict, expected: dict) -> None:
    """The example's expected report (v1) and the added figures' values for the example."""
    assert_same(v1_part(found), expected)
    added = {"city": found["city"]["risk_assessment_within_14_days"]}
    for code, scope in found["districts"].items():
        added[code] = scope["risk_assessment_within_14_days"]
    assert_same(added, EXAMPLE_RISK_ASSESSMENT_2024, "report.risk_assessment_within_14_days")
    scopes = {"city": found["city"], **found["districts"]}
    assert_same(
        {code: scope["children_placed_with_own_decision"] for code, scope in scopes.items()},
        EXAMPLE_CHILDREN_2024,
        "report.children_placed_with_own_decision",
    )
    assert {code: scope["reports_of_concern_rvt"] for code, scope in scopes.items()} == {
        code: NO_REPORTS for code in EXAMPLE_CHILDREN_2024
    }
    assert {code: scope["permanent_contract_time"] for code, scope in scopes.items()} == {
        code: NO_CONTRACTS for code in EXAMPLE_CHILDREN_2024
    }
    assert {code: scope["shis_applications_granted"] for code, scope in scopes.items()} == {
        code: NO_SHIS_APPLICATIONS for code in EXAMPLE_CHILDREN_2024
    }


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

    assert_example_report(report, expected)
    assert_example_report(json.loads(out.getvalue()), expected)
    assert stored_before == (len(FIGURES) if store == "warm" else 0)
