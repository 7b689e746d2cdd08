"""Issue 16 items 1, 3 and 5 in the browser (decision 0044): a parent and two children placed,
one child's report of concern routed to barn och unga, who accepts it and records the outcome,
clicked through in Chromium; axe-core on every page.

A (a case worker of the RVT, leading Testa Exempelsson's case) opens the case, follows the
first child to the child's page and records a report of concern received from the preschool.
D (a case worker of the district's barn och unga unit, which has no part in the parent's case
and no consent) signs in, finds the report on the start page, accepts it, reads that child's
page — not the other child's report, not the parent's account, not the case page — and records
the outcome. Synthetic data only.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from brytupp.cases import services as case_services
from brytupp.children.services import report_of_concern_record
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.organisation.models import Role, UnitKind
from brytupp.people import services as people_services
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
FIRST = f"{jw.CHILD.first} {jw.CHILD.last}"
SECOND = "Lillebror Exempelsson"
CONCERN = "Förskolan berättar att barnet är rädd att gå hem och pratar om bråk."
OTHER_CONCERN = "Skolsköterskan är orolig för lillebror."


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    case_services.case_account_write(actor=world.a, case=world.case, account=jw.ACCOUNT)
    world.barn = factories.UnitFactory(
        district=world.district,
        kind=UnitKind.BARN_UNGA,
        code="testdistrikt-barn",
        name="Barn och unga Testdistrikt",
    )
    world.d = factories.staff(
        Role.HANDLAGGARE, world.barn, username="test.barn", first_name="Dora", last_name="Testbarn"
    )
    parent = world.case.person
    children = [
        people_services.person_register(
            actor=world.a,
            guardian=parent,
            case=world.case,
            first_name=first,
            last_name=jw.CHILD.last,
            birth_date=born,
            gender="unknown",
        )
        for first, born in (
            (jw.CHILD.first, datetime.date.fromisoformat(jw.CHILD.born)),
            ("Lillebror", datetime.date(2019, 5, 6)),
        )
    ]
    world.first, world.second = children
    placement_start(
        actor=world.a,
        case=world.case,
        start=jw.today(),
        children=[ChildPlaced(child=child) for child in children],
    )
    # The other child's report, accepted by no one: never shown on the first child's page.
    report_of_concern_record(
        actor=world.a,
        case=world.case,
        child=world.second,
        direction="received",
        reporter_kind="vard",
        date=jw.today(),
        concern=OTHER_CONCERN,
    )
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_a_report_of_concern_routed_to_barn_och_unga_accepted_and_its_outcome(page, live_server, w):
    today = jw.today().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)
    children = page.locator("[data-case-children]")
    expect(children).to_contain_text(FIRST)
    expect(children).to_contain_text(SECOND)

    go(children.get_by_role("link", name=re.compile("^" + re.escape(FIRST))))
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST)
    expect(page.locator("[data-guardians]")).to_contain_text(NAME)
    assert_accessible(page, "child-01-childs-page")

    go(page.get_by_role("button", name=sv("Record a report of concern")))
    assert_accessible(page, "child-02-report-form")
    page.get_by_label(sv("Received"), exact=True).check()
    page.get_by_label(sv("Preschool or school")).check()
    page.get_by_label(sv("Who reported")).fill("Förskolläraren")
    page.get_by_label(sv("Date of the report")).fill(today)
    page.get_by_label(sv("What is the concern?")).fill(CONCERN)
    go(page.locator("main form button[type=submit]"))
    report = page.locator("[data-report]")
    expect(report).to_contain_text(CONCERN)
    expect(page.locator("[data-routing]")).to_have_attribute("data-routing", "invited")
    assert_accessible(page, "child-03-report-recorded")

    # Barn och unga: no part in the parent's case, no consent; the report comes by the duty to
    # report.
    page.context.clear_cookies()
    sign_in(page, live_server, w.d.username, factories.TEST_PASSWORD)
    waiting = page.locator("[data-reports-to-receive]")
    # The other child's report waits too: answered on its own, it opens nothing of the first.
    expect(page.locator("#reports-to-receive")).to_contain_text("(2)")
    expect(waiting).to_contain_text(FIRST)
    expect(waiting).to_contain_text(SECOND)
    assert_accessible(page, "child-04-start-page")

    go(waiting.get_by_role("link", name=re.compile("^" + re.escape(FIRST))))
    expect(page.locator("[data-report-to-answer]")).to_contain_text(CONCERN)
    assert_accessible(page, "child-05-answer")
    page.get_by_label(sv("Accept the report")).check()
    go(page.locator("main form button[type=submit]"))

    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST)
    body = page.locator("main")
    expect(body).to_contain_text(CONCERN)
    expect(body).not_to_contain_text(OTHER_CONCERN)
    expect(body).not_to_contain_text(jw.ACCOUNT.splitlines()[0])
    expect(page.locator("[data-routing]")).to_have_attribute("data-routing", "active")
    assert_accessible(page, "child-06-accepted")

    go(page.get_by_role("link", name=re.compile("^" + re.escape(sv("Record the outcome")))))
    assert_accessible(page, "child-07-outcome-form")
    page.get_by_label(sv("Investigation opened")).check()
    page.get_by_label(sv("Date of the outcome")).fill(today)
    go(page.locator("main form button[type=submit]"))
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "inledd_utredning")
    expect(page.locator("[data-outcome]")).to_contain_text(sv("Investigation opened"))
    assert_accessible(page, "child-08-outcome")

    # Not the parent's case, nor the page of the other child, whose report waits unanswered.
    case_page = page.goto(reverse("cases:detail", args=[w.case.public_id]))
    assert case_page.status == 404
    other = page.goto(reverse("cases:child", args=[w.case.public_id, w.second.public_id]))
    assert other.status == 404
    expect(page.locator("main")).not_to_contain_text("Lillebror")
