"""Issue 16 items 2 and 4 in the browser (decision 0045): the child's own decision on
protected housing, the guardians' consent, the child's support, and the parent's placement
ended while the child stays placed; clicked through in Chromium, axe-core on every page.

A (a case worker of the RVT, leading Testa Exempelsson's case) records an application about
the placed child, the unit manager's bifall is recorded under the manager's delegation; on the
child's page A records the mother's consent and the father — a current threat person of the
case — as not asked, which the form offers; starts the child's support talks; then ends the
parent's placement and sees the child still placed on the child's own decision. The legal
ground is a made-up one of a made-up law. Synthetic data only.
"""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from brytupp.cases.models import ThreatPerson
from brytupp.interventions.models import Delegation, LegalGround
from brytupp.interventions.services import ChildPlaced, placement_start
from brytupp.organisation.models import Role
from brytupp.people import services as people_services
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
CHILD = f"{jw.CHILD.first} {jw.CHILD.last}"
FATHER = "Hotande Exempelsson"
ASKED = "Skyddat boende för barnet, med eget beslut."


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    since = datetime.date(2025, 1, 1)
    world.ground = LegalGround.objects.create(
        code="provlagen-2-1",
        law="Provlagen (2025:9)",
        provision="2 kap. 1 §",
        label="Bistånd enligt provlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    world.manager = factories.staff(
        Role.ENHETSCHEF, world.rvt, username="test.chef", first_name="Chefia", last_name="Provchef"
    )
    world.manager.memberships.update(valid_from=since)
    Delegation.objects.create(
        unit=world.rvt, role=Role.ENHETSCHEF, intervention="", may_refuse=True, valid_from=since
    )
    parent = world.case.person
    world.child = people_services.person_register(
        actor=world.a,
        guardian=parent,
        case=world.case,
        first_name=jw.CHILD.first,
        last_name=jw.CHILD.last,
        birth_date=datetime.date.fromisoformat(jw.CHILD.born),
        gender="unknown",
    )
    father = people_services.person_register(
        actor=None,
        first_name="Hotande",
        last_name="Exempelsson",
        birth_date=datetime.date(1980, 4, 5),
        gender="male",
    )
    people_services.guardian_link(child=world.child, guardian=father)
    ThreatPerson.objects.create(case=world.case, person=father, relation="partner")
    placement_start(
        actor=world.a,
        case=world.case,
        start=jw.today(),
        provider="Testboendet",
        children=[ChildPlaced(child=world.child)],
    )
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def submit(page) -> None:
    go(page.locator("main form button[type=submit]"))


def starts(text: str) -> re.Pattern:
    return re.compile("^" + re.escape(text))


def test_the_childs_own_decision_support_and_placement(page, live_server, w):
    today = jw.today().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)

    # The application about the child, and the manager's bifall.
    go(page.get_by_role("button", name=sv("Record an application")))
    page.get_by_label(sv("Matter initiated by the unit")).check()
    page.get_by_label(sv("Received"), exact=True).fill(today)
    page.get_by_label(sv("What is asked")).fill(ASKED)
    page.get_by_label(sv("Intervention asked for")).select_option("skyddat_boende")
    page.get_by_label(starts(sv("About a child"))).select_option(str(w.child.public_id))
    assert_accessible(page, "child-decision-01-application")
    submit(page)
    section = page.locator("main section[aria-labelledby=applications]")
    expect(section.locator("[data-application-child]")).to_contain_text(CHILD)

    go(section.get_by_role("button", name=starts(sv("Decide"))))
    page.get_by_label(sv("Decided"), exact=True).fill(today)
    page.get_by_label(sv("Granted (bifall)"), exact=True).check()
    page.get_by_label(sv("Legal ground")).select_option(w.ground.code)
    page.get_by_label(starts(sv("Start"))).fill(today)
    page.get_by_label(sv("Decision maker")).select_option(label="Chefia Provchef")
    assert_accessible(page, "child-decision-02-decide")
    submit(page)
    section = page.locator("main section[aria-labelledby=applications]")
    expect(section).to_contain_text(sv("Granted (bifall)"))
    placements = page.locator("main section[aria-labelledby=placements]")
    expect(placements.locator("[data-child-own-placement]")).to_contain_text(
        sv("On the child's own decision")
    )
    assert_accessible(page, "child-decision-03-case-page")

    # The child's page: the guardians' consent, then the support.
    go(page.locator("[data-case-children]").get_by_role("link", name=starts(CHILD)))
    expect(page.get_by_role("heading", level=1)).to_have_text(CHILD)
    expect(page.locator("[data-child-decision]")).to_contain_text(sv("Granted (bifall)"))
    consents = page.locator("[data-guardian-consent]")
    expect(consents).to_have_count(2)
    assert_accessible(page, "child-decision-04-childs-page")

    go(consents.filter(has_text=NAME).get_by_role("link", name=starts(sv("Record"))))
    page.get_by_label(sv("Consent given on")).fill(today)
    assert_accessible(page, "child-decision-05-consent")
    submit(page)
    go(
        page.locator("[data-guardian-consent]")
        .filter(has_text=FATHER)
        .get_by_role("link", name=starts(sv("Record")))
    )
    # The father threatens: the form comes with "not asked" chosen.
    expect(page.get_by_label(sv("The guardian is the threat person"))).to_be_checked()
    assert_accessible(page, "child-decision-06-not-asked")
    submit(page)
    consents = page.locator("[data-guardian-consent]")
    expect(consents.filter(has_text=FATHER)).to_contain_text(sv("Not asked"))

    go(page.get_by_role("button", name=sv("Start the child's support")))
    page.get_by_label(sv("Individual support talks for children who experienced violence")).check()
    page.get_by_label(starts(sv("Start"))).fill(today)
    assert_accessible(page, "child-decision-07-support")
    submit(page)
    expect(page.locator("[data-child-supports]")).to_contain_text(
        sv("Individual support talks for children who experienced violence")
    )
    assert_accessible(page, "child-decision-08-support-started")

    # The parent's placement ends; the child stays placed on the child's own decision.
    go(page.get_by_role("link", name=sv("Show the case")))
    placements = page.locator("main section[aria-labelledby=placements]")
    go(placements.get_by_role("link", name=starts(sv("End the placement"))).first)
    page.get_by_label(sv("End of the placement")).fill(today)
    page.get_by_label(sv("Completed")).check()
    submit(page)
    placements = page.locator("main section[aria-labelledby=placements]")
    expect(placements.locator("[data-child-own-placement]")).to_contain_text(
        sv("The child's placement goes on: end it with the child's own decision")
    )
    expect(
        placements.get_by_role("link", name=starts(sv("End the child's placement")))
    ).to_be_visible()
    assert_accessible(page, "child-decision-09-child-still-placed")
