"""Reports of concern through the real views (decision 0044): recorded and routed to the
district's barn och unga without consent, found on its start page, accepted or declined, the
outcome recorded; every refusal saves nothing."""

import datetime

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseEvent
from brytupp.children.models import ChildPart, ReportOfConcern
from brytupp.people.models import Person
from tests import factories

from .conftest import TODAY, accepted, report

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def add_url(world, child=None):
    child = child or world["child"]
    return reverse("cases:report_of_concern_add", args=[world["case"].public_id, child.public_id])


def answer_url(made):
    return reverse("cases:report_of_concern_answer", args=[made.routing.public_id])


def outcome_url(world, made):
    return reverse(
        "cases:report_of_concern_outcome",
        args=[world["case"].public_id, made.child.public_id, made.public_id],
    )


FORM = {
    "direction": "made",
    "reporter_kind": "socialtjanst",
    "reporter": "",
    "date": (TODAY - DAY).isoformat(),
    "concern": "Barnet har sett våld i hemmet 4803",
}


def test_the_lead_unit_records_a_report_routed_to_barn_unga_without_consent(client, world):
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(add_url(world), FORM)

    assert response.status_code == 302
    made = ReportOfConcern.objects.get()
    assert (made.child, made.unit, made.direction, made.concern) == (
        world["child"],
        world["rvt"],
        "made",
        "Barnet har sett våld i hemmet 4803",
    )
    part = made.routing
    assert (part.unit, part.status, part.case) == (world["bu"], "invited", world["case"])
    assert not world["consent"].units.filter(pk=world["bu"].pk).exists()
    event = CaseEvent.objects.get(kind="report_of_concern_recorded")
    assert event.data == {
        "child": str(world["child"].public_id),
        "report": str(made.public_id),
        "routed_to": world["bu"].code,
    }


def test_barn_unga_finds_it_on_the_start_page_and_accepts(client, world):
    made = report(world)
    factories.sign_in(client, world["bu_worker"])

    start = client.get(reverse("web:work")).content.decode()
    answered = client.post(answer_url(made), {"answer": "accept", "reason": ""})

    assert "Report of concern to receive (1)" in start
    assert answer_url(made) in start
    assert "Lillan Påhittadsson" in start
    assert answered.status_code == 302
    assert answered["Location"] == reverse(
        "cases:child", args=[world["case"].public_id, world["child"].public_id]
    )
    made.routing.refresh_from_db()
    assert (made.routing.status, made.routing.answered_by) == ("active", world["bu_worker"])


def test_the_unit_manager_sees_it_on_min_enhet(client, world):
    report(world)
    factories.sign_in(client, world["bu_manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    assert "Report of concern to receive (1)" in body


def test_a_protected_childs_name_is_masked_on_the_start_page(client, world):
    Person.objects.filter(pk=world["child"].pk)  # the child, protected through the service:
    from brytupp.people.services import protection_raise

    protection_raise(child=world["child"], level="sekretessmarkering")
    report(world)
    factories.sign_in(client, world["bu_worker"])

    body = client.get(reverse("web:work")).content.decode()

    assert "Report of concern to receive (1)" in body
    assert "Lillan" not in body
    assert "Protected identity" in body


def test_decline_needs_a_reason_and_then_grants_nothing(client, world):
    made = report(world)
    factories.sign_in(client, world["bu_manager"])

    refused = client.post(answer_url(made), {"answer": "decline", "reason": "Nej"})
    made.routing.refresh_from_db()
    assert refused.status_code == 200
    assert "State why the unit declines, in at least 10 characters." in refused.content.decode()
    assert made.routing.status == "invited"

    declined = client.post(
        answer_url(made), {"answer": "decline", "reason": "Utreds redan i ett annat ärende"}
    )
    made.routing.refresh_from_db()
    assert declined.status_code == 302
    assert (made.routing.status, made.routing.decline_reason) == (
        "declined",
        "Utreds redan i ett annat ärende",
    )
    page = reverse("cases:child", args=[world["case"].public_id, world["child"].public_id])
    assert client.get(page).status_code == 404
    assert client.get(answer_url(made)).status_code == 404


@pytest.mark.parametrize("who", ["rvt_worker", "ekb_worker", "bu_consent_worker"])
def test_only_the_invited_unit_answers(client, world, who):
    made = report(world)
    factories.sign_in(client, world[who])

    response = client.post(answer_url(made), {"answer": "accept"})

    assert response.status_code == 404
    assert "bråk hemma 4801" not in response.content.decode()
    made.routing.refresh_from_db()
    assert made.routing.status == "invited"


def test_barn_unga_records_the_outcome_once_accepted(client, world):
    made = accepted(world)
    factories.sign_in(client, world["bu_worker"])

    response = client.post(
        outcome_url(world, made), {"outcome": "inledd_utredning", "date": TODAY.isoformat()}
    )

    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.outcome, made.outcome_date, made.outcome_by) == (
        "inledd_utredning",
        TODAY,
        world["bu_worker"],
    )
    again = client.post(
        outcome_url(world, made), {"outcome": "ingen_utredning", "date": TODAY.isoformat()}
    )
    made.refresh_from_db()
    assert "The outcome of this report is already recorded." in again.content.decode()
    assert made.outcome == "inledd_utredning"


@pytest.mark.parametrize("who", ["rvt_worker", "bu_consent_worker"])
def test_no_other_unit_records_the_outcome(client, world, who):
    made = accepted(world)
    factories.sign_in(client, world[who])

    response = client.post(
        outcome_url(world, made), {"outcome": "ingen_utredning", "date": TODAY.isoformat()}
    )

    assert response.status_code == 404
    made.refresh_from_db()
    assert made.outcome == ""


def test_no_outcome_before_the_report_is_accepted(client, world):
    made = report(world)
    factories.sign_in(client, world["bu_worker"])

    response = client.post(
        outcome_url(world, made), {"outcome": "ingen_utredning", "date": TODAY.isoformat()}
    )

    assert response.status_code == 404
    made.refresh_from_db()
    assert made.outcome == ""


def test_an_outcome_in_the_future_is_refused(client, world):
    made = accepted(world)
    factories.sign_in(client, world["bu_worker"])

    response = client.post(
        outcome_url(world, made),
        {"outcome": "ingen_utredning", "date": (TODAY + DAY).isoformat()},
    )

    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()
    made.refresh_from_db()
    assert made.outcome == ""


@pytest.mark.parametrize("who", ["ekb_worker", "outsider_worker", "bu_worker"])
def test_a_unit_that_does_not_read_the_childs_matters_records_no_report(client, world, who):
    factories.sign_in(client, world[who])

    response = client.post(add_url(world), FORM)

    assert response.status_code == 404
    assert "Lillan" not in response.content.decode()
    assert not ReportOfConcern.objects.exists()
    assert not ChildPart.objects.exists()


def test_a_district_without_barn_unga_refuses_the_report_and_saves_nothing(client, world):
    world["bu"].valid_to = TODAY - DAY
    world["bu"].save()
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(add_url(world), FORM)

    assert response.status_code == 200
    assert (
        "The district has no unit for children and young people to pass the report to."
        in response.content.decode()
    )
    assert not ReportOfConcern.objects.exists()
    assert not CaseEvent.objects.filter(kind="report_of_concern_recorded").exists()


def test_a_report_without_what_is_refused(client, world):
    factories.sign_in(client, world["rvt_worker"])

    response = client.post(add_url(world), {**FORM, "concern": ""})

    assert response.status_code == 200
    assert not ReportOfConcern.objects.exists()


def test_barn_unga_by_consent_records_a_report_for_the_district_unit(client, world):
    factories.sign_in(client, world["bu_consent_worker"])

    response = client.post(add_url(world), FORM)

    assert response.status_code == 302
    assert ReportOfConcern.objects.get().routing.unit == world["bu"]


def test_the_start_page_logs_each_report_to_receive_on_the_child_and_the_case(client, world):
    from brytupp.audit.models import AccessLogEntry

    report(world)
    report(world, world["second_child"])
    factories.sign_in(client, world["bu_worker"])

    response = client.get(reverse("web:work"))

    entries = AccessLogEntry.objects.filter(request_id=response["X-Request-Id"])
    assert sorted(entries.values_list("kind", "person_public_id", "case_public_id")) == sorted(
        [
            ("list_row", world["child"].public_id, world["case"].public_id),
            ("list_row", world["second_child"].public_id, world["case"].public_id),
        ]
    )
    body = response.content.decode()
    assert "Reports of concern to receive (2)" in body
