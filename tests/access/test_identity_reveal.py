"""A protected identity is shown unmasked only once, to a user with a part in the case, for a
stated reason, and each reveal is logged."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.services import case_unit_invite, consent_record
from brytupp.people.models import IdentityReveal
from tests import factories

pytestmark = pytest.mark.django_db

REASON = "Ansökan om skyddat boende kräver personnumret"


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted by their msgid, whatever the Swedish catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def setting(district, rvt):
    person = factories.person(
        first_name="Dold",
        last_name="Skyddadsson",
        identity_number="201701012393",
        birth_date=datetime.date(2017, 1, 1),
        protected_identity="skyddad_folkbokforing",
    )
    case = factories.case(person_=person, unit=rvt)
    invited_unit = factories.UnitFactory(district=district, kind="barn_unga")
    consent_record(
        actor=None, case=case, given=case.opened, form="oral", purpose="Stöd", units=[invited_unit]
    )
    case_unit_invite(actor=None, case=case, unit=invited_unit, invited=case.opened)
    return {
        "case": case,
        "lead": factories.staff("handlaggare", rvt),
        "invited": factories.staff("handlaggare", invited_unit),
        "outsider": factories.staff("handlaggare", factories.UnitFactory(kind="rvt")),
    }


def url(case):
    return reverse("cases:identity_reveal", args=[case.public_id])


def test_the_case_page_masks_and_offers_to_reveal(client, setting):
    factories.sign_in(client, setting["lead"])

    body = client.get(reverse("cases:detail", args=[setting["case"].public_id])).content.decode()

    assert "Skyddadsson" not in body
    assert "20170101-2393" not in body
    assert "Protected identity" in body
    assert url(setting["case"]) in body


def test_a_reveal_with_a_reason_shows_the_details_once_and_is_logged(client, setting):
    factories.sign_in(client, setting["lead"])

    response = client.post(url(setting["case"]), {"reason": REASON})

    body = response.content.decode()
    assert "Dold Skyddadsson" in body
    assert "20170101-2393" in body
    assert response["Cache-Control"].startswith("max-age=0")
    reveal = IdentityReveal.objects.get()
    assert (reveal.user, reveal.person, reveal.reason) == (
        setting["lead"],
        setting["case"].person,
        REASON,
    )
    entry = AccessLogEntry.objects.get(kind="reveal")
    assert (entry.ground, entry.case_public_id) == ("own_unit", setting["case"].public_id)
    again = client.get(reverse("cases:detail", args=[setting["case"].public_id])).content.decode()
    assert "Skyddadsson" not in again


def test_a_reveal_without_a_reason_shows_nothing(client, setting):
    factories.sign_in(client, setting["lead"])

    response = client.post(url(setting["case"]), {"reason": "kort"})

    body = response.content.decode()
    assert "State why you need to see the protected details" in body
    assert "Skyddadsson" not in body
    assert "20170101-2393" not in body
    assert IdentityReveal.objects.count() == 0
    assert not AccessLogEntry.objects.filter(kind="reveal").exists()


@pytest.mark.parametrize("who", ["invited", "outsider"])
def test_no_reveal_without_a_part_in_the_case(client, setting, who):
    factories.sign_in(client, setting[who])

    response = client.post(url(setting["case"]), {"reason": REASON})

    assert response.status_code == 404
    assert "Skyddadsson" not in response.content.decode()
    assert IdentityReveal.objects.count() == 0


def test_a_get_of_the_reveal_url_shows_the_form_that_asks_for_the_reason(client, setting):
    """A reload or a link: the form, not a 405; nothing is revealed without a reason."""
    factories.sign_in(client, setting["lead"])

    response = client.get(url(setting["case"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{url(setting["case"])}"' in page
    assert 'name="reason"' in page
    assert "Skyddadsson" not in page
    assert "201701012393" not in page
    assert not IdentityReveal.objects.exists()


def test_a_get_of_the_reveal_url_by_a_unit_without_a_part_is_not_found(client, setting):
    factories.sign_in(client, setting["outsider"])

    response = client.get(url(setting["case"]))

    assert response.status_code == 404
    assert "Skyddadsson" not in response.content.decode()
