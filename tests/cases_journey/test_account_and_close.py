"""The person's account, written by the lead unit, and closing the case."""

import pytest
from django.urls import reverse

from brytupp.cases.models import Case, CaseEvent, MunicipalityMove
from brytupp.cases.services import case_close
from tests import factories

from .data import ACCOUNT, DAY, TODAY, body, iso

pytestmark = pytest.mark.django_db


def account_url(case):
    return reverse("cases:account", args=[case.public_id])


def close_url(case):
    return reverse("cases:close", args=[case.public_id])


def test_the_account_form_shows_the_account_so_far(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.get(account_url(journey.case))

    assert response.status_code == 200
    assert response.context["form"]["account"].value() == ACCOUNT


def test_the_lead_writes_the_account(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(
        account_url(journey.case),
        {
            "account": "  Ny berättelse  ",
            "version": str(journey.case.version),
            "reason": "Personen rättade tidpunkten.",
        },
        follow=True,
    )

    journey.case.refresh_from_db()
    assert journey.case.account == "Ny berättelse"
    assert journey.case.account_versions.latest("number").reason == "Personen rättade tidpunkten."
    assert "The person&#x27;s account is saved." in body(response)
    assert response.redirect_chain[-1][0].endswith("#account")


@pytest.mark.parametrize(
    ("closed", "message"),
    [(False, "Write the person&#x27;s account."), (True, "The case is closed.")],
)
def test_a_refused_account_changes_nothing(client, journey, closed, message):
    if closed:
        case_close(case=journey.case, closed=TODAY, reason="moved")
    factories.sign_in(client, journey.worker)
    events = CaseEvent.objects.count()

    response = client.post(
        account_url(journey.case),
        {"account": "" if not closed else "Mer", "version": str(journey.case.version)},
    )

    journey.case.refresh_from_db()
    assert message in body(response)
    assert journey.case.account == ACCOUNT
    assert CaseEvent.objects.count() == events


def test_the_lead_closes_the_case(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(
        close_url(journey.case),
        {"closed": iso(TODAY - DAY), "closure_reason": "goals_met"},
        follow=True,
    )

    journey.case.refresh_from_db()
    assert (journey.case.closed, journey.case.closure_reason) == (TODAY - DAY, "goals_met")
    assert CaseEvent.objects.filter(case=journey.case).latest("pk").kind == "closed"
    assert "The case is closed." in body(response)


# "Moved" asks where to (decision 0050): the move is recorded with the closing or not at all.
MOVED_TO_MALMO = {"municipality": "Malmö", "moved": iso(TODAY), "summary_consent": "no"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"closed": iso(TODAY)}, "State why the case is closed."),
        (
            {"closed": iso(TODAY - 31 * DAY), "closure_reason": "moved", **MOVED_TO_MALMO},
            "A case cannot close before it opened.",
        ),
        (
            {"closed": iso(TODAY + DAY), "closure_reason": "moved", **MOVED_TO_MALMO},
            "The date cannot be in the future.",
        ),
    ],
)
def test_a_refused_closing_leaves_the_case_open(client, journey, data, message):
    factories.sign_in(client, journey.worker)
    events = CaseEvent.objects.count()

    response = client.post(close_url(journey.case), data)

    journey.case.refresh_from_db()
    assert response.status_code == 200
    assert message in body(response)
    assert (journey.case.closed, journey.case.closure_reason) == (None, "")
    assert CaseEvent.objects.count() == events
    assert not MunicipalityMove.objects.exists()


def test_a_closed_case_is_not_closed_again(client, journey):
    case_close(case=journey.case, closed=TODAY - 2 * DAY, reason="moved")
    factories.sign_in(client, journey.worker)

    page = body(client.get(close_url(journey.case)))
    response = client.post(
        close_url(journey.case), {"closed": iso(TODAY), "closure_reason": "goals_met"}
    )

    case = Case.objects.get(pk=journey.case.pk)
    assert "The case is already closed." in page
    assert "The case is closed." in body(response)
    assert (case.closed, case.closure_reason) == (TODAY - 2 * DAY, "moved")
