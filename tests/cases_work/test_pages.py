"""Each page of work in a case: what it saves, the event it records, and the message it shows."""

import datetime
import re

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseEvent, Meeting, NeedsAssessment
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
from brytupp.interventions.services import ChildPlaced, decision_make, placement_start
from brytupp.people.models import Person
from brytupp.people.services import guardian_link
from brytupp.plans.models import PlanAction, Sip
from brytupp.plans.services import plan_action_add
from tests import factories

from .conftest import DAY, TODAY
from .support import errors, events, flashed, text

pytestmark = pytest.mark.django_db


def url(name, case, *ids):
    return reverse(f"cases:{name}", args=[case.public_id, *(i.public_id for i in ids)])


def case_page(case):
    return reverse("cases:detail", args=[case.public_id])


def last_event(case):
    event = CaseEvent.objects.filter(case=case).latest("pk")
    return event.kind, event.actor, event.unit, event.day, event.data


@pytest.fixture
def placement(setting):
    return placement_start(
        actor=setting["worker"],
        case=setting["case"],
        start=TODAY - 3 * DAY,
        provider="Jouren Påhittet",
        children=[ChildPlaced(child=setting["child"])],
    )


def test_every_page_shows_its_form_with_the_person_as_caption(signed_in, setting, placement):
    case, child = setting["case"], setting["child"]
    action = plan_action_add(
        actor=setting["worker"],
        case=case,
        description="Ring",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )
    pages = {
        url("meeting_add", case): "Record a joint meeting",
        url("assessment_add", case): "Assess needs",
        url("plan_action_add", case): "Add a plan action",
        url("plan_action_status", case, action): "Change the status of a plan action",
        url("decision_add", case): "Record a decision",
        url("placement_add", case): "Record a placement in protected housing",
        url("placement_child_add", case, placement): "Add a child placed with the parent",
        url("child_schooling", case, placement, child): "Record the child's schooling",
        url("placement_end", case, placement): "End the placement",
        url("follow_up_add", case): "Record a follow-up",
        url("shis_add", case): "Record a referral to SHIS Bostäder",
        url("sip_add", case): "Record a SIP with the region",
    }

    for address, title in pages.items():
        response = signed_in.get(address)

        assert response.status_code == 200, address
        body = text(response)
        assert f'<span class="govuk-caption-l">Fejka Påhittadsson</span>{title}</h1>' in body
        assert f'<a href="{case_page(case)}" class="govuk-back-link">Back</a>' in body


def test_meeting_is_recorded_with_the_units_and_the_minutes(signed_in, setting):
    case, rvt, ekb = setting["case"], setting["rvt"], setting["ekb"]

    response = signed_in.post(
        url("meeting_add", case),
        {
            "held": (TODAY - 2 * DAY).isoformat(),
            "units": [rvt.code, ekb.code],
            "person_present": "no",
            "minutes": "  Vi planerade boendet.  ",
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    meeting = Meeting.objects.get()
    assert (meeting.case, meeting.held, meeting.person_present, meeting.minutes) == (
        case,
        TODAY - 2 * DAY,
        False,
        "Vi planerade boendet.",
    )
    assert set(meeting.units.all()) == {rvt, ekb}
    assert list(meeting.partners.all()) == []
    assert last_event(case) == (
        "meeting_held",
        setting["worker"],
        rvt,
        TODAY - 2 * DAY,
        {"meeting": str(meeting.public_id)},
    )
    assert flashed(response) == [("success", "The meeting is recorded.")]


def test_meeting_form_offers_only_units_taking_part_and_checks_the_acting_unit(
    signed_in, setting, district
):
    outside = factories.UnitFactory(district=district, kind="familjeratt")

    body = text(signed_in.get(url("meeting_add", setting["case"])))

    assert f'value="{setting["rvt"].code}" checked>' in body
    assert f'value="{setting["ekb"].code}">' in body
    assert outside.code not in body
    assert 'name="partners"' not in body  # no consent names a partner


def test_assessment_is_the_acting_units_and_recording_again_replaces_it(signed_in, setting):
    case = setting["case"]
    first = {"area": "housing", "short_term": "Jourlägenhet", "long_term": ""}
    second = {"area": "housing", "short_term": "", "long_term": "Eget kontrakt"}

    signed_in.post(url("assessment_add", case), first)
    response = signed_in.post(url("assessment_add", case), second)

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    assessment = NeedsAssessment.objects.get()
    assert (assessment.unit, assessment.area, assessment.short_term, assessment.long_term) == (
        setting["rvt"],
        "housing",
        "",
        "Eget kontrakt",
    )
    assert [kind for kind, _data in events(case)].count("assessment_recorded") == 2
    assert last_event(case)[0:3] == ("assessment_recorded", setting["worker"], setting["rvt"])
    assert last_event(case)[4] == {"area": "housing"}
    # Neither redirect was followed, so both messages are still waiting to be shown.
    assert flashed(response) == [("success", "Your unit's needs assessment is saved.")] * 2


def test_plan_action_is_added_for_a_unit_taking_part(signed_in, setting):
    case, ekb = setting["case"], setting["ekb"]

    response = signed_in.post(
        url("plan_action_add", case),
        {
            "description": "Ansöka om förtur",
            "responsible_unit": ekb.code,
            "due": (TODAY + 14 * DAY).isoformat(),
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    action = PlanAction.objects.get()
    assert (action.description, action.responsible_unit, action.due, action.status) == (
        "Ansöka om förtur",
        ekb,
        TODAY + 14 * DAY,
        "planned",
    )
    assert last_event(case) == (
        "plan_action_added",
        setting["worker"],
        setting["rvt"],
        TODAY,
        {"responsible_unit": ekb.code, "due": (TODAY + 14 * DAY).isoformat()},
    )
    assert flashed(response) == [("success", "The plan action is added.")]


def test_plan_action_status_is_changed(signed_in, setting):
    case = setting["case"]
    action = plan_action_add(
        actor=setting["worker"],
        case=case,
        description="Ringa banken",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )
    page = text(signed_in.get(url("plan_action_status", case, action)))
    assert 'value="planned" checked>' in page

    response = signed_in.post(
        url("plan_action_status", case, action), {"status": "done", "version": "1"}
    )

    assert response.status_code == 302, errors(response)
    action.refresh_from_db()
    assert action.status == "done"
    assert last_event(case) == (
        "plan_action_changed",
        setting["worker"],
        setting["rvt"],
        TODAY,
        {"status": "done", "action": str(action.public_id)},
    )
    assert flashed(response) == [("success", "The status of the plan action is changed.")]


def test_plan_action_of_another_case_is_not_found(signed_in, setting):
    other_case = factories.case(unit=setting["rvt"])
    foreign = plan_action_add(
        actor=None, case=other_case, description="X", responsible_unit=setting["rvt"], due=TODAY
    )

    response = signed_in.get(url("plan_action_status", setting["case"], foreign))

    assert response.status_code == 404


def test_decision_is_made_and_its_period_confirmed(signed_in, setting):
    case = setting["case"]
    start = TODAY - 5 * DAY

    response = signed_in.post(
        url("decision_add", case),
        {
            "intervention": "skyddat_boende",
            "decided": start.isoformat(),
            "start": start.isoformat(),
            "end": (start + 14 * DAY).isoformat(),
            "provider_name": "Jouren Påhittet",
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    decision = Decision.objects.get()
    assert (
        decision.intervention,
        decision.decided_by,
        decision.decided,
        decision.start,
        decision.end,
        decision.provider,
        decision.provider_name,
    ) == ("skyddat_boende", setting["rvt"], start, start, start + 14 * DAY, None, "Jouren Påhittet")
    assert last_event(case) == (
        "decision_made",
        setting["worker"],
        setting["rvt"],
        start,
        {
            "intervention": "skyddat_boende",
            "start": start.isoformat(),
            "end": (start + 14 * DAY).isoformat(),
        },
    )
    period = f"{start.isoformat()} – {(start + 14 * DAY).isoformat()} (15 days)"
    assert flashed(response) == [
        ("success", f"The decision is recorded: Protected housing, {period}.")
    ]


def test_a_short_protected_housing_decision_is_confirmed_with_a_warning(signed_in, setting):
    start = TODAY - 5 * DAY

    response = signed_in.post(
        url("decision_add", setting["case"]),
        {
            "intervention": "skyddat_boende",
            "decided": start.isoformat(),
            "start": start.isoformat(),
            "end": (start + 13 * DAY).isoformat(),
        },
    )

    assert response.status_code == 302, errors(response)
    period = f"{start.isoformat()} – {(start + 13 * DAY).isoformat()} (14 days)"
    assert flashed(response) == [
        ("success", f"The decision is recorded: Protected housing, {period}."),
        (
            "warning",
            "The decision on protected housing covers only 14 days. Plan the next decision "
            "with the person now, so that they are not left without protection when it runs out.",
        ),
    ]


def test_decision_until_further_notice_with_a_provider_unit(signed_in, setting):
    response = signed_in.post(
        url("decision_add", setting["case"]),
        {
            "intervention": "radgivning",
            "decided": TODAY.isoformat(),
            "start": TODAY.isoformat(),
            "provider": setting["ekb"].code,
        },
    )

    assert response.status_code == 302, errors(response)
    decision = Decision.objects.get()
    assert (decision.intervention, decision.end, decision.provider, decision.provider_name) == (
        "radgivning",
        None,
        setting["ekb"],
        "",
    )
    assert flashed(response) == [
        (
            "success",
            "The decision is recorded: Individual counselling and guidance, "
            f"from {TODAY.isoformat()} until further notice.",
        )
    ]


def test_decision_form_offers_the_palette_first(signed_in, setting):
    body = text(signed_in.get(url("decision_add", setting["case"])))

    palette = body.index('<optgroup label="The Bryt upp palette">')
    others = body.index('<optgroup label="Other interventions">')
    assert palette < body.index('value="radgivning"') < body.index('value="halso_sjukvard"')
    assert others < body.index('value="skyddat_boende"')
    assert body.index('value="halso_sjukvard"') < others


def test_placement_starts_with_a_registered_child_and_a_new_one(signed_in, setting):
    case, child, person = setting["case"], setting["child"], setting["person"]
    decision = decision_make(
        actor=setting["worker"],
        case=case,
        intervention="skyddat_boende",
        decided=TODAY - 4 * DAY,
        start=TODAY - 3 * DAY,
        end=TODAY + 60 * DAY,
    )

    response = signed_in.post(
        url("placement_add", case),
        {
            "start": (TODAY - 3 * DAY).isoformat(),
            "provider": "Jouren Påhittet",
            "decision": str(decision.public_id),
            "children": [str(child.public_id)],
            "new_child_first_name": "Bebben",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": "2024-05-06",
            "new_child_gender": "male",
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    placement = Placement.objects.get()
    assert (placement.case, placement.start, placement.provider, placement.decision) == (
        case,
        TODAY - 3 * DAY,
        "Jouren Påhittet",
        decision,
    )
    newborn = Person.objects.get(first_name="Bebben")
    assert (newborn.last_name, newborn.birth_date, newborn.gender, newborn.identity_kind) == (
        "Påhittadsson",
        datetime.date(2024, 5, 6),
        "male",
        "reserve",
    )
    assert set(person.children.all()) == {child, newborn}
    assert sorted(PlacementChild.objects.values_list("child__first_name", "schooling_start")) == [
        ("Bebben", None),
        ("Lillan", None),
    ]
    assert [kind for kind, _data in events(case)][-3:] == [
        "placement_started",
        "child_placed",
        "child_placed",
    ]
    assert events(case)[-3][1] == {"placement": str(placement.public_id)}
    due = (TODAY + 4 * DAY).isoformat()
    assert flashed(response) == [("success", f"The placement is recorded. Follow it up by {due}.")]


def test_placement_form_lists_the_persons_children_by_display_name_and_birth_date(
    signed_in, setting
):
    hidden = factories.person(
        first_name="Gömd",
        last_name="Skyddadsson",
        birth_date=datetime.date(2019, 2, 3),
        protected_identity="skyddad_folkbokforing",
    )
    guardian_link(child=hidden, guardian=setting["person"])

    body = text(signed_in.get(url("placement_add", setting["case"])))

    assert "Lillan Påhittadsson, born 2017-01-01" in body
    assert "Protected identity, born 2019-02-03" in body
    assert "Gömd" not in body
    assert "Skyddadsson" not in body


def test_a_child_is_added_to_a_placement_later(signed_in, setting):
    case = setting["case"]
    placement = placement_start(actor=setting["worker"], case=case, start=TODAY - 2 * DAY)

    response = signed_in.post(
        url("placement_child_add", case, placement), {"child": str(setting["child"].public_id)}
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    placed = PlacementChild.objects.get()
    assert (placed.placement, placed.child, placed.schooling_start, placed.schooling_kind) == (
        placement,
        setting["child"],
        None,
        "",
    )
    assert last_event(case) == (
        "child_placed",
        setting["worker"],
        setting["rvt"],
        TODAY - 2 * DAY,
        {"child": str(setting["child"].public_id), "schooling_start": None},
    )
    assert flashed(response) == [("success", "The child is added to the placement.")]


def test_a_new_child_is_registered_and_added_to_a_placement_later(signed_in, setting, placement):
    case = setting["case"]

    response = signed_in.post(
        url("placement_child_add", case, placement),
        {
            "new_child_first_name": "Tvåan",
            "new_child_last_name": "Påhittadsson",
            "new_child_birth_date": "2020-07-08",
        },
    )

    assert response.status_code == 302, errors(response)
    newborn = Person.objects.get(first_name="Tvåan")
    assert (newborn.birth_date, newborn.gender) == (datetime.date(2020, 7, 8), "unknown")
    assert list(newborn.guardians.all()) == [setting["person"]]
    assert sorted(placement.children.values_list("child__first_name", flat=True)) == [
        "Lillan",
        "Tvåan",
    ]


def test_child_schooling_is_recorded(signed_in, setting, placement):
    case, child = setting["case"], setting["child"]

    response = signed_in.post(
        url("child_schooling", case, placement, child),
        {"schooling_start": (TODAY - DAY).isoformat(), "schooling_kind": "larteamet"},
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    placed = PlacementChild.objects.get()
    assert (placed.schooling_start, placed.schooling_kind) == (TODAY - DAY, "larteamet")
    assert last_event(case) == (
        "child_schooling_started",
        setting["worker"],
        setting["rvt"],
        TODAY - DAY,
        {"child": str(child.public_id), "schooling_kind": "larteamet"},
    )
    assert flashed(response) == [("success", "The child's schooling is recorded.")]


def test_the_schooling_form_opens_with_the_schooling_recorded(signed_in, setting, placement):
    case, child = setting["case"], setting["child"]
    signed_in.post(
        url("child_schooling", case, placement, child),
        {"schooling_start": (TODAY - 2 * DAY).isoformat(), "schooling_kind": "larteamet"},
    )

    page = text(signed_in.get(url("child_schooling", case, placement, child)))

    assert f'value="{(TODAY - 2 * DAY).isoformat()}"' in page
    checked = re.findall(r'<input[^>]*name="schooling_kind"[^>]*>', page)
    assert [tag for tag in checked if "checked" in tag] == [
        next(tag for tag in checked if 'value="larteamet"' in tag)
    ]


@pytest.mark.parametrize(
    ("housing", "months", "verdict"),
    [
        ("second_hand", "12", "counts as permanent housing"),
        ("second_hand", "5", "does not count as permanent housing"),
        ("relatives", "24", "does not count as permanent housing"),
    ],
)
def test_placement_ends_with_the_next_housing_and_whether_it_is_permanent(
    signed_in, setting, placement, housing, months, verdict
):
    case = setting["case"]

    response = signed_in.post(
        url("placement_end", case, placement),
        {
            "end": (TODAY - DAY).isoformat(),
            "end_reason": "completed",
            "next_housing_type": housing,
            "next_housing_contract_months": months,
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    placement.refresh_from_db()
    assert (
        placement.end,
        placement.end_reason,
        placement.next_housing_type,
        placement.next_housing_contract_months,
    ) == (TODAY - DAY, "completed", housing, int(months))
    assert last_event(case) == (
        "placement_ended",
        setting["worker"],
        setting["rvt"],
        TODAY - DAY,
        {
            "end_reason": "completed",
            "next_housing_type": housing,
            "next_housing_contract_months": int(months),
        },
    )
    assert flashed(response) == [
        ("success", f"The placement is ended. The housing the person moves to {verdict}.")
    ]


def test_follow_up_is_recorded_for_a_placement(signed_in, setting, placement):
    case = setting["case"]
    page = text(signed_in.get(url("follow_up_add", case) + f"?placement={placement.public_id}"))
    assert f'<option value="{placement.public_id}" selected>' in page

    response = signed_in.post(
        url("follow_up_add", case),
        {
            "date": TODAY.isoformat(),
            "placement": str(placement.public_id),
            "goal_achieved": "yes",
            "improved_situation": "unknown",
            "note": "Trivs på boendet.",
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    follow_up = FollowUp.objects.get()
    assert (
        follow_up.date,
        follow_up.placement,
        follow_up.decision,
        follow_up.goal_achieved,
        follow_up.improved_situation,
        follow_up.note,
        follow_up.unit,
    ) == (TODAY, placement, None, True, None, "Trivs på boendet.", setting["rvt"])
    assert last_event(case) == (
        "follow_up_recorded",
        setting["worker"],
        setting["rvt"],
        TODAY,
        {
            "goal_achieved": True,
            "improved_situation": None,
            "placement": str(placement.public_id),
            "decision": None,
        },
    )
    assert flashed(response) == [("success", "The follow-up is recorded.")]


def test_follow_up_preselect_ignores_a_malformed_id(signed_in, setting):
    response = signed_in.get(url("follow_up_add", setting["case"]) + "?placement=inte-ett-id")

    assert response.status_code == 200
    select = text(response).split('name="placement"')[1].split("</select>")[0]
    assert select.count(" selected>") == 1
    assert '<option value="" selected>None</option>' in select


def test_shis_referral_is_recorded(signed_in, setting):
    case = setting["case"]

    response = signed_in.post(
        url("shis_add", case), {"date": (TODAY - DAY).isoformat(), "kind": "mellanbo"}
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    referral = ShisReferral.objects.get()
    assert (referral.case, referral.date, referral.kind, referral.unit) == (
        case,
        TODAY - DAY,
        "mellanbo",
        setting["rvt"],
    )
    assert last_event(case) == (
        "shis_referral",
        setting["worker"],
        setting["rvt"],
        TODAY - DAY,
        {"referral_kind": "mellanbo"},
    )
    assert flashed(response) == [("success", "The referral to SHIS Bostäder is recorded.")]


def test_sip_is_recorded_with_one_participant_a_line(signed_in, setting):
    case = setting["case"]

    response = signed_in.post(
        url("sip_add", case),
        {
            "date": (TODAY - DAY).isoformat(),
            "participants": "Husläkare, vårdcentralen\r\n\r\n  RVT-handläggare  \r\n",
            "responsible": "Region Stockholm",
            "next_follow_up": (TODAY + 30 * DAY).isoformat(),
        },
    )

    assert response.status_code == 302, errors(response)
    assert response["Location"] == case_page(case)
    sip = Sip.objects.get()
    assert (sip.date, sip.participants, sip.responsible, sip.next_follow_up, sip.unit) == (
        TODAY - DAY,
        ["Husläkare, vårdcentralen", "RVT-handläggare"],
        "Region Stockholm",
        TODAY + 30 * DAY,
        setting["rvt"],
    )
    assert last_event(case) == (
        "sip_held",
        setting["worker"],
        setting["rvt"],
        TODAY - DAY,
        {"next_follow_up": (TODAY + 30 * DAY).isoformat()},
    )
    assert flashed(response) == [("success", "The SIP is recorded.")]


def test_a_unit_that_joined_by_consent_works_in_the_case(client, setting):
    factories.sign_in(client, setting["ekb_worker"])

    response = client.post(
        url("shis_add", setting["case"]), {"date": TODAY.isoformat(), "kind": "avtalat_boende"}
    )

    assert response.status_code == 302, errors(response)
    assert ShisReferral.objects.get().unit == setting["ekb"]
