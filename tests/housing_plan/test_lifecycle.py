"""The housing plan's checklist (decision 0046): made from the city's steps and the
district's own, each step changed in place with its version, marked done; every refusal
writes nothing."""

import pytest
from django.core.exceptions import ValidationError

from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent
from brytupp.concurrency import ChangedSinceOpened
from brytupp.housing.models import HousingPlan, HousingPlanStep, HousingStepTemplate
from brytupp.housing.plan import housing_plan_open, housing_step_done, housing_step_update
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db

CITY_STEPS = [
    "housing_queue",
    "priority_allocation",
    "shis_application",
    "training_flat",
    "debts_checked",
    "debt_plan",
    "rent_guarantee",
    "references",
]


def steps_of(plan):
    return [step.template.code for step in plan.steps.select_related("template")]


def step(plan, code) -> HousingPlanStep:
    return plan.steps.get(template__code=code)


def events(case, kind):
    return list(CaseEvent.objects.filter(case=case, kind=kind).values_list("data", flat=True))


def test_a_plan_is_made_from_the_city_checklist(world):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])

    assert steps_of(plan) == CITY_STEPS
    assert plan.created == TODAY
    assert events(world["case"], EventKind.HOUSING_PLAN_OPENED) == [
        {"placement": str(world["placement"].public_id)}
    ]


def test_opening_the_plan_again_makes_nothing_more(world):
    first = housing_plan_open(actor=world["worker"], placement=world["placement"])

    again = housing_plan_open(actor=world["worker"], placement=world["placement"])

    assert again == first
    assert HousingPlanStep.objects.count() == 8
    assert len(events(world["case"], EventKind.HOUSING_PLAN_OPENED)) == 1


def test_a_district_replaces_deactivates_and_adds_steps(world):
    district = world["district"]
    HousingStepTemplate.objects.create(
        code="references", label="Referenser från hyresvärd", order=5, district=district
    )
    HousingStepTemplate.objects.create(
        code="training_flat", label="Träningslägenhet", order=40, district=district, active=False
    )
    HousingStepTemplate.objects.create(
        code="budget_advice", label="Budgetrådgivning", order=65, district=district
    )
    other = factories.DistrictFactory()
    HousingStepTemplate.objects.create(code="elsewhere", label="Annat", order=1, district=other)

    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])

    assert steps_of(plan) == [
        "references",
        "housing_queue",
        "priority_allocation",
        "shis_application",
        "debts_checked",
        "debt_plan",
        "budget_advice",
        "rent_guarantee",
    ]
    assert step(plan, "references").template.label == "Referenser från hyresvärd"


def test_a_priority_allocation_goes_from_submitted_to_granted_and_done(world):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    priority = step(plan, "priority_allocation")

    housing_step_update(
        actor=world["worker"],
        step=priority,
        responsible_unit=world["rvt"],
        responsible_partner="",
        due=TODAY + 10 * DAY,
        done=None,
        submitted=TODAY - 3 * DAY,
        note=" Intyg bifogat ",
        version=1,
    )
    housing_step_update(
        actor=world["worker"],
        step=priority,
        responsible_unit=world["rvt"],
        responsible_partner="",
        due=TODAY + 10 * DAY,
        done=None,
        submitted=TODAY - 3 * DAY,
        outcome="granted",
        outcome_date=TODAY - DAY,
        note="Intyg bifogat",
        version=2,
    )
    housing_step_done(actor=world["worker"], step=priority, day=TODAY, version=3)

    priority.refresh_from_db()
    assert (
        priority.responsible_unit,
        priority.due,
        priority.submitted,
        priority.outcome,
        priority.outcome_date,
        priority.done,
        priority.note,
        priority.version,
    ) == (
        world["rvt"],
        TODAY + 10 * DAY,
        TODAY - 3 * DAY,
        "granted",
        TODAY - DAY,
        TODAY,
        "Intyg bifogat",
        4,
    )
    assert events(world["case"], EventKind.HOUSING_STEP_CHANGED) == [
        {"step": "priority_allocation", "done": None, "outcome": ""},
        {"step": "priority_allocation", "done": None, "outcome": "granted"},
        {"step": "priority_allocation", "done": TODAY.isoformat(), "outcome": "granted"},
    ]


def test_a_partner_can_be_responsible(world):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    queue = step(plan, "housing_queue")

    housing_step_update(
        actor=world["worker"],
        step=queue,
        responsible_unit=None,
        responsible_partner="Bostadsförmedlingen",
        due=TODAY,
        done=None,
        version=1,
    )

    queue.refresh_from_db()
    assert (queue.responsible_unit, queue.responsible_partner) == (None, "Bostadsförmedlingen")


def _refusal(world, code, **changes):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    target = step(plan, code)
    values = {
        "responsible_unit": None,
        "responsible_partner": "",
        "due": TODAY,
        "done": None,
        "version": 1,
        **changes,
    }
    with pytest.raises(ValidationError) as refused:
        housing_step_update(actor=world["worker"], step=target, **values)
    target.refresh_from_db()
    assert (target.version, target.due, target.outcome) == (1, None, "")
    assert events(world["case"], EventKind.HOUSING_STEP_CHANGED) == []
    return refused.value.message_dict


def test_a_plain_step_has_no_outcome(world):
    errors = _refusal(
        world, "rent_guarantee", submitted=TODAY, outcome="granted", outcome_date=TODAY
    )

    assert errors == {"outcome": ["Only an application has an outcome."]}


def test_an_outcome_needs_its_date_and_the_application(world):
    errors = _refusal(world, "shis_application", outcome="refused")

    assert errors == {
        "outcome_date": ["Give the date of the outcome."],
        "submitted": ["Give the date the application was submitted."],
    }


def test_the_outcome_cannot_come_before_the_application(world):
    errors = _refusal(
        world,
        "shis_application",
        submitted=TODAY - DAY,
        outcome="refused",
        outcome_date=TODAY - 2 * DAY,
    )

    assert errors == {"outcome_date": ["The outcome cannot come before the application."]}


def test_the_responsible_unit_must_take_part(world):
    errors = _refusal(world, "housing_queue", responsible_unit=world["other"])

    assert errors == {"responsible_unit": ["The responsible unit must take part in the case."]}


def test_a_unit_and_a_partner_are_not_both_responsible(world):
    errors = _refusal(
        world, "housing_queue", responsible_unit=world["rvt"], responsible_partner="SHIS"
    )

    assert errors == {"responsible_partner": ["Name a unit or a partner, not both."]}


def test_a_step_done_in_the_future_is_refused(world):
    errors = _refusal(world, "housing_queue", done=TODAY + DAY)

    assert errors == {"done": ["The date cannot be in the future."]}


def test_a_step_changed_since_the_form_was_opened_is_not_overwritten(world):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    queue = step(plan, "housing_queue")
    housing_step_done(actor=world["ekb_worker"], step=queue, day=TODAY, version=1)

    with pytest.raises(ChangedSinceOpened):
        housing_step_update(
            actor=world["worker"],
            step=step(plan, "housing_queue"),
            responsible_unit=None,
            responsible_partner="",
            due=TODAY + DAY,
            done=None,
            version=1,
        )

    queue.refresh_from_db()
    assert (queue.done, queue.due, queue.version) == (TODAY, None, 2)
    assert len(events(world["case"], EventKind.HOUSING_STEP_CHANGED)) == 1


def test_a_closed_case_gets_no_new_plan(world):
    factories.closed_leaving_running(world["case"])

    with pytest.raises(ValidationError):
        housing_plan_open(actor=world["worker"], placement=world["placement"])

    assert HousingPlan.objects.count() == 0
