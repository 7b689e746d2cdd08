"""A recorded screening is read back (and referred on from) by the user who recorded it only:
``policies.own_screenings``, for the check, the queryset and the confirmation page alike. A
screening may name a person and belongs to no case whose parts could grant it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from brytupp.access import policies
from brytupp.assessments.services import screening_record
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def screenings(rvt):
    """Two screenings in the RVT, one by each of its case workers."""
    recorder = factories.staff("handlaggare", rvt)
    colleague = factories.staff("handlaggare", rvt)

    def record(user):
        return screening_record(
            actor=user, unit=rvt, date=timezone.localdate(), asked=True, outcome="positive"
        )

    return recorder, colleague, record(recorder), record(colleague)


@pytest.mark.parametrize("role", ["handlaggare", "enhetschef"])
def test_a_case_role_sees_only_the_screenings_it_recorded(rvt, role):
    user = factories.staff(role, rvt)
    other = factories.staff("handlaggare", rvt)
    own = screening_record(actor=user, unit=rvt, date=timezone.localdate(), asked=False)
    screening_record(actor=other, unit=rvt, date=timezone.localdate(), asked=False)

    assert list(policies.own_screenings.queryset(user)) == [own]
    assert policies.own_screenings.check(user, own) is True


@pytest.mark.parametrize("role", ["implementerare", "analytiker", "systemforvaltare"])
def test_no_other_role_reads_a_screening_back(rvt, role):
    user = factories.staff(role, rvt)

    assert policies.own_screenings.allows(user) is False
    assert list(policies.own_screenings.queryset(user)) == []
    assert policies.own_screenings.allows(AnonymousUser()) is False


def test_the_recorder_reads_the_confirmation(client, screenings):
    recorder, _colleague, own, _theirs = screenings
    factories.sign_in(client, recorder)

    response = client.get(reverse("cases:screening_recorded", args=[own.public_id]))

    assert response.status_code == 200
    assert response.context["screening"] == own
    assert own.unit.name in response.content.decode()


def test_a_colleague_in_the_same_unit_gets_the_same_404_as_for_no_screening(client, screenings):
    recorder, colleague, own, _theirs = screenings
    factories.sign_in(client, colleague)

    response = client.get(reverse("cases:screening_recorded", args=[own.public_id]))
    missing = client.get(reverse("cases:screening_recorded", args=[colleague.public_id]))

    assert (response.status_code, missing.status_code) == (404, 404)
    page = response.content.decode()
    assert own.unit.name not in page


def test_the_units_manager_does_not_read_a_workers_screening(client, rvt, screenings):
    _recorder, _colleague, own, _theirs = screenings
    manager = factories.staff("enhetschef", rvt)
    factories.sign_in(client, manager)

    response = client.get(reverse("cases:screening_recorded", args=[own.public_id]))

    assert response.status_code == 404
