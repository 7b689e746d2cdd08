"""A placement in a case led by the district's RVT, with economic support taking part, the
city's housing checklist loaded, and a unit of another district taking no part. Every name is
made up."""

import datetime
import json

import pytest
from django.conf import settings
from django.utils import timezone, translation

from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.housing.configuration import housing_steps_load
from brytupp.interventions.services import placement_start
from brytupp.organisation.services import STOCKHOLM
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


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
    housing_steps_load(configuration=json.loads(STOCKHOLM.read_text(encoding="utf-8")))
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    other = factories.UnitFactory(district=district, kind="barn_unga", name="Barn Test")
    worker = factories.staff("handlaggare", rvt)
    person = factories.person(
        first_name="Fejka", last_name="Bostadsson", birth_date=datetime.date(1985, 3, 4)
    )
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
        units=[ekb],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - 29 * DAY, actor=worker)
    placement = placement_start(actor=worker, case=case, start=TODAY - 20 * DAY)
    return {
        "district": district,
        "rvt": rvt,
        "ekb": ekb,
        "other": other,
        "worker": worker,
        "ekb_worker": factories.staff("handlaggare", ekb),
        "outsider": factories.staff("handlaggare", other),
        "person": person,
        "case": case,
        "placement": placement,
    }
