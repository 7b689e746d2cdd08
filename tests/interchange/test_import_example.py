"""Importing the example data set of the format: counts, idempotence, the case page."""

from __future__ import annotations

import pathlib

import pytest
from django.apps import apps
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import Case, CaseEvent
from brytupp.interchange.models import ImportRun
from brytupp.interchange.services import interchange_import
from tests import factories

pytestmark = pytest.mark.django_db

# The spec's example data set, copied from ../shared/spec/examples.
EXAMPLE = pathlib.Path(__file__).parents[1] / "data" / "examples" / "small.jsonl"

IMPORTED_TABLES = [
    "organisation.District",
    "organisation.Unit",
    "people.Person",
    "cases.Case",
    "cases.CaseUnit",
    "cases.Consent",
    "cases.CaseEvent",
    "assessments.Screening",
    "assessments.RiskAssessment",
    "interventions.Decision",
    "interventions.Placement",
    "interventions.PlacementChild",
    "interventions.FollowUp",
    "housing.ShisReferral",
    "plans.Sip",
]


def _dump() -> dict[str, list]:
    dump = {}
    for label in IMPORTED_TABLES:
        model = apps.get_model(label)
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        dump[label] = sorted(model.objects.values_list(*fields), key=repr)
    through = apps.get_model("cases.Consent").units.through
    dump["consent_units"] = sorted(through.objects.values_list("consent_id", "unit_id"))
    return dump


def _expected_counts() -> dict[str, int]:
    import json

    counts: dict[str, int] = {}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip():
            type_ = json.loads(line)["type"]
            counts[type_] = counts.get(type_, 0) + 1
    return counts


def test_the_example_imports_with_its_counts():
    result = interchange_import(path=EXAMPLE)

    assert result.problems == []
    expected = _expected_counts()
    assert {t: n for t, n in result.created.items() if n} == expected
    assert sum(result.updated.values()) == 0
    assert Case.objects.count() == expected["case"]
    run = ImportRun.objects.get()
    assert run.file_name == "small.jsonl"
    assert run.counts["case"] == {"created": expected["case"], "updated": 0}
    entry = AccessLogEntry.objects.get(kind=AccessKind.IMPORT)
    assert entry.user_public_id is None
    assert entry.ground == "system"


def test_importing_twice_leaves_the_database_as_after_once():
    interchange_import(path=EXAMPLE)
    once = _dump()
    events = CaseEvent.objects.count()

    again = interchange_import(path=EXAMPLE)

    assert again.problems == []
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == sum(_expected_counts().values())
    assert CaseEvent.objects.count() == events
    assert _dump() == once


def test_a_dry_run_writes_nothing():
    result = interchange_import(path=EXAMPLE, dry_run=True)

    assert result.problems == []
    assert {t: n for t, n in result.created.items() if n} == _expected_counts()
    assert _dump() == {label: [] for label in IMPORTED_TABLES} | {"consent_units": []}
    assert not ImportRun.objects.exists()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.IMPORT).exists()


def test_the_imported_case_shows_on_its_lead_units_case_page(client):
    interchange_import(path=EXAMPLE)
    case = Case.objects.get(external_id="c1")
    worker = factories.staff("handlaggare", case.lead_unit)
    factories.sign_in(client, worker)

    page = client.get(reverse("cases:detail", args=[case.public_id]))

    assert page.status_code == 200
    assert "Ärendet aktualiserat" in page.content.decode()
