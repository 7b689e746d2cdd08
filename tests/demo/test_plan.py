"""The planner keeps the demo's promises whatever the seed, without touching the database."""

import datetime
import random

import pytest

from brytupp.demo.plan import CHILDREN, FARSTA_OPEN_WITH_EKB, Planner

TODAY = datetime.date(2026, 3, 15)
DISTRICTS = {
    "jarva": datetime.date(2023, 7, 1),
    "hasselby-vallingby": None,
    "bromma": None,
    "kungsholmen": None,
    "norra-innerstaden": datetime.date(2023, 7, 1),
    "sodermalm": None,
    "enskede-arsta-vantor": None,
    "skarpnack": None,
    "farsta": None,
    "hagersten-alvsjo": datetime.date(2020, 1, 1),
    "skarholmen": None,
}


def _plan(seed: int):
    return Planner(random.Random(seed), today=TODAY, districts=DISTRICTS).plan()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_any_seed_keeps_the_demo_promises(seed):
    plan = _plan(seed)

    assert {case.district for case in plan.cases} == set(DISTRICTS)
    assert len(plan.children) == CHILDREN
    assert all(case.opened <= (case.closed or TODAY) <= TODAY for case in plan.cases)
    assert all(case.previous.closed < case.opened for case in plan.cases if case.previous)
    farsta_shared = [
        case
        for case in plan.cases
        if case.district == "farsta" and case.is_open and "ekonomiskt_bistand" in case.joins
    ]
    assert len(farsta_shared) >= FARSTA_OPEN_WITH_EKB
    assert any(case.person.is_protected for case in farsta_shared)


def test_the_same_seed_plans_the_same_cases():
    def summary(plan):
        return [
            (c.district, c.source, c.opened, c.closed, c.person.birth_date, sorted(c.joins.items()))
            for c in plan.cases
        ]

    assert summary(_plan(7)) == summary(_plan(7))
