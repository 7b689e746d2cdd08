"""The worlds of the insider review of the child's track (decisions 0042, 0044, 0045): a
parent's case led by its RVT with two children placed with her; ekonomiskt bistånd taking part
by consent; the district's barn och unga unit, where reports of concern go; the child's father,
a guardian and a current threat person of the case, client of a unit of his own; another
district's RVT; Socialjouren with a running emergency access and a colleague without; a system
administrator. The child Lillan has a school, a report of concern and a voice note: each
carries a marker that no refused page may show. Every name and number is made up."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from brytupp.access.services import emergency_access_grant
from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import ThreatPerson
from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.children.services import child_record_change, report_of_concern_record
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.people.services import guardian_link
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

# Markers of the child Lillan's matters: none may be in a refused response.
CHILD_NAME = "Lillan"
SCHOOL = "Pärlans förskola 7731"
CONCERN = "Barnet berättar om bråk hemma 4801"
REPORTER = "Klassläraren Qvist"
VOICE = "Jag vill bo kvar hos mamma 5522"
FATHER_NAME = "Hotfull"
SECOND_CONCERN = "Tvåan är rädd på kvällarna 6633"
SECRETS = (CHILD_NAME, SCHOOL, CONCERN, REPORTER, VOICE, FATHER_NAME, SECOND_CONCERN)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def report(world, child, concern, actor=None):
    return report_of_concern_record(
        actor=actor or world["rvt_worker"],
        case=world["case"],
        child=child,
        direction="received",
        reporter_kind="skola",
        reporter=REPORTER,
        date=TODAY - DAY,
        concern=concern,
    )


@pytest.fixture
def world(district, rvt):
    other_district = factories.DistrictFactory()
    bu = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    father_unit = factories.UnitFactory(
        district=district, kind="vuxen_beroende", name="Vuxenenheten Test"
    )
    rvt2 = factories.UnitFactory(
        district=other_district, kind="rvt", name="Relationsvåldsteamet Annan"
    )
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    admin_unit = factories.UnitFactory(district=district, kind="rvt", name="Förvaltningen Test")
    rvt_worker = factories.staff("handlaggare", rvt)
    parent = factories.person(
        first_name="Fejka", last_name="Påhittadsson", birth_date=datetime.date(1985, 3, 4)
    )
    father = factories.person(
        first_name=FATHER_NAME, last_name="Faderssón", birth_date=datetime.date(1980, 2, 2)
    )
    child = factories.person(
        first_name=CHILD_NAME, last_name="Påhittadsson", birth_date=datetime.date(2017, 1, 1)
    )
    second_child = factories.person(
        first_name="Tvåan", last_name="Påhittadsson", birth_date=datetime.date(2020, 7, 8)
    )
    for each in (child, second_child):
        guardian_link(child=each, guardian=parent)
    guardian_link(child=child, guardian=father)
    case = case_open(
        actor=rvt_worker,
        person=parent,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    consent_record(
        actor=rvt_worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[ekb],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - 28 * DAY, actor=rvt_worker)
    placement = placement_start(
        actor=rvt_worker,
        case=case,
        start=TODAY - 5 * DAY,
        children=[ChildPlaced(child=child), ChildPlaced(child=second_child)],
    )
    father_worker = factories.staff("handlaggare", father_unit)
    father_case = factories.case(person_=father, unit=father_unit, actor=father_worker)
    ThreatPerson.objects.create(case=case, person=father, relation="partner")
    child_record_change(
        actor=rvt_worker, case=case, child=child, school_kind="forskola", school_name=SCHOOL
    )
    voice = journal_note_write(
        actor=rvt_worker, case=case, kind="barnets_rost", date=TODAY, text=VOICE, child=child
    )
    jour_worker = factories.staff("handlaggare", jour)
    grant = emergency_access_grant(
        actor=jour_worker, case=case, reason="Personen ringer natt, hotad, behöver hjälp nu"
    )
    world = {
        "district": district,
        "rvt": rvt,
        "bu": bu,
        "ekb": ekb,
        "father_unit": father_unit,
        "rvt2": rvt2,
        "jour": jour,
        "rvt_worker": rvt_worker,
        "bu_worker": factories.staff("handlaggare", bu),
        "ekb_worker": factories.staff("handlaggare", ekb),
        "ekb_manager": factories.staff("enhetschef", ekb),
        "father_worker": father_worker,
        "rvt2_worker": factories.staff("handlaggare", rvt2),
        "jour_worker": jour_worker,
        "jour_colleague": factories.staff("handlaggare", jour),
        "admin": factories.staff("systemforvaltare", admin_unit),
        "parent": parent,
        "father": father,
        "father_case": father_case,
        "child": child,
        "second_child": second_child,
        "case": case,
        "placement": placement,
        "voice": voice,
        "grant": grant,
    }
    world["report"] = report(world, child, CONCERN)
    world["second_report"] = report(world, second_child, SECOND_CONCERN)
    return world
