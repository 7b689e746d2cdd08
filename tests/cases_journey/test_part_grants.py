"""The case page derives "may lead" and "may take part" from the acting part
(``policies.part_leads``, ``policies.part_participates``) instead of asking the rules again:
here the two ways are held equal for every kind of user and part the rules tell apart."""

import pytest

from brytupp.access import policies
from brytupp.cases.models import Case, CaseAcceptance, Consent
from brytupp.cases.services import case_unit_invite, case_unit_join
from tests import factories

from .data import DAY, TODAY

pytestmark = pytest.mark.django_db


def both_ways(user, case) -> tuple[tuple[bool, bool], tuple[bool, bool]]:
    case = Case.objects.get(pk=case.pk)
    part = policies.acting_part(user, case)
    by_rules = (policies.case_lead.check(user, case), policies.case_participation.check(user, case))
    by_part = (policies.part_leads(case, part), policies.part_participates(case, part))
    return by_rules, by_part


@pytest.fixture
def users(journey):
    case_unit_join(case=journey.case, unit=journey.ekb, joined=TODAY - 10 * DAY)
    barn_worker = factories.staff("handlaggare", journey.barn)
    journey.consent.units.add(journey.barn)
    case_unit_invite(actor=journey.worker, case=journey.case, unit=journey.barn, invited=TODAY)
    both = factories.staff("handlaggare", journey.rvt)
    factories.MembershipFactory(user=both, unit=journey.ekb, role="handlaggare")
    return {
        "lead": journey.worker,
        "joined": journey.ekb_worker,
        "invited": barn_worker,
        "lead and joined": both,
        "manager of the lead": factories.staff("enhetschef", journey.rvt),
        "no part": factories.staff("handlaggare", journey.stab),
        "analyst": factories.staff("analytiker", journey.rvt),
    }


EXPECTED = {
    "lead": (True, True),
    "joined": (False, True),
    "invited": (False, False),
    "lead and joined": (True, True),
    "manager of the lead": (True, True),
    "no part": (False, False),
    "analyst": (False, False),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_the_part_grants_what_the_rules_grant(journey, users, who):
    by_rules, by_part = both_ways(users[who], journey.case)

    assert by_rules == by_part == EXPECTED[who]


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_a_consent_run_out_grants_the_joined_unit_nothing_either_way(journey, users, who):
    Consent.objects.filter(pk=journey.consent.pk).update(
        given=TODAY - 400 * DAY, expires=TODAY - DAY
    )

    by_rules, by_part = both_ways(users[who], journey.case)

    expected = (False, False) if who in ("joined", "invited") else EXPECTED[who]
    assert by_rules == by_part == expected


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_a_case_waiting_for_acceptance_grants_nothing_either_way(journey, users, who):
    Case.objects.filter(pk=journey.case.pk).update(acceptance=CaseAcceptance.PENDING)

    by_rules, by_part = both_ways(users[who], journey.case)

    assert by_rules == by_part == (False, False)
