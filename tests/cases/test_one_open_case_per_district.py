"""One open case per person and district, kept by the database itself: two openings racing
past the service's check end with one case and the same clear message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from brytupp.cases import services
from brytupp.cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_database_refuses_a_second_open_case_in_the_district(rvt):
    first = factories.case(unit=rvt)

    with (
        pytest.raises(IntegrityError, match="case_one_open_per_person_district"),
        transaction.atomic(),
    ):
        Case.objects.create(
            person=first.person,
            district=first.district,
            lead_unit=rvt,
            source="self",
            opened=TODAY,
        )

    assert Case.objects.filter(person=first.person).count() == 1


def test_a_closed_case_or_another_district_leaves_room(rvt):
    first = factories.case(unit=rvt, opened=TODAY - datetime.timedelta(days=5))
    services.case_close(case=first, closed=TODAY, reason="goals_met")
    elsewhere = factories.UnitFactory(kind="rvt")

    again = factories.case(person_=first.person, unit=rvt, opened=TODAY)
    other = factories.case(person_=first.person, unit=elsewhere, opened=TODAY)

    assert Case.objects.filter(person=first.person, closed__isnull=True).count() == 2
    assert {again.district, other.district} == {rvt.district, elsewhere.district}


def test_an_opening_that_loses_the_race_gets_the_services_message(rvt, monkeypatch):
    first = factories.case(unit=rvt)
    # The race: the other opening commits after this one's checks have passed.
    monkeypatch.setattr(services, "open_case_exists", lambda **kwargs: False)
    monkeypatch.setattr(Case, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(ValidationError) as refused:
        services.case_open(
            person=first.person,
            district=first.district,
            lead_unit=rvt,
            source="self",
            opened=TODAY,
        )

    assert refused.value.messages == ["The person already has an open case in this district."]
    assert Case.objects.filter(person=first.person).count() == 1
