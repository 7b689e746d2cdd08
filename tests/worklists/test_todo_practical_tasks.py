"""Practical-support tasks in "Att göra" (decision 0047): listed for the responsible unit from
14 days before the due date until done, with the kind's name and a link to mark it done."""

import pytest
from django.urls import reverse

from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import PracticalTaskKind
from brytupp.plans.tasks import practical_task_add, practical_task_done
from brytupp.worklists.todo import TodoFilter, todo_list
from tests import factories
from tests.worklists import given
from tests.worklists.given import TODAY, days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kinds():
    """The seeded kinds, again: a transactional test before this one empties every table."""
    practical_task_kinds_ensure()


def task(case, unit, *, due_in_days, actor, assignee=None, code="id_card"):
    return practical_task_add(
        actor=actor,
        case=case,
        support=PracticalTaskKind.objects.get(code=code),
        responsible_unit=unit,
        assignee=assignee,
        due=TODAY + days(due_in_days),
    )


def items(worker):
    page = todo_list(actor=worker, per_page=100)
    return [(row.kind, row.due, row.overdue, row.detail, row.case.pk) for row in page.object_list]


@pytest.mark.parametrize(
    ("due_in_days", "listed", "overdue"),
    [(15, False, False), (14, True, False), (0, True, False), (-1, True, True)],
)
def test_a_task_of_the_users_unit_is_listed_from_14_days_before_due(
    worker, rvt, due_in_days, listed, overdue
):
    case = given.open_case(rvt, actor=worker)
    task(case, rvt, due_in_days=due_in_days, actor=worker)

    expected = [("practical_task", TODAY + days(due_in_days), overdue, "Id-kort", case.pk)]
    assert items(worker) == (expected if listed else [])


def test_a_task_leaves_the_list_when_done(worker, rvt):
    case = given.open_case(rvt, actor=worker)
    listed = task(case, rvt, due_in_days=2, actor=worker, code="bankid")
    assert items(worker) == [("practical_task", TODAY + days(2), False, "BankID", case.pk)]

    practical_task_done(actor=worker, task=listed, done=TODAY)

    assert items(worker) == []


def test_a_task_for_a_named_case_worker_is_in_their_list(worker, rvt):
    colleague = factories.staff("handlaggare", rvt)
    case = given.open_case(rvt, actor=worker)
    task(case, rvt, due_in_days=1, actor=worker, assignee=colleague, code="childcare")

    assert items(colleague) == [("practical_task", TODAY + days(1), False, "Barnomsorg", case.pk)]


def test_a_task_of_another_unit_in_the_case_is_not_the_users(worker, rvt, district):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    ekb_worker = factories.staff("handlaggare", ekb)
    case = given.open_case(rvt, actor=worker)
    given.join(case, ekb, actor=worker)
    task(case, ekb, due_in_days=2, actor=worker)

    assert items(worker) == []
    assert items(ekb_worker) == [("practical_task", TODAY + days(2), False, "Id-kort", case.pk)]


def test_the_kind_filter_and_the_page_show_the_task_with_its_link(signed_in, worker, rvt):
    case = given.open_case(rvt, actor=worker)
    listed = task(case, rvt, due_in_days=-3, actor=worker, code="moving_goods")
    given.action(case, rvt, due_in_days=1, actor=worker)

    [row] = todo_list(actor=worker, filters=TodoFilter(kind="practical_task")).object_list
    page = signed_in.get(reverse("web:todo"), {"kind": "practical_task"}).content.decode()

    done_url = reverse("cases:practical_task_done", args=[case.public_id, listed.public_id])
    assert (row.kind_label, row.detail, row.overdue, row.item_url) == (
        "Practical support",
        "Flytt av bohag",
        True,
        done_url,
    )
    assert done_url in page
    assert "Flytt av bohag" in page
