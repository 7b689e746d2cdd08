"""Each kind of to-do item is listed exactly while it is due and leaves the list when done."""

import pytest

from brytupp.interventions.services import child_schooling_record, follow_up_record, placement_end
from brytupp.plans.services import plan_action_status_set
from brytupp.worklists.todo import todo_list
from tests import factories
from tests.worklists import given
from tests.worklists.given import TODAY, days

pytestmark = pytest.mark.django_db


def items(worker):
    page = todo_list(actor=worker, per_page=100)
    return [(row.kind, row.due, row.overdue, row.case.pk) for row in page.object_list]


@pytest.mark.parametrize(
    ("started_days_ago", "overdue", "days_left"),
    [(0, False, 7), (6, False, 1), (7, False, 0), (8, True, -1), (40, True, -33)],
)
def test_placement_follow_up_is_due_seven_days_after_the_start(
    worker, rvt, started_days_ago, overdue, days_left
):
    case = given.open_case(rvt, actor=worker)
    given.placement(case, started_days_ago=started_days_ago, actor=worker)

    [row] = todo_list(actor=worker).object_list

    assert row.kind == "placement_follow_up"
    assert row.due == TODAY - days(started_days_ago) + days(7)
    assert row.overdue is overdue
    assert row.days_left == days_left
    assert row.case == case


@pytest.mark.parametrize("dated_days_after_start", [0, 7, 20])
def test_any_follow_up_naming_the_placement_takes_it_off_the_list(
    worker, rvt, dated_days_after_start
):
    case = given.open_case(rvt, actor=worker)
    placement = given.placement(case, started_days_ago=30, actor=worker)
    assert items(worker) == [("placement_follow_up", TODAY - days(23), True, case.pk)]

    follow_up_record(
        actor=worker,
        case=case,
        placement=placement,
        date=placement.start + days(dated_days_after_start),
    )

    assert items(worker) == []


def test_a_follow_up_of_the_case_not_naming_the_placement_leaves_it_listed(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.placement(case, started_days_ago=3, actor=worker)

    follow_up_record(actor=worker, case=case, date=TODAY)

    assert items(worker) == [("placement_follow_up", TODAY + days(4), False, case.pk)]


def test_each_placed_child_without_schooling_is_one_item(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    placement = given.placement(case, started_days_ago=8, actor=worker, children=2)
    follow_up_record(actor=worker, case=case, placement=placement, date=TODAY)

    assert items(worker) == [
        ("child_schooling", TODAY - days(1), True, case.pk),
        ("child_schooling", TODAY - days(1), True, case.pk),
    ]


def test_recorded_schooling_takes_the_child_off_the_list(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    placement = given.placement(case, started_days_ago=7, actor=worker, children=2)
    follow_up_record(actor=worker, case=case, placement=placement, date=TODAY)
    first, _second = placement.children.order_by("pk")

    child_schooling_record(
        actor=worker, placed=first, schooling_start=TODAY, schooling_kind="school"
    )

    assert items(worker) == [("child_schooling", TODAY, False, case.pk)]


def test_schooling_is_no_longer_due_once_the_placement_has_ended(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    placement = given.placement(case, started_days_ago=10, actor=worker, children=1)
    follow_up_record(actor=worker, case=case, placement=placement, date=TODAY)

    placement_end(actor=worker, placement=placement, end=TODAY, end_reason="completed")

    assert items(worker) == []


@pytest.mark.parametrize(
    ("ends_in_days", "listed", "expired"),
    [(15, False, False), (14, True, False), (0, True, False), (-1, True, True), (-7, True, True)],
)
def test_a_decision_is_listed_from_14_days_before_its_end_until_7_days_after(
    worker, rvt, ends_in_days, listed, expired
):
    case = given.open_case(rvt, actor=worker)
    given.decision(case, ends_in_days=ends_in_days, actor=worker)

    # A decision past its end has run out ("Har löpt ut"): it is not overdue work.
    expected = [("decision_ending", TODAY + days(ends_in_days), False, case.pk)]
    assert items(worker) == (expected if listed else [])
    assert [row.expired for row in todo_list(actor=worker).object_list] == (
        [expired] if listed else []
    )


def test_a_decision_that_ended_8_days_ago_is_no_longer_listed(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.decision(case, ends_in_days=-8, actor=worker)

    assert items(worker) == []


def test_a_decision_ending_shows_its_intervention(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.decision(case, ends_in_days=3, actor=worker)

    [row] = todo_list(actor=worker).object_list

    assert row.detail == "Individual support talks"


@pytest.mark.parametrize(
    ("due_in_days", "listed", "overdue"),
    [(15, False, False), (14, True, False), (0, True, False), (-1, True, True), (-90, True, True)],
)
def test_an_open_plan_action_of_the_users_unit_is_listed_from_14_days_before_due(
    worker, rvt, due_in_days, listed, overdue
):
    case = given.open_case(rvt, actor=worker)
    given.action(case, rvt, due_in_days=due_in_days, actor=worker)

    expected = [("plan_action", TODAY + days(due_in_days), overdue, case.pk)]
    assert items(worker) == (expected if listed else [])


@pytest.mark.parametrize(
    ("status", "listed"), [("in_progress", True), ("done", False), ("cancelled", False)]
)
def test_a_plan_action_leaves_the_list_when_done_or_cancelled(worker, rvt, status, listed):
    case = given.open_case(rvt, actor=worker)
    action = given.action(case, rvt, due_in_days=2, actor=worker)

    plan_action_status_set(actor=worker, action=action, status=status)

    assert items(worker) == ([("plan_action", TODAY + days(2), False, case.pk)] if listed else [])


def test_a_plan_action_of_another_unit_in_the_case_is_not_the_users(worker, rvt, district):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    case = given.open_case(rvt, actor=worker)
    given.join(case, ekb, actor=worker)
    given.action(case, ekb, due_in_days=2, actor=worker)
    ekb_worker = factories.staff("handlaggare", ekb)

    assert items(worker) == []
    assert items(ekb_worker) == [("plan_action", TODAY + days(2), False, case.pk)]


def test_a_sip_follow_up_is_listed_until_a_later_sip_is_held(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.sip(case, held_days_ago=30, follow_up_in_days=-2, actor=worker)
    assert items(worker) == [("sip_follow_up", TODAY - days(2), True, case.pk)]

    given.sip(case, held_days_ago=1, actor=worker)

    assert items(worker) == []


def test_only_the_latest_sips_follow_up_is_listed(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.sip(case, held_days_ago=30, follow_up_in_days=-2, actor=worker)

    given.sip(case, held_days_ago=1, follow_up_in_days=10, actor=worker)

    assert items(worker) == [("sip_follow_up", TODAY + days(10), False, case.pk)]


def test_a_sip_follow_up_more_than_14_days_away_is_not_listed_yet(worker, rvt):
    case = given.open_case(rvt, actor=worker)

    given.sip(case, held_days_ago=1, follow_up_in_days=15, actor=worker)

    assert items(worker) == []


def test_a_closed_case_has_nothing_to_do(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.placement(case, started_days_ago=10, actor=worker, children=1)
    given.decision(case, ends_in_days=3, actor=worker)
    given.action(case, rvt, due_in_days=1, actor=worker)
    given.sip(case, held_days_ago=5, follow_up_in_days=1, actor=worker)
    assert len(items(worker)) == 5

    factories.closed_leaving_running(case)

    assert items(worker) == []


def test_rows_from_every_kind_come_in_one_list_by_due_date(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    given.placement(case, started_days_ago=10, actor=worker, children=1)
    given.decision(case, ends_in_days=5, actor=worker)
    given.action(case, rvt, due_in_days=1, actor=worker)
    given.sip(case, held_days_ago=5, follow_up_in_days=0, actor=worker)

    assert items(worker) == [
        ("child_schooling", TODAY - days(3), True, case.pk),
        ("placement_follow_up", TODAY - days(3), True, case.pk),
        ("sip_follow_up", TODAY, False, case.pk),
        ("plan_action", TODAY + days(1), False, case.pk),
        ("decision_ending", TODAY + days(5), False, case.pk),
    ]


@pytest.mark.parametrize(
    ("years", "extra_days", "listed"),
    [(6, 1, False), (6, 0, True), (18, 1, True), (18, 0, False)],
)
def test_schooling_is_asked_only_for_children_of_school_age(worker, rvt, years, extra_days, listed):
    """Aged 6 to 17 in completed years on the placement's first day (born ``years`` before
    the start, ``extra_days`` later)."""
    start = TODAY - days(8)
    born = start.replace(year=start.year - years) + days(extra_days)
    case = given.open_case(rvt, actor=worker)
    given.placement(case, started_days_ago=8, actor=worker, children=1, child_born=born)
    follow_up_record(actor=worker, case=case, date=start, placement=case.placements.get())

    assert [row[0] for row in items(worker)] == (["child_schooling"] if listed else [])
