"""A housing plan's step in Att göra (decision 0046): from 14 days before its due date until
it is done, for the responsible unit, or the lead unit when a partner is responsible."""

import pytest
from django.urls import reverse

from brytupp.housing.models import HousingPlanStep
from brytupp.housing.plan import housing_plan_open, housing_step_done, housing_step_update
from brytupp.interventions.services import placement_end
from brytupp.worklists.todo import TodoFilter, TodoKind, todo_list
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def housing_items(actor):
    page = todo_list(actor=actor, filters=TodoFilter(kind=TodoKind.HOUSING_STEP), today=TODAY)
    return [(row.detail, row.due, row.overdue, row.item_url) for row in page.object_list]


def plan_step(world, code, *, unit=None, partner="", due):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    step = plan.steps.get(template__code=code)
    housing_step_update(
        actor=world["worker"],
        step=step,
        responsible_unit=unit,
        responsible_partner=partner,
        due=due,
        done=None,
        version=1,
    )
    return step


def url(world, step):
    return reverse(
        "cases:housing_step_change",
        args=[world["case"].public_id, world["placement"].public_id, step.public_id],
    )


def test_a_late_step_is_overdue_for_the_responsible_unit_only(world):
    step = plan_step(world, "debts_checked", unit=world["ekb"], due=TODAY - 2 * DAY)

    assert housing_items(world["ekb_worker"]) == [
        (
            "Skulder och betalningsanmärkningar kontrollerade hos Kronofogden",
            TODAY - 2 * DAY,
            True,
            url(world, step),
        )
    ]
    assert housing_items(world["worker"]) == []


def test_a_partners_step_is_the_lead_units(world):
    step = plan_step(world, "housing_queue", partner="Bostadsförmedlingen", due=TODAY + 14 * DAY)

    assert housing_items(world["worker"]) == [
        ("Inskriven i bostadskön (Bostadsförmedlingen)", TODAY + 14 * DAY, False, url(world, step))
    ]
    assert housing_items(world["ekb_worker"]) == []


def test_a_step_more_than_14_days_away_is_not_listed_yet(world):
    plan_step(world, "housing_queue", unit=world["rvt"], due=TODAY + 15 * DAY)

    assert housing_items(world["worker"]) == []


def test_a_step_without_a_due_date_is_not_listed(world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])

    assert housing_items(world["worker"]) == []


def test_a_step_marked_done_leaves_the_list(world):
    step = plan_step(world, "references", unit=world["rvt"], due=TODAY - DAY)

    housing_step_done(actor=world["worker"], step=step, day=TODAY, version=2)

    assert housing_items(world["worker"]) == []


def test_the_steps_are_moot_once_the_placement_has_ended(world):
    plan_step(world, "references", unit=world["rvt"], due=TODAY - DAY)

    placement_end(
        actor=world["worker"], placement=world["placement"], end=TODAY, end_reason="completed"
    )

    assert housing_items(world["worker"]) == []
    assert HousingPlanStep.objects.get(template__code="references").done is None


def test_a_closed_case_has_no_housing_step_to_do(world):
    plan_step(world, "references", unit=world["rvt"], due=TODAY - DAY)
    factories.closed_leaving_running(world["case"])

    assert housing_items(world["worker"]) == []
