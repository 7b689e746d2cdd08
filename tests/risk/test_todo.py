"""Reassessments, changed circumstances and safety plan reviews in Att göra, and the raised
level on every unit's start page."""

import pytest
from django.urls import reverse

from brytupp.assessments import safety, services
from brytupp.audit.models import AccessLogEntry
from brytupp.worklists.todo import TodoFilter, todo_list
from tests import factories

from .conftest import DAY, TODAY
from .test_instruments import farlighet

pytestmark = pytest.mark.django_db

RISK_KINDS = ("risk_reassessment", "circumstance_change", "safety_plan_review")


def items(actor, **filters):
    page = todo_list(actor=actor, filters=TodoFilter(**filters), per_page=100)
    return [
        (row.kind, row.due, row.detail, row.item_url)
        for row in page.object_list
        if row.kind in RISK_KINDS
    ]


def test_a_reassessment_is_due_30_days_after_a_level_above_low(setting):
    farlighet(setting, level="medium", date=TODAY - 20 * DAY)
    case_url = reverse("cases:detail", args=[setting["case"].public_id])

    assert items(setting["worker"]) == [
        ("risk_reassessment", TODAY + 10 * DAY, "Risk level medium", f"{case_url}#risk")
    ]
    # A unit taking part by consent does it only when the consent names it for the
    # description of violence: it writes the judgement it must be able to read back.
    assert items(setting["ekb_worker"]) == []
    setting["consent"].violence_description_units.set([setting["ekb"]])
    assert items(setting["ekb_worker"]) == items(setting["worker"])


def test_a_reassessment_not_yet_within_14_days_is_not_listed_and_one_overdue_stays(setting):
    farlighet(setting, level="high", date=TODAY - 5 * DAY)
    assert items(setting["worker"]) == []

    farlighet(setting, level="high", date=TODAY - 4 * DAY, reassess_by=TODAY - DAY)
    assert [(kind, due) for kind, due, *_ in items(setting["worker"], overdue=True)] == [
        ("risk_reassessment", TODAY - DAY)
    ]


def test_a_later_assessment_does_the_reassessment(setting):
    farlighet(setting, level="high", date=TODAY - 29 * DAY)
    farlighet(setting, level="low", date=TODAY)

    assert items(setting["worker"]) == []


def test_changed_circumstances_are_due_the_day_and_done_by_an_assessment_from_that_day(setting):
    farlighet(setting, level="low", date=TODAY - 10 * DAY)
    services.circumstance_change_record(
        actor=setting["worker"], case=setting["case"], date=TODAY - 2 * DAY, what="Släpps."
    )

    assert [(kind, due) for kind, due, *_ in items(setting["worker"])] == [
        ("circumstance_change", TODAY - 2 * DAY)
    ]
    farlighet(setting, level="low", date=TODAY - 2 * DAY)
    assert items(setting["worker"]) == []


def test_a_safety_plan_review_is_listed_and_a_review_moves_it(setting):
    plan = safety.safety_plan_write(
        actor=setting["worker"],
        case=setting["case"],
        threats="Hot.",
        review_on=TODAY + 3 * DAY,
    )
    review_url = reverse(
        "cases:safety_plan_review", args=[setting["case"].public_id, plan.public_id]
    )

    assert items(setting["worker"]) == [("safety_plan_review", TODAY + 3 * DAY, "", review_url)]
    assert items(setting["ekb_worker"]) == []
    safety.safety_plan_review(
        actor=setting["worker"],
        plan=plan,
        reviewed_on=TODAY,
        note="Fungerar.",
        next_review_on=TODAY + 60 * DAY,
        version=plan.version,
    )
    assert items(setting["worker"]) == []


def test_a_unit_without_a_part_has_nothing_of_the_case_to_do(setting):
    farlighet(setting, level="high", date=TODAY - 29 * DAY)
    outsider = factories.staff("handlaggare", factories.UnitFactory(district=setting["district"]))

    assert items(outsider) == []


def test_the_raised_level_is_on_the_start_page_of_every_unit_taking_part(client, setting):
    farlighet(setting, level="high", date=TODAY - 3 * DAY)
    outsider = factories.staff("handlaggare", factories.UnitFactory(district=setting["district"]))
    short = str(setting["case"].public_id)[:8]

    pages = {}
    for name in ("worker", "ekb_worker"):
        factories.sign_in(client, setting[name])
        pages[name] = client.get(reverse("web:work"), follow=True).content.decode()
    factories.sign_in(client, outsider)
    outside = client.get(reverse("web:work"), follow=True).content.decode()

    for page in pages.values():
        assert f'data-risk-raised="{short}"' in page
        assert f"the risk level was raised to high on {(TODAY - 3 * DAY).isoformat()}." in page
    assert "data-risk-raised" not in outside
    assert "Fejka" not in outside
    assert AccessLogEntry.objects.filter(
        user_public_id=setting["ekb_worker"].public_id,
        kind="list_row",
        case_public_id=setting["case"].public_id,
    ).exists()


def test_a_raise_older_than_14_days_is_no_longer_announced(client, setting):
    farlighet(setting, level="high", date=TODAY - 15 * DAY)
    factories.sign_in(client, setting["worker"])

    page = client.get(reverse("web:work"), follow=True).content.decode()

    assert "data-risk-raised" not in page
