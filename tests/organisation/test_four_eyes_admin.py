"""Four eyes, tried as an insider would: one system administrator alone, through Django admin,
cannot produce a membership that opens a case (decision 0017)."""

import datetime

import pytest
from django.utils import timezone

from brytupp.access import policies
from brytupp.organisation.models import Membership, MembershipStatus
from tests import factories

from .four_eyes import (
    admin_save_memberships,
    audit_verify,
    case_page_status,
    entry,
    log_intact,
    membership_entries,
    membership_row,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def stab(district):
    return factories.UnitFactory(district=district, kind="stab", name="Stab Test")


@pytest.fixture
def administrator(stab):
    return factories.staff("systemforvaltare", stab, username="admin_one")


@pytest.fixture
def the_case(rvt):
    return factories.case(unit=rvt)


@pytest.fixture
def admin_client(client, administrator):
    factories.sign_in(client, administrator)
    return client


def _reloaded(user):
    """The user as the next request sees them (memberships are cached per request)."""
    return type(user).objects.get(pk=user.pk)


def _holds_no_case_role(user) -> bool:
    return not any(m.role in policies.CASE_ROLES for m in policies.memberships(_reloaded(user)))


@pytest.mark.parametrize("role", ["handlaggare", "enhetschef"])
def test_adding_a_case_role_to_oneself_in_admin_only_proposes_it(
    admin_client, administrator, rvt, the_case, role
):
    today = timezone.localdate()
    own = list(administrator.memberships.all())
    rows = [membership_row(m) for m in own]
    # An insider adds the approval fields by hand: they are not in the form and do nothing.
    rows.append(
        {
            "unit": rvt,
            "role": role,
            "valid_from": today,
            "valid_to": None,
            "status": "approved",
            "decided_by": str(administrator.pk),
        }
    )

    response = admin_save_memberships(admin_client, administrator, rows)

    assert response.status_code == 302
    proposal = Membership.objects.get(user=administrator, unit=rvt)
    assert (proposal.role, proposal.status) == (role, MembershipStatus.PROPOSED)
    assert (proposal.proposed_by, proposal.decided_by) == (administrator, None)
    assert _holds_no_case_role(administrator)
    assert case_page_status(administrator, the_case) == 404
    assert membership_entries() == [entry(administrator, rvt, administrator, f"proposed:{role}")]
    assert audit_verify() == log_intact()


def test_adding_a_case_role_to_an_accomplice_only_proposes_it(
    admin_client, administrator, rvt, the_case
):
    accomplice = factories.UserFactory(username="accomplice")

    admin_save_memberships(
        admin_client,
        accomplice,
        [{"unit": rvt, "role": "handlaggare", "valid_from": timezone.localdate()}],
    )

    assert Membership.objects.get(user=accomplice).status == MembershipStatus.PROPOSED
    assert _holds_no_case_role(accomplice)
    assert case_page_status(accomplice, the_case) == 404
    assert membership_entries() == [entry(administrator, rvt, accomplice, "proposed:handlaggare")]


def test_editing_an_analyst_membership_into_a_case_worker_only_proposes_it(
    admin_client, administrator, rvt, the_case
):
    analyst = factories.staff("analytiker", rvt, username="analyst")
    [membership] = analyst.memberships.all()

    response = admin_save_memberships(
        admin_client, analyst, [membership_row(membership, role="handlaggare")]
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.status) == ("handlaggare", MembershipStatus.PROPOSED)
    assert policies.memberships(_reloaded(analyst)) == []
    assert case_page_status(analyst, the_case) == 404
    assert membership_entries() == [entry(administrator, rvt, analyst, "proposed:handlaggare")]


def test_moving_an_approved_case_worker_to_another_unit_suspends_it_until_approved(
    admin_client, administrator, rvt, the_case, district
):
    elsewhere = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    worker = factories.staff("handlaggare", elsewhere, username="worker_elsewhere")
    case_elsewhere = factories.case(unit=elsewhere)
    [membership] = worker.memberships.all()
    assert case_page_status(worker, case_elsewhere) == 200

    response = admin_save_memberships(admin_client, worker, [membership_row(membership, unit=rvt)])
    assert response.status_code == 302

    membership.refresh_from_db()
    assert (membership.unit, membership.status) == (rvt, MembershipStatus.PROPOSED)
    assert _holds_no_case_role(worker)
    assert case_page_status(worker, the_case) == 404
    assert case_page_status(worker, case_elsewhere) == 404
    assert membership_entries() == [entry(administrator, rvt, worker, "proposed:handlaggare")]


def test_reopening_an_ended_case_worker_membership_only_proposes_it(
    admin_client, administrator, rvt, the_case
):
    today = timezone.localdate()
    worker = factories.UserFactory(username="former_worker")
    membership = factories.MembershipFactory(
        user=worker, unit=rvt, valid_from=today - 100 * DAY, valid_to=today - DAY
    )

    admin_save_memberships(admin_client, worker, [membership_row(membership, valid_to=None)])

    membership.refresh_from_db()
    assert (membership.valid_to, membership.status) == (None, MembershipStatus.PROPOSED)
    assert _holds_no_case_role(worker)
    assert case_page_status(worker, the_case) == 404


def test_an_earlier_start_is_a_change_that_needs_approval(admin_client, administrator, rvt):
    worker = factories.staff("handlaggare", rvt, username="worker_rvt")
    [membership] = worker.memberships.all()

    admin_save_memberships(
        admin_client,
        worker,
        [membership_row(membership, valid_from=membership.valid_from - 10 * DAY)],
    )

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PROPOSED


def test_ending_a_case_worker_membership_earlier_takes_effect_at_once_and_is_logged(
    admin_client, administrator, rvt, the_case
):
    yesterday = timezone.localdate() - DAY
    worker = factories.staff("handlaggare", rvt, username="worker_rvt")
    [membership] = worker.memberships.all()

    admin_save_memberships(admin_client, worker, [membership_row(membership, valid_to=yesterday)])

    membership.refresh_from_db()
    assert (membership.valid_to, membership.status) == (yesterday, MembershipStatus.APPROVED)
    assert case_page_status(worker, the_case) == 404
    assert membership_entries() == [entry(administrator, rvt, worker, "ended:handlaggare")]


def test_saving_the_form_unchanged_writes_nothing(admin_client, administrator, rvt):
    worker = factories.staff("handlaggare", rvt, username="worker_rvt")
    [membership] = worker.memberships.all()

    admin_save_memberships(admin_client, worker, [membership_row(membership)])

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership_entries() == []


def test_deleting_a_membership_in_admin_is_logged(admin_client, administrator, rvt):
    worker = factories.staff("handlaggare", rvt, username="worker_rvt")
    [membership] = worker.memberships.all()

    admin_save_memberships(admin_client, worker, [membership_row(membership, DELETE="on")])

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert membership_entries() == [entry(administrator, rvt, worker, "deleted:handlaggare")]


def test_deleting_users_in_bulk_logs_each_membership(admin_client, administrator, rvt):
    first = factories.staff("handlaggare", rvt, username="worker_one")
    second = factories.staff("analytiker", rvt, username="worker_two")

    response = admin_client.post(
        "/admin/organisation/user/",
        {
            "action": "delete_selected",
            "_selected_action": [first.pk, second.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(user__in=[first, second]).exists()
    assert sorted(e["membership_change"] for e in membership_entries()) == [
        "deleted:analytiker",
        "deleted:handlaggare",
    ]
    assert {e["subject_public_id"] for e in membership_entries()} == {
        first.public_id,
        second.public_id,
    }


def test_a_role_without_four_eyes_takes_effect_at_once_and_is_logged(
    admin_client, administrator, rvt
):
    analyst = factories.UserFactory(username="new_analyst")

    admin_save_memberships(
        admin_client,
        analyst,
        [{"unit": rvt, "role": "analytiker", "valid_from": timezone.localdate()}],
    )

    membership = Membership.objects.get(user=analyst)
    assert membership.status == MembershipStatus.APPROVED
    assert policies.roles(_reloaded(analyst)) == {"analytiker"}
    assert membership_entries() == [entry(administrator, rvt, analyst, "granted:analytiker")]


def test_a_second_administrator_account_needs_approval_too(
    admin_client, administrator, stab, rvt, the_case
):
    """Else one administrator could make a second account an administrator and approve their
    own proposals with it."""
    puppet = factories.UserFactory(username="puppet")

    admin_save_memberships(
        admin_client,
        puppet,
        [{"unit": stab, "role": "systemforvaltare", "valid_from": timezone.localdate()}],
    )

    assert Membership.objects.get(user=puppet).status == MembershipStatus.PROPOSED
    assert policies.roles(_reloaded(puppet)) == set()
    admin_client.logout()
    factories.sign_in(admin_client, puppet)
    assert admin_client.get("/behorigheter/").status_code == 404


def test_the_change_form_shows_the_status_but_offers_no_way_to_approve(
    admin_client, administrator, rvt
):
    accomplice = factories.UserFactory(username="accomplice")
    admin_save_memberships(
        admin_client,
        accomplice,
        [{"unit": rvt, "role": "handlaggare", "valid_from": timezone.localdate()}],
    )

    body = admin_client.get(f"/admin/organisation/user/{accomplice.pk}/change/").content.decode()

    assert 'name="memberships-0-status"' not in body
    assert 'name="memberships-0-decided_by"' not in body
    assert "memberships-0-unit" in body
    assert admin_client.get("/admin/organisation/membership/").status_code == 404
