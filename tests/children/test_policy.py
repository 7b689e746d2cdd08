"""The one rule of who reads a child's matters (``policies.child_matters_*``, decision 0044),
on the units and the users: the lead unit, barn och unga by consent or by an accepted report of
concern; never another unit taking part, an invited or declined part, or a unit whose client
threatens."""

import datetime

import pytest

from brytupp.access import policies
from brytupp.cases.services import case_open
from brytupp.cases.threats import threat_person_add
from brytupp.children.services import child_part_decline
from brytupp.people.services import guardian_link
from tests import factories

from .conftest import FATHER_NUMBER, TODAY, accepted, report

pytestmark = pytest.mark.django_db


def test_the_lead_unit_and_barn_unga_by_consent_read_the_childs_matters(world):
    assert policies.child_matters_unit_ids(world["case"], world["child"]) == frozenset(
        {world["rvt"].pk, world["bu_consent"].pk}
    )


@pytest.mark.parametrize(
    ("user", "readable"),
    [
        ("rvt_worker", True),
        ("bu_consent_worker", True),
        ("bu_worker", False),
        ("ekb_worker", False),
        ("outsider_worker", False),
    ],
)
def test_who_reads_the_childs_matters_before_any_report(world, user, readable):
    assert policies.child_matters_readable(world[user], world["case"], world["child"]) is readable


def test_an_invited_report_grants_nothing_and_an_accepted_one_grants_that_child_alone(world):
    made = report(world)

    assert not policies.child_matters_readable(world["bu_worker"], world["case"], world["child"])

    accepted(world, world["second_child"])
    case = world["case"]
    assert not policies.child_matters_readable(world["bu_worker"], case, world["child"])
    assert policies.child_matters_readable(world["bu_worker"], case, world["second_child"])
    assert made.routing.status == "invited"


def test_a_declined_report_grants_nothing(world):
    made = report(world)
    child_part_decline(
        actor=world["bu_manager"], part=made.routing, reason="Redan känt, utreds i annat ärende"
    )

    assert not policies.child_matters_readable(world["bu_worker"], world["case"], world["child"])


def test_a_person_who_is_not_a_child_of_the_case_is_read_by_no_one(world):
    stranger = factories.person(birth_date=datetime.date(2018, 2, 2))

    assert policies.child_matters_unit_ids(world["case"], stranger) == frozenset()
    assert not policies.child_matters_readable(world["rvt_worker"], world["case"], stranger)


def test_a_unit_with_a_threat_person_of_the_case_as_a_client_reads_nothing(world):
    threat = factories.person(
        first_name="Hotfull",
        last_name="Släktingsson",
        birth_date=datetime.date(1901, 2, 3),
        identity_number=FATHER_NUMBER,
    )
    case_open(
        actor=world["bu_consent_worker"],
        person=threat,
        district=world["bu_consent"].district,
        lead_unit=world["bu_consent"],
        source="self",
        opened=TODAY,
    )
    threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="sibling",
        identity_number=FATHER_NUMBER,
    )

    assert not policies.child_matters_readable(
        world["bu_consent_worker"], world["case"], world["child"]
    )
    assert policies.child_matters_readable(world["rvt_worker"], world["case"], world["child"])


def test_the_unit_of_a_guardian_who_threatens_reads_nothing_even_by_an_accepted_report(world):
    accepted(world)
    father = factories.person(
        first_name="Pappa",
        last_name="Påhittadsson",
        birth_date=datetime.date(1901, 2, 3),
        gender="male",
        identity_number=FATHER_NUMBER,
    )
    guardian_link(child=world["child"], guardian=father)
    case_open(
        actor=world["bu_worker"],
        person=father,
        district=world["district"],
        lead_unit=world["bu"],
        source="self",
        opened=TODAY,
    )
    assert policies.child_matters_readable(world["bu_worker"], world["case"], world["child"])

    threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="partner",
        identity_number=FATHER_NUMBER,
    )

    assert not policies.child_matters_readable(world["bu_worker"], world["case"], world["child"])
    assert world["bu"].pk in policies.child_matters_never_unit_ids(world["case"], world["child"])


def test_a_report_of_concern_is_passed_on_without_the_parents_consent(world):
    """The duty to report overrides secrecy (SoL 14 kap. 1 §, OSL 26 kap.): the report goes to
    the district's barn och unga unit though no consent in force names it, and, accepted,
    lets that unit read the child's matters — never the parent's case."""
    from brytupp.cases.models import Consent

    named = Consent.objects.in_force(TODAY).filter(case=world["case"], units=world["bu"])
    assert not named.exists()

    made = accepted(world)

    assert (made.routing.unit, made.routing.status) == (world["bu"], "active")
    assert policies.child_matters_readable(world["bu_worker"], world["case"], world["child"])
    assert not policies.cases.check(world["bu_worker"], world["case"])
