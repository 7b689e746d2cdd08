"""The services behind work in a case: one success each, and every refusal leaving no trace."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.joint import meeting_record, needs_assessment_record
from brytupp.cases.models import CaseEvent, NeedsAssessment
from brytupp.cases.services import case_close, case_unit_invite, consent_record
from brytupp.housing.models import ShisReferral, is_permanent
from brytupp.housing.services import shis_referral_record
from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
from brytupp.interventions.services import (
    ChildPlaced,
    NewChild,
    child_schooling_record,
    decision_make,
    follow_up_record,
    placement_child_add,
    placement_end,
    placement_start,
)
from brytupp.people.models import Person
from brytupp.plans.models import Sip
from brytupp.plans.services import plan_action_add, plan_action_status_set, sip_record
from tests import factories

from .conftest import DAY, TODAY
from .support import state

pytestmark = pytest.mark.django_db


def refusal(write, **arguments):
    """Run a write that must be refused; assert nothing changed; the error."""
    before = state()
    with pytest.raises(ValidationError) as error:
        write(**arguments)
    assert state() == before
    return error.value


def event(case):
    latest = CaseEvent.objects.filter(case=case).latest("pk")
    return latest.kind, latest.actor, latest.unit, latest.day, latest.data


@pytest.fixture
def closed(setting):
    case_close(case=setting["case"], closed=TODAY, reason="goals_met")
    return setting


@pytest.fixture
def placement(setting):
    return placement_start(actor=setting["worker"], case=setting["case"], start=TODAY - 5 * DAY)


# --- joint: meetings and needs assessments -----------------------------------------------------


def test_meeting_is_recorded(setting):
    case, rvt, ekb = setting["case"], setting["rvt"], setting["ekb"]

    meeting = meeting_record(
        actor=setting["worker"],
        case=case,
        held=TODAY - DAY,
        units=[rvt, ekb],
        minutes=" Planering ",
        person_present=False,
    )

    assert (meeting.held, meeting.minutes, meeting.person_present, meeting.recorded_by) == (
        TODAY - DAY,
        "Planering",
        False,
        setting["worker"],
    )
    assert set(meeting.units.all()) == {rvt, ekb}
    assert event(case) == (
        "meeting_held",
        setting["worker"],
        rvt,
        TODAY - DAY,
        {"meeting": str(meeting.public_id)},
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"held": TODAY + DAY}, {"held": ["The date cannot be in the future."]}),
        (
            {"held": TODAY - 31 * DAY},
            {"held": ["A meeting cannot be held before the case opened."]},
        ),
        ({"units": []}, {"units": ["Name the units that took part."]}),
        ({"minutes": "  "}, {"minutes": ["This field cannot be blank."]}),
    ],
)
def test_meeting_refusals(setting, change, expected):
    arguments = {
        "actor": setting["worker"],
        "case": setting["case"],
        "held": TODAY,
        "units": [setting["rvt"]],
        "minutes": "Protokoll",
        **change,
    }

    assert refusal(meeting_record, **arguments).message_dict == expected


def test_meeting_with_a_unit_only_invited_is_refused(setting, district):
    invited = factories.UnitFactory(district=district, kind="barn_unga")
    consent_record(
        actor=None, case=setting["case"], given=TODAY, form="oral", purpose="Barn", units=[invited]
    )
    case_unit_invite(actor=None, case=setting["case"], unit=invited, invited=TODAY)

    error = refusal(
        meeting_record,
        actor=setting["worker"],
        case=setting["case"],
        held=TODAY,
        units=[setting["rvt"], invited],
        minutes="Protokoll",
    )

    assert error.message_dict == {"units": ["Only units taking part in the case can be recorded."]}


def test_meeting_in_a_closed_case_is_refused(closed):
    error = refusal(
        meeting_record,
        actor=closed["worker"],
        case=closed["case"],
        held=TODAY,
        units=[closed["rvt"]],
        minutes="Protokoll",
    )

    assert error.messages == ["The case is closed."]


def test_needs_assessment_is_the_acting_units_and_replaced_when_recorded_again(setting):
    case = setting["case"]
    needs_assessment_record(
        actor=setting["ekb_worker"], case=case, area="economy", short_term="A", long_term=""
    )

    assessment = needs_assessment_record(
        actor=setting["ekb_worker"], case=case, area="economy", short_term="", long_term=" B "
    )

    assert list(NeedsAssessment.objects.values_list("unit", "area", "short_term", "long_term")) == [
        (setting["ekb"].pk, "economy", "", "B")
    ]
    assert assessment.recorded_by == setting["ekb_worker"]
    assert event(case)[:3] == ("assessment_recorded", setting["ekb_worker"], setting["ekb"])
    assert event(case)[4] == {"area": "economy"}


def test_an_assessment_just_after_midnight_in_stockholm_is_dated_by_stockholms_day(setting):
    # 00:30 in Stockholm on 24 November is still 23:30 UTC on the 23rd.
    just_after = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=just_after):
        needs_assessment_record(
            actor=setting["ekb_worker"],
            case=setting["case"],
            area="economy",
            short_term="A",
            long_term="",
        )

    assert CaseEvent.objects.get(kind="assessment_recorded").day == datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("who", "change", "expected"),
    [
        (
            "worker",
            {"short_term": " ", "long_term": ""},
            "Write the short-term or the long-term need.",
        ),
        ("outsider", {}, "Your unit does not take part in the case."),
    ],
)
def test_needs_assessment_refusals(setting, who, change, expected):
    actor = (
        setting["worker"]
        if who == "worker"
        else factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))
    )
    arguments = {
        "actor": actor,
        "case": setting["case"],
        "area": "housing",
        "short_term": "Tak",
        "long_term": "",
        **change,
    }

    assert refusal(needs_assessment_record, **arguments).messages == [expected]


def test_needs_assessment_in_a_closed_case_is_refused(closed):
    error = refusal(
        needs_assessment_record,
        actor=closed["worker"],
        case=closed["case"],
        area="housing",
        short_term="Tak",
        long_term="",
    )

    assert error.messages == ["The case is closed."]


# --- plans: plan actions and SIPs ----------------------------------------------------------------


def test_plan_action_is_added_and_its_status_changed(setting):
    case = setting["case"]

    action = plan_action_add(
        actor=setting["worker"],
        case=case,
        description=" Boka möte ",
        responsible_unit=setting["ekb"],
        due=TODAY + 7 * DAY,
    )
    plan_action_status_set(actor=setting["ekb_worker"], action=action, status="in_progress")

    action.refresh_from_db()
    assert (action.description, action.responsible_unit, action.due, action.status) == (
        "Boka möte",
        setting["ekb"],
        TODAY + 7 * DAY,
        "in_progress",
    )
    assert event(case) == (
        "plan_action_changed",
        setting["ekb_worker"],
        setting["ekb"],
        TODAY,
        {"status": "in_progress", "action": str(action.public_id)},
    )


def test_plan_action_for_a_unit_not_taking_part_is_refused(setting, district):
    outside = factories.UnitFactory(district=district, kind="familjeratt")

    error = refusal(
        plan_action_add,
        actor=setting["worker"],
        case=setting["case"],
        description="Boka möte",
        responsible_unit=outside,
        due=TODAY,
    )

    assert error.message_dict == {
        "responsible_unit": ["The responsible unit must take part in the case."]
    }


def test_plan_action_without_a_description_is_refused(setting):
    error = refusal(
        plan_action_add,
        actor=setting["worker"],
        case=setting["case"],
        description="  ",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )

    assert error.message_dict == {"description": ["This field cannot be blank."]}


def test_plan_action_in_a_closed_case_is_refused(closed):
    error = refusal(
        plan_action_add,
        actor=closed["worker"],
        case=closed["case"],
        description="Boka möte",
        responsible_unit=closed["rvt"],
        due=TODAY,
    )

    assert error.messages == ["The case is closed."]


def test_plan_action_status_outside_the_list_is_refused(setting):
    action = plan_action_add(
        actor=None,
        case=setting["case"],
        description="X",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )

    error = refusal(plan_action_status_set, actor=setting["worker"], action=action, status="lost")

    assert error.message_dict == {"status": ["Value 'lost' is not a valid choice."]}
    action.refresh_from_db()
    assert action.status == "planned"


def test_plan_action_status_in_a_closed_case_is_refused(setting):
    action = plan_action_add(
        actor=None,
        case=setting["case"],
        description="X",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )
    factories.closed_leaving_running(setting["case"])

    error = refusal(plan_action_status_set, actor=setting["worker"], action=action, status="done")

    assert error.messages == ["The case is closed."]


def test_sip_is_recorded(setting):
    case = setting["case"]

    sip = sip_record(
        actor=setting["worker"],
        case=case,
        date=TODAY - DAY,
        participants=[" Husläkare ", "", "RVT"],
        responsible=" Regionen ",
        next_follow_up=TODAY - DAY,
    )

    assert (sip.date, sip.participants, sip.responsible, sip.next_follow_up, sip.unit) == (
        TODAY - DAY,
        ["Husläkare", "RVT"],
        "Regionen",
        TODAY - DAY,
        setting["rvt"],
    )
    assert event(case) == (
        "sip_held",
        setting["worker"],
        setting["rvt"],
        TODAY - DAY,
        {"next_follow_up": (TODAY - DAY).isoformat()},
    )
    assert Sip.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"date": TODAY + DAY}, {"date": ["The date cannot be in the future."]}),
        (
            {"next_follow_up": TODAY - 2 * DAY},
            {"next_follow_up": ["The next follow-up cannot come before the SIP."]},
        ),
    ],
)
def test_sip_refusals(setting, change, expected):
    arguments = {
        "actor": setting["worker"],
        "case": setting["case"],
        "date": TODAY - DAY,
        "participants": ["A"],
        "responsible": "B",
        **change,
    }

    assert refusal(sip_record, **arguments).message_dict == expected


def test_sip_in_a_closed_case_is_refused(closed):
    error = refusal(
        sip_record,
        actor=closed["worker"],
        case=closed["case"],
        date=TODAY,
        participants=["A"],
        responsible="B",
    )

    assert error.messages == ["The case is closed."]


# --- housing: SHIS referrals and permanent housing --------------------------------------------------


def test_shis_referral_is_recorded(setting):
    referral = shis_referral_record(
        actor=setting["ekb_worker"], case=setting["case"], date=TODAY, kind="genomgangsbostad"
    )

    assert list(ShisReferral.objects.values_list("date", "kind", "unit")) == [
        (TODAY, "genomgangsbostad", setting["ekb"].pk)
    ]
    assert referral.case == setting["case"]
    assert event(setting["case"]) == (
        "shis_referral",
        setting["ekb_worker"],
        setting["ekb"],
        TODAY,
        {"referral_kind": "genomgangsbostad"},
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"date": TODAY + DAY}, {"date": ["The date cannot be in the future."]}),
        ({"kind": "slott"}, {"kind": ["Value 'slott' is not a valid choice."]}),
    ],
)
def test_shis_referral_refusals(setting, change, expected):
    arguments = {
        "actor": setting["worker"],
        "case": setting["case"],
        "date": TODAY,
        "kind": "mellanbo",
        **change,
    }

    assert refusal(shis_referral_record, **arguments).message_dict == expected


def test_shis_referral_in_a_closed_case_is_refused(closed):
    error = refusal(
        shis_referral_record,
        actor=closed["worker"],
        case=closed["case"],
        date=TODAY,
        kind="mellanbo",
    )

    assert error.messages == ["The case is closed."]


@pytest.mark.parametrize(
    ("housing", "months", "expected"),
    [
        ("first_hand", 6, True),
        ("second_hand", 12, True),
        ("shis", 6, True),
        ("lodger", 6, True),
        ("priority_allocation", 6, True),
        ("first_hand", 5, False),
        ("first_hand", None, False),
        ("temporary", 24, False),
        ("protected", 24, False),
        ("with_perpetrator", 24, False),
        ("relatives", 24, False),
        ("unknown", 24, False),
        ("", 24, False),
        (None, None, False),
    ],
)
def test_permanent_housing_is_one_of_five_types_for_six_months_or_more(housing, months, expected):
    assert is_permanent(housing, months) is expected


# --- interventions: decisions ---------------------------------------------------------------------


def test_decision_is_made_by_the_acting_unit(setting):
    case = setting["case"]

    decision = decision_make(
        actor=setting["worker"],
        case=case,
        intervention="skyddat_boende",
        decided=TODAY - 2 * DAY,
        start=TODAY - DAY,
        end=TODAY + 12 * DAY,
        provider_name=" Jouren ",
    )

    assert (
        decision.decided_by,
        decision.decided,
        decision.start,
        decision.end,
        decision.provider,
        decision.provider_name,
        decision.period_days,
        decision.is_short_protected_housing,
    ) == (setting["rvt"], TODAY - 2 * DAY, TODAY - DAY, TODAY + 12 * DAY, None, "Jouren", 14, True)
    assert event(case) == (
        "decision_made",
        setting["worker"],
        setting["rvt"],
        TODAY - 2 * DAY,
        {
            "intervention": "skyddat_boende",
            "start": (TODAY - DAY).isoformat(),
            "end": (TODAY + 12 * DAY).isoformat(),
        },
    )


@pytest.mark.parametrize(
    ("intervention", "days", "short"),
    [
        ("skyddat_boende", 1, True),
        ("skyddat_boende", 14, True),
        ("skyddat_boende", 15, False),
        ("skyddat_boende", None, False),
        ("tillfalligt_boende", 7, False),
    ],
)
def test_short_protected_housing_is_14_days_or_less(intervention, days, short):
    start = datetime.date(2025, 3, 1)
    end = None if days is None else start + (days - 1) * DAY
    decision = Decision(intervention=intervention, decided=start, start=start, end=end)

    assert (decision.period_days, decision.is_short_protected_housing) == (days, short)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"decided": TODAY + DAY}, {"decided": ["The date cannot be in the future."]}),
        ({"end": TODAY - 2 * DAY}, {"end": ["The end cannot be before the start."]}),
        (
            {"intervention": "trolleri"},
            {"intervention": ["Value 'trolleri' is not a valid choice."]},
        ),
    ],
)
def test_decision_refusals(setting, change, expected):
    arguments = {
        "actor": setting["worker"],
        "case": setting["case"],
        "intervention": "radgivning",
        "decided": TODAY,
        "start": TODAY - DAY,
        **change,
    }

    assert refusal(decision_make, **arguments).message_dict == expected


def test_decision_in_a_closed_case_is_refused(closed):
    error = refusal(
        decision_make,
        actor=closed["worker"],
        case=closed["case"],
        intervention="radgivning",
        decided=TODAY,
        start=TODAY,
    )

    assert error.messages == ["The case is closed."]


# --- interventions: placements and children ---------------------------------------------------------


def test_placement_starts_with_the_children(setting):
    case = setting["case"]
    decision = decision_make(
        actor=setting["worker"],
        case=case,
        intervention="skyddat_boende",
        decided=TODAY,
        start=TODAY,
    )

    placement = placement_start(
        actor=setting["worker"],
        case=case,
        start=TODAY - DAY,
        provider=" Jouren ",
        decision=decision,
        children=[
            ChildPlaced(child=setting["child"], schooling_start=TODAY, schooling_kind="school")
        ],
    )

    assert (placement.start, placement.provider, placement.decision, placement.end) == (
        TODAY - DAY,
        "Jouren",
        decision,
        None,
    )
    assert placement.follow_up_due == TODAY + 6 * DAY
    assert list(
        PlacementChild.objects.values_list("child", "schooling_start", "schooling_kind")
    ) == [(setting["child"].pk, TODAY, "school")]
    kinds = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("kind", "data"))
    assert kinds[-2:] == [
        ("placement_started", {"placement": str(placement.public_id)}),
        (
            "child_placed",
            {"child": str(setting["child"].public_id), "schooling_start": TODAY.isoformat()},
        ),
    ]


def test_placement_refusals(setting):
    other_case = factories.case(unit=factories.UnitFactory(kind="rvt"))
    foreign = decision_make(
        actor=None,
        case=other_case,
        intervention="skyddat_boende",
        decided=TODAY,
        start=TODAY,
        decided_by=other_case.lead_unit,
    )
    base = {"actor": setting["worker"], "case": setting["case"], "start": TODAY}

    future = refusal(placement_start, **{**base, "start": TODAY + DAY})
    elsewhere = refusal(placement_start, **{**base, "decision": foreign})
    the_adult = refusal(
        placement_start, **{**base, "children": [ChildPlaced(child=setting["person"])]}
    )

    assert future.message_dict == {"start": ["The date cannot be in the future."]}
    assert elsewhere.message_dict == {"decision": ["The decision belongs to another case."]}
    assert the_adult.message_dict == {"child": ["The child cannot be the placed adult."]}
    assert Placement.objects.filter(case=setting["case"]).count() == 0


def test_placement_in_a_closed_case_is_refused(closed):
    error = refusal(placement_start, actor=closed["worker"], case=closed["case"], start=TODAY)

    assert error.messages == ["The case is closed."]


NEW_CHILD = NewChild(
    first_name="Nyan", last_name="Påhittadsson", birth_date=datetime.date(2022, 2, 2)
)


def test_placement_starts_with_a_new_child_registered_as_the_persons_child(setting):
    case, worker = setting["case"], setting["worker"]

    placement = placement_start(
        actor=worker,
        case=case,
        start=TODAY - DAY,
        children=[ChildPlaced(child=setting["child"])],
        new_child=NEW_CHILD,
    )

    newborn = Person.objects.get(first_name="Nyan")
    assert (newborn.birth_date, newborn.gender, list(newborn.guardians.all())) == (
        datetime.date(2022, 2, 2),
        "unknown",
        [setting["person"]],
    )
    assert list(placement.children.order_by("pk").values_list("child", flat=True)) == [
        setting["child"].pk,
        newborn.pk,
    ]
    registered = AccessLogEntry.objects.get(person_public_id=newborn.public_id, kind="change")
    assert (registered.case_public_id, registered.user_public_id) == (
        case.public_id,
        worker.public_id,
    )


def test_a_refused_placement_leaves_no_new_child(setting):
    entries = AccessLogEntry.objects.count()
    base = {"actor": setting["worker"], "case": setting["case"], "new_child": NEW_CHILD}

    future = refusal(placement_start, **base, start=TODAY + DAY)
    # Refused after the new child was registered: the registration is undone with it.
    the_adult = refusal(
        placement_start,
        **base,
        start=TODAY - DAY,
        children=[ChildPlaced(child=setting["person"])],
    )

    assert future.message_dict == {"start": ["The date cannot be in the future."]}
    assert the_adult.message_dict == {"child": ["The child cannot be the placed adult."]}
    assert not Person.objects.filter(first_name="Nyan").exists()
    assert AccessLogEntry.objects.count() == entries


def test_a_new_child_is_registered_and_added_to_a_placement(setting, placement):
    placed = placement_child_add(actor=setting["worker"], placement=placement, new_child=NEW_CHILD)

    newborn = Person.objects.get(first_name="Nyan")
    assert (placed.placement, placed.child) == (placement, newborn)
    assert list(newborn.guardians.all()) == [setting["person"]]


def test_a_refused_child_leaves_no_new_child(setting, placement):
    factories.closed_leaving_running(setting["case"])
    entries = AccessLogEntry.objects.count()

    closed = refusal(
        placement_child_add, actor=setting["worker"], placement=placement, new_child=NEW_CHILD
    )

    assert closed.messages == ["The case is closed."]
    assert AccessLogEntry.objects.count() == entries


def test_a_child_to_add_is_one_registered_or_one_new(setting, placement):
    both = refusal(
        placement_child_add,
        actor=setting["worker"],
        placement=placement,
        child=setting["child"],
        new_child=NEW_CHILD,
    )
    neither = refusal(placement_child_add, actor=setting["worker"], placement=placement)

    assert both.messages == ["Choose a registered child or register a new one, not both."]
    assert neither.messages == ["Choose a child or register a new one."]


def test_a_child_is_added_to_a_placement(setting, placement):
    placed = placement_child_add(
        actor=setting["ekb_worker"], placement=placement, child=setting["child"]
    )

    assert (placed.placement, placed.child, placed.schooling_start, placed.schooling_kind) == (
        placement,
        setting["child"],
        None,
        "",
    )
    assert event(setting["case"]) == (
        "child_placed",
        setting["ekb_worker"],
        setting["ekb"],
        TODAY - 5 * DAY,
        {"child": str(setting["child"].public_id), "schooling_start": None},
    )


def test_child_refusals(setting, placement):
    placement_child_add(actor=None, placement=placement, child=setting["child"])
    second = factories.person(first_name="Tvåan", birth_date=datetime.date(2020, 1, 1))

    the_adult = refusal(
        placement_child_add, actor=None, placement=placement, child=setting["person"]
    )
    twice = refusal(placement_child_add, actor=None, placement=placement, child=setting["child"])
    no_kind = refusal(
        placement_child_add, actor=None, placement=placement, child=second, schooling_start=TODAY
    )

    assert the_adult.message_dict == {"child": ["The child cannot be the placed adult."]}
    assert twice.message_dict == {"child": ["The child is already recorded in this placement."]}
    assert no_kind.message_dict == {
        "schooling_kind": ["State whether the schooling is at a school or with Lärteamet."]
    }


def test_child_added_in_a_closed_case_is_refused(setting, placement):
    factories.closed_leaving_running(setting["case"])

    error = refusal(placement_child_add, actor=None, placement=placement, child=setting["child"])

    assert error.messages == ["The case is closed."]


def test_child_schooling_is_recorded(setting, placement):
    placed = placement_child_add(actor=None, placement=placement, child=setting["child"])

    child_schooling_record(
        actor=setting["worker"], placed=placed, schooling_start=TODAY, schooling_kind="larteamet"
    )

    placed.refresh_from_db()
    assert (placed.schooling_start, placed.schooling_kind) == (TODAY, "larteamet")
    assert event(setting["case"]) == (
        "child_schooling_started",
        setting["worker"],
        setting["rvt"],
        TODAY,
        {"child": str(setting["child"].public_id), "schooling_kind": "larteamet"},
    )


def test_child_schooling_refusals(setting, placement):
    placed = placement_child_add(actor=None, placement=placement, child=setting["child"])
    base = {"actor": setting["worker"], "placed": placed, "schooling_kind": "school"}

    future = refusal(child_schooling_record, **{**base, "schooling_start": TODAY + DAY})
    no_kind = refusal(
        child_schooling_record, **{**base, "schooling_start": TODAY, "schooling_kind": ""}
    )

    assert future.message_dict == {"schooling_start": ["The date cannot be in the future."]}
    assert no_kind.message_dict == {
        "schooling_kind": ["State whether the schooling is at a school or with Lärteamet."]
    }


def test_child_schooling_in_a_closed_case_is_refused(setting, placement):
    placed = placement_child_add(actor=None, placement=placement, child=setting["child"])
    factories.closed_leaving_running(setting["case"])

    error = refusal(
        child_schooling_record,
        actor=setting["worker"],
        placed=placed,
        schooling_start=TODAY,
        schooling_kind="school",
    )

    assert error.messages == ["The case is closed."]


def test_placement_ends_with_the_next_housing(setting, placement):
    placement_end(
        actor=setting["worker"],
        placement=placement,
        end=TODAY,
        end_reason="completed",
        next_housing_type="shis",
        next_housing_contract_months=6,
    )

    placement.refresh_from_db()
    assert (
        placement.end,
        placement.end_reason,
        placement.next_housing_type,
        placement.next_housing_contract_months,
    ) == (TODAY, "completed", "shis", 6)
    assert is_permanent(placement.next_housing_type, placement.next_housing_contract_months)
    assert event(setting["case"]) == (
        "placement_ended",
        setting["worker"],
        setting["rvt"],
        TODAY,
        {"end_reason": "completed", "next_housing_type": "shis", "next_housing_contract_months": 6},
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"end": TODAY + DAY}, {"end": ["The date cannot be in the future."]}),
        ({"end": TODAY - 6 * DAY}, {"end": ["The end cannot be before the start."]}),
        ({"end_reason": ""}, {"end_reason": ["State why the placement ended."]}),
        (
            {"next_housing_contract_months": 12},
            {"next_housing_type": ["State the kind of housing the contract is for."]},
        ),
    ],
)
def test_placement_end_refusals(setting, placement, change, expected):
    arguments = {
        "actor": setting["worker"],
        "placement": placement,
        "end": TODAY,
        "end_reason": "aborted",
        **change,
    }

    assert refusal(placement_end, **arguments).message_dict == expected


def test_placement_ended_twice_is_refused(setting, placement):
    placement_end(actor=None, placement=placement, end=TODAY - DAY, end_reason="aborted")

    error = refusal(
        placement_end, actor=None, placement=placement, end=TODAY, end_reason="completed"
    )

    assert error.messages == ["The placement has already ended."]
    placement.refresh_from_db()
    assert (placement.end, placement.end_reason) == (TODAY - DAY, "aborted")


def test_a_placement_is_ended_after_its_case_closed(setting, placement):
    factories.closed_leaving_running(setting["case"])

    placement_end(actor=None, placement=placement, end=TODAY, end_reason="aborted")

    placement.refresh_from_db()
    assert (placement.end, placement.end_reason) == (TODAY, "aborted")
    assert event(setting["case"])[0] == "placement_ended"


# --- interventions: follow-ups ---------------------------------------------------------------------


def test_follow_up_is_recorded(setting, placement):
    case = setting["case"]
    decision = decision_make(
        actor=setting["worker"], case=case, intervention="radgivning", decided=TODAY, start=TODAY
    )

    follow_up = follow_up_record(
        actor=setting["ekb_worker"],
        case=case,
        date=TODAY,
        placement=placement,
        decision=decision,
        goal_achieved=False,
        improved_situation=True,
        note=" Bättre ",
    )

    assert (
        follow_up.placement,
        follow_up.decision,
        follow_up.goal_achieved,
        follow_up.improved_situation,
        follow_up.note,
        follow_up.unit,
    ) == (placement, decision, False, True, "Bättre", setting["ekb"])
    assert event(case) == (
        "follow_up_recorded",
        setting["ekb_worker"],
        setting["ekb"],
        TODAY,
        {
            "goal_achieved": False,
            "improved_situation": True,
            "placement": str(placement.public_id),
            "decision": str(decision.public_id),
        },
    )
    assert FollowUp.objects.count() == 1


def test_follow_up_refusals(setting, placement):
    other_case = factories.case(unit=factories.UnitFactory(kind="rvt"))
    foreign_placement = placement_start(actor=None, case=other_case, start=TODAY)
    foreign_decision = decision_make(
        actor=None,
        case=other_case,
        intervention="radgivning",
        decided=TODAY,
        start=TODAY,
        decided_by=other_case.lead_unit,
    )
    base = {"actor": setting["worker"], "case": setting["case"], "date": TODAY}

    future = refusal(follow_up_record, **{**base, "date": TODAY + DAY})
    before = refusal(follow_up_record, **{**base, "date": TODAY - 6 * DAY, "placement": placement})
    placement_elsewhere = refusal(follow_up_record, **{**base, "placement": foreign_placement})
    decision_elsewhere = refusal(follow_up_record, **{**base, "decision": foreign_decision})

    assert future.message_dict == {"date": ["The date cannot be in the future."]}
    assert before.message_dict == {
        "date": ["A follow-up cannot come before the placement started."]
    }
    assert placement_elsewhere.message_dict == {"placement": ["It belongs to another case."]}
    assert decision_elsewhere.message_dict == {"decision": ["It belongs to another case."]}


def test_follow_up_in_a_closed_case_is_refused(closed):
    error = refusal(follow_up_record, actor=closed["worker"], case=closed["case"], date=TODAY)

    assert error.messages == ["The case is closed."]
