"""The local process's rules, both faces: which districts each role reads and keeps."""

import datetime

import pytest
from django.utils import timezone

from brytupp.access import policies
from tests import factories

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


READ = {
    "owner": ["Stadsdel Test"],
    "other_owner": ["Stadsdel Annan"],
    "city_owner": ["Stadsdel Annan", "Stadsdel Test"],
    "analyst": ["Stadsdel Annan", "Stadsdel Test"],
    "manager": [],
    "worker": [],
    "admin": [],
}
KEPT = {
    "owner": ["Stadsdel Test"],
    "other_owner": ["Stadsdel Annan"],
    "city_owner": [],
    "analyst": [],
    "manager": [],
    "worker": [],
    "admin": [],
}


@pytest.fixture
def named(org):
    org["district"].name = "Stadsdel Test"
    org["district"].save()
    return org


@pytest.mark.parametrize("who", READ)
def test_whose_local_process_each_role_reads_and_keeps(named, who):
    user = named[who]

    assert names(policies.local_process.queryset(user)) == READ[who]
    assert names(policies.local_process_edit.queryset(user)) == KEPT[who]
    assert policies.local_process_city.allows(user) is (who in ("city_owner", "analyst"))
    assert policies.local_process.check(user, named["district"]) is ("Stadsdel Test" in READ[who])


def test_the_citys_process_owner_holds_the_role_in_a_city_wide_unit(named):
    assert policies.city_process_owner(named["city_owner"]) is True
    assert policies.city_process_owner(named["owner"]) is False
    assert policies.city_process_owner(named["analyst"]) is False


def test_a_district_no_longer_valid_is_read_but_kept_by_no_one(named):
    named["district"].valid_to = timezone.localdate() - datetime.timedelta(days=1)
    named["district"].save()

    assert names(policies.local_process.queryset(named["owner"])) == ["Stadsdel Test"]
    assert names(policies.local_process_edit.queryset(named["owner"])) == []


def test_a_membership_that_ended_keeps_nothing(named):
    former = factories.UserFactory()
    factories.MembershipFactory(
        user=former,
        unit=named["rvt"],
        role="implementerare",
        valid_to=timezone.localdate() - datetime.timedelta(days=1),
    )

    assert names(policies.local_process.queryset(former)) == []
    assert names(policies.local_process_edit.queryset(former)) == []
