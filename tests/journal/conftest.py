"""A case led by its RVT, with the children's unit taking part by a consent in force, the
economic assistance unit taking part by a consent that ran out yesterday, an addiction unit
invited, and a journal note of each of the three units taking part. Every name is made up."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import JournalNote, JournalNoteVersion
from brytupp.cases.services import (
    case_open,
    case_unit_invite,
    case_unit_join,
    consent_record,
)
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

RVT_TEXT = "RVT: samtal om skyddat boende 5101"
CHILDREN_TEXT = "Barn och unga: hembesök hos barnen 5102"
EKB_TEXT = "Ekonomiskt bistånd: kontakt med Försäkringskassan 5103"
TEXTS = (RVT_TEXT, CHILDREN_TEXT, EKB_TEXT)


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
    children = factories.UnitFactory(district=district, kind="barn_unga", name="Barn Test")
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    addiction = factories.UnitFactory(district=district, kind="vuxen_beroende", name="Vuxen Test")
    uncovered = factories.UnitFactory(district=district, kind="vuxen_beroende", name="Utan Test")
    socialjour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    elsewhere = factories.UnitFactory(
        district=factories.DistrictFactory(), kind="rvt", name="RVT Annanstans Test"
    )
    rvt_worker = factories.staff("handlaggare", rvt, first_name="Rut", last_name="Rvtsson")
    children_worker = factories.staff(
        "handlaggare", children, first_name="Bo", last_name="Barnsson"
    )
    ekb_worker = factories.staff("handlaggare", ekb, first_name="Eva", last_name="Ekbsson")
    person = factories.person(first_name="Fejka", last_name="Journalsson")
    case = case_open(
        actor=rvt_worker,
        person=person,
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
        units=[children, addiction],
    )
    ran_out = consent_record(
        actor=rvt_worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Försörjning",
        units=[ekb],
        expires=TODAY - DAY,
    )
    case_unit_join(case=case, unit=children, joined=TODAY - 28 * DAY, actor=rvt_worker)
    case_unit_join(case=case, unit=ekb, joined=TODAY - 28 * DAY, actor=rvt_worker)
    case_unit_invite(actor=rvt_worker, case=case, unit=addiction, invited=TODAY - 2 * DAY)
    rvt_note = journal_note_write(
        actor=rvt_worker, case=case, kind="samtal", date=TODAY - 3 * DAY, text=RVT_TEXT
    )
    children_note = journal_note_write(
        actor=children_worker, case=case, kind="hembesok", date=TODAY - 2 * DAY, text=CHILDREN_TEXT
    )
    # Written while the consent was in force: no service writes for the unit today.
    ekb_note = JournalNote.objects.create(
        case=case, unit=ekb, kind="annan_myndighet", date=TODAY - 5 * DAY, created_by=ekb_worker
    )
    JournalNoteVersion.objects.create(note=ekb_note, number=1, text=EKB_TEXT, written_by=ekb_worker)
    return {
        "district": district,
        "rvt": rvt,
        "children": children,
        "ekb": ekb,
        "addiction": addiction,
        "uncovered": uncovered,
        "socialjour": socialjour,
        "elsewhere": elsewhere,
        "rvt_worker": rvt_worker,
        "children_worker": children_worker,
        "ekb_worker": ekb_worker,
        "person": person,
        "case": case,
        "ran_out": ran_out,
        "rvt_note": rvt_note,
        "children_note": children_note,
        "ekb_note": ekb_note,
    }
