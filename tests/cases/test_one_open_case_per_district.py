"""One open accepted case per person and district, kept by the database itself: two openings
or two acceptances racing past the services' checks end with one accepted case and the same
clear message. A pending case may stand beside it (decision 0016)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from brytupp.cases import opening, services
from brytupp.cases.models import Case, CaseOpeningRequest
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


def test_a_pending_case_may_stand_beside_an_accepted_one_but_not_become_a_second(rvt):
    first = factories.case(unit=rvt)
    fields = {
        "person": first.person,
        "district": first.district,
        "lead_unit": rvt,
        "source": "self",
        "opened": TODAY,
    }

    pending = Case.objects.create(**fields, acceptance="pending")
    also_pending = Case.objects.create(**fields, acceptance="pending")

    with (
        pytest.raises(IntegrityError, match="case_one_open_per_person_district"),
        transaction.atomic(),
    ):
        Case.objects.filter(pk=pending.pk).update(acceptance="accepted")
    assert list(
        Case.objects.filter(person=first.person).order_by("pk").values_list("acceptance", flat=True)
    ) == ["accepted", "pending", "pending"]
    assert also_pending.closed is None


def _two_pending_requests(district_b):
    """A protected person held in one district; two units of district B ask to open a case."""
    holder = factories.UnitFactory(kind="rvt")
    holder_worker = factories.staff("handlaggare", holder)
    protected = factories.person(protected_identity="skyddad_folkbokforing")
    factories.case(person_=protected, unit=holder, actor=holder_worker)
    requests = []
    for kind in ("rvt", "ekonomiskt_bistand"):
        unit = factories.UnitFactory(district=district_b, kind=kind)
        case = opening.case_opening_submit(
            actor=factories.staff("handlaggare", unit),
            person=protected,
            district=district_b,
            lead_unit=unit,
            source="self",
            opened=TODAY,
            reason="Personen har sökt stöd hos oss",
        )
        requests.append(CaseOpeningRequest.objects.get(case=case))
    return holder_worker, requests


def test_an_acceptance_that_loses_the_race_is_refused_and_changes_nothing(monkeypatch):
    holder_worker, (first, second) = _two_pending_requests(factories.DistrictFactory())
    opening.case_opening_accept(actor=holder_worker, request=first)
    # The race: the other answer commits after this one's check has passed.
    monkeypatch.setattr(opening, "open_case_exists", lambda **kwargs: False)

    with pytest.raises(ValidationError) as refused:
        opening.case_opening_accept(actor=holder_worker, request=second)

    assert refused.value.messages == [
        "The person already has an open case in this district: refuse the request and invite "
        "the unit to that case instead."
    ]
    second.refresh_from_db()
    second.case.refresh_from_db()
    assert (second.outcome, second.answered_by, second.answered_at) == ("", None, None)
    assert (second.case.acceptance, second.case.closed) == ("pending", None)
    assert list(
        Case.objects.filter(district=second.case.district, acceptance="accepted").values_list(
            "pk", flat=True
        )
    ) == [first.case.pk]
