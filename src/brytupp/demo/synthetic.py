"""The demo's synthetic data: Stockholm's organisation, staff, persons and cases.

Everything is made up and reproducible: one ``random.Random`` with a fixed seed makes every
choice, and every date counts back from the ``today`` it is given, so the demo always looks
current. Nothing is written except through the services real use goes through
(``person_register``, ``case_open``, …), so the demo data obey the same rules as real data.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from brytupp.cases.models import Case
from brytupp.cases.services import case_close, case_open, case_unit_join, consent_record
from brytupp.organisation.models import District, Unit, UnitKind
from brytupp.organisation.services import organisation_load_stockholm
from brytupp.people.models import Person
from brytupp.people.services import guardian_link, person_register

from .identities import IdentityNumbers, PlannedPerson
from .plan import Plan, PlannedCase, Planner
from .staff import demo_colleagues_create, demo_logins_create

DEMO_SEED = 20230701


@dataclass(frozen=True)
class DemoSummary:
    persons: int
    children: int
    cases: int
    open_cases: int
    users: int


@transaction.atomic
def demo_generate(*, today: datetime.date, password: str, seed: int = DEMO_SEED) -> DemoSummary:
    """Create the whole demo in one transaction; the database must hold no demo data yet."""
    rng = random.Random(seed)
    organisation_load_stockholm()
    users = demo_logins_create(today=today, password=password)
    users += demo_colleagues_create(rng, today=today)
    districts = {
        district.code: district.valid_from
        for district in District.objects.filter(
            municipality__code="stockholm", valid_to__isnull=True
        )
    }
    plan = Planner(rng, today=today, districts=districts).plan()
    _write(plan, rng)
    return DemoSummary(
        persons=len(plan.persons) + len(plan.children),
        children=len(plan.children),
        cases=len(plan.cases),
        open_cases=sum(case.is_open for case in plan.cases),
        users=len(users),
    )


def _write(plan: Plan, rng: random.Random) -> None:
    numbers = IdentityNumbers(rng)
    persons: dict[int, Person] = {}
    for planned in plan.persons:
        guardian = persons[id(planned)] = _register(planned, numbers)
        for planned_child in planned.children:
            guardian_link(child=_register(planned_child, numbers), guardian=guardian)

    districts = {district.code: district for district in District.objects.all()}
    units = {unit.code: unit for unit in Unit.objects.filter(district__isnull=False)}
    cases: dict[int, Case] = {}
    for planned in plan.cases:  # an earlier case always comes before its re-opening
        cases[id(planned)] = _case_write(planned, persons, cases, districts, units)


def _register(planned: PlannedPerson, numbers: IdentityNumbers) -> Person:
    return person_register(
        birth_date=planned.birth_date,
        gender=planned.gender,
        first_name=planned.first_name,
        last_name=planned.last_name,
        identity_number=numbers.issue(planned),
        protected_identity=planned.protected_identity,
    )


def _case_write(
    planned: PlannedCase,
    persons: dict[int, Person],
    cases: dict[int, Case],
    districts: dict[str, District],
    units: dict[str, Unit],
) -> Case:
    case = case_open(
        person=persons[id(planned.person)],
        district=districts[planned.district],
        lead_unit=units[f"{planned.district}-{UnitKind.RVT}"],
        source=planned.source,
        opened=planned.opened,
        previous_case=cases[id(planned.previous)] if planned.previous else None,
    )
    if planned.joins:
        joining = [units[f"{planned.district}-{kind}"] for kind in sorted(planned.joins)]
        consent_record(
            actor=None,
            case=case,
            given=min(planned.joins.values()),
            form="written",
            purpose="Samordnat stöd inom Bryt upp",
            units=joining,
        )
    for kind, joined in sorted(planned.joins.items()):
        case_unit_join(case=case, unit=units[f"{planned.district}-{kind}"], joined=joined)
    if planned.closed:
        case_close(case=case, closed=planned.closed, reason=planned.closure_reason)
    return case
