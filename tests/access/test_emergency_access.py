"""Nödåtkomst: Socialjouren opens a case it has no part in, with a reason, for 12 hours."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.access import policies
from brytupp.access.models import EmergencyAccess
from brytupp.access.services import emergency_access_grant
from brytupp.audit.models import AccessKind, AccessLogEntry
from tests import factories

pytestmark = pytest.mark.django_db

REASON = "Personen ringer natt, hotad, behöver skyddat boende nu"
NUMBER = "201701012393"  # Skatteverket's test number


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted by their msgid, whatever the Swedish catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def setting(rvt):
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    person = factories.person(
        first_name="Akut",
        last_name="Exempelsson",
        identity_number=NUMBER,
        birth_date=datetime.date(2017, 1, 1),
    )
    case = factories.case(person_=person, unit=rvt)
    return {
        "case": case,
        "jour_worker": factories.staff("handlaggare", jour),
        "rvt_worker": factories.staff("handlaggare", rvt),
        "other_worker": factories.staff("handlaggare", factories.UnitFactory(kind="rvt")),
    }


def test_socialjouren_sees_a_case_only_after_a_grant_and_only_for_twelve_hours(setting):
    worker, case = setting["jour_worker"], setting["case"]
    assert policies.cases.check(worker, case) is False

    grant = emergency_access_grant(actor=worker, case=case, reason=REASON)

    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=12)
    assert policies.cases.check(worker, case) is True
    assert policies.case_participation.check(worker, case) is False
    assert policies.case_lead.check(worker, case) is False
    now = timezone.now()
    EmergencyAccess.objects.update(
        granted_at=now - datetime.timedelta(hours=13),
        expires_at=now - datetime.timedelta(seconds=1),
    )
    assert policies.cases.check(worker, case) is False


def test_the_grant_is_logged_with_the_emergency_ground(setting):
    emergency_access_grant(actor=setting["jour_worker"], case=setting["case"], reason=REASON)

    entry = AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).get()
    assert (entry.kind, entry.ground, entry.case_public_id) == (
        "view",
        "emergency",
        setting["case"].public_id,
    )


@pytest.mark.parametrize("reason", ["", "   ", "för kort"])
def test_a_reason_is_required(setting, reason):
    with pytest.raises(ValidationError) as error:
        emergency_access_grant(actor=setting["jour_worker"], case=setting["case"], reason=reason)

    assert error.value.message_dict == {
        "reason": ["Describe why you need access now, in at least 15 characters."]
    }
    assert EmergencyAccess.objects.count() == 0


def test_other_units_cannot_use_emergency_access(setting):
    with pytest.raises(ValidationError):
        emergency_access_grant(actor=setting["other_worker"], case=setting["case"], reason=REASON)

    assert EmergencyAccess.objects.count() == 0
    assert policies.cases.check(setting["other_worker"], setting["case"]) is False


def test_the_pages_end_to_end(client, setting):
    factories.sign_in(client, setting["jour_worker"])
    case_url = reverse("cases:detail", args=[setting["case"].public_id])
    assert client.get(case_url).status_code == 404

    found = client.post(reverse("emergency_search"), {"identity_number": "170101-2393"})

    body = found.content.decode()
    assert found.status_code == 200
    assert "Akut" not in body  # only that an open case exists, and where
    assert reverse("emergency_grant", args=[setting["case"].public_id]) in body

    granted = client.post(
        reverse("emergency_grant", args=[setting["case"].public_id]), {"reason": REASON}
    )

    assert granted.status_code == 302
    assert granted["Location"] == case_url
    page = client.get(case_url).content.decode()
    assert "Akut Exempelsson" in page
    assert "through emergency access until" in page
    grounds = list(
        AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE)
        .order_by("seq")
        .values_list("ground", "outcome")
    )
    # The first try, before the grant, was refused and logged as such (finding 7).
    assert grounds[0] == ("refused", "refused")
    assert set(grounds[1:]) == {("emergency", "allowed")}


def test_a_refused_grant_records_nothing(client, setting):
    factories.sign_in(client, setting["jour_worker"])

    response = client.post(
        reverse("emergency_grant", args=[setting["case"].public_id]), {"reason": "kort"}
    )

    assert response.status_code == 200
    assert "in at least 15 characters" in response.content.decode()
    assert EmergencyAccess.objects.count() == 0
    assert client.get(reverse("cases:detail", args=[setting["case"].public_id])).status_code == 404


@pytest.mark.parametrize("who", ["rvt_worker", "other_worker"])
def test_emergency_pages_are_404_for_everyone_else(client, setting, who):
    factories.sign_in(client, setting[who])

    search = client.post(reverse("emergency_search"), {"identity_number": NUMBER})
    grant = client.post(
        reverse("emergency_grant", args=[setting["case"].public_id]), {"reason": REASON}
    )

    assert (search.status_code, grant.status_code) == (404, 404)
    assert "Akut" not in search.content.decode() + grant.content.decode()
    assert EmergencyAccess.objects.count() == 0


def test_the_log_names_the_ground_of_each_view(client, setting, district):
    from brytupp.cases.services import case_unit_join, consent_record

    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    case = setting["case"]
    consent_record(
        actor=None, case=case, given=case.opened, form="oral", purpose="Stöd", units=[ekb]
    )
    case_unit_join(case=case, unit=ekb, joined=case.opened)
    url = reverse("cases:detail", args=[case.public_id])

    for user in (setting["rvt_worker"], factories.staff("handlaggare", ekb)):
        factories.sign_in(client, user)
        client.get(url)

    assert list(
        AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE)
        .order_by("pk")
        .values_list("ground", flat=True)
    ) == [
        "own_unit",
        "consent",
    ]
