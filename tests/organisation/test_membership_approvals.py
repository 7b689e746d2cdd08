"""Behörigheter att godkänna: the second person approves or refuses a proposed membership;
the proposer, the user it is for and a manager of another unit cannot (decision 0017)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brytupp.access import policies
from brytupp.organisation import services
from brytupp.organisation.models import Membership, MembershipStatus
from tests import factories

from .four_eyes import audit_verify, case_page_status, entry, log_intact, membership_entries

pytestmark = pytest.mark.django_db

LIST = "/behorigheter/"


@pytest.fixture
def stab(district):
    return factories.UnitFactory(district=district, kind="stab", name="Stab Test")


@pytest.fixture
def administrator(stab):
    return factories.staff("systemforvaltare", stab, username="admin_one")


@pytest.fixture
def second_administrator(stab):
    return factories.staff("systemforvaltare", stab, username="admin_two")


@pytest.fixture
def manager(rvt):
    return factories.staff("enhetschef", rvt, username="manager_rvt")


@pytest.fixture
def other_manager(district):
    other = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    return factories.staff("enhetschef", other, username="manager_other")


@pytest.fixture
def the_case(rvt):
    return factories.case(unit=rvt)


@pytest.fixture
def candidate():
    return factories.UserFactory(username="candidate_xq", last_name="Kandidatsson")


def _propose(actor, user, unit, role="handlaggare"):
    return services.membership_propose(
        actor=actor, user=user, unit=unit, role=role, valid_from=timezone.localdate()
    )


def _signed_in(client, user):
    client.logout()
    factories.sign_in(client, user)
    return client


def _approve(client, proposal, proposed_at=None):
    return client.post(
        reverse("web:membership_approve", args=[proposal.pk]),
        {"proposed_at": proposed_at or proposal.proposed_at.isoformat()},
    )


def _refuse(client, proposal, reason):
    return client.post(
        reverse("web:membership_refuse", args=[proposal.pk]),
        {"proposed_at": proposal.proposed_at.isoformat(), "reason": reason},
    )


@pytest.mark.parametrize("approver_name", ["second_administrator", "manager"])
def test_a_second_person_s_approval_makes_the_role_work(
    client, request, administrator, candidate, rvt, the_case, approver_name
):
    approver = request.getfixturevalue(approver_name)
    proposal = _propose(administrator, candidate, rvt)
    assert case_page_status(candidate, the_case) == 404

    listed = _signed_in(client, approver).get(LIST)
    response = _approve(client, proposal)

    assert "candidate_xq" in listed.content.decode()
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (MembershipStatus.APPROVED, approver)
    assert [m.pk for m in policies.memberships(type(candidate).objects.get(pk=candidate.pk))] == [
        proposal.pk
    ]
    assert case_page_status(candidate, the_case) == 200
    assert membership_entries() == [
        entry(administrator, rvt, candidate, "proposed:handlaggare"),
        entry(approver, rvt, candidate, "approved:handlaggare"),
    ]
    assert audit_verify() == log_intact()


def test_the_proposer_cannot_approve_their_own_proposal(
    client, administrator, candidate, rvt, the_case
):
    proposal = _propose(administrator, candidate, rvt)

    listed = _signed_in(client, administrator).get(LIST)
    response = _approve(client, proposal)
    refusal_page = client.get(reverse("web:membership_refuse", args=[proposal.pk]))

    assert listed.status_code == 200
    assert "candidate_xq" not in listed.content.decode()
    assert (response.status_code, refusal_page.status_code) == (404, 404)
    proposal.refresh_from_db()
    assert proposal.status == MembershipStatus.PROPOSED
    assert case_page_status(candidate, the_case) == 404
    assert [e["membership_change"] for e in membership_entries()] == ["proposed:handlaggare"]


def test_an_administrator_cannot_approve_a_proposal_for_themselves(
    client, administrator, second_administrator, rvt, the_case
):
    proposal = _propose(second_administrator, administrator, rvt)

    listed = _signed_in(client, administrator).get(LIST)
    response = _approve(client, proposal)

    assert f'data-membership="{proposal.pk}"' not in listed.content.decode()
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == MembershipStatus.PROPOSED
    assert case_page_status(administrator, the_case) == 404


def test_a_manager_cannot_approve_a_proposal_for_themselves(
    client, administrator, manager, rvt, the_case
):
    proposal = _propose(administrator, manager, rvt, role="handlaggare")

    response = _approve(_signed_in(client, manager), proposal)

    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == MembershipStatus.PROPOSED


def test_a_manager_of_another_unit_sees_no_trace_of_the_proposal(
    client, administrator, other_manager, candidate, rvt, the_case
):
    proposal = _propose(administrator, candidate, rvt)

    _signed_in(client, other_manager)
    responses = [
        client.get(LIST),
        _approve(client, proposal),
        client.get(reverse("web:membership_refuse", args=[proposal.pk])),
        _refuse(client, proposal, "Inte behörig"),
    ]

    assert [r.status_code for r in responses] == [200, 404, 404, 404]
    for response in responses:
        body = response.content.decode()
        assert "candidate_xq" not in body
        assert "Kandidatsson" not in body
        assert f'data-membership="{proposal.pk}"' not in body
    proposal.refresh_from_db()
    assert proposal.status == MembershipStatus.PROPOSED
    assert case_page_status(candidate, the_case) == 404
    assert len(membership_entries()) == 1


@pytest.mark.parametrize("role", ["handlaggare", "analytiker", "implementerare"])
def test_no_one_without_an_approver_s_role_reaches_the_page(client, rvt, role):
    _signed_in(client, factories.staff(role, rvt))

    assert client.get(LIST).status_code == 404


def test_a_refusal_needs_a_reason_and_then_grants_nothing(
    client, administrator, second_administrator, candidate, rvt, the_case
):
    proposal = _propose(administrator, candidate, rvt)
    _signed_in(client, second_administrator)

    blank = _refuse(client, proposal, "   ")
    proposal.refresh_from_db()
    assert blank.status_code == 200
    assert "Fyll i ”Varför avslås behörigheten?”." in blank.content.decode()
    assert proposal.status == MembershipStatus.PROPOSED

    only_spaces = services.membership_refuse
    with pytest.raises(ValidationError, match="Ange ett skäl för avslaget."):
        only_spaces(
            actor=second_administrator,
            membership_id=proposal.pk,
            proposed_at=proposal.proposed_at.isoformat(),
            reason="  ",
        )
    refused = _refuse(client, proposal, "Ingen anställning i enheten")

    assert refused.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.refusal_reason) == (
        MembershipStatus.REFUSED,
        second_administrator,
        "Ingen anställning i enheten",
    )
    assert case_page_status(candidate, the_case) == 404
    assert membership_entries()[-1] == entry(
        second_administrator, rvt, candidate, "refused:handlaggare"
    )
    assert _approve(client, proposal).status_code == 404
    _signed_in(client, administrator)
    admin_page = client.get(f"/admin/organisation/user/{candidate.pk}/change/").content.decode()
    assert "Ingen anställning i enheten" in admin_page


def test_a_proposal_changed_after_the_approver_opened_it_is_not_approved(
    client, administrator, second_administrator, candidate, rvt, district
):
    proposal = _propose(administrator, candidate, rvt)
    seen = proposal.proposed_at.isoformat()
    bigger = factories.UnitFactory(district=district, kind="socialjour")
    services.membership_change(
        actor=administrator,
        membership_id=proposal.pk,
        unit=bigger,
        role="enhetschef",
        valid_from=proposal.valid_from,
    )

    response = _approve(_signed_in(client, second_administrator), proposal, proposed_at=seen)

    assert response.status_code == 302
    page = client.get(LIST).content.decode()
    assert "Förslaget har ändrats sedan du öppnade det. Titta på det igen." in page
    proposal.refresh_from_db()
    assert (proposal.status, proposal.unit, proposal.role) == (
        MembershipStatus.PROPOSED,
        bigger,
        "enhetschef",
    )


def test_the_start_pages_lead_approvers_to_the_proposals(
    client, administrator, second_administrator, manager, other_manager, candidate, rvt
):
    _propose(administrator, candidate, rvt)

    pages = {
        user.username: _signed_in(client, user).get(start).content.decode()
        for user, start in [
            (second_administrator, "/systemforvaltning/"),
            (administrator, "/systemforvaltning/"),
            (manager, "/min-enhet/"),
            (other_manager, "/min-enhet/"),
        ]
    }

    assert {name: 'data-membership-proposals="1"' in body for name, body in pages.items()} == {
        "admin_two": True,
        "admin_one": False,
        "manager_rvt": True,
        "manager_other": False,
    }
    assert all('href="/behorigheter/"' in body for body in pages.values())


def test_log_review_flags_membership_changes_for_the_unit_s_manager(
    client, administrator, second_administrator, manager, candidate, rvt
):
    proposal = _propose(administrator, candidate, rvt)
    services.membership_approve(
        actor=second_administrator,
        membership_id=proposal.pk,
        proposed_at=proposal.proposed_at.isoformat(),
    )

    body = _signed_in(client, manager).get("/loggkontroll/?flagged_only=on").content.decode()

    assert body.count('data-flag="membership"') == 2
    assert body.count("candidate_xq") == 2
    assert "admin_one" in body and "admin_two" in body


def test_the_system_grant_is_logged_without_a_user(rvt, candidate):
    membership = services.membership_grant(
        user=candidate, unit=rvt, role="handlaggare", valid_from=timezone.localdate()
    )

    assert membership.status == MembershipStatus.APPROVED
    [logged] = membership_entries()
    assert (logged["user_public_id"], logged["ground"], logged["membership_change"]) == (
        None,
        "system",
        "granted:handlaggare",
    )
    assert Membership.objects.in_force(timezone.localdate()).get() == membership
