"""The permission matrix: role × the unit's relation to the case, for check and queryset."""

import datetime

import pytest
from django.utils import timezone

from brytupp.access import policies
from brytupp.cases.models import CaseUnit
from brytupp.cases.services import case_unit_join
from brytupp.organisation.models import Unit
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["handlaggare", "enhetschef", "implementerare", "analytiker", "systemforvaltare"]


@pytest.fixture
def world(district):
    """Two districts; a case led by district A's RVT and joined by its ekonomiskt bistånd."""
    rvt_a = factories.UnitFactory(district=district, kind="rvt")
    ekb_a = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    other_a = factories.UnitFactory(district=district, kind="barn_unga")
    rvt_b = factories.UnitFactory(kind="rvt")
    stab = factories.UnitFactory(district=None, kind="stab")
    case = factories.case(unit=rvt_a)
    case_unit_join(case=case, unit=ekb_a, joined=case.opened)
    return {
        "lead": rvt_a,
        "joined": ekb_a,
        "same_district": other_a,
        "other_district": rvt_b,
        "city": stab,
        "case": case,
    }


@pytest.mark.parametrize(
    ("role", "relation", "sees"),
    [
        ("handlaggare", "lead", True),
        ("handlaggare", "joined", True),
        ("handlaggare", "same_district", False),
        ("handlaggare", "other_district", False),
        ("enhetschef", "lead", True),
        ("enhetschef", "joined", True),
        ("enhetschef", "same_district", False),
        ("enhetschef", "other_district", False),
        ("implementerare", "lead", False),
        ("implementerare", "same_district", False),
        ("analytiker", "city", False),
        ("analytiker", "lead", False),
        ("systemforvaltare", "city", False),
        ("systemforvaltare", "lead", False),
    ],
)
def test_case_visibility_matrix(world, role, relation, sees):
    user = factories.staff(role, world[relation])
    case = world["case"]

    assert policies.cases.check(user, case) is sees
    assert list(policies.cases.queryset(user)) == ([case] if sees else [])
    assert policies.persons.check(user, case.person) is sees
    assert list(policies.persons.queryset(user)) == ([case.person] if sees else [])


def test_a_unit_that_left_the_case_no_longer_sees_it(world):
    user = factories.staff("handlaggare", world["joined"])
    CaseUnit.objects.filter(unit=world["joined"]).update(left=timezone.localdate())
    user = type(user).objects.get(pk=user.pk)  # a new request: memberships read afresh

    assert policies.cases.check(user, world["case"]) is False
    assert list(policies.cases.queryset(user)) == []


def test_an_expired_membership_sees_nothing(world):
    user = factories.UserFactory()
    factories.MembershipFactory(
        user=user,
        unit=world["lead"],
        role="handlaggare",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
    )

    assert policies.cases.check(user, world["case"]) is False


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert list(policies.cases.queryset(AnonymousUser())) == []
    assert policies.staff_directory.allows(AnonymousUser()) is False


@pytest.mark.parametrize(
    ("role", "relation", "visible"),
    [
        ("systemforvaltare", "city", {"lead", "joined", "same_district", "other_district", "city"}),
        ("implementerare", "same_district", {"lead", "joined", "same_district"}),
        ("enhetschef", "lead", {"lead"}),
        ("handlaggare", "joined", {"joined"}),
        ("analytiker", "city", set()),
    ],
)
def test_staff_directory_matrix(world, role, relation, visible):
    user = factories.staff(role, world[relation])
    names = {"lead", "joined", "same_district", "other_district", "city"}

    seen = {name for name in names if policies.staff_directory.check(user, world[name])}

    assert seen == visible
    assert set(policies.staff_directory.queryset(user)) == {world[name] for name in visible}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_on_the_staff_may_browse_the_organisation(world, role):
    user = factories.staff(
        role, world["city"] if role in ("analytiker", "systemforvaltare") else world["lead"]
    )

    assert policies.organisation_directory.allows(user)
    assert policies.unit_directory.queryset(user).count() == Unit.objects.count()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_system_administrator_administers_the_organisation(world, role):
    user = factories.staff(role, world["city"])

    assert policies.may_administer_model(user, "organisation") is (role == "systemforvaltare")
    assert policies.may_administer_model(user, "people") is False
    assert policies.may_administer_model(user, "cases") is False
