"""A case in a district, led by its RVT, with a second unit taking part by consent, and the
person's registered child. Every name is made up."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.cases.joint import meeting_record
from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.interventions.services import (
    ChildPlaced,
    decision_make,
    follow_up_record,
    placement_start,
)
from brytupp.people.services import guardian_link
from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import PracticalTaskKind
from brytupp.plans.services import plan_action_add
from brytupp.plans.tasks import practical_task_add
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their msgid, whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def setting(district, rvt):
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    worker = factories.staff("handlaggare", rvt)
    ekb_worker = factories.staff("handlaggare", ekb)
    person = factories.person(
        first_name="Fejka", last_name="Påhittadsson", birth_date=datetime.date(1985, 3, 4)
    )
    child = factories.person(
        first_name="Lillan",
        last_name="Påhittadsson",
        birth_date=datetime.date(2017, 1, 1),
        identity_number="201701012393",
    )
    guardian_link(child=child, guardian=person)
    case = case_open(
        actor=worker,
        person=person,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    consent = consent_record(
        actor=worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[ekb],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - 29 * DAY, actor=worker)
    return {
        "district": district,
        "rvt": rvt,
        "ekb": ekb,
        "worker": worker,
        "ekb_worker": ekb_worker,
        "person": person,
        "child": child,
        "case": case,
        "consent": consent,
    }


@pytest.fixture
def client(client):
    """A browser that asks for English pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def signed_in(client, setting):
    factories.sign_in(client, setting["worker"])
    return client


@pytest.fixture
def work(setting):
    """Something of each kind in the case, and a valid form for every page of work in it."""
    case, worker, rvt = setting["case"], setting["worker"], setting["rvt"]
    second_child = factories.person(
        first_name="Tvåan", last_name="Påhittadsson", birth_date=datetime.date(2020, 7, 8)
    )
    guardian_link(child=second_child, guardian=setting["person"])
    meeting = meeting_record(
        actor=worker,
        case=case,
        held=TODAY - 20 * DAY,
        units=[rvt],
        minutes="Hemligt protokoll 4711",
    )
    decision = decision_make(
        actor=worker,
        case=case,
        intervention="skyddat_boende",
        decided=TODAY - 6 * DAY,
        start=TODAY - 5 * DAY,
        end=TODAY + 8 * DAY,
    )
    placement = placement_start(
        actor=worker,
        case=case,
        start=TODAY - 5 * DAY,
        decision=decision,
        children=[ChildPlaced(child=setting["child"])],
    )
    follow_up = follow_up_record(
        actor=worker,
        case=case,
        date=TODAY - 2 * DAY,
        placement=placement,
        note="Hemlig anteckning 4712",
    )
    action = plan_action_add(
        actor=worker, case=case, description="Ansöka om förtur", responsible_unit=rvt, due=TODAY
    )
    practical_task_kinds_ensure()  # seeded by migration, gone after a transactional test
    task = practical_task_add(
        actor=worker,
        case=case,
        support=PracticalTaskKind.objects.get(code="id_card"),
        responsible_unit=rvt,
        due=TODAY + DAY,
        note="Hemlig uppgift 4716",
    )
    c = case.public_id
    day = (TODAY - DAY).isoformat()
    posts = {
        "meeting_add": (
            reverse("cases:meeting_add", args=[c]),
            {"held": day, "units": [rvt.code], "person_present": "yes", "minutes": "Nytt 4713"},
        ),
        "assessment_add": (
            reverse("cases:assessment_add", args=[c]),
            {"area": "economy", "short_term": "Försörjning 4714", "long_term": ""},
        ),
        "plan_action_add": (
            reverse("cases:plan_action_add", args=[c]),
            {"description": "Ny åtgärd", "responsible_unit": rvt.code, "due": day},
        ),
        "plan_action_status": (
            reverse("cases:plan_action_status", args=[c, action.public_id]),
            {"status": "in_progress", "version": "1"},
        ),
        "decision_add": (
            reverse("cases:decision_add", args=[c]),
            {"intervention": "radgivning", "decided": day, "start": day},
        ),
        "placement_add": (
            reverse("cases:placement_add", args=[c]),
            {"start": day, "children": [str(second_child.public_id)]},
        ),
        "placement_child_add": (
            reverse("cases:placement_child_add", args=[c, placement.public_id]),
            {"child": str(second_child.public_id)},
        ),
        "child_schooling": (
            reverse(
                "cases:child_schooling",
                args=[c, placement.public_id, setting["child"].public_id],
            ),
            {"schooling_start": day, "schooling_kind": "school"},
        ),
        "placement_cost": (
            reverse("cases:placement_cost", args=[c, placement.public_id]),
            {"cost_per_night": "1375.50", "version": "1"},
        ),
        "placement_end": (
            reverse("cases:placement_end", args=[c, placement.public_id]),
            {"end": day, "end_reason": "completed"},
        ),
        "follow_up_add": (
            reverse("cases:follow_up_add", args=[c]),
            {"date": day, "goal_achieved": "no", "improved_situation": "yes", "note": "Ny 4715"},
        ),
        "shis_add": (reverse("cases:shis_add", args=[c]), {"date": day, "kind": "mellanbo"}),
        "sip_add": (
            reverse("cases:sip_add", args=[c]),
            {"date": day, "participants": "Husläkare", "responsible": "Regionen"},
        ),
        "practical_task_add": (
            reverse("cases:practical_task_add", args=[c]),
            {"support": "bankid", "responsible_unit": rvt.code, "due": day, "note": "Ny 4717"},
        ),
        "practical_task_done": (
            reverse("cases:practical_task_done", args=[c, task.public_id]),
            {"done": day},
        ),
    }
    return {
        **setting,
        "second_child": second_child,
        "meeting": meeting,
        "decision": decision,
        "placement": placement,
        "follow_up": follow_up,
        "action": action,
        "task": task,
        "posts": posts,
    }
