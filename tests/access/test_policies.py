"""The permission matrix: role × the unit's relation to the case, for check and queryset."""

import datetime

import pytest
from django.utils import timezone

from brytupp.access import policies
from brytupp.cases.models import CaseUnit
from brytupp.cases.services import (
    case_unit_invite,
    case_unit_join,
    consent_record,
    consent_withdraw,
)
from brytupp.organisation.models import Unit
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["handlaggare", "enhetschef", "implementerare", "analytiker", "systemforvaltare"]


@pytest.fixture
def world(district):
    """A case led by district A's RVT, and units standing in every relation to it."""
    today = timezone.localdate()
    lead = factories.UnitFactory(district=district, kind="rvt")
    consented = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    withdrawn = factories.UnitFactory(district=district, kind="vuxen_beroende")
    never = factories.UnitFactory(district=district, kind="socialpsykiatri")
    invited = factories.UnitFactory(district=district, kind="barn_unga")
    same_district = factories.UnitFactory(district=district, kind="aldreomsorg")
    other_district = factories.UnitFactory(kind="rvt")
    city = factories.UnitFactory(district=None, kind="stab")
    case = factories.case(unit=lead, opened=today - datetime.timedelta(days=20))
    lead_worker = factories.staff("handlaggare", lead)
    consent_record(
        actor=lead_worker,
        case=case,
        given=case.opened,
        form="written",
        purpose="Samordnat stöd",
        units=[consented, invited],
    )
    to_withdraw = consent_record(
        actor=lead_worker,
        case=case,
        given=case.opened,
        form="oral",
        purpose="Missbruksvård",
        units=[withdrawn],
    )
    case_unit_join(case=case, unit=consented, joined=case.opened)
    case_unit_join(case=case, unit=withdrawn, joined=case.opened)
    consent_withdraw(actor=lead_worker, consent=to_withdraw, withdrawn=today)
    case_unit_invite(actor=lead_worker, case=case, unit=invited, invited=today)
    # A part with no consent behind it at all (as a faulty migration might leave): no access.
    CaseUnit.objects.create(case=case, unit=never, status="active", joined=case.opened)
    return {
        "lead": lead,
        "consented": consented,
        "withdrawn": withdrawn,
        "never": never,
        "invited": invited,
        "same_district": same_district,
        "other_district": other_district,
        "city": city,
        "case": case,
    }


CASE_RELATIONS = {
    # relation: (sees the case, works in it, leads it)
    "lead": (True, True, True),
    "consented": (True, True, False),
    "withdrawn": (False, False, False),
    "never": (False, False, False),
    "invited": (True, False, False),
    "same_district": (False, False, False),
    "other_district": (False, False, False),
}


@pytest.mark.parametrize("relation", CASE_RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_case_visibility_matrix(world, role, relation):
    user = factories.staff(role, world[relation])
    case = world["case"]
    sees, works, leads = (
        CASE_RELATIONS[relation] if role in ("handlaggare", "enhetschef") else (False,) * 3
    )

    for rule, expected in (
        (policies.cases, sees),
        (policies.case_participation, works),
        (policies.case_lead, leads),
    ):
        assert rule.check(user, case) is expected, rule.name
        assert list(rule.queryset(user)) == ([case] if expected else []), rule.name
    assert policies.persons.check(user, case.person) is sees
    assert list(policies.persons.queryset(user)) == ([case.person] if sees else [])


def test_invitation_is_visible_to_the_invited_unit_only(world):
    invited_worker = factories.staff("handlaggare", world["invited"])
    other = factories.staff("handlaggare", world["consented"])

    assert [part.unit for part in policies.case_invitations.queryset(invited_worker)] == [
        world["invited"]
    ]
    assert list(policies.case_invitations.queryset(other)) == []


def test_withdrawing_consent_removes_access_at_once(world):
    worker = factories.staff("handlaggare", world["consented"])
    assert policies.cases.check(worker, world["case"]) is True
    consent = world["case"].consents.get(units=world["consented"])

    consent_withdraw(actor=None, consent=consent, withdrawn=timezone.localdate())

    fresh = type(worker).objects.get(pk=worker.pk)
    assert policies.cases.check(fresh, world["case"]) is False
    assert list(policies.case_participation.queryset(fresh)) == []


def test_an_expired_consent_gives_no_access(world):
    worker = factories.staff("handlaggare", world["consented"])
    world["case"].consents.filter(units=world["consented"]).update(
        expires=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert policies.cases.check(worker, world["case"]) is False


def test_a_unit_that_left_the_case_no_longer_sees_it(world):
    user = factories.staff("handlaggare", world["consented"])
    CaseUnit.objects.filter(unit=world["consented"]).update(
        status="left", left=timezone.localdate()
    )

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
        (
            "systemforvaltare",
            "city",
            {
                "lead",
                "consented",
                "withdrawn",
                "never",
                "invited",
                "same_district",
                "other_district",
                "city",
            },
        ),
        (
            "implementerare",
            "same_district",
            {"lead", "consented", "withdrawn", "never", "invited", "same_district"},
        ),
        ("enhetschef", "lead", {"lead"}),
        ("handlaggare", "consented", {"consented"}),
        ("analytiker", "city", set()),
    ],
)
def test_staff_directory_matrix(world, role, relation, visible):
    user = factories.staff(role, world[relation])
    names = {
        "lead",
        "consented",
        "withdrawn",
        "never",
        "invited",
        "same_district",
        "other_district",
        "city",
    }

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


@pytest.mark.parametrize(
    ("role", "unit", "districts", "shown"),
    [
        ("analytiker", "city", {"a", "b"}, True),
        ("enhetschef", "a", {"a"}, False),
        ("implementerare", "a", {"a"}, False),
        ("enhetschef", "city", set(), False),  # a city-wide unit's manager: the city only
        ("handlaggare", "a", None, False),
        ("systemforvaltare", "city", None, False),
    ],
)
def test_follow_up_districts_and_small_numbers_by_role(role, unit, districts, shown):
    district_a = factories.DistrictFactory(code="a")
    district_b = factories.DistrictFactory(code="b")
    units = {
        "a": factories.UnitFactory(district=district_a, kind="rvt"),
        "city": factories.UnitFactory(district=None, kind="rvc"),
    }
    factories.UnitFactory(district=district_b, kind="rvt")
    user = factories.staff(role, units[unit])

    allowed = policies.followup.allows(user)

    assert allowed is (districts is not None)
    codes = set(policies.followup.queryset(user).values_list("code", flat=True))
    assert codes == (districts or set())
    assert policies.followup_small_numbers_shown(user) is shown
