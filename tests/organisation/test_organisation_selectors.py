"""The organisation's selectors the case pages choose from: a district's RVT and the units in
which a user may open cases. Every name is made up."""

import datetime

import pytest
from django.utils import timezone

from brytupp.organisation.selectors import case_units_of, district_rvt
from tests import factories

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def test_the_district_rvt_is_the_team_coded_by_the_convention():
    district = factories.DistrictFactory(code="soderby")
    factories.UnitFactory(district=district, kind="rvt", code="a-team", name="A-teamet")
    convention = factories.UnitFactory(district=district, kind="rvt", code="soderby-rvt")
    factories.UnitFactory(district=district, kind="barn_unga", code="soderby-barn")

    assert district_rvt(district=district) == convention


def test_without_the_conventional_code_the_first_rvt_by_name_valid_today():
    district = factories.DistrictFactory(code="vasterby")
    factories.UnitFactory(
        district=district, kind="rvt", code="x", name="Aaa gamla", valid_to=YESTERDAY
    )
    second = factories.UnitFactory(district=district, kind="rvt", code="y", name="Bbb")
    factories.UnitFactory(district=district, kind="rvt", code="z", name="Ccc")
    factories.UnitFactory(district=district, kind="barn_unga", code="w", name="Aaa barn")

    assert district_rvt(district=district) == second


def test_no_district_and_a_district_without_an_rvt_have_none():
    district = factories.DistrictFactory()
    factories.UnitFactory(district=district, kind="barn_unga")

    assert (district_rvt(district=None), district_rvt(district=district)) == (None, None)


def test_the_case_units_are_the_units_of_a_case_role_each_once():
    rvt = factories.UnitFactory(name="Aaa RVT")
    barn = factories.UnitFactory(kind="barn_unga", name="Bbb barn")
    stab = factories.UnitFactory(kind="stab", name="Ccc stab")
    user = factories.staff("handlaggare", rvt)
    factories.MembershipFactory(user=user, unit=rvt, role="enhetschef")
    factories.MembershipFactory(user=user, unit=barn, role="handlaggare")
    factories.MembershipFactory(user=user, unit=stab, role="implementerare")

    assert case_units_of(actor=user) == [rvt, barn]


def test_an_analyst_has_no_case_units():
    analyst = factories.staff("analytiker", factories.UnitFactory(kind="stab"))

    assert case_units_of(actor=analyst) == []
