"""The housing plan's pages (decision 0046): reached from the placement on the case page,
made with a POST, a step changed or marked done by a unit taking part. A unit taking no part
gets the same 404 as for a case that does not exist, and nothing is written."""

import uuid

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import CaseEvent
from brytupp.housing.models import HousingPlan, HousingPlanStep
from brytupp.housing.plan import housing_plan_open
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def plan_url(world):
    return reverse(
        "cases:housing_plan", args=[world["case"].public_id, world["placement"].public_id]
    )


def step_urls(world, code):
    step = HousingPlanStep.objects.get(plan__placement=world["placement"], template__code=code)
    args = [world["case"].public_id, world["placement"].public_id, step.public_id]
    return reverse("cases:housing_step_change", args=args), reverse(
        "cases:housing_step_done", args=args
    )


def test_the_case_page_links_each_placement_to_its_housing_plan(client, world):
    factories.sign_in(client, world["worker"])

    page = client.get(reverse("cases:detail", args=[world["case"].public_id])).content.decode()

    assert f'href="{plan_url(world)}"' in page


def test_reading_a_placement_without_a_plan_makes_nothing(client, world):
    factories.sign_in(client, world["ekb_worker"])

    response = client.get(plan_url(world))

    assert response.status_code == 200
    assert "Make the housing plan" in response.content.decode()
    assert HousingPlan.objects.count() == 0


def test_a_unit_taking_part_makes_the_plan_and_sees_its_steps(client, world):
    factories.sign_in(client, world["ekb_worker"])
    form = client.get(plan_url(world)).context["make_form"]

    response = client.post(plan_url(world), {"submission": form["submission"].initial})

    assert response.status_code == 302
    page = client.get(plan_url(world)).content.decode()
    assert "The housing plan is made." in page
    assert "Ansökan om förtur" in page
    assert HousingPlanStep.objects.filter(plan__placement=world["placement"]).count() == 8


def test_priority_allocation_granted_through_the_form(client, world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])
    factories.sign_in(client, world["worker"])
    change, _done = step_urls(world, "priority_allocation")

    response = client.post(
        change,
        {
            "responsible_unit": world["rvt"].code,
            "due": (TODAY + 7 * DAY).isoformat(),
            "submitted": (TODAY - 5 * DAY).isoformat(),
            "outcome": "granted",
            "outcome_date": TODAY.isoformat(),
            "note": "",
            "version": "1",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == plan_url(world)
    step = HousingPlanStep.objects.get(template__code="priority_allocation")
    assert (step.outcome, step.outcome_date, step.responsible_unit) == (
        "granted",
        TODAY,
        world["rvt"],
    )


def test_a_plain_step_is_not_asked_for_an_outcome(client, world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])
    factories.sign_in(client, world["worker"])
    change, _done = step_urls(world, "rent_guarantee")

    form = client.get(change).context["form"]

    assert list(form.fields) == [
        "version",
        "responsible_unit",
        "responsible_partner",
        "due",
        "done",
        "note",
    ]


def test_mark_done(client, world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])
    factories.sign_in(client, world["worker"])
    _change, done = step_urls(world, "references")

    response = client.post(done, {"version": "1"})

    assert response.status_code == 302
    assert HousingPlanStep.objects.get(template__code="references").done == TODAY


def test_mark_done_on_an_old_page_does_nothing(client, world):
    plan = housing_plan_open(actor=world["worker"], placement=world["placement"])
    HousingPlanStep.objects.filter(plan=plan).update(version=2)
    factories.sign_in(client, world["worker"])
    _change, done = step_urls(world, "references")

    client.post(done, {"version": "1"})

    assert HousingPlanStep.objects.get(template__code="references").done is None


def _nothing_written(world, before_events):
    assert CaseEvent.objects.filter(case=world["case"]).count() == before_events
    assert not AccessLogEntry.objects.filter(
        case_public_id=world["case"].public_id,
        user_public_id=world["outsider"].public_id,
        outcome="allowed",
    ).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_unit_taking_no_part_gets_404_for_the_plan_and_makes_nothing(client, world, method):
    factories.sign_in(client, world["outsider"])
    before = CaseEvent.objects.filter(case=world["case"]).count()

    response = getattr(client, method)(plan_url(world))
    missing = getattr(client, method)(
        reverse("cases:housing_plan", args=[uuid.uuid4(), world["placement"].public_id])
    )

    assert response.status_code == missing.status_code == 404
    assert response.templates[0].name == missing.templates[0].name == "404.html"
    assert "Bostadsson" not in response.content.decode()
    assert HousingPlan.objects.count() == 0
    _nothing_written(world, before)


def test_a_unit_taking_no_part_cannot_change_or_mark_a_step(client, world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])
    factories.sign_in(client, world["outsider"])
    before = CaseEvent.objects.filter(case=world["case"]).count()
    change, done = step_urls(world, "housing_queue")

    responses = [
        client.get(change),
        client.post(change, {"due": TODAY.isoformat(), "version": "1"}),
        client.post(done, {"version": "1"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert all("Bostadsson" not in r.content.decode() for r in responses)
    step = HousingPlanStep.objects.get(template__code="housing_queue")
    assert (step.due, step.done, step.version) == (None, None, 1)
    _nothing_written(world, before)


def test_a_step_of_another_placement_is_not_found_through_this_one(client, world):
    housing_plan_open(actor=world["worker"], placement=world["placement"])
    other_case = factories.case(unit=world["rvt"])
    factories.sign_in(client, world["worker"])
    step = HousingPlanStep.objects.get(template__code="housing_queue")

    response = client.post(
        reverse(
            "cases:housing_step_done",
            args=[other_case.public_id, world["placement"].public_id, step.public_id],
        ),
        {"version": "1"},
    )

    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done is None


def test_the_plan_is_logged_as_a_view(client, world):
    factories.sign_in(client, world["ekb_worker"])

    client.get(plan_url(world))

    entries = AccessLogEntry.objects.filter(
        case_public_id=world["case"].public_id, user_public_id=world["ekb_worker"].public_id
    )
    assert list(entries.values_list("kind", "outcome")) == [(AccessKind.VIEW, "allowed")]
