"""Every page and action that shows or changes personal data writes an access-log entry for
it, and no entry holds the data itself.

The pages of a case are found by walking the URL configuration, so a new page of a case is
covered the day it is added: the test fails when it meets a URL parameter it cannot fill."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from brytupp.access.services import emergency_access_grant
from brytupp.assessments.safety import safety_measure_add, safety_plan_write
from brytupp.assessments.services import risk_assessment_record
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.cases.journal import journal_note_write
from brytupp.cases.moves import case_close_moved
from brytupp.cases.services import case_open, case_unit_invite, consent_record
from brytupp.cases.threats import threat_person_add
from brytupp.children.services import child_part_accept, report_of_concern_record
from brytupp.housing.models import HousingStepTemplate
from brytupp.housing.plan import housing_plan_open
from brytupp.interventions.decisions import (
    DecisionTerms,
    application_decide,
    application_record,
    decision_appeal_record,
)
from brytupp.interventions.models import Delegation, LegalGround
from brytupp.people.names import person_name
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def case_routes(patterns=None, namespace="", prefix=""):
    """(URL name, route) of every URL of the site whose route holds a case."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from case_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and "case_id" in str(pattern.pattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def entries_of(response) -> list[dict]:
    return list(
        AccessLogEntry.objects.filter(request_id=response["X-Request-Id"]).order_by("seq").values()
    )


def personal_values(world) -> list[str]:
    """What must never be in the log: names, identity numbers and dates of birth."""
    values = []
    people = (world["person"], world["child"], world["second_child"], world["protected"])
    for person in (*people, world["moved_case"].person):
        # A protected person's name is sealed in the row (decision 0022): the real one.
        values += [*person_name(person), person.birth_date.isoformat()]
    values += ["201701012393", "20170101-2393", "Hemligt protokoll 4711"]
    return values


def assert_no_personal_data(entries, world):
    text = repr(entries)
    leaked = [value for value in personal_values(world) if value in text]
    assert leaked == []


@pytest.fixture
def world(work, district):
    """The work fixture, plus a unit invited to the case and a case of a protected person."""
    invited_unit = factories.UnitFactory(
        district=district, kind="vuxen_beroende", name="Vuxenenheten Test"
    )
    consent_record(
        actor=work["worker"],
        case=work["case"],
        given=TODAY - 3 * DAY,
        form="oral",
        purpose="Samhandläggning",
        units=[invited_unit],
    )
    case_unit_invite(
        actor=work["worker"], case=work["case"], unit=invited_unit, invited=TODAY - 2 * DAY
    )
    protected = factories.person(
        first_name="Dold",
        last_name="Skyddadsson",
        birth_date=datetime.date(1990, 6, 7),
        protected_identity="skyddad_folkbokforing",
    )
    protected_case = case_open(
        actor=work["worker"],
        person=protected,
        district=district,
        lead_unit=work["rvt"],
        source="self",
        opened=TODAY - 5 * DAY,
    )
    threat = threat_person_add(
        actor=work["worker"], case=work["case"], relation="sibling", description="Brodern"
    )
    assessment = risk_assessment_record(
        actor=work["worker"],
        case=work["case"],
        instrument="patriark",
        date=TODAY,
        instrument_result="high",
        judgement="Hemligt protokoll 4711",
        level="high",
    )
    plan = safety_plan_write(
        actor=work["worker"], case=work["case"], threats="Hot.", review_on=TODAY + DAY
    )
    measure = safety_measure_add(
        actor=work["worker"],
        plan=plan,
        kind="alarm",
        description="Larm.",
        responsible_other="Polisen",
    )
    note = journal_note_write(
        actor=work["worker"], case=work["case"], kind="samtal", date=TODAY, text="Samtal."
    )
    decision = _decision_appealed(work)
    moved_case = _closed_as_moved(work, district)
    report, barn_worker = _report_accepted(work, district)
    housing_step = _housing_plan_step(work)
    c = work["case"].public_id
    step_args = [c, work["placement"].public_id, housing_step.public_id]
    posts = {
        **work["posts"],
        # The housing plan's application step granted, then marked done (decision 0046).
        "housing_step_change": (
            reverse("cases:housing_step_change", args=step_args),
            {
                "submitted": TODAY.isoformat(),
                "outcome": "granted",
                "outcome_date": TODAY.isoformat(),
                "version": "1",
            },
        ),
        "housing_step_done": (
            reverse("cases:housing_step_done", args=step_args),
            {"version": "2"},
        ),
        # The contract for a permanent home on the plan (decision 0048).
        "housing_contract": (
            reverse("cases:housing_contract", args=step_args[:2]),
            {
                "contract_signed": TODAY.isoformat(),
                "contract_housing_type": "first_hand",
                "contract_months": "12",
                "version": "1",
            },
        ),
        "journal_note_add": (
            reverse("cases:journal_note_add", args=[c]),
            {"kind": "hembesok", "date": TODAY.isoformat(), "text": "Hembesök 4716"},
        ),
        "journal_note_correct": (
            reverse("cases:journal_note_correct", args=[c, note.public_id]),
            {"text": "Samtal 4717", "reason": "Rättelse", "version": "1"},
        ),
        "report_of_concern_add": (
            reverse("cases:report_of_concern_add", args=[c, work["child"].public_id]),
            {
                "direction": "made",
                "reporter_kind": "socialtjanst",
                "date": TODAY.isoformat(),
                "concern": "Oro 4719",
            },
        ),
        "child_school": (
            reverse("cases:child_school", args=[c, work["child"].public_id]),
            {"school_kind": "grundskola", "school_name": "Ekskolan"},
        ),
        # The child's own track (decision 0045): the person, the child's one guardian here,
        # consents; then the support starts; the child's voice is a note about the child.
        "guardian_consent": (
            reverse(
                "cases:guardian_consent",
                args=[c, work["child"].public_id, work["person"].public_id],
            ),
            {"given": TODAY.isoformat()},
        ),
        "child_support_add": (
            reverse("cases:child_support_add", args=[c, work["child"].public_id]),
            {"support_form": "group", "start": TODAY.isoformat()},
        ),
        "child_voice_add": (
            reverse("cases:child_voice_add", args=[c, work["child"].public_id]),
            {"date": TODAY.isoformat(), "text": "Barnets röst 4720"},
        ),
    }
    return {
        **work,
        "posts": posts,
        "note": note,
        "decision": decision,
        "assessment": assessment,
        "plan": plan,
        "measure": measure,
        "threat": threat,
        "invited_worker": factories.staff("handlaggare", invited_unit),
        "jour_worker": _socialjour_with_emergency_access(work),
        "protected": protected,
        "protected_case": protected_case,
        "moved_case": moved_case,
        "report": report,
        "barn_worker": barn_worker,
        "housing_step": housing_step,
    }


def _housing_plan_step(work):
    """The placement's housing plan, made from a checklist of one application step."""
    HousingStepTemplate.objects.create(
        code="priority_allocation", label="Ansökan om förtur", kind="application", order=1
    )
    plan = housing_plan_open(actor=work["worker"], placement=work["placement"])
    return plan.steps.get()


def _closed_as_moved(work, district):
    """A case of another person closed as moved to another municipality with the person's
    consent to a summary (decision 0050): the move's page and the summary are about it."""
    moved = factories.person(
        first_name="Flyttad", last_name="Bortasdotter", birth_date=datetime.date(1988, 2, 3)
    )
    case = case_open(
        actor=work["worker"],
        person=moved,
        district=district,
        lead_unit=work["rvt"],
        source="self",
        opened=TODAY - 10 * DAY,
    )
    case_close_moved(
        actor=work["worker"],
        case=case,
        closed=TODAY,
        municipality="Göteborg",
        moved=TODAY,
        consent_given=TODAY,
        consent_form="oral",
    )
    return case


def _report_accepted(work, district):
    """A report of concern about the child, accepted by the district's barn och unga unit,
    whose case worker records its outcome (decision 0044)."""
    barn = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    barn_worker = factories.staff("handlaggare", barn)
    report = report_of_concern_record(
        actor=work["worker"],
        case=work["case"],
        child=work["child"],
        direction="received",
        reporter_kind="skola",
        date=TODAY,
        concern="Oro 4718",
    )
    child_part_accept(actor=barn_worker, part=report.routing)
    return report, barn_worker


def _decision_appealed(work):
    """An application of the case, refused under a delegation and appealed (decision 0041)."""
    ground = LegalGround.objects.create(
        code="testlagen-1-1",
        law="Testlagen (2025:1)",
        provision="1 kap. 1 §",
        label="Bistånd i testlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    Delegation.objects.create(
        unit=work["rvt"], role="handlaggare", may_refuse=True, valid_from=TODAY - 30 * DAY
    )
    application = application_record(
        actor=work["worker"], case=work["case"], kind="ansokan", received=TODAY, asked="Stöd."
    )
    decision = application_decide(
        actor=work["worker"],
        application=application,
        decided=TODAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=ground, reasons="Skäl."),
    )
    decision_appeal_record(
        actor=work["worker"], decision=decision, lodged=TODAY, court="Förvaltningsrätten"
    )
    return decision


def _socialjour_with_emergency_access(work):
    """A case worker of Socialjouren with a running emergency access to the case, who may
    make the after-hours decision (decision 0042)."""
    unit = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    worker = factories.staff("handlaggare", unit)
    emergency_access_grant(actor=worker, case=work["case"], reason="Akut skyddsbehov i natt")
    return worker


def fill(route: str, world) -> tuple[str, object]:
    """The route with its parameters filled from the world, and the case it is about."""
    case = world["protected_case"] if "skyddade-uppgifter" in route else world["case"]
    if "/flytt/" in route:  # the move to another municipality's, on the case closed so
        case = world["moved_case"]
    values = {
        "case_id": case.public_id,
        "consent_id": world["consent"].public_id,
        "placement_id": world["placement"].public_id,
        "action_id": world["action"].public_id,
        "task_id": world["task"].public_id,
        "child_id": world["child"].public_id,
        "person_id": world["child"].public_id,
        "threat_id": world["threat"].public_id,
        "assessment_id": world["assessment"].public_id,
        "plan_id": world["plan"].public_id,
        "measure_id": world["measure"].public_id,
        "instrument": "freda-farlighet",
        "note_id": world["note"].public_id,
        "application_id": world["decision"].application.public_id,
        "decision_id": world["decision"].public_id,
        "appeal_id": world["decision"].appeals.get().public_id,
        "report_id": world["report"].public_id,
        "step_id": world["housing_step"].public_id,
        # The guardian whose consent to the child's support is recorded (decision 0045).
        "guardian_id": world["person"].public_id,
    }
    unknown = set(PARAMETER.findall(route)) - set(values)
    assert unknown == set(), f"teach this test to fill {unknown} in {route}"
    return "/" + PARAMETER.sub(lambda m: str(values[m.group(1)]), route), case


# A URL of a case that is no page of its own: a GET leads to the search it is asked from.
POST_ONLY = {
    "emergency_grant",
    "cases:after_hours_acknowledge",
    "cases:housing_step_done",
    "cases:transfer_withdraw",
}
# A page that hands personal data out of the system logs an export, not a view.
EXPORTS = {"cases:decision_letter", "cases:move_summary_pdf"}


def test_every_page_of_a_case_logs_a_view_by_its_user_and_holds_no_data(client, world):
    visited = []
    for name, route in case_routes():
        if name in POST_ONLY:
            continue
        url, case = fill(route, world)
        actor = {
            "cases:invitation": world["invited_worker"],
            "cases:after_hours_decide": world["jour_worker"],
            "cases:report_of_concern_outcome": world["barn_worker"],
        }.get(name, world["worker"])
        factories.sign_in(client, actor)

        response = client.get(url)

        assert response.status_code == 200, name
        entries = entries_of(response)
        assert [
            (e["kind"], e["case_public_id"], e["user_public_id"], e["outcome"]) for e in entries
        ] == [
            (
                AccessKind.EXPORT if name in EXPORTS else AccessKind.VIEW,
                case.public_id,
                actor.public_id,
                "allowed",
            )
        ], name
        assert_no_personal_data(entries, world)
        visited.append(name)

    assert len(visited) == 67  # every page of a case in the URL configuration


def test_every_change_to_a_case_logs_a_change_and_holds_no_data(signed_in, world):
    for name, (url, data) in world["posts"].items():
        response = signed_in.post(url, data)

        assert response.status_code == 302, name
        entries = entries_of(response)
        kinds = [(e["kind"], e["case_public_id"], e["ground"]) for e in entries]
        assert (AccessKind.CHANGE, world["case"].public_id, AccessGround.OWN_UNIT) in kinds, name
        assert all(e["user_public_id"] == world["worker"].public_id for e in entries)
        assert_no_personal_data(entries, world)


def test_a_revealed_identity_is_logged_as_a_reveal_and_not_written_down(client, world):
    factories.sign_in(client, world["worker"])
    url = reverse("cases:identity_reveal", args=[world["protected_case"].public_id])

    response = client.post(url, {"reason": "Behöver ringa personen om ett möte"})

    assert response.status_code == 200
    assert "Skyddadsson" in response.content.decode()
    entries = entries_of(response)
    assert [(e["kind"], e["case_public_id"]) for e in entries] == [
        (AccessKind.REVEAL, world["protected_case"].public_id)
    ]
    assert_no_personal_data(entries, world)


@pytest.mark.parametrize("name", ["web:work", "web:unit_cases", "web:todo"])
def test_every_list_logs_each_row_it_shows(client, world, name):
    factories.sign_in(client, world["worker"])

    response = client.get(reverse(name))

    entries = entries_of(response)
    assert response.status_code == 200
    assert {e["kind"] for e in entries} == {AccessKind.LIST_ROW}
    shown = {e["case_public_id"] for e in entries}
    assert shown <= {world["case"].public_id, world["protected_case"].public_id}
    assert shown  # the page did show cases
    assert_no_personal_data(entries, world)


def test_the_search_before_opening_logs_each_hit(client, world):
    factories.sign_in(client, world["worker"])

    response = client.post(
        reverse("cases:open"),
        {"step": "search", "identity_number": "201701012393"},
    )

    entries = entries_of(response)
    assert response.status_code == 200
    assert [(e["kind"], e["person_public_id"]) for e in entries] == [
        (AccessKind.SEARCH_HIT, world["child"].public_id)
    ]
    assert_no_personal_data(entries, world)


def test_emergency_search_and_grant_are_logged_with_their_ground(client, world):
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    on_duty = factories.staff("handlaggare", jour)
    factories.sign_in(client, on_duty)

    searched = client.post(reverse("emergency_search"), {"identity_number": "201701012393"})
    granted = client.post(
        reverse("emergency_grant", args=[world["case"].public_id]),
        {"reason": "Polisen ringer om akut skydd i natt"},
    )

    assert searched.status_code == 200 and granted.status_code == 302
    assert [(e["kind"], e["ground"]) for e in entries_of(searched)] == [
        (AccessKind.SEARCH_HIT, AccessGround.EMERGENCY)
    ]
    assert [(e["kind"], e["ground"], e["case_public_id"]) for e in entries_of(granted)] == [
        (AccessKind.VIEW, AccessGround.EMERGENCY, world["case"].public_id)
    ]
    assert_no_personal_data(entries_of(searched) + entries_of(granted), world)
