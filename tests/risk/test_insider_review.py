"""Risk and safety tried as an insider would (review of issue 14): a unit of the case, another
unit's case worker or manager who knows the case's and the rows' ids, an invited unit,
Socialjouren with and without emergency access, the analyst; a row of another case used in this
case's address. Every denial is a 404 with nothing of the case in it, and changes nothing. A
unit taking part by consent that the consent does not name for the description of violence
reads the level, the dates and the measures, never a judgement, an answer, a plan's threats, a
review note or what changed. Every name and text is made up."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from brytupp.access.services import emergency_access_grant
from brytupp.assessments import safety, services
from brytupp.assessments.models import (
    CircumstanceChange,
    RiskAssessment,
    SafetyMeasure,
    SafetyPlan,
    SafetyPlanReview,
)
from brytupp.cases.services import case_open, case_unit_invite, consent_record
from tests import factories
from tests.cases_work.support import state, text

from .conftest import DAY, TODAY
from .test_instruments import ITEMS

pytestmark = pytest.mark.django_db

JUDGEMENT = "Hotade med kniv i köket."
SUMMARY = "Beskrivningen: slag varje vecka."
THREATS = "Den förre partnern väntar vid busshållplatsen."
CHILD_THREATS = "Hot om att hämta barnet från skolan."
NOTE = "Översynen fann nya sms-hot."
WHAT = "Förövaren släpps från häktet på fredag."
OTHER_JUDGEMENT = "Annat ärendes bedömning om grannen."
OTHER_THREATS = "Annat ärendes hot vid tvättstugan."
SECRETS = (JUDGEMENT, SUMMARY, THREATS, CHILD_THREATS, NOTE, WHAT, OTHER_JUDGEMENT, OTHER_THREATS)
# What a unit not named for the description may not read (the level, dates and the measures it
# may): the score of FREDA-farlighet (one item answered yes in ``world``) is one of them.
DESCRIBED = (
    JUDGEMENT,
    SUMMARY,
    THREATS,
    CHILD_THREATS,
    NOTE,
    WHAT,
    "Item 1",
    "Physical violence",
    "score 1",
    "Score (items answered yes)",
)


def words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response))).strip()


def _farlighet(*, actor, case, judgement, date=TODAY - 2 * DAY):
    return services.risk_assessment_record(
        actor=actor,
        case=case,
        instrument="freda_farlighet",
        date=date,
        answers={code: "yes" if code == "q1" else "no" for code in ITEMS},
        judgement=judgement,
        level="high",
    )


@pytest.fixture
def world(setting):
    """The case of ``setting`` with every kind of risk and safety row, and a second case of the
    same RVT with its own assessment, plan and measure."""
    worker, case = setting["worker"], setting["case"]
    farlighet = _farlighet(actor=worker, case=case, judgement=JUDGEMENT)
    beskrivning = services.risk_assessment_record(
        actor=worker,
        case=case,
        instrument="freda_beskrivning",
        date=TODAY - 2 * DAY,
        answers={"physical": {"frequency": "weekly", "last": "week", "children": "yes"}}
        | {
            code: {"frequency": "never"}
            for code in ("psychological", "sexual", "economic", "material", "control", "neglect")
        },
        judgement=SUMMARY,
    )
    services.circumstance_change_record(actor=worker, case=case, date=TODAY - DAY, what=WHAT)
    plan = safety.safety_plan_write(
        actor=worker, case=case, threats=THREATS, review_on=TODAY + 7 * DAY
    )
    measure = safety.safety_measure_add(
        actor=worker,
        plan=plan,
        kind="alarm",
        description="Trygghetslarm beställt.",
        responsible_unit=setting["rvt"],
    )
    safety.safety_plan_review(
        actor=worker,
        plan=plan,
        reviewed_on=TODAY,
        note=NOTE,
        next_review_on=TODAY + 5 * DAY,
        version=1,
    )
    child_plan = safety.safety_plan_write(
        actor=worker,
        case=case,
        child=setting["child"],
        threats=CHILD_THREATS,
        review_on=TODAY + 3 * DAY,
    )
    child_measure = safety.safety_measure_add(
        actor=worker,
        plan=child_plan,
        kind="child_pickup",
        description="Bara mormor hämtar.",
        responsible_other="Förskolan",
    )
    other_person = factories.person(first_name="Annan", last_name="Påhittadsdotter")
    other_case = case_open(
        actor=worker,
        person=other_person,
        district=setting["district"],
        lead_unit=setting["rvt"],
        source="self",
        opened=TODAY - 10 * DAY,
    )
    other_assessment = _farlighet(actor=worker, case=other_case, judgement=OTHER_JUDGEMENT)
    other_plan = safety.safety_plan_write(
        actor=worker, case=other_case, threats=OTHER_THREATS, review_on=TODAY + 7 * DAY
    )
    other_measure = safety.safety_measure_add(
        actor=worker,
        plan=other_plan,
        kind="routes",
        description="Annan väg till jobbet.",
        responsible_other="Personen",
    )
    return setting | {
        "farlighet": farlighet,
        "beskrivning": beskrivning,
        "plan": plan,
        "measure": measure,
        "child_plan": child_plan,
        "child_measure": child_measure,
        "other_case": other_case,
        "other_assessment": other_assessment,
        "other_plan": other_plan,
        "other_measure": other_measure,
    }


def everything() -> dict:
    """Every row a risk or safety page may write, and the rows of ``state``."""
    return state() | {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            RiskAssessment,
            CircumstanceChange,
            SafetyPlan,
            SafetyMeasure,
            SafetyPlanReview,
        )
    }


def pages(world) -> list[tuple[str, dict]]:
    """Every risk and safety address of the case, each with what a POST to it would record
    (None: the page is read only, and a POST is refused as for any address: 405)."""
    case, plan = world["case"].public_id, world["plan"].public_id
    today, later = TODAY.isoformat(), (TODAY + 9 * DAY).isoformat()
    farlighet = {code: "yes" for code in ITEMS} | {
        "date": today,
        "judgement": "Inskrivet av någon utan rätt.",
        "level": "low",
    }
    return [
        (reverse("cases:risk_assessment_add", args=[case, "freda-farlighet"]), farlighet),
        (
            reverse("cases:risk_assessment_add", args=[case, "freda-beskrivning"]),
            {"date": today, "physical_frequency": "never", "judgement": "Inskrivet"},
        ),
        (
            reverse("cases:risk_assessment_add", args=[case, "patriark"]),
            {"date": today, "instrument_result": "low", "judgement": "Inskrivet", "level": "low"},
        ),
        (
            reverse("cases:risk_assessment_add", args=[case, "polisen"]),
            {"instrument": "b_safer", "reference": "5000-K1", "date": today, "level": "low"},
        ),
        (
            reverse("cases:risk_assessment_detail", args=[case, world["farlighet"].public_id]),
            None,
        ),
        (
            reverse("cases:risk_assessment_detail", args=[case, world["beskrivning"].public_id]),
            None,
        ),
        (reverse("cases:circumstance_change_add", args=[case]), {"date": today, "what": "Nytt"}),
        (reverse("cases:safety_plan_add", args=[case]), {"threats": "Nytt", "review_on": later}),
        (
            reverse("cases:safety_plan_add_child", args=[case, world["child"].public_id]),
            {"threats": "Nytt", "review_on": later},
        ),
        (
            reverse("cases:safety_plan_change", args=[case, plan]),
            {"threats": "Inget hot längre", "review_on": later, "version": "2"},
        ),
        (
            reverse("cases:safety_measure_add", args=[case, plan]),
            {"kind": "other", "description": "Ny åtgärd", "responsible_other": "Någon"},
        ),
        (
            reverse("cases:safety_measure_done", args=[case, plan, world["measure"].public_id]),
            {"done_on": today, "version": "1"},
        ),
        (
            reverse("cases:safety_plan_review", args=[case, plan]),
            {
                "reviewed_on": today,
                "note": "Ny anteckning",
                "next_review_on": later,
                "version": "2",
            },
        ),
    ]


def assert_nothing_shown(world, response) -> None:
    body = text(response)
    for secret in (
        *SECRETS,
        "Fejka",
        "Påhittadsson",
        "Lillan",
        "Trygghetslarm",
        "Bara mormor",
        str(world["person"].public_id),
    ):
        assert secret not in body, secret


def try_every_page(client, world, user) -> list:
    factories.sign_in(client, user)
    before = everything()
    responses = []
    for url, data in pages(world):
        responses.append((url, client.get(url)))
        if data is not None:
            responses.append((url, client.post(url, data)))
    assert everything() == before
    return responses


OUTSIDERS = {
    "case worker of another unit": lambda w: factories.staff(
        "handlaggare", factories.UnitFactory(district=w["district"])
    ),
    "manager of another unit": lambda w: factories.staff(
        "enhetschef", factories.UnitFactory(district=w["district"])
    ),
    "Socialjouren without emergency access": lambda w: factories.staff(
        "handlaggare", factories.UnitFactory(district=None, kind="socialjour")
    ),
    "city analyst": lambda w: factories.staff(
        "analytiker", factories.UnitFactory(district=None, kind="stab")
    ),
}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_user_without_a_part_finds_no_risk_page_and_changes_nothing(client, world, who):
    responses = try_every_page(client, world, OUTSIDERS[who](world))

    assert [(url, r.status_code) for url, r in responses] == [(url, 404) for url, _r in responses]
    for _url, response in responses:
        assert_nothing_shown(world, response)


def test_an_invited_unit_finds_no_risk_page_and_changes_nothing(client, world):
    invited = factories.UnitFactory(district=world["district"], kind="barn_unga")
    consent_record(
        actor=world["worker"],
        case=world["case"],
        given=TODAY,
        form="written",
        purpose="Samhandläggning",
        units=[invited],
        violence_description_units=[invited],
    )
    case_unit_invite(actor=world["worker"], case=world["case"], unit=invited, invited=TODAY)

    responses = try_every_page(client, world, factories.staff("handlaggare", invited))

    assert [(url, r.status_code) for url, r in responses] == [(url, 404) for url, _r in responses]
    for _url, response in responses:
        assert_nothing_shown(world, response)


def test_socialjouren_with_emergency_access_reads_the_level_and_measures_and_writes_nothing(
    client, world
):
    worker = OUTSIDERS["Socialjouren without emergency access"](world)
    emergency_access_grant(actor=worker, case=world["case"], reason="Akut skyddsbehov nattetid")

    responses = try_every_page(client, world, worker)
    page = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert [(url, r.status_code) for url, r in responses] == [(url, 404) for url, _r in responses]
    for _url, response in responses:
        assert_nothing_shown(world, response)
    body = text(page)
    assert page.status_code == 200
    assert 'data-risk-level="high"' in body
    assert "Trygghetslarm beställt." in body
    assert "Bara mormor hämtar." in body
    for secret in DESCRIBED:
        assert secret not in body, secret
    # No door to write, and no link to an assessment's page it could not open.
    assert "/risk/" not in body
    assert "/sakerhetsplan/" not in body


def test_a_row_of_another_case_is_not_found_in_this_cases_address(client, world):
    case, plan = world["case"].public_id, world["plan"].public_id
    other_plan = world["other_plan"].public_id
    factories.sign_in(client, world["worker"])
    before = everything()
    today, later = TODAY.isoformat(), (TODAY + 9 * DAY).isoformat()
    wrong = [
        reverse("cases:risk_assessment_detail", args=[case, world["other_assessment"].public_id]),
        reverse("cases:safety_plan_change", args=[case, other_plan]),
        reverse("cases:safety_measure_add", args=[case, other_plan]),
        reverse("cases:safety_plan_review", args=[case, other_plan]),
        reverse(
            "cases:safety_measure_done", args=[case, other_plan, world["other_measure"].public_id]
        ),
        # A measure of this case's other plan, and one of another case, under this plan.
        reverse("cases:safety_measure_done", args=[case, plan, world["child_measure"].public_id]),
        reverse("cases:safety_measure_done", args=[case, plan, world["other_measure"].public_id]),
        # A person who is not a child of the case's person.
        reverse("cases:safety_plan_add_child", args=[case, world["other_case"].person.public_id]),
    ]
    data = {
        "threats": "Ändrat",
        "review_on": later,
        "kind": "other",
        "description": "Ny",
        "responsible_other": "Någon",
        "done_on": today,
        "reviewed_on": today,
        "note": "Ny",
        "next_review_on": later,
        "version": "1",
    }

    responses = [(url, client.get(url)) for url in wrong] + [
        (url, client.post(url, data)) for url in wrong[1:]
    ]

    assert [(url, r.status_code) for url, r in responses] == [(url, 404) for url, _r in responses]
    for _url, response in responses:
        body = text(response)
        assert OTHER_JUDGEMENT not in body
        assert OTHER_THREATS not in body
        assert "Annan väg" not in body
        assert "Annan" not in body
    assert everything() == before


def test_the_unit_not_named_reads_no_description_on_any_page_of_the_case(client, world):
    # Economic support takes part by consent; the consent does not name it for the description.
    factories.sign_in(client, world["ekb_worker"])
    case, plan = world["case"].public_id, world["plan"].public_id
    readable = [
        reverse("cases:detail", args=[case]),
        reverse("cases:risk_assessment_detail", args=[case, world["farlighet"].public_id]),
        reverse("cases:risk_assessment_detail", args=[case, world["beskrivning"].public_id]),
        reverse("cases:risk_assessment_add", args=[case, "polisen"]),
        reverse("cases:circumstance_change_add", args=[case]),
        reverse("cases:safety_measure_add", args=[case, plan]),
        reverse("cases:safety_measure_done", args=[case, plan, world["measure"].public_id]),
        reverse("cases:safety_measure_add", args=[case, world["child_plan"].public_id]),
    ]

    responses = [(url, client.get(url)) for url in readable]

    assert [(url, r.status_code) for url, r in responses] == [(url, 200) for url in readable]
    for _url, response in responses:
        body = words(response)
        for secret in DESCRIBED:
            assert secret not in body, secret
    case_page = text(responses[0][1])
    assert 'data-risk-level="high"' in case_page
    assert "Trygghetslarm beställt." in case_page
    # The timeline says what happened, never what was written.
    for label in ("Risk level raised: High", "Safety plan reviewed", "Changed circumstances"):
        assert label in case_page


def test_the_unit_not_named_writes_no_description_and_changes_nothing(client, world):
    described = ("freda-farlighet", "freda-beskrivning", "patriark", "sakerhetsplan/ny", "andra/")
    factories.sign_in(client, world["ekb_worker"])
    before = everything()
    writes = [
        (url, data)
        for url, data in pages(world)
        if data is not None and any(part in url for part in described)
    ] + [
        (
            reverse(
                "cases:safety_plan_review", args=[world["case"].public_id, world["plan"].public_id]
            ),
            pages(world)[-1][1],
        )
    ]

    responses = [(url, client.post(url, data)) for url, data in writes]

    assert len(responses) == 7
    assert [(url, r.status_code) for url, r in responses] == [(url, 404) for url, _r in responses]
    for _url, response in responses:
        assert_nothing_shown(world, response)
    assert everything() == before


@pytest.mark.parametrize(
    "page", ["web:start", "web:work", "web:todo", "web:unit_cases", "cases:person_search"]
)
def test_the_unit_not_named_reads_no_description_in_its_lists(client, world, page):
    factories.sign_in(client, world["ekb_worker"])

    response = client.get(reverse(page), follow=True)

    assert response.status_code == 200
    body = words(response)
    for secret in DESCRIBED:
        assert secret not in body, secret


def test_the_person_search_shows_nothing_of_risk(client, world):
    # Economic support takes part by consent; the consent does not name it for the description.
    factories.sign_in(client, world["ekb_worker"])

    response = client.post(
        reverse("cases:person_search"), {"first_name": "Fejka", "last_name": "Påhittadsson"}
    )

    assert response.status_code == 200
    body = words(response)
    for secret in DESCRIBED:
        assert secret not in body, secret


def test_the_export_carries_no_description_of_violence(world, capsys):
    call_command("export", "-")

    out = capsys.readouterr().out
    records = [json.loads(line) for line in out.splitlines()]
    for secret in SECRETS:
        assert secret not in out, secret
    assert sorted(
        (record["instrument"], record.get("level"))
        for record in records
        if record["type"] == "risk_assessment"
    ) == [("freda_beskrivning", None), ("freda_farlighet", "high"), ("freda_farlighet", "high")]


@pytest.mark.parametrize("instrument", ["freda_farlighet", "b_safer"])
def test_a_user_without_a_part_cannot_record_a_risk_assessment(setting, instrument):
    """The service refuses as its siblings do (changed circumstances, safety plans): a risk
    assessment recorded by no unit of the case would raise the level on every start page."""
    from django.core.exceptions import ValidationError

    outsider = factories.staff("handlaggare", factories.UnitFactory(district=setting["district"]))
    before = everything()

    with pytest.raises(ValidationError) as refused:
        services.risk_assessment_record(
            actor=outsider,
            case=setting["case"],
            instrument=instrument,
            date=TODAY,
            answers={code: "yes" for code in ITEMS},
            judgement="Inskrivet av någon utan del.",
            reference="5000-K1",
            level="high",
        )

    assert refused.value.messages == ["Only a unit taking part in the case can record this."]
    assert everything() == before
