"""A parent's case led by its RVT, with two children placed with her, and the units around the
child's matters (decision 0044): the district's barn och unga unit (where reports of concern
go), a barn och unga unit of another district and ekonomiskt bistånd taking part by consent,
and a unit with no part. Every name and number is made up."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.children.services import child_part_accept, report_of_concern_record
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.people.services import guardian_link
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
CHILD_NUMBER = "201701012393"
FATHER_NUMBER = "190102032307"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def report(world, child=None, **fields):
    """A report of concern recorded by the lead unit, routed to the district's barn och unga."""
    values = {
        "direction": "received",
        "reporter_kind": "skola",
        "reporter": "Klassläraren",
        "date": TODAY - DAY,
        "concern": "Barnet berättar om bråk hemma 4801",
    }
    values.update(fields)
    return report_of_concern_record(
        actor=world["rvt_worker"], case=world["case"], child=child or world["child"], **values
    )


def accepted(world, child=None):
    made = report(world, child)
    child_part_accept(actor=world["bu_worker"], part=made.routing)
    made.refresh_from_db()
    return made


@pytest.fixture
def world(district, rvt):
    other_district = factories.DistrictFactory()
    bu = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    bu_consent = factories.UnitFactory(
        district=other_district, kind="barn_unga", name="Barn och unga Annan"
    )
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    outsider = factories.UnitFactory(
        district=district, kind="vuxen_beroende", name="Vuxenenheten Test"
    )
    rvt_worker = factories.staff("handlaggare", rvt)
    parent = factories.person(
        first_name="Fejka", last_name="Påhittadsson", birth_date=datetime.date(1985, 3, 4)
    )
    child = factories.person(
        first_name="Lillan",
        last_name="Påhittadsson",
        birth_date=datetime.date(2017, 1, 1),
        identity_number=CHILD_NUMBER,
    )
    second_child = factories.person(
        first_name="Tvåan", last_name="Påhittadsson", birth_date=datetime.date(2020, 7, 8)
    )
    for each in (child, second_child):
        guardian_link(child=each, guardian=parent)
    case = case_open(
        actor=rvt_worker,
        person=parent,
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
        units=[ekb, bu_consent],
    )
    for unit in (ekb, bu_consent):
        case_unit_join(case=case, unit=unit, joined=TODAY - 28 * DAY, actor=rvt_worker)
    placement = placement_start(
        actor=rvt_worker,
        case=case,
        start=TODAY - 5 * DAY,
        children=[ChildPlaced(child=child), ChildPlaced(child=second_child)],
    )
    return {
        "district": district,
        "rvt": rvt,
        "bu": bu,
        "bu_consent": bu_consent,
        "ekb": ekb,
        "outsider": outsider,
        "rvt_worker": rvt_worker,
        "bu_worker": factories.staff("handlaggare", bu),
        "bu_manager": factories.staff("enhetschef", bu),
        "bu_consent_worker": factories.staff("handlaggare", bu_consent),
        "ekb_worker": factories.staff("handlaggare", ekb),
        "outsider_worker": factories.staff("handlaggare", outsider),
        "parent": parent,
        "child": child,
        "second_child": second_child,
        "case": case,
        "consent": consent,
        "placement": placement,
    }
