"""The pages of applications and decisions (issue 15 item 1, decision 0041): each through its
view, with the values saved, the service's refusals shown on the form with nothing saved, and
a unit without a part finding nothing (404, no data)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from brytupp.interventions.decisions import (
    APPEAL_INSTRUCTIONS,
    DecisionTerms,
    application_decide,
    application_record,
    decision_appeal_record,
)
from brytupp.interventions.models import Application, ApplicationDecision, DecisionAppeal
from tests import factories

from .conftest import DAY, TODAY
from .support import written

pytestmark = pytest.mark.django_db

ASKED = "Stödsamtal varannan vecka under ett halvår."
REASONS = "Behovet tillgodoses genom gruppsamtalen som redan pågår."


def _application(world, *, intervention="stodsamtal_individuellt"):
    return application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 10 * DAY,
        asked=ASKED,
        intervention=intervention,
    )


def _avslag(world, application):
    return application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons=REASONS),
    )


def sv(msgid: str) -> str:
    """The Swedish text the pages show (the user's language is Swedish)."""
    with translation.override("sv"):
        return gettext(msgid)


def _url(name, world, *ids):
    return reverse(f"cases:{name}", args=[world["case"].public_id, *ids])


def _without_log(counts: dict) -> dict:
    return {kind: count for kind, count in counts.items() if kind != "access_log"}


def test_an_application_is_recorded_through_its_page(client, world):
    factories.sign_in(client, world["worker"])

    response = client.post(
        _url("application_add", world),
        {
            "kind": "aktualisering",
            "received": (TODAY - 3 * DAY).isoformat(),
            "asked": ASKED,
            "intervention": "tillfalligt_boende",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _url("detail", world) + "#applications"
    application = Application.objects.get(case=world["case"])
    assert (
        application.kind,
        application.received,
        application.asked,
        application.intervention,
        application.unit,
        application.recorded_by,
    ) == (
        "aktualisering",
        TODAY - 3 * DAY,
        ASKED,
        "tillfalligt_boende",
        world["rvt"],
        world["worker"],
    )


def test_an_avslag_with_reasons_is_decided_through_its_page(client, world):
    application = _application(world)
    factories.sign_in(client, world["manager"])

    response = client.post(
        _url("application_decide", world, application.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "avslag",
            "legal_ground": world["current"].code,
            "reasons": REASONS,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _url("detail", world) + "#applications"
    decision = ApplicationDecision.objects.get(application=application)
    assert (
        decision.decided,
        decision.outcome,
        decision.legal_ground,
        decision.reasons,
        decision.decision_maker,
        decision.delegation,
        decision.recorded_by,
        decision.granted,
        decision.status,
        decision.appeal_instructions,
    ) == (
        TODAY - 2 * DAY,
        "avslag",
        world["current"],
        REASONS,
        world["manager"],
        world["lines"]["manager"],
        world["manager"],
        None,
        "in_force",
        APPEAL_INSTRUCTIONS,
    )


def test_a_case_worker_records_a_bifall_by_the_manager_with_its_period(client, world):
    application = _application(world, intervention="")
    factories.sign_in(client, world["worker"])

    response = client.post(
        _url("application_decide", world, application.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "bifall",
            "legal_ground": world["current"].code,
            "intervention": "stodsamtal_grupp",
            "start": (TODAY - DAY).isoformat(),
            "end": (TODAY + 90 * DAY).isoformat(),
            "decision_maker": str(world["manager"].pk),
        },
    )

    assert response.status_code == 302
    decision = ApplicationDecision.objects.select_related("granted").get(application=application)
    assert (
        decision.outcome,
        decision.decision_maker,
        decision.delegation,
        decision.recorded_by,
        decision.reasons,
        decision.appeal_instructions,
    ) == ("bifall", world["manager"], world["lines"]["manager"], world["worker"], "", "")
    granted = decision.granted
    assert (granted.intervention, granted.decided, granted.start, granted.end) == (
        "stodsamtal_grupp",
        TODAY - 2 * DAY,
        TODAY - DAY,
        TODAY + 90 * DAY,
    )


def test_an_avslag_without_reasons_shows_the_message_and_saves_nothing(client, world):
    application = _application(world)
    factories.sign_in(client, world["manager"])
    before = written(world["case"])

    response = client.post(
        _url("application_decide", world, application.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "avslag",
            "legal_ground": world["current"].code,
            "reasons": "   ",
        },
    )

    assert response.status_code == 200
    assert sv("Write the reasons: an avslag or a delvis bifall must give them.") in (
        response.content.decode()
    )
    assert _without_log(written(world["case"])) == _without_log(before)


def test_a_case_worker_without_the_delegation_is_refused_on_the_page(client, world):
    application = _application(world)
    factories.sign_in(client, world["worker"])
    before = written(world["case"])

    response = client.post(
        _url("application_decide", world, application.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "avslag",
            "legal_ground": world["current"].code,
            "reasons": REASONS,
        },
    )

    assert response.status_code == 200
    message = sv(
        "%(maker)s has no delegation in %(unit)s on %(day)s to decide this intervention with "
        "this outcome."
    ) % {
        "maker": "Hanna Handläggarsson",
        "unit": world["rvt"].name,
        "day": (TODAY - 2 * DAY).isoformat(),
    }
    assert escape(message) in response.content.decode()
    assert _without_log(written(world["case"])) == _without_log(before)


def test_a_ground_not_in_force_on_the_day_is_refused_on_the_page(client, world):
    application = _application(world)
    factories.sign_in(client, world["manager"])
    before = written(world["case"])

    response = client.post(
        _url("application_decide", world, application.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "avslag",
            "legal_ground": world["old"].code,
            "reasons": REASONS,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["legal_ground"] == [
        sv("The legal ground %(ground)s is not in force on %(day)s.")
        % {"ground": world["old"], "day": (TODAY - 2 * DAY).isoformat()}
    ]
    assert _without_log(written(world["case"])) == _without_log(before)


def test_the_decide_page_offers_only_the_grounds_in_force_today(client, world):
    application = _application(world)
    factories.sign_in(client, world["manager"])

    response = client.get(_url("application_decide", world, application.public_id))

    choices = response.context["form"].fields["legal_ground"].widget.choices
    assert [value for value, _label in choices] == ["", "testlagen-1-1"]


def test_the_day_communicated_an_appeal_and_its_outcome_through_their_pages(client, world):
    decision = _avslag(world, _application(world))
    factories.sign_in(client, world["manager"])

    communicated = client.post(
        _url("decision_communicated", world, decision.public_id),
        {"communicated": (TODAY - 4 * DAY).isoformat()},
    )
    appealed = client.post(
        _url("decision_appeal_add", world, decision.public_id),
        {"lodged": (TODAY - 3 * DAY).isoformat(), "court": "Förvaltningsrätten i Teststad"},
    )
    appeal = DecisionAppeal.objects.get(decision=decision)
    outcome = client.post(
        _url("appeal_outcome", world, appeal.public_id),
        {"outcome": "upheld", "outcome_date": (TODAY - DAY).isoformat(), "note": "Dom 1234-26"},
    )

    assert [communicated.status_code, appealed.status_code, outcome.status_code] == [302] * 3
    decision.refresh_from_db()
    appeal.refresh_from_db()
    assert decision.communicated == TODAY - 4 * DAY
    assert (
        appeal.lodged,
        appeal.court,
        appeal.outcome,
        appeal.outcome_date,
        appeal.note,
        appeal.recorded_by,
    ) == (
        TODAY - 3 * DAY,
        "Förvaltningsrätten i Teststad",
        "upheld",
        TODAY - DAY,
        "Dom 1234-26",
        world["manager"],
    )


def test_another_unit_without_a_part_finds_no_page_and_no_data(client, world):
    decision = _avslag(world, _application(world))
    appeal = decision_appeal_record(
        actor=world["manager"],
        decision=decision,
        lodged=TODAY - DAY,
        court="Förvaltningsrätten i Teststad",
    )
    factories.sign_in(client, world["outsider"])
    before = _without_log(written(world["case"]))
    application = decision.application
    urls = [
        _url("application_add", world),
        _url("application_decide", world, application.public_id),
        _url("decision_communicated", world, decision.public_id),
        _url("decision_appeal_add", world, decision.public_id),
        _url("appeal_outcome", world, appeal.public_id),
        _url("appeal_changed", world, appeal.public_id),
        _url("decision_reexamine", world, decision.public_id),
    ]

    for url in urls:
        for response in (
            client.get(url),
            client.post(
                url,
                {
                    "kind": "ansokan",
                    "received": TODAY.isoformat(),
                    "asked": "Något annat",
                    "decided": TODAY.isoformat(),
                    "outcome": "upheld",
                    "legal_ground": world["current"].code,
                    "communicated": TODAY.isoformat(),
                    "lodged": TODAY.isoformat(),
                    "court": "Kammarrätten",
                    "outcome_date": TODAY.isoformat(),
                },
            ),
        ):
            assert response.status_code == 404, url
            text = response.content.decode()
            assert [v for v in (ASKED, REASONS, "Fejka", "Teststad") if v in text] == [], url
    assert _without_log(written(world["case"])) == before


def test_a_unit_taking_part_but_not_receiving_finds_no_decide_page(client, world):
    decision = _avslag(world, _application(world))
    factories.sign_in(client, world["ekb_worker"])

    responses = [
        client.get(_url("application_decide", world, decision.application.public_id)),
        client.get(_url("decision_communicated", world, decision.public_id)),
        client.get(_url("decision_appeal_add", world, decision.public_id)),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert all(ASKED not in response.content.decode() for response in responses)


def test_the_case_page_shows_the_applications_and_the_doors_to_the_receiving_unit(client, world):
    decision = _avslag(world, _application(world))
    factories.sign_in(client, world["worker"])

    text = client.get(_url("detail", world)).content.decode()

    assert 'id="applications"' in text
    for value in (
        ASKED,
        REASONS,
        "1 kap. 1 § Testlagen (2025:1): Bistånd i testlagen",
        "Chefia Chefsson",
        (TODAY - 10 * DAY).isoformat(),
        (TODAY - 5 * DAY).isoformat(),
    ):
        assert value in text, value
    assert _url("decision_communicated", world, decision.public_id) in text
    assert _url("decision_appeal_add", world, decision.public_id) in text
    assert _url("application_add", world) in text
    assert _url("decision_letter", world, decision.public_id) in text
    # Decided and in force: no second decision.
    assert _url("application_decide", world, decision.application.public_id) not in text


def test_another_unit_taking_part_sees_the_section_without_the_doors(client, world):
    decision = _avslag(world, _application(world))
    factories.sign_in(client, world["ekb_worker"])

    text = client.get(_url("detail", world)).content.decode()

    assert ASKED in text and REASONS in text
    assert _url("decision_communicated", world, decision.public_id) not in text
    assert _url("decision_appeal_add", world, decision.public_id) not in text
    # Its own unit records its own applications.
    assert _url("application_add", world) in text


def test_the_case_page_reads_the_applications_in_a_fixed_number_of_queries(client, world):
    _avslag(world, _application(world))
    factories.sign_in(client, world["worker"])
    with CaptureQueriesContext(connection) as one:
        client.get(_url("detail", world))
    for _ in range(2):
        decision = _avslag(world, _application(world))
        decision_appeal_record(
            actor=world["manager"], decision=decision, lodged=TODAY, court="Förvaltningsrätten"
        )

    with CaptureQueriesContext(connection) as three:
        client.get(_url("detail", world))

    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_decision_letter_the_section_links_to_exists():
    try:
        reverse("cases:decision_letter", args=[uuid.uuid4(), uuid.uuid4()])
    except NoReverseMatch:  # pragma: no cover - the letter is another change's
        pytest.fail("cases:decision_letter does not exist: take its link out of the section")


def test_a_user_of_two_units_taking_part_chooses_the_unit_that_received_it(client, world):
    both = factories.UserFactory()
    factories.MembershipFactory(user=both, unit=world["rvt"], role="handlaggare")
    factories.MembershipFactory(user=both, unit=world["ekb"], role="handlaggare")
    factories.sign_in(client, both)

    response = client.post(
        _url("application_add", world),
        {
            "kind": "ansokan",
            "received": TODAY.isoformat(),
            "asked": ASKED,
            "intervention": "",
            "unit": world["ekb"].code,
        },
    )

    assert response.status_code == 302
    application = Application.objects.get(case=world["case"])
    assert (application.unit, application.intervention, application.recorded_by) == (
        world["ekb"],
        "",
        both,
    )


def test_a_pending_appeal_leaves_no_door_to_a_second_one(client, world):
    decision = _avslag(world, _application(world))
    decision_appeal_record(
        actor=world["manager"], decision=decision, lodged=TODAY, court="Förvaltningsrätten"
    )
    factories.sign_in(client, world["manager"])

    text = client.get(_url("detail", world)).content.decode()

    assert _url("decision_appeal_add", world, decision.public_id) not in text
    appeal = decision.appeals.get()
    assert _url("appeal_outcome", world, appeal.public_id) in text
