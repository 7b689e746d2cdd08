"""Units in the case: the lead invites a unit the consent covers; the unit accepts or declines."""

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseEvent, CaseUnit
from brytupp.cases.services import case_unit_invite, case_unit_join, consent_record
from tests import factories

from .data import ACCOUNT, DAY, TODAY, body, iso

pytestmark = pytest.mark.django_db


def invite_url(case):
    return reverse("cases:invite", args=[case.public_id])


def invitation_url(case):
    return reverse("cases:invitation", args=[case.public_id])


def test_only_units_the_consent_covers_and_not_yet_in_the_case_are_offered(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.get(invite_url(journey.case))

    page = body(response)
    assert response.context["form"].invitable == [journey.ekb]
    assert "Ekonomiskt bistånd Norrby" in page
    assert "Barn Norrby" not in page


def test_the_lead_invites_a_covered_unit(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(invite_url(journey.case), {"unit": journey.ekb.pk}, follow=True)

    part = CaseUnit.objects.get(case=journey.case, unit=journey.ekb)
    assert (part.status, part.invited, part.joined, part.responsible) == (
        "invited",
        TODAY,
        None,
        None,
    )
    assert "Ekonomiskt bistånd Norrby is invited to the case." in body(response)


def test_inviting_a_unit_without_consent_is_refused(client, journey):
    factories.sign_in(client, journey.worker)
    parts, events = CaseUnit.objects.count(), CaseEvent.objects.count()

    response = client.post(invite_url(journey.case), {"unit": journey.barn.pk})

    assert response.status_code == 200
    assert "The person&#x27;s consent does not cover this unit." in body(response)
    assert (CaseUnit.objects.count(), CaseEvent.objects.count()) == (parts, events)


def test_with_every_covered_unit_invited_the_page_asks_for_consent(client, journey):
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY)
    factories.sign_in(client, journey.worker)

    page = body(client.get(invite_url(journey.case)))

    assert "No unit can be invited" in page
    assert f'href="{reverse("cases:consent_add", args=[journey.case.public_id])}"' in page


@pytest.fixture
def invited(journey):
    return case_unit_invite(
        actor=journey.worker, case=journey.case, unit=journey.ekb, invited=TODAY - 2 * DAY
    )


def test_the_invitation_offers_the_units_case_workers_with_the_user_first_choice(
    client, journey, invited
):
    manager = factories.staff("enhetschef", journey.ekb, first_name="Chef", last_name="Ekbsson")
    factories.sign_in(client, journey.ekb_worker)

    response = client.get(invitation_url(journey.case))

    form = response.context["form"]
    assert set(form.fields["responsible"].queryset) == {journey.ekb_worker, manager}
    assert form["responsible"].value() == journey.ekb_worker.pk
    assert form["joined"].value() == TODAY
    # The lead's responsible case worker is named as who invites, but never offered here.
    assert "Rut Rvtsson" not in str(form["responsible"])


def test_the_invited_unit_accepts(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        invitation_url(journey.case),
        {"action": "accept", "responsible": journey.ekb_worker.pk, "joined": iso(TODAY - DAY)},
        follow=True,
    )

    invited.refresh_from_db()
    assert (invited.status, invited.joined, invited.responsible) == (
        "active",
        TODAY - DAY,
        journey.ekb_worker,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[journey.case.public_id])
    assert "Your unit takes part in the case." in body(response)


def test_joining_before_the_invitation_is_refused(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        invitation_url(journey.case),
        {"action": "accept", "responsible": journey.ekb_worker.pk, "joined": iso(TODAY - 3 * DAY)},
    )

    invited.refresh_from_db()
    assert "A unit cannot join before it was invited." in body(response)
    assert (invited.status, invited.joined) == ("invited", None)


DECLINE_REASON = "Personen har redan en pågående insats hos oss."


def test_the_invited_unit_declines_and_no_longer_sees_the_case(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        invitation_url(journey.case),
        {"action": "decline", "decline_reason": DECLINE_REASON},
        follow=True,
    )

    invited.refresh_from_db()
    assert (invited.status, invited.left, invited.decline_reason) == (
        "declined",
        TODAY,
        DECLINE_REASON,
    )
    assert "Your unit declined the invitation." in body(response)
    detail = client.get(reverse("cases:detail", args=[journey.case.public_id]))
    assert detail.status_code == 404
    assert ACCOUNT not in body(detail)


def test_declining_asks_for_a_reason(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)
    events = CaseEvent.objects.count()

    page = body(client.get(invitation_url(journey.case)))
    response = client.post(invitation_url(journey.case), {"action": "decline"})

    assert 'name="decline_reason"' in page
    assert "Fill in “Why does your unit decline?”." in body(response)
    invited.refresh_from_db()
    assert (invited.status, invited.decline_reason) == ("invited", "")
    assert CaseEvent.objects.count() == events


def test_a_decline_reason_longer_than_its_limit_is_refused(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)

    response = client.post(
        invitation_url(journey.case), {"action": "decline", "decline_reason": "x" * 1001}
    )

    assert "can be at most 1000 characters (it has 1001)" in body(response)
    invited.refresh_from_db()
    assert invited.status == "invited"


def test_the_lead_unit_reads_the_decline_reason_and_other_units_do_not(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)
    client.post(
        invitation_url(journey.case), {"action": "decline", "decline_reason": DECLINE_REASON}
    )
    other = journey.barn
    consent_record(
        actor=journey.worker,
        case=journey.case,
        given=TODAY,
        form="oral",
        purpose="Barnen",
        units=[other],
    )
    case_unit_join(case=journey.case, unit=other, joined=TODAY)
    other_worker = factories.staff("handlaggare", other)

    factories.sign_in(client, journey.worker)
    lead_page = body(client.get(reverse("cases:detail", args=[journey.case.public_id])))
    factories.sign_in(client, other_worker)
    other_page = body(client.get(reverse("cases:detail", args=[journey.case.public_id])))

    assert f"Reason: {DECLINE_REASON}" in lead_page
    assert "Declined" in other_page
    assert DECLINE_REASON not in other_page


def test_the_lead_unit_has_no_invitation(client, journey, invited):
    factories.sign_in(client, journey.worker)

    assert client.get(invitation_url(journey.case)).status_code == 404
    assert client.post(invitation_url(journey.case), {"action": "decline"}).status_code == 404
    invited.refresh_from_db()
    assert invited.status == "invited"


def test_an_invited_unit_cannot_use_the_lead_pages(client, journey, invited):
    factories.sign_in(client, journey.ekb_worker)

    for name in ("account", "consent_add", "invite", "close"):
        url = reverse(f"cases:{name}", args=[journey.case.public_id])
        assert client.get(url).status_code == 404, name
