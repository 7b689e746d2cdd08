"""The demo's road to a home (issue 17, decisions 0046–0049): costs per night, housing plans
with their steps, applications and contracts, practical-support tasks, and the hand-overs
between Farsta and Södermalm, generated with a fixed ``today``. Exact where the data allow;
what the plan draws is asserted as it came out for this day."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from brytupp.access import policies
from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent, CaseTransfer, CaseUnit
from brytupp.cases.transfers import case_transfer_list
from brytupp.demo.road_home import COST_KRONOR, COST_STEP
from brytupp.followup.report import effect_goal_report
from brytupp.housing.models import HousingPlan, HousingPlanStep, is_permanent
from brytupp.interventions.models import Placement
from brytupp.organisation.models import User
from brytupp.plans.models import PracticalTask
from brytupp.worklists.todo import TodoFilter, TodoKind, todo_list
from tests import factories

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

DAY = datetime.timedelta(days=1)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _todo(username: str, kind: str) -> list[tuple[str, datetime.date, bool]]:
    page = todo_list(
        actor=_user(username), filters=TodoFilter(kind=kind), per_page=100, today=TODAY
    )
    return [(row.detail, row.due, row.overdue) for row in page.object_list]


# --- cost per night --------------------------------------------------------------------------


def test_most_placements_have_a_plausible_cost_per_night(demo):
    costs = list(Placement.objects.values_list("cost_per_night", flat=True))

    known = [cost for cost in costs if cost is not None]
    assert (len(known), len(costs)) == (53, 57)
    low, high = COST_KRONOR
    assert all(Decimal(low) <= cost <= Decimal(high) for cost in known)
    assert all(cost % COST_STEP == 0 for cost in known)


def test_some_costs_were_entered_after_the_placement_was_recorded(demo):
    changed = CaseEvent.objects.filter(kind=EventKind.PLACEMENT_COST_CHANGED).select_related("case")

    assert changed.count() == 7
    for event in changed:
        placement = Placement.objects.get(public_id=event.data["placement"])
        assert str(placement.cost_per_night) == event.data["cost_per_night"]
        assert placement.version == 2
        assert placement.start < event.day <= (placement.end or TODAY)
        assert event.unit == event.case.lead_unit


# --- housing plans ---------------------------------------------------------------------------


def test_housing_plans_on_placements_ongoing_and_ended_across_districts(demo):
    plans = HousingPlan.objects.select_related("placement__case__district")

    assert plans.count() == 46
    ongoing = Placement.objects.filter(end__isnull=True, case__closed__isnull=True)
    assert set(ongoing.values_list("pk", flat=True)) <= set(
        plans.values_list("placement", flat=True)
    )
    assert plans.filter(placement__end__isnull=False).count() == 35
    districts = Counter(plan.placement.case.district.code for plan in plans)
    assert len(districts) == 11
    years = Counter(plan.created.year for plan in plans)
    assert set(years) == {2021, 2022, 2023, 2024, 2025, 2026}
    for plan in plans:
        placement = plan.placement
        assert placement.start <= plan.created <= (placement.end or TODAY)
        assert plan.steps.count() == 8  # the city's checklist as it was


def test_steps_with_units_or_partners_due_dates_and_some_done(demo):
    steps = HousingPlanStep.objects.select_related("template", "plan__placement__case")

    touched = steps.filter(due__isnull=False)
    assert (touched.count(), touched.filter(done__isnull=False).count()) == (179, 84)
    assert touched.filter(responsible_unit__isnull=False).count() == 147
    assert set(touched.exclude(responsible_partner="").values_list("responsible_partner")) == {
        ("SHIS Bostäder",),
        ("Budget- och skuldrådgivningen",),
        ("Tidigare hyresvärd",),
    }
    assert {unit.kind for unit in {s.responsible_unit for s in touched} if unit} == {
        "rvt",
        "ekonomiskt_bistand",
    }
    for step in touched.filter(responsible_unit__isnull=False):
        assert step.plan.placement.case.case_units.filter(unit=step.responsible_unit).exists()
    # Nothing happened before the plan was made.
    for step in steps.exclude(done=None):
        assert step.plan.created <= step.done


def test_applications_for_fortur_and_to_shis_granted_refused_or_waiting(demo):
    applications = HousingPlanStep.objects.filter(submitted__isnull=False)

    assert Counter(applications.values_list("template__code", "outcome")) == {
        ("priority_allocation", "granted"): 10,
        ("priority_allocation", "refused"): 6,
        ("priority_allocation", ""): 4,
        ("shis_application", "granted"): 10,
        ("shis_application", "refused"): 4,
        ("shis_application", ""): 6,
    }
    for step in applications.exclude(outcome=""):
        assert step.submitted <= step.outcome_date == step.done <= TODAY


def test_a_contract_on_every_placement_that_ended_in_a_permanent_home(demo):
    ended = Placement.objects.filter(end__isnull=False).select_related("housing_plan")
    permanent = [
        p for p in ended if is_permanent(p.next_housing_type, p.next_housing_contract_months)
    ]

    assert len(permanent) == 19
    assert HousingPlan.objects.filter(contract_signed__isnull=False).count() == 19
    for placement in permanent:
        plan = placement.housing_plan
        assert (plan.contract_housing_type, plan.contract_months) == (
            placement.next_housing_type,
            placement.next_housing_contract_months,
        )
        assert placement.end - 21 * DAY <= plan.contract_signed <= placement.end
        assert placement.start <= plan.contract_signed
        # A home through förtur or SHIS Bostäder came through its application, granted.
        through = {"priority_allocation": "priority_allocation", "shis": "shis_application"}
        if placement.next_housing_type in through:
            step = plan.steps.get(template__code=through[placement.next_housing_type])
            assert step.outcome == "granted"
            assert step.outcome_date <= plan.contract_signed


def test_the_road_figures_have_data_in_several_years_and_districts(demo):
    def year(y):
        report = effect_goal_report(
            date_from=datetime.date(y, 1, 1),
            date_to=min(datetime.date(y, 12, 31), TODAY),
            names=("permanent_contract_time", "shis_applications_granted"),
            live=True,
        )
        time, shis = (
            report["city"][name]
            for name in ("permanent_contract_time", "shis_applications_granted")
        )
        districts = [
            code
            for code, scope in report["districts"].items()
            if scope["permanent_contract_time"]["contracts"]
            or scope["shis_applications_granted"]["denominator"]
        ]
        return (
            time["contracts"],
            time["median_days"],
            shis["numerator"],
            shis["denominator"],
            len(districts),
        )

    # (contracts, median days to one, SHIS granted, SHIS answered, districts with either)
    assert [year(y) for y in range(2022, 2027)] == [
        (3, 59.0, 1, 2, 2),
        (2, 89.0, 2, 2, 2),
        (5, 10.0, 2, 2, 6),
        (3, 93.0, 1, 3, 4),
        (6, 45.5, 4, 5, 5),
    ]


def test_farsta_rvt_has_housing_steps_and_practical_tasks_overdue_in_att_gora(demo):
    steps = _todo("farsta.rvt", TodoKind.HOUSING_STEP)
    tasks = _todo("farsta.rvt", TodoKind.PRACTICAL_TASK)

    assert sum(overdue for _detail, _due, overdue in steps) == 3
    assert ("Inskriven i bostadskön (Bostadsförmedlingen)", True) in [
        (detail, overdue) for detail, _due, overdue in steps
    ]
    assert sum(overdue for _detail, _due, overdue in tasks) == 2


def test_min_enhet_counts_the_road_to_a_home_overdue_for_farsta(demo, client):
    factories.sign_in(client, _user("farsta.chef"))

    body = client.get(reverse("web:unit_overview")).content.decode()

    assert '<dd class="govuk-summary-list__value" data-count="housing_step">3</dd>' in body
    assert '<dd class="govuk-summary-list__value" data-count="practical_task">2</dd>' in body


# --- practical-support tasks -----------------------------------------------------------------


def test_practical_tasks_in_open_cases_some_done_a_few_overdue(demo):
    tasks = PracticalTask.objects.select_related("case", "support", "responsible_unit")

    assert not tasks.filter(case__closed__isnull=False).exists()
    assert tasks.values("case").distinct().count() == 44
    assert (
        tasks.count(),
        tasks.filter(done__isnull=False).count(),
        tasks.filter(done__isnull=True, due__lt=TODAY).count(),
    ) == (86, 48, 7)
    assert {task.support.code for task in tasks} == {
        "id_card",
        "bankid",
        "protected_personal_data",
        "address_change",
        "school_or_preschool",
        "childcare",
        "economic_support",
        "moving_goods",
    }
    assert {task.responsible_unit.kind for task in tasks} == {"rvt", "ekonomiskt_bistand"}
    assert tasks.filter(assignee__isnull=False).exists()
    for task in tasks:
        added = CaseEvent.objects.filter(
            kind=EventKind.PRACTICAL_TASK_ADDED,
            case=task.case,
            data__due=task.due.isoformat(),
            data__task_kind=task.support.code,
        )
        assert any(task.case.opened <= e.day <= (task.done or TODAY) for e in added)
        assert (task.done or TODAY) <= TODAY


# --- hand-overs between districts ------------------------------------------------------------


def test_a_case_handed_over_from_farsta_is_led_by_sodermalm_rvt_with_its_history(demo):
    transfer = CaseTransfer.objects.select_related("case", "consent").get(status="accepted")
    case = transfer.case

    assert (transfer.from_unit.code, transfer.to_unit.code, transfer.from_district.code) == (
        "farsta-rvt",
        "sodermalm-rvt",
        "farsta",
    )
    assert (case.district.code, case.lead_unit.code, case.is_open) == (
        "sodermalm",
        "sodermalm-rvt",
        True,
    )
    assert TODAY - 110 * DAY <= transfer.answered_on <= TODAY - 46 * DAY
    assert list(transfer.consent.units.values_list("code", flat=True)) == ["sodermalm-rvt"]
    parts = {part.unit.code: part for part in CaseUnit.objects.filter(case=case)}
    assert (parts["farsta-rvt"].status, parts["farsta-rvt"].end_reason) == (
        "left",
        "case_handed_over",
    )
    assert parts["farsta-rvt"].left == transfer.answered_on
    assert (parts["sodermalm-rvt"].status, parts["sodermalm-rvt"].responsible.username) == (
        "active",
        "sodermalm.rvt",
    )
    # Records before the move by Farsta, after it by Södermalm.
    events = CaseEvent.objects.filter(case=case).select_related("unit")
    farsta = [e for e in events if e.unit.code == "farsta-rvt" and e.kind != "unit_left"]
    sodermalm = [e for e in events if e.unit.code == "sodermalm-rvt"]
    assert farsta and all(e.day < transfer.answered_on for e in farsta)
    assert len(sodermalm) >= 4 and all(e.day >= transfer.answered_on for e in sodermalm)
    assert {e.kind for e in farsta} >= {"opened", "placement_started", "housing_plan_opened"}
    assert {e.kind for e in sodermalm} >= {
        "transfer_accepted",
        "journal_note_written",
        "practical_task_added",
        "practical_task_done",
    }
    # Farsta no longer sees it; Södermalm does, and has the open work of the housing plan.
    assert not policies.cases.check(_user("farsta.rvt"), case)
    assert policies.cases.check(_user("sodermalm.rvt"), case)
    open_steps = HousingPlanStep.objects.filter(
        plan__placement__case=case, done__isnull=True, responsible_unit__isnull=False
    )
    assert open_steps.exists()
    assert set(open_steps.values_list("responsible_unit__code", flat=True)) == {"sodermalm-rvt"}


def test_a_hand_over_waits_for_sodermalm_rvts_answer_today(demo, client):
    transfer = CaseTransfer.objects.get(status="proposed")
    receiver = _user("sodermalm.rvt")

    assert (transfer.from_unit.code, transfer.to_unit.code) == ("farsta-rvt", "sodermalm-rvt")
    assert transfer.case.lead_unit.code == "farsta-rvt"
    assert transfer.proposed_at.date() == TODAY - 2 * DAY
    assert transfer.proposed_by.username == "farsta.rvt"
    assert list(policies.case_transfers.queryset(receiver)) == [transfer]
    assert case_transfer_list(actor=receiver).to_answer == [transfer]
    # Farsta's list shows its proposal; the one received long ago no more (30 days).
    assert case_transfer_list(actor=_user("farsta.rvt")).sent == [transfer]
    factories.sign_in(client, receiver)
    answer = reverse("cases:transfer_answer", args=[transfer.public_id])

    start = client.get("/", follow=True).content.decode()

    assert answer in start
    assert client.get(answer).status_code == 200
