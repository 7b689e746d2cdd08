"""Every page of the case journey answers 404 to whoever may not act on the case — on GET
and POST alike — shows nothing of it, and changes nothing."""

import pytest
from django.urls import reverse

from brytupp.cases.models import Case, CaseEvent, CaseUnit, Consent
from brytupp.cases.services import case_unit_invite, case_unit_join, consent_withdraw
from tests import factories

from .data import SECRETS, TODAY, body, iso

pytestmark = pytest.mark.django_db

CASE_PAGES = [
    "detail",
    "account",
    "consent_add",
    "consent_withdraw",
    "invite",
    "invitation",
    "close",
]
OUTSIDERS = [
    "case_worker_of_another_district",
    "manager_of_an_unrelated_unit",
    "analyst",
    "system_administrator",
    "unit_whose_consent_was_withdrawn",
]


def outsider(journey, who):
    if who == "case_worker_of_another_district":
        return factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))
    if who == "manager_of_an_unrelated_unit":
        return factories.staff("enhetschef", journey.barn)
    if who == "analyst":
        return factories.staff("analytiker", journey.stab)
    if who == "system_administrator":
        return factories.staff("systemforvaltare", journey.stab)
    case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY)
    consent_withdraw(actor=journey.worker, consent=journey.consent, withdrawn=TODAY)
    return journey.ekb_worker


def url_and_data(journey, page):
    case_id = journey.case.public_id
    if page == "consent_withdraw":
        url = reverse("cases:consent_withdraw", args=[case_id, journey.consent.public_id])
    else:
        url = reverse(f"cases:{page}", args=[case_id])
    data = {
        "detail": {},
        "account": {"account": "Intrång"},
        "consent_add": {
            "given": iso(TODAY),
            "form": "oral",
            "units": [journey.barn.pk],
            "purpose": "Intrång",
        },
        "consent_withdraw": {"withdrawn": iso(TODAY)},
        "invite": {"unit": journey.ekb.pk},
        "invitation": {"action": "decline"},
        "close": {"closed": iso(TODAY), "closure_reason": "goals_met"},
    }[page]
    return url, data


def state(journey):
    case = Case.objects.get(pk=journey.case.pk)
    return (
        Case.objects.count(),
        CaseUnit.objects.count(),
        Consent.objects.count(),
        CaseEvent.objects.count(),
        case.account,
        case.closed,
        list(CaseUnit.objects.order_by("pk").values_list("status", flat=True)),
        list(Consent.objects.order_by("pk").values_list("withdrawn", flat=True)),
    )


def assert_nothing_shown(response):
    assert response.status_code == 404
    page = body(response)
    for secret in SECRETS:
        assert secret not in page


@pytest.mark.parametrize("page", CASE_PAGES)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_gets_404_and_nothing_on_get_and_post(client, journey, page, who):
    factories.sign_in(client, outsider(journey, who))
    url, data = url_and_data(journey, page)
    before = state(journey)

    assert_nothing_shown(client.get(url))
    assert_nothing_shown(client.post(url, data))
    assert state(journey) == before


@pytest.mark.parametrize("page", ["detail", "invitation"])
def test_an_invited_unit_whose_consent_was_withdrawn_gets_404(client, journey, page):
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY)
    consent_withdraw(actor=journey.worker, consent=journey.consent, withdrawn=TODAY)
    factories.sign_in(client, journey.ekb_worker)
    url, data = url_and_data(journey, page)
    before = state(journey)

    assert_nothing_shown(client.get(url))
    assert_nothing_shown(client.post(url, data))
    assert state(journey) == before


def test_an_unknown_case_is_404(client, journey):
    factories.sign_in(client, journey.worker)
    url = reverse("cases:detail", args=["00000000-0000-0000-0000-000000000000"])

    assert client.get(url).status_code == 404


def test_the_lead_may_post_nothing_to_the_case_page(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(reverse("cases:detail", args=[journey.case.public_id]))

    assert response.status_code == 405


@pytest.mark.parametrize("page", ["cases:screening", "cases:open"])
@pytest.mark.parametrize("role", ["analytiker", "systemforvaltare", "implementerare"])
def test_only_case_workers_and_managers_screen_and_open_cases(client, journey, page, role):
    factories.sign_in(client, factories.staff(role, journey.stab))

    assert client.get(reverse(page)).status_code == 404
    response = client.post(
        reverse(page), {"step": "search", "identity_number": "19121212-1212", "asked": "no"}
    )

    assert_nothing_shown(response)


@pytest.mark.parametrize("page", ["cases:screening", "cases:open"])
def test_a_unit_manager_may_screen_and_open_cases(client, journey, page):
    factories.sign_in(client, factories.staff("enhetschef", journey.barn))

    assert client.get(reverse(page)).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, journey):
    response = client.get(reverse("cases:detail", args=[journey.case.public_id]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
