import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from brytupp.access import policies
from brytupp.organisation.models import Membership
from brytupp.organisation.services import membership_grant, user_create
from tests import factories

pytestmark = pytest.mark.django_db


def test_user_create_hashes_the_password():
    user = user_create(username="ny.anvandare", password="ett-langt-losenord-1")

    assert user.check_password("ett-langt-losenord-1")
    assert "ett-langt-losenord-1" not in user.password


def test_membership_with_end_before_start_is_refused(rvt):
    user = factories.UserFactory()

    with pytest.raises(ValidationError):
        membership_grant(
            user=user,
            unit=rvt,
            role="handlaggare",
            valid_from=datetime.date(2026, 5, 1),
            valid_to=datetime.date(2026, 4, 30),
        )

    assert Membership.objects.count() == 0


def test_unknown_role_is_refused(rvt):
    user = factories.UserFactory()

    with pytest.raises(ValidationError):
        membership_grant(
            user=user, unit=rvt, role="superuser", valid_from=datetime.date(2026, 1, 1)
        )

    assert Membership.objects.count() == 0


@pytest.mark.parametrize(
    ("starts", "ends", "has_role"),
    [
        (-30, None, True),
        (-30, 0, True),
        (0, None, True),
        (-30, -1, False),
        (1, None, False),
    ],
)
def test_only_memberships_valid_today_give_a_role(rvt, starts, ends, has_role):
    today = timezone.localdate()
    user = factories.UserFactory()
    membership_grant(
        user=user,
        unit=rvt,
        role="handlaggare",
        valid_from=today + datetime.timedelta(days=starts),
        valid_to=None if ends is None else today + datetime.timedelta(days=ends),
    )

    assert (policies.roles(user) == {"handlaggare"}) is has_role


def test_an_inactive_user_has_no_role(rvt):
    user = factories.staff("handlaggare", rvt)
    user.is_active = False
    user.save()

    assert policies.roles(user) == set()


def test_a_user_may_hold_several_roles_in_several_units(rvt):
    other = factories.UnitFactory(district=rvt.district, kind="ekonomiskt_bistand")
    user = factories.staff("handlaggare", rvt)
    factories.MembershipFactory(user=user, unit=other, role="enhetschef")

    assert policies.roles(user) == {"handlaggare", "enhetschef"}
    assert policies.units_with_role(user, "enhetschef") == [other]


def test_grant_role_command(rvt, capsys):
    from django.core.management import call_command

    user = factories.UserFactory(username="forsta.admin")

    call_command("grant_role", "forsta.admin", rvt.code, "systemforvaltare", "--from", "2026-01-01")

    assert policies.roles(user) == {"systemforvaltare"}
    assert f"forsta.admin: systemforvaltare in {rvt.code}." in capsys.readouterr().out


def test_grant_role_command_refuses_unknown_unit_and_changes_nothing():
    from django.core.management import CommandError, call_command

    factories.UserFactory(username="forsta.admin")

    with pytest.raises(CommandError, match="No unit with code 'nowhere'."):
        call_command("grant_role", "forsta.admin", "nowhere", "systemforvaltare")

    assert Membership.objects.count() == 0
