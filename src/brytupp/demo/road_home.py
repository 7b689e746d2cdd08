"""The road to a home in the demo's cases (issue 17; decisions 0046–0048), written through the
services as the case workers would have recorded it, each write on its own day (Django's clock
set to it, as for the account of a closed case):

- a cost per night on most placements, 900–2 400 kronor, for some entered a few days after
  the placement was recorded (the invoice came later);
- a housing plan on every placement that ended with permanent housing, on every placement
  going on in an open case, and on about half of the others: the city's checklist, most
  steps given to the lead unit, to economic support when it takes part by then, or to a
  partner, with due dates, most done in time; applications for priority allocation (förtur)
  and to SHIS Bostäder submitted and granted or refused (granted where the person moved to such
  a home). The steps past due of a placement going on are in Att göra;
- the contract for a permanent home on every placement that ended with one, signed in the
  placement's last three weeks, of the kind and length the placement's end records;
- practical-support tasks in about a third of the open cases, added in the last two months:
  most of those past due done, a few not (in two of Farsta's cases always, so Att göra has
  them).

Each placement and case draws from its own ``random.Random``, so the rest of the demo is as it
was. Every text is made up.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from brytupp.cases.models import Case
from brytupp.housing.models import (
    ApplicationOutcome,
    HousingPlan,
    HousingPlanStep,
    HousingStepKind,
    is_permanent,
)
from brytupp.housing.plan import (
    housing_contract_record,
    housing_plan_open,
    housing_step_update,
)
from brytupp.interventions.models import Placement
from brytupp.interventions.services import placement_cost_set
from brytupp.organisation.models import Unit, User
from brytupp.plans.models import PracticalTaskKind
from brytupp.plans.tasks import practical_task_add, practical_task_done, task_assignees

from .identities import random_day

DAY = datetime.timedelta(days=1)
ClockOn = Callable[[datetime.date], contextlib.AbstractContextManager[object]]

COST_SHARE = 0.85
COST_LATER_SHARE = 0.15  # of the costs known: entered a few days after the placement
COST_KRONOR = (900, 2400)
COST_STEP = 25
PLAN_SHARE = 0.5  # of the placements that neither ended in a permanent home nor go on
CONTRACT_WITHIN_DAYS = 21  # before the placement's end
# Each step of the city's checklist: how often a plan has it under way, its due date in days
# after the plan was made, and who does it: the lead unit, economic support when it takes part
# by then (else the lead unit), or a partner named in text.
LEAD, EKB = "lead", "ekb"
STEPS = {
    "housing_queue": (1.0, 14, LEAD),
    "priority_allocation": (0.5, 30, LEAD),
    "shis_application": (0.65, 30, EKB),
    "training_flat": (0.2, 45, "SHIS Bostäder"),
    "debts_checked": (0.6, 21, EKB),
    "debt_plan": (0.3, 45, "Budget- och skuldrådgivningen"),
    "rent_guarantee": (0.4, 60, EKB),
    "references": (0.3, 30, "Tidigare hyresvärd"),
}
DONE_SHARE = 0.7
LATE_STEP = "housing_queue"  # the step left late in Farsta
OUTCOME_SHARE = 0.85  # of applications whose answer could have come by the placement's end
GRANTED_SHARE = 0.55
# The application a permanent home of this kind was granted through.
GRANTED_THROUGH = {"priority_allocation": "priority_allocation", "shis": "shis_application"}
STEP_NOTES = {
    "debts_checked": "Två betalningsanmärkningar; skuldsanering utreds (syntetiskt).",
    "training_flat": "Träningslägenhet erbjuden från nästa månad (syntetiskt).",
}

TASK_SHARE = 0.35  # of open cases
TASKS_ADDED_WITHIN_DAYS = 60
TASK_DONE_SHARE = {True: 0.75, False: 0.2}  # by whether its due date has passed
FARSTA_LATE_TASKS = 2  # Farsta's cases with a task past due, for Att göra
CHILDREN_TASKS = ("school_or_preschool", "childcare")
TASK_NOTES = {
    "protected_personal_data": "Ansökan skickad med intyg från socialtjänsten (syntetiskt).",
    "moving_goods": "Flyttfirma bokad; polisen informerad om tiden (syntetiskt).",
}


@dataclass(frozen=True)
class Taking:
    """A unit taking part in the case from ``joined``."""

    unit: Unit
    joined: datetime.date


@dataclass(frozen=True)
class PlannedCost:
    """What a placement costs a night (``None``: not known), and how many days after its
    start it was entered (``None``: with the placement)."""

    amount: Decimal | None
    later: int | None = None

    @property
    def at_start(self) -> Decimal | None:
        return self.amount if self.later is None else None


def placement_cost(seed: str) -> PlannedCost:
    """Most placements' cost is known, a few of them entered some days later."""
    rng = random.Random(f"cost-per-night:{seed}")  # noqa: S311 - synthetic demo data
    if rng.random() >= COST_SHARE:
        return PlannedCost(None)
    low, high = COST_KRONOR
    amount = Decimal(rng.randrange(low, high + 1, COST_STEP))
    return PlannedCost(amount, rng.randint(3, 20) if rng.random() < COST_LATER_SHARE else None)


def _responsible(who: str, *, lead_unit: Unit, ekb: Taking | None, on: datetime.date) -> dict:
    """A step's responsible unit or partner: economic support only when it takes part by
    ``on``, else the lead unit."""
    if who == EKB and ekb is not None and ekb.joined <= on:
        return {"responsible_unit": ekb.unit, "responsible_partner": ""}
    if who in (LEAD, EKB):
        return {"responsible_unit": lead_unit, "responsible_partner": ""}
    return {"responsible_unit": None, "responsible_partner": who}


class RoadHomeWriter:
    """Writes housing plans and practical tasks; ``today`` is the writer's own (the demo's,
    or an earlier day for a case written as it was on that day)."""

    def __init__(self, *, today: datetime.date, clock_on: ClockOn) -> None:
        self.today = today
        self.clock_on = clock_on
        self.farsta_tasks_late = 0

    def cost_later_write(
        self, *, placement: Placement, lead: User, cost: PlannedCost, last_day: datetime.date
    ) -> None:
        """The cost entered after the placement was recorded, if it was by ``last_day``."""
        if cost.later is None:
            return
        day = placement.start + cost.later * DAY
        if day <= min(last_day, self.today):
            with self.clock_on(day):
                placement_cost_set(actor=lead, placement=placement, cost_per_night=cost.amount)

    # --- the housing plan -------------------------------------------------------------------

    def housing_plan_write(
        self,
        *,
        placement: Placement,
        lead: User,
        lead_unit: Unit,
        ekb: Taking | None,
        last_day: datetime.date,
        next_housing_type: str,
        next_housing_contract_months: int | None,
        ongoing_in_open_case: bool,
        in_farsta: bool,
        seed: str,
    ) -> HousingPlan | None:
        """The placement's plan, written before its end on ``last_day`` (its end, the case's
        closure or today), with the contract when it ends in a permanent home. In a placement
        going on in an open case of Farsta, the housing queue is not yet done past its due
        date (Att göra shows it to Farsta's RVT)."""
        rng = random.Random(f"housing-plan:{seed}")  # noqa: S311 - synthetic demo data
        permanent = is_permanent(next_housing_type, next_housing_contract_months)
        if not (permanent or ongoing_in_open_case or rng.random() < PLAN_SHARE):
            return None
        start = placement.start
        signed = None
        if permanent:
            signed = random_day(rng, max(start, last_day - CONTRACT_WITHIN_DAYS * DAY), last_day)
        made = random_day(rng, start, min(start + 10 * DAY, signed or last_day))
        with self.clock_on(made):
            plan = housing_plan_open(actor=lead, placement=placement)
        late = in_farsta and ongoing_in_open_case
        late = late and made + STEPS[LATE_STEP][1] * DAY < self.today
        granted = GRANTED_THROUGH.get(next_housing_type) if permanent else None
        steps = plan.steps.select_related("template", "plan__placement__case")
        for step in steps:
            share, after, who = STEPS.get(step.template.code, (0.0, 0, LEAD))
            if step.template.code != granted and rng.random() >= share:
                continue
            values = {
                **_responsible(who, lead_unit=lead_unit, ekb=ekb, on=made),
                "due": made + after * DAY,
                "note": STEP_NOTES.get(step.template.code, ""),
            }
            if step.template.kind == HousingStepKind.APPLICATION:
                day = self._application(rng, values, made, signed or last_day, step, granted)
            else:
                day = self._plain(rng, values, made, signed or last_day)
                if late and step.template.code == LATE_STEP:
                    values["done"], day = None, made
            with self.clock_on(day):
                housing_step_update(actor=lead, step=step, **values)
        if signed is not None:
            with self.clock_on(signed):
                housing_contract_record(
                    actor=lead,
                    plan=plan,
                    contract_signed=signed,
                    contract_housing_type=next_housing_type,
                    contract_months=next_housing_contract_months,
                )
        return plan

    def _plain(self, rng, values: dict, made: datetime.date, last: datetime.date) -> datetime.date:
        """Done in most plans, on a day by a little after it was due; returns the day it was
        written (the day done, else the day the plan was made)."""
        done = made + rng.randint(1, (values["due"] - made).days + 5) * DAY
        if rng.random() < DONE_SHARE and done <= min(last, self.today):
            values["done"] = done
            return done
        values["done"] = None
        return made

    def _application(
        self,
        rng,
        values: dict,
        made: datetime.date,
        last: datetime.date,
        step: HousingPlanStep,
        granted: str | None,
    ) -> datetime.date:
        """Submitted within two weeks, answered within six weeks when the answer could
        come by ``last`` (always, granted, for the application a permanent home came
        through); returns the day of the last thing that happened."""
        values["done"] = None
        forced = step.template.code == granted
        last = min(last, self.today)
        if forced:
            answered = random_day(rng, max(made, last - 60 * DAY), last)
            submitted = random_day(rng, max(made, answered - 60 * DAY), answered)
        else:
            submitted = made + rng.randint(2, 14) * DAY
            answered = submitted + rng.randint(7, 45) * DAY
        if submitted > last:
            return made
        values["submitted"] = submitted
        if answered > last or not (forced or rng.random() < OUTCOME_SHARE):
            return submitted
        granted_now = forced or rng.random() < GRANTED_SHARE
        values["outcome"] = (
            ApplicationOutcome.GRANTED if granted_now else ApplicationOutcome.REFUSED
        )
        values["outcome_date"] = answered
        values["done"] = answered
        return answered

    # --- practical-support tasks -------------------------------------------------------------

    def practical_tasks_write(
        self,
        *,
        case: Case,
        lead: User,
        lead_unit: Unit,
        ekb: Taking | None,
        with_children: bool,
        in_farsta: bool,
        seed: str,
    ) -> None:
        """Tasks in an open case, added in its last two months; in the first cases of Farsta
        old enough, one past due and not done."""
        rng = random.Random(f"practical-tasks:{seed}")  # noqa: S311 - synthetic demo data
        must_be_late = in_farsta and self.farsta_tasks_late < FARSTA_LATE_TASKS
        must_be_late = must_be_late and case.opened <= self.today - 8 * DAY
        if not must_be_late and rng.random() >= TASK_SHARE:
            return
        kinds = {kind.code: kind for kind in PracticalTaskKind.objects.all()}
        codes = [c for c in kinds if with_children or c not in CHILDREN_TASKS]
        first_day = max(case.opened, self.today - TASKS_ADDED_WITHIN_DAYS * DAY)
        for number, code in enumerate(rng.sample(codes, rng.randint(1, 3))):
            added = random_day(rng, first_day, self.today)
            due = added + rng.randint(7, 45) * DAY
            if number == 0 and must_be_late:
                added = random_day(rng, first_day, self.today - 7 * DAY)
                due = random_day(rng, added + DAY, self.today - DAY)
            unit = lead_unit
            if code == "economic_support" and ekb is not None and ekb.joined <= added:
                unit = ekb.unit
            with self.clock_on(added):
                assignee = None
                if rng.random() < 0.5 and unit == lead_unit:
                    assignee = task_assignees(unit=unit, day=added).filter(pk=lead.pk).first()
                task = practical_task_add(
                    actor=lead,
                    case=case,
                    support=kinds[code],
                    responsible_unit=unit,
                    due=due,
                    note=TASK_NOTES.get(code, ""),
                    assignee=assignee,
                )
            if number == 0 and must_be_late:
                self.farsta_tasks_late += 1
                continue
            if rng.random() < TASK_DONE_SHARE[due < self.today]:
                done = random_day(rng, added, min(due + 5 * DAY, self.today))
                with self.clock_on(done):
                    practical_task_done(actor=lead, task=task, done=done)
