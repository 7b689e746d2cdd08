"""A unit manager's view of their unit on "My unit" (issue 13): open cases per case worker,
overdue items (the road to a home's too: practical tasks and housing plan steps), invitations
waiting (sent and received, with their age). Figures on records made by hand, exact; another
unit's manager gets none of them."""

import datetime
import json

import pytest
from django.http import Http404
from django.urls import reverse

from brytupp.access import policies
from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.services import case_close
from brytupp.housing.configuration import housing_steps_load
from brytupp.housing.plan import housing_plan_open, housing_step_update
from brytupp.organisation.models import Membership
from brytupp.organisation.services import STOCKHOLM
from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import ActionStatus, PracticalTaskKind
from brytupp.plans.services import plan_action_status_set
from brytupp.plans.tasks import practical_task_add, practical_task_done
from brytupp.worklists.unit_overview import unit_overview_list
from tests import factories

from .given import TODAY, action, days, invite, join, open_case, placement, sip

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(district, rvt):
    bou = factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")
    other_rvt = factories.UnitFactory(kind="rvt", name="Relationsvåldsteamet Annanstad")
    manager = factories.staff("enhetschef", rvt, username="chef", first_name="Chef")
    anna = factories.staff("handlaggare", rvt, username="anna", first_name="Anna", last_name="A")
    bo = factories.staff("handlaggare", rvt, username="bo", first_name="Bo", last_name="B")
    cilla = factories.staff("handlaggare", rvt, username="cilla", first_name="Cilla", last_name="C")
    bou_worker = factories.staff("handlaggare", bou, username="bou_worker")
    bou_manager = factories.staff("enhetschef", bou, username="bou_chef")
    far_worker = factories.staff("handlaggare", other_rvt, username="far_worker")
    far_manager = factories.staff("enhetschef", other_rvt, username="far_chef")

    first = open_case(rvt, actor=anna, last_name="Ettan")
    second = open_case(rvt, actor=anna, last_name="Tvåan")
    open_case(rvt, actor=bo, last_name="Trean")
    closed = open_case(rvt, actor=anna, last_name="Stängd")
    case_close(case=closed, closed=TODAY, reason="goals_met", actor=anna)
    open_case(rvt, last_name="Utanansvarig")  # opened by the system: no one responsible
    left = open_case(rvt, actor=cilla, last_name="Slutat")

    # Overdue: a plan action of the unit past due, one done and one not yet due do not count;
    # a placement ten days old without a follow-up; a SIP whose follow-up was due 3 days ago.
    action(first, rvt, due_in_days=-2, actor=anna)
    done = action(first, rvt, due_in_days=-5, actor=anna)
    plan_action_status_set(actor=anna, action=done, status=ActionStatus.DONE)
    action(first, rvt, due_in_days=3, actor=anna)
    placed = placement(second, started_days_ago=10, actor=anna)
    sip(left, held_days_ago=30, follow_up_in_days=-3, actor=cilla)
    # An overdue action of another unit in the same case is not the unit's.
    join(first, bou, actor=anna, responsible=bou_worker)
    action(first, bou, due_in_days=-1, actor=anna)
    # The road to a home: tasks of each unit past due (one done), and the placement's housing
    # plan with steps past due for the team and for a partner (the lead unit's), one done,
    # one not yet due.
    task(first, rvt, due_in_days=-4, actor=anna)
    practical_task_done(actor=anna, task=task(first, rvt, due_in_days=-6, actor=anna), done=TODAY)
    task(first, rvt, due_in_days=5, actor=anna)
    task(first, bou, due_in_days=-2, actor=anna, code="school_or_preschool")
    housing_steps_load(configuration=json.loads(STOCKHOLM.read_text(encoding="utf-8")))
    plan = housing_plan_open(actor=anna, placement=placed)
    step(plan, "housing_queue", actor=anna, unit=rvt, due_in_days=-1)
    step(plan, "references", actor=anna, partner="Hyresvärden", due_in_days=-3)
    step(plan, "debts_checked", actor=anna, unit=rvt, due_in_days=-5, done=TODAY - days(1))
    step(plan, "rent_guarantee", actor=anna, unit=rvt, due_in_days=2)

    # Invitations: sent from the unit's case to Barn och unga, received from another
    # district's team for a protected person.
    invite(second, bou, actor=anna)
    protected = open_case(other_rvt, actor=far_worker, protected=True, last_name="Hemligsdotter")
    invite(protected, rvt, actor=far_worker)
    # Cilla has left the unit since; her case is still hers.
    Membership.objects.filter(user=cilla).update(valid_to=TODAY - days(1))
    return {
        "manager": manager,
        "bou_manager": bou_manager,
        "far_manager": far_manager,
        "anna": anna,
        "bo": bo,
        "cilla": cilla,
        "rvt": rvt,
        "bou": bou,
        "other_rvt": other_rvt,
        "second": second,
        "protected": protected,
    }


def task(case, unit, *, due_in_days, actor, code="id_card"):
    practical_task_kinds_ensure()
    return practical_task_add(
        actor=actor,
        case=case,
        support=PracticalTaskKind.objects.get(code=code),
        responsible_unit=unit,
        due=TODAY + days(due_in_days),
    )


def step(plan, code, *, actor, due_in_days, unit=None, partner="", done=None):
    housing_step_update(
        actor=actor,
        step=plan.steps.get(template__code=code),
        responsible_unit=unit,
        responsible_partner=partner,
        due=TODAY + days(due_in_days),
        done=done,
    )


def _caseload(overview):
    return [(row.user.username, row.open_cases, row.left_the_unit) for row in overview.caseload]


def test_the_managers_figures_for_the_unit(world):
    [overview] = unit_overview_list(actor=world["manager"])

    assert overview.unit == world["rvt"]
    assert _caseload(overview) == [
        ("anna", 2, False),
        ("bo", 1, False),
        ("cilla", 1, True),
    ]
    assert overview.without_responsible == 1
    assert overview.overdue == {
        "plan_action": 1,
        "placement_follow_up": 1,
        "child_schooling": 0,
        "sip_follow_up": 1,
        "practical_task": 1,
        "housing_step": 2,
    }
    assert [(r.part.case, r.other_unit, r.days) for r in overview.sent] == [
        (world["second"], world["bou"], 3)
    ]
    assert [(r.part.case, r.other_unit, r.days, r.person_name) for r in overview.received] == [
        (world["protected"], world["other_rvt"], 3, "Protected identity")
    ]


def test_a_case_worker_without_cases_is_listed_with_none(world, rvt):
    factories.staff("handlaggare", rvt, username="dan", first_name="Dan")

    [overview] = unit_overview_list(actor=world["manager"])

    assert ("dan", 0, False) in _caseload(overview)


def test_the_invitations_shown_are_logged_as_list_rows(world):
    unit_overview_list(actor=world["manager"])

    logged = AccessLogEntry.objects.filter(
        user_public_id=world["manager"].public_id, kind=AccessKind.LIST_ROW
    )
    assert sorted(logged.values_list("case_public_id", flat=True)) == sorted(
        [world["second"].public_id, world["protected"].public_id]
    )


def test_another_units_manager_gets_only_their_own_unit(world):
    [overview] = unit_overview_list(actor=world["bou_manager"])

    assert overview.unit == world["bou"]
    assert _caseload(overview) == [("bou_worker", 1, False)]
    assert overview.overdue == {  # Barn och unga's own action and task only
        "plan_action": 1,
        "placement_follow_up": 0,
        "child_schooling": 0,
        "sip_follow_up": 0,
        "practical_task": 1,
        "housing_step": 0,
    }
    assert [(r.part.case, r.other_unit) for r in overview.received] == [
        (world["second"], world["rvt"])
    ]
    assert overview.sent == []


def test_a_unit_is_managed_only_by_its_own_manager(world):
    with pytest.raises(Http404):
        policies.managed_units.get_or_404(world["far_manager"], pk=world["rvt"].pk)
    assert unit_overview_list(actor=world["anna"]) == []


def test_the_page_shows_the_figures(client, world):
    factories.sign_in(client, world["manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    assert 'data-worker="anna"' in body and 'data-worker="cilla"' in body
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric" data-count="without_responsible">1</td>'
        in body
    )
    assert '<dd class="govuk-summary-list__value" data-count="plan_action">1</dd>' in body
    assert '<dd class="govuk-summary-list__value" data-count="sip_follow_up">1</dd>' in body
    assert '<dd class="govuk-summary-list__value" data-count="practical_task">1</dd>' in body
    assert '<dd class="govuk-summary-list__value" data-count="housing_step">2</dd>' in body
    # Each count leads to Att göra's overdue items of its kind for the unit.
    for kind in ("practical_task", "housing_step"):
        assert f"?kind={kind}&amp;overdue=1&amp;unit={world['rvt'].code}" in body
    assert "No longer in the unit" in body
    assert "Testa Tvåan" in body  # the invitation sent
    assert "Hemligsdotter" not in body  # the protected person invited to the unit
    assert body.count("Protected identity") == 1


def test_another_units_manager_sees_nothing_of_the_unit_on_their_page(client, world):
    factories.sign_in(client, world["far_manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    assert f'data-caseload="{world["rvt"].code}"' not in body
    assert f'data-caseload="{world["other_rvt"].code}"' in body
    for secret in ('data-worker="anna"', 'data-worker="cilla"', "Tvåan", "Ettan", "Anna A"):
        assert secret not in body
    # Their own case's invitation to the team, for the protected person: masked.
    assert "Hemligsdotter" not in body
    assert '<table class="govuk-table" data-invitations="sent">' in body


def test_the_previous_months_review_list_is_said_due(client, world):
    factories.sign_in(client, world["manager"])

    body = client.get(reverse("web:unit_overview")).content.decode()

    month = (TODAY.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    assert "data-log-review-due" in body
    assert f"/loggkontroll/manad/?month={month}" in body
