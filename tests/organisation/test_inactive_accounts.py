import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from brytupp.organisation.models import User
from brytupp.organisation.services import users_disable_inactive
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def user(username, *, last_login=None, joined_days_ago=365):
    made = factories.UserFactory(username=username)
    User.objects.filter(pk=made.pk).update(
        last_login=last_login, date_joined=NOW - joined_days_ago * DAY
    )
    return made


def test_accounts_without_sign_in_for_90_days_are_disabled():
    user("signed.in.89.days.ago", last_login=NOW - 89 * DAY)
    user("signed.in.91.days.ago", last_login=NOW - 91 * DAY)
    user("never.signed.in.old", last_login=None, joined_days_ago=91)
    user("never.signed.in.new", last_login=None, joined_days_ago=10)

    disabled = users_disable_inactive(now=NOW)

    assert disabled == ["never.signed.in.old", "signed.in.91.days.ago"]
    assert dict(User.objects.values_list("username", "is_active")) == {
        "signed.in.89.days.ago": True,
        "signed.in.91.days.ago": False,
        "never.signed.in.old": False,
        "never.signed.in.new": True,
    }


def test_a_disabled_account_loses_every_role(rvt):
    worker = factories.staff("handlaggare", rvt)
    User.objects.filter(pk=worker.pk).update(last_login=NOW - 100 * DAY)

    users_disable_inactive(now=NOW)

    from brytupp.access import policies

    assert policies.roles(User.objects.get(pk=worker.pk)) == set()


def test_the_command_reports_how_many(capsys):
    user("old.account", last_login=NOW - 200 * DAY)

    call_command("disable_inactive_users")

    assert capsys.readouterr().out == "Disabled 1 account(s) with no sign-in for 90 days.\n"
