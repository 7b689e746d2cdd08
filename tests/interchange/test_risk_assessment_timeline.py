"""An imported risk assessment is on its case's timeline, with its instrument and level, and
importing it again does not add it twice."""

import pathlib

import pytest
from django.urls import reverse

from brytupp.cases.models import Case, CaseEvent
from brytupp.interchange.services import interchange_import
from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLE = pathlib.Path(__file__).parents[1] / "data" / "examples" / "small.jsonl"


def test_an_imported_risk_assessment_is_on_the_case_timeline(client):
    interchange_import(path=EXAMPLE)
    interchange_import(path=EXAMPLE)
    case = Case.objects.get(external_id="c3")
    events = CaseEvent.objects.filter(case=case, kind="risk_assessed")
    assert [(e.day.isoformat(), e.data, e.external_id) for e in events] == [
        (
            "2025-03-02",
            {"instrument": "freda_beskrivning", "level": "high"},
            "risk_assessment:ra17:assessed",
        )
    ]
    factories.sign_in(client, factories.staff("handlaggare", case.lead_unit))

    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()

    assert "Riskbedömning: FREDA-beskrivning, Hög" in page
