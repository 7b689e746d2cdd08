"""A victim's case led by its RVT, with a family member as threat person who is a client of
ekonomiskt bistånd in their own case (decision 0039). Every name and number is made up."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.cases.threats import threat_person_add
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
THREAT_NUMBER = "190102032307"
SECOND_THREAT_NUMBER = "190102032315"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(district, rvt):
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    children = factories.UnitFactory(district=district, kind="barn_unga", name="Barn Test")
    addiction = factories.UnitFactory(district=district, kind="vuxen_beroende", name="Vuxen Test")
    socialjour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    rvt_worker = factories.staff("handlaggare", rvt)
    victim = factories.person(first_name="Fejka", last_name="Offersson")
    threat = factories.person(
        first_name="Hotfull",
        last_name="Släktingsson",
        birth_date=datetime.date(1901, 2, 3),
        gender="male",
        identity_number=THREAT_NUMBER,
    )
    case = case_open(
        actor=rvt_worker,
        person=victim,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    consent = consent_record(
        actor=rvt_worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[children, ekb],
    )
    case_unit_join(case=case, unit=children, joined=TODAY - 28 * DAY, actor=rvt_worker)
    ekb_worker = factories.staff("handlaggare", ekb)
    threat_case = case_open(
        actor=ekb_worker,
        person=threat,
        district=district,
        lead_unit=ekb,
        source="self",
        opened=TODAY - 100 * DAY,
    )
    threat_row = threat_person_add(
        actor=rvt_worker, case=case, relation="sibling", identity_number=THREAT_NUMBER
    )
    return {
        "district": district,
        "rvt": rvt,
        "ekb": ekb,
        "children": children,
        "addiction": addiction,
        "socialjour": socialjour,
        "rvt_worker": rvt_worker,
        "ekb_worker": ekb_worker,
        "victim": victim,
        "threat": threat,
        "case": case,
        "consent": consent,
        "threat_case": threat_case,
        "threat_row": threat_row,
    }
