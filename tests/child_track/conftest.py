"""A case led by a district's RVT, with the unit for financial assistance and the unit for
children and young people taking part by consent; the person's child, with two guardians:
the person, and the child's father, a current threat person of the case. The RVT's manager
may decide everything (decision 0041), its case worker only support talks. Every name is made
up."""

import datetime

import pytest
from django.utils import timezone, translation

from brytupp.cases.models import ThreatPerson
from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.interventions.decisions import DecisionTerms, application_decide, application_record
from brytupp.interventions.models import Delegation, LegalGround
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.organisation.models import Role
from brytupp.people.services import guardian_link
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SINCE = datetime.date(2025, 1, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def member(role: str, unit, **user_fields):
    user = factories.UserFactory(**user_fields)
    factories.MembershipFactory(user=user, unit=unit, role=role, valid_from=SINCE)
    return user


@pytest.fixture
def world(district, rvt):
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    barn = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    worker = member(Role.HANDLAGGARE, rvt, first_name="Hanna", last_name="Handläggarsson")
    manager = member(Role.ENHETSCHEF, rvt, first_name="Chefia", last_name="Chefsson")
    ekb_worker = member(Role.HANDLAGGARE, ekb)
    barn_worker = member(Role.HANDLAGGARE, barn)
    Delegation.objects.create(
        unit=rvt, role=Role.HANDLAGGARE, intervention="stodsamtal_individuellt", valid_from=SINCE
    )
    Delegation.objects.create(
        unit=rvt, role=Role.ENHETSCHEF, intervention="", may_refuse=True, valid_from=SINCE
    )
    ground = LegalGround.objects.create(
        code="testlagen-1-1",
        law="Testlagen (2025:1)",
        provision="1 kap. 1 §",
        label="Bistånd i testlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    person = factories.person(
        first_name="Fejka", last_name="Påhittadsson", birth_date=datetime.date(1985, 3, 4)
    )
    father = factories.person(
        first_name="Hotfull",
        last_name="Påhittadsson",
        birth_date=datetime.date(1980, 2, 2),
        gender="male",
    )
    child = factories.person(
        first_name="Lillan", last_name="Påhittadsson", birth_date=datetime.date(2017, 1, 1)
    )
    guardian_link(child=child, guardian=person)
    guardian_link(child=child, guardian=father)
    case = case_open(
        actor=worker,
        person=person,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    consent_record(
        actor=worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[ekb, barn],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - 29 * DAY, actor=worker)
    case_unit_join(case=case, unit=barn, joined=TODAY - 29 * DAY, actor=worker)
    threat = ThreatPerson.objects.create(case=case, person=father, relation="partner")
    return {
        "rvt": rvt,
        "ekb": ekb,
        "barn": barn,
        "worker": worker,
        "manager": manager,
        "ekb_worker": ekb_worker,
        "barn_worker": barn_worker,
        "ground": ground,
        "person": person,
        "father": father,
        "child": child,
        "case": case,
        "threat": threat,
    }


@pytest.fixture
def placed(world):
    """The person placed in protected housing 20 days ago, with the child."""
    placement = placement_start(
        actor=world["worker"],
        case=world["case"],
        start=TODAY - 20 * DAY,
        provider="Skyddat boende Test",
        children=[ChildPlaced(child=world["child"])],
    )
    return {**world, "placement": placement, "placed": placement.children.get()}


def childs_housing_decision(world, *, start=None):
    """The child's own application for protected housing, granted by the RVT's manager."""
    application = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="aktualisering",
        received=TODAY - 19 * DAY,
        asked="Skyddat boende för barnet",
        intervention="skyddat_boende",
        child=world["child"],
    )
    return application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 18 * DAY,
        terms=DecisionTerms(
            outcome="bifall", legal_ground=world["ground"], start=start or TODAY - 18 * DAY
        ),
    )
