"""Recording and withdrawing the person's consent."""

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseEvent, Consent
from brytupp.cases.services import case_close, case_unit_join
from brytupp.organisation.models import Partner
from tests import factories

from .data import DAY, PURPOSE, TODAY, body, iso

pytestmark = pytest.mark.django_db


def add_url(case):
    return reverse("cases:consent_add", args=[case.public_id])


def withdraw_url(consent):
    return reverse("cases:consent_withdraw", args=[consent.case.public_id, consent.public_id])


@pytest.fixture
def police():
    return Partner.objects.create(code="polisen", name="Polisen, region Stockholm", kind="police")


def test_the_units_offered_are_the_districts_and_the_city_wide_but_not_the_lead(client, journey):
    rvc = factories.UnitFactory(district=None, kind="rvc", name="RVC Väst")
    elsewhere = factories.UnitFactory(kind="barn_unga", name="Barn Söderby")
    factories.sign_in(client, journey.worker)

    form = client.get(add_url(journey.case)).context["form"]

    offered = list(form.fields["units"].queryset)
    assert offered == [journey.barn, journey.ekb, rvc]
    assert journey.rvt not in offered
    assert elsewhere not in offered
    assert form["given"].value() == TODAY


def test_the_lead_records_a_consent(client, journey, police):
    factories.sign_in(client, journey.worker)

    response = client.post(
        add_url(journey.case),
        {
            "given": iso(TODAY - DAY),
            "form": "oral",
            "units": [journey.barn.pk, journey.ekb.pk],
            "partners": [police.pk],
            "purpose": "  Kontakt med skolan  ",
            "expires": iso(TODAY + 180 * DAY),
        },
        follow=True,
    )

    consent = Consent.objects.exclude(pk=journey.consent.pk).get()
    assert (
        consent.case,
        consent.given,
        consent.form,
        consent.purpose,
        consent.expires,
        consent.withdrawn,
        consent.recorded_by,
    ) == (
        journey.case,
        TODAY - DAY,
        "oral",
        "Kontakt med skolan",
        TODAY + 180 * DAY,
        None,
        journey.worker,
    )
    assert set(consent.units.all()) == {journey.barn, journey.ekb}
    assert list(consent.partners.all()) == [police]
    assert (
        response.redirect_chain[-1][0]
        == reverse("cases:detail", args=[journey.case.public_id]) + "#consents"
    )
    assert "The consent is recorded. You can now invite the units it covers." in body(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"units": []}, "Name at least one unit or partner the consent covers."),
        ({"given": iso(TODAY + DAY)}, "The date cannot be in the future."),
        ({"expires": iso(TODAY - 5 * DAY)}, "The consent cannot expire before it was given."),
        ({"purpose": ""}, "Fill in “Purpose”."),
    ],
)
def test_a_refused_consent_shows_why_and_records_nothing(client, journey, data, message):
    factories.sign_in(client, journey.worker)
    consents, events = Consent.objects.count(), CaseEvent.objects.count()

    response = client.post(
        add_url(journey.case),
        {
            "given": iso(TODAY - DAY),
            "form": "written",
            "units": [journey.barn.pk],
            "purpose": "Kontakt med skolan",
            **data,
        },
    )

    assert response.status_code == 200
    assert message in body(response)
    assert (Consent.objects.count(), CaseEvent.objects.count()) == (consents, events)


def test_no_consent_is_recorded_in_a_closed_case(client, journey):
    case_close(case=journey.case, closed=TODAY, reason="goals_met")
    factories.sign_in(client, journey.worker)

    response = client.post(
        add_url(journey.case),
        {"given": iso(TODAY), "form": "written", "units": [journey.barn.pk], "purpose": "Skolan"},
    )

    assert "The case is closed." in body(response)
    assert Consent.objects.count() == 1


def test_the_withdrawal_page_explains_that_access_ends_at_once(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.get(withdraw_url(journey.consent))

    page = body(response)
    assert response.status_code == 200
    assert (
        "Units that no other consent covers lose their access to the case at once and their "
        "part ends." in page
    )
    assert PURPOSE in page
    assert "Ekonomiskt bistånd Norrby" in page
    assert f'value="{iso(TODAY)}"' in page


def test_withdrawing_ends_the_covered_units_access_at_once(client, journey):
    case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY - 10 * DAY)
    factories.sign_in(client, journey.worker)

    response = client.post(withdraw_url(journey.consent), {"withdrawn": iso(TODAY)}, follow=True)

    journey.consent.refresh_from_db()
    assert journey.consent.withdrawn == TODAY
    assert "The consent is withdrawn." in body(response)
    factories.sign_in(client, journey.ekb_worker)
    assert client.get(reverse("cases:detail", args=[journey.case.public_id])).status_code == 404


@pytest.mark.parametrize(
    ("withdrawn", "message"),
    [
        (TODAY - 25 * DAY, "A consent cannot be withdrawn before it was given."),
        (TODAY + DAY, "The date cannot be in the future."),
    ],
)
def test_a_refused_withdrawal_changes_nothing(client, journey, withdrawn, message):
    factories.sign_in(client, journey.worker)
    events = CaseEvent.objects.count()

    response = client.post(withdraw_url(journey.consent), {"withdrawn": iso(withdrawn)})

    journey.consent.refresh_from_db()
    assert message in body(response)
    assert journey.consent.withdrawn is None
    assert CaseEvent.objects.count() == events


def test_a_consent_is_withdrawn_only_once(client, journey):
    factories.sign_in(client, journey.worker)
    client.post(withdraw_url(journey.consent), {"withdrawn": iso(TODAY - DAY)})

    response = client.post(withdraw_url(journey.consent), {"withdrawn": iso(TODAY)})

    journey.consent.refresh_from_db()
    assert "The consent is already withdrawn." in body(response)
    assert journey.consent.withdrawn == TODAY - DAY


def test_a_consent_of_another_case_is_not_found(client, journey):
    other = factories.case(unit=journey.rvt)
    factories.sign_in(client, journey.worker)

    url = reverse("cases:consent_withdraw", args=[other.public_id, journey.consent.public_id])

    assert client.get(url).status_code == 404
    assert client.post(url, {"withdrawn": iso(TODAY)}).status_code == 404
    journey.consent.refresh_from_db()
    assert journey.consent.withdrawn is None
