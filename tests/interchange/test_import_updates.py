"""Updates by id, the access log entry, protected identity, the command's summary."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from brytupp.assessments.models import RiskAssessment
from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import Case, CaseEvent, CaseUnit
from brytupp.interchange.models import ImportRun
from brytupp.interchange.services import interchange_import_text
from brytupp.interventions.models import Placement
from brytupp.people.models import Person, ProtectedIdentity
from tests import factories

from .records import BASE, changed, text

pytestmark = pytest.mark.django_db


def test_an_id_that_exists_is_updated_and_its_events_follow():
    interchange_import_text(text(BASE))
    case = Case.objects.get(external_id="c1")
    # The account written in the system is not part of the format: an update keeps it.
    Case.objects.filter(pk=case.pk).update(account="Berättelsen")
    records = changed(6, closed="2024-06-01", closure_reason="goals_met")
    records[11] = dict(records[11], children=[])

    result = interchange_import_text(text(records))

    assert result.problems == []
    assert result.created["case"] == 0 and result.updated["case"] == 1
    case.refresh_from_db()
    assert (case.closed.isoformat(), case.closure_reason, case.account) == (
        "2024-06-01",
        "goals_met",
        "Berättelsen",
    )
    assert Case.objects.count() == 1
    assert (
        list(CaseEvent.objects.filter(case=case, kind="closed").values_list("day", flat=True))[
            0
        ].isoformat()
        == "2024-06-01"
    )
    placement = Placement.objects.get(external_id="pl1")
    assert not placement.children.exists()
    assert not CaseEvent.objects.filter(
        kind__in=["child_placed", "child_schooling_started"]
    ).exists()


def test_the_lead_unit_takes_part_in_an_imported_case_once():
    interchange_import_text(text(BASE))
    interchange_import_text(text(BASE))

    case = Case.objects.get(external_id="c1")
    lead_parts = CaseUnit.objects.filter(case=case, unit=case.lead_unit)
    assert [(p.status, p.joined.isoformat()) for p in lead_parts] == [("active", "2024-01-10")]


def test_the_timeline_gets_the_events_of_every_record_dated_by_the_record():
    interchange_import_text(text(BASE))

    events = sorted(CaseEvent.objects.values_list("kind", "day"), key=lambda e: (e[1], e[0]))
    assert [(kind, day.isoformat()) for kind, day in events] == [
        ("child_placed", "2024-01-10"),
        ("decision_made", "2024-01-10"),
        ("opened", "2024-01-10"),
        ("placement_started", "2024-01-10"),
        ("risk_assessed", "2024-01-10"),
        ("consent_recorded", "2024-01-11"),
        ("unit_joined", "2024-01-12"),
        ("child_schooling_started", "2024-01-15"),
        ("follow_up_recorded", "2024-01-15"),
        ("placement_ended", "2024-02-10"),
        ("shis_referral", "2024-03-01"),
        ("sip_held", "2024-03-02"),
    ]
    assert RiskAssessment.objects.get().instrument == "freda_farlighet"


def test_protected_identity_is_a_confidentiality_marking_and_a_stronger_one_is_kept():
    records = changed(4, protected_identity=True)
    interchange_import_text(text(records))
    person = Person.objects.get(external_id="p1")
    assert person.protected_identity == ProtectedIdentity.SEKRETESSMARKERING

    Person.objects.filter(pk=person.pk).update(
        protected_identity=ProtectedIdentity.SKYDDAD_FOLKBOKFORING
    )
    interchange_import_text(text(records))
    person.refresh_from_db()
    assert person.protected_identity == ProtectedIdentity.SKYDDAD_FOLKBOKFORING

    # Without protected_identity the line would lower it: refused (test_import_protection.py).
    assert interchange_import_text(text(BASE)).problem_count == 1
    person.refresh_from_db()
    assert person.protected_identity == ProtectedIdentity.SKYDDAD_FOLKBOKFORING


def test_the_command_names_its_user_in_the_access_log_and_prints_a_summary(tmp_path):
    unit = factories.UnitFactory()
    admin = factories.staff("systemforvaltare", unit)
    path = tmp_path / "data.jsonl"
    path.write_text(text(BASE))
    stdout = io.StringIO()

    call_command("import", str(path), "--user", admin.username, stdout=stdout)

    entry = AccessLogEntry.objects.get(kind=AccessKind.IMPORT)
    assert entry.user_public_id == admin.public_id
    assert (entry.ground, entry.person_public_id, entry.case_public_id) == ("system", None, None)
    run = ImportRun.objects.get()
    assert (run.user, run.file_name, run.dry_run) == (admin, "data.jsonl", False)
    assert len(run.sha256) == 64
    assert run.counts["placement"] == {"created": 1, "updated": 0}
    lines = stdout.getvalue().splitlines()
    assert lines[0] == "Imported: 15 records from 15 lines."
    assert "case                     1         0" in lines


def test_the_command_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(text(BASE))
    stdout = io.StringIO()

    call_command("import", str(path), "--dry-run", stdout=stdout)

    assert stdout.getvalue().startswith("Checked (dry run, nothing written): 15 records")
    assert not Case.objects.exists()
    assert not ImportRun.objects.exists()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.IMPORT).exists()


def test_a_part_for_the_lead_unit_is_the_lead_units_part():
    lead_part = {
        "type": "case_unit",
        "id": "cu0",
        "case": "c1",
        "unit": "d1-rvt",
        "joined": "2024-01-10",
    }
    records = BASE[:6] + [lead_part] + BASE[6:]

    first = interchange_import_text(text(records))
    interchange_import_text(text(records))

    assert first.problems == []
    assert first.created["case_unit"] == 2
    case = Case.objects.get(external_id="c1")
    parts = CaseUnit.objects.filter(case=case, unit=case.lead_unit)
    assert [(p.external_id, p.status) for p in parts] == [("cu0", "active")]


def test_a_unit_taking_part_twice_at_once_is_refused():
    records = BASE + [dict(BASE[6], id="cu2")]

    result = interchange_import_text(text(records))

    assert result.problem_lines() == [
        "LINE 16: unit: already takes part in the case (on an earlier line)"
    ]
    assert not Case.objects.exists()
