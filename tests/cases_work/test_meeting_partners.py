"""The partners of a meeting: the form and the service ask the same selector, on the day the
meeting was held, so what the form accepts the service accepts."""

import pytest
from django.urls import reverse

from brytupp.cases.forms import MeetingForm
from brytupp.cases.models import Meeting
from brytupp.cases.selectors import partners_covered
from brytupp.cases.services import consent_record, consent_withdraw
from brytupp.organisation.models import Partner

from .conftest import DAY, TODAY
from .support import errors, state, text

pytestmark = pytest.mark.django_db

OUTSIDE_CONSENT = "Only external partners that the person's consent covers can take part."


@pytest.fixture
def partners(setting):
    """The police, covered from 20 days ago until 5 days ago; the housing company, covered
    from 3 days ago: neither on both 10 days ago and today."""
    police = Partner.objects.create(code="polis-test", name="Polis Test", kind="police")
    housing = Partner.objects.create(code="bostad-test", name="Bostad Test", kind="housing_company")
    consent_record(
        actor=setting["worker"],
        case=setting["case"],
        given=TODAY - 20 * DAY,
        expires=TODAY - 5 * DAY,
        form="written",
        purpose="Polis",
        units=[],
        partners=[police],
    )
    consent_record(
        actor=setting["worker"],
        case=setting["case"],
        given=TODAY - 3 * DAY,
        form="written",
        purpose="Bostad",
        units=[],
        partners=[housing],
    )
    return police, housing


def meeting(setting, *, held, partners):
    return {
        "held": held.isoformat(),
        "units": [setting["rvt"].code],
        "partners": [partner.code for partner in partners],
        "person_present": "yes",
        "minutes": "Syntetiska anteckningar",
    }


def test_the_form_offers_every_partner_a_consent_of_the_case_names(signed_in, setting, partners):
    body = text(signed_in.get(reverse("cases:meeting_add", args=[setting["case"].public_id])))

    assert 'value="polis-test">' in body
    assert 'value="bostad-test">' in body


def test_a_partner_covered_on_the_meeting_day_is_recorded_though_the_consent_has_expired(
    signed_in, setting, partners
):
    police, _housing = partners
    address = reverse("cases:meeting_add", args=[setting["case"].public_id])

    response = signed_in.post(address, meeting(setting, held=TODAY - 10 * DAY, partners=[police]))

    assert response.status_code == 302, errors(response)
    recorded = Meeting.objects.get()
    assert (recorded.held, list(recorded.partners.all())) == (TODAY - 10 * DAY, [police])


def test_a_partner_covered_only_after_the_meeting_day_is_refused_on_the_form(
    signed_in, setting, partners
):
    _police, housing = partners
    address = reverse("cases:meeting_add", args=[setting["case"].public_id])
    before = state()

    response = signed_in.post(address, meeting(setting, held=TODAY - 10 * DAY, partners=[housing]))

    assert response.status_code == 200
    assert errors(response) == {"partners": [OUTSIDE_CONSENT]}
    assert state() == before


@pytest.mark.parametrize(("days_ago", "valid"), [(10, False), (3, True), (0, True)])
def test_the_form_itself_checks_the_partners_on_the_day_entered(setting, partners, days_ago, valid):
    _police, housing = partners
    data = meeting(setting, held=TODAY - days_ago * DAY, partners=[housing])

    form = MeetingForm(data, case=setting["case"])

    assert (form.is_valid(), form.errors.get("partners")) == (
        valid,
        None if valid else [OUTSIDE_CONSENT],
    )


@pytest.mark.parametrize(
    ("days_ago", "covered"),
    [
        (21, []),
        (20, ["polis-test"]),
        (5, ["polis-test"]),
        (4, []),
        (3, ["bostad-test"]),
        (0, ["bostad-test"]),
    ],
)
def test_the_partners_covered_on_a_day(setting, partners, days_ago, covered):
    found = partners_covered(case=setting["case"], day=TODAY - days_ago * DAY)

    assert sorted(found.values_list("code", flat=True)) == covered


def test_a_withdrawn_consent_covers_until_the_day_before_it_was_withdrawn(setting, partners):
    _police, housing = partners
    consent = housing.consents.get()
    consent_withdraw(actor=setting["worker"], consent=consent, withdrawn=TODAY - DAY)

    def covered(day):
        return list(partners_covered(case=setting["case"], day=day))

    assert (covered(TODAY - 2 * DAY), covered(TODAY - DAY)) == ([housing], [])
