"""Cases waiting for acceptance, or refused, in import and export (decision 0016): only open
accepted cases hold a district for the import, and only accepted cases are exported."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from brytupp.cases.models import Case
from brytupp.interchange.services import interchange_import_text
from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person

from .records import BASE, text

pytestmark = pytest.mark.django_db


def pending_case(*, acceptance="pending", **fields) -> Case:
    """A case of p1 in Norrby opened by its EKB, not accepted."""
    defaults = {
        "person": Person.objects.get(external_id="p1"),
        "district": District.objects.get(code="d1"),
        "lead_unit": Unit.objects.get(code="d1-ekb"),
        "source": "self",
        "opened": "2024-01-05",
        "acceptance": acceptance,
    }
    return Case.objects.create(**{**defaults, **fields})


def test_an_imported_case_may_stand_beside_a_pending_one_in_its_district():
    assert interchange_import_text(text(BASE[:5])).ok
    waiting = pending_case()

    result = interchange_import_text(text(BASE))

    assert result.problems == []
    assert list(
        Case.objects.filter(person__external_id="p1", closed__isnull=True)
        .order_by("opened")
        .values_list("pk", "external_id", "acceptance")
    ) == [(waiting.pk, None, "pending"), (Case.objects.get(external_id="c1").pk, "c1", "accepted")]


def test_an_open_accepted_case_in_the_database_still_holds_the_district():
    assert interchange_import_text(text(BASE[:5])).ok
    pending_case(acceptance="accepted")

    result = interchange_import_text(text(BASE))

    assert result.problem_lines() == [
        "LINE 6: district: the person already has an open case in this district"
    ]
    assert not Case.objects.filter(external_id="c1").exists()


def test_the_export_leaves_out_cases_not_accepted():
    assert interchange_import_text(text(BASE)).ok
    pending = pending_case()
    refused = pending_case(
        acceptance="refused", closed="2024-01-06", closure_reason="opening_refused"
    )
    out = io.StringIO()

    call_command("export", "-", stdout=out, stderr=io.StringIO())

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [record["id"] for record in records if record["type"] == "case"] == ["c1"]
    assert not {str(pending.public_id), str(refused.public_id)} & {
        str(value) for record in records for value in record.values()
    }
