"""Issue 15 item 4 in the browser: Socialjouren's after-hours decision, clicked through in
Chromium; axe-core on every page.

J (a case worker of Socialjouren, with no part in Testa Exempelsson's case) finds the case by
the person's identity number, opens it with emergency access, and from the case page makes the
after-hours decision: protected housing tonight, under Socialjouren's delegation (decision
0042). Then A (a case worker of the lead RVT) finds it in "Att göra", opens it and marks it
reviewed. The legal ground is a made-up one of a made-up law. Synthetic data only.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brytupp.cases import services as case_services
from brytupp.interventions.after_hours import next_working_day
from brytupp.interventions.models import AfterHoursDecision, Delegation, LegalGround
from brytupp.organisation.models import Role, UnitKind
from brytupp.people import services as people_services
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
NUMBER = "191212121212"  # Skatteverket's test number
ASKED = "Ringer i natt, hotad av sambon, kan inte åka hem."
REASON = "Personen ringer i natt, hotad, behöver skyddat boende nu"


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    person = people_services.person_register(
        actor=None,
        first_name=jw.PERSON.first,
        last_name=jw.PERSON.last,
        birth_date=datetime.date(1912, 12, 12),
        gender="female",
        identity_number="191212121212",
    )
    world.case = case_services.case_open(
        actor=world.a,
        person=person,
        district=world.district,
        lead_unit=world.rvt,
        source="self",
        opened=jw.today(),
    )
    world.ground = LegalGround.objects.create(
        code="provlagen-2-1",
        law="Provlagen (2025:9)",
        provision="2 kap. 1 §",
        label="Bistånd enligt provlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    world.jour = factories.UnitFactory(
        district=None, kind=UnitKind.SOCIALJOUR, code="socialjouren", name="Socialjouren"
    )
    world.j = factories.staff(
        Role.HANDLAGGARE, world.jour, username="test.jour", first_name="Jonna", last_name="Jour"
    )
    Delegation.objects.create(
        unit=world.jour,
        role=Role.HANDLAGGARE,
        intervention="skyddat_boende",
        valid_from=datetime.date(2025, 1, 1),
    )
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_socialjouren_decides_tonight_and_the_lead_unit_reviews_it(page, live_server, w):
    today = timezone.localdate().isoformat()
    sign_in(page, live_server, w.j.username, factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/nodatkomst/")
    assert_accessible(page, "after-hours-01-emergency-search")
    page.get_by_label(sv("Personal identity number or coordination number")).fill(NUMBER)
    go(page.locator("main form button[type=submit]"))
    page.get_by_label(sv("Why do you need access now?")).fill(REASON)
    go(page.get_by_role("button", name=sv("Open the case with emergency access")))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)

    section = page.locator("main section[aria-labelledby=applications]")
    go(section.get_by_role("button", name=sv("Make an after-hours decision")))
    assert_accessible(page, "after-hours-02-decide")
    page.get_by_label(sv("Application from the person")).check()
    page.get_by_label(sv("What is asked")).fill(ASKED)
    page.get_by_label(sv("Intervention"), exact=True).select_option("skyddat_boende")
    page.get_by_label(sv("Granted (bifall)"), exact=True).check()
    page.get_by_label(sv("Legal ground")).select_option(w.ground.code)
    page.locator("#id_start").fill(today)
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section[aria-labelledby=applications]")
    expect(section).to_contain_text(ASKED)
    expect(section).to_contain_text(sv("Made by Socialjouren after hours"))
    expect(section.get_by_role("button", name=sv("Make an after-hours decision"))).to_have_count(0)
    assert_accessible(page, "after-hours-03-decided")
    flag = AfterHoursDecision.objects.get()
    assert flag.review_due == next_working_day(flag.decision.recorded_at)

    page.context.clear_cookies()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/att-gora/")
    row = page.locator("#todo-table tbody tr[data-kind=after_hours_decision]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(sv("Decision by Socialjouren to take over"))
    expect(row).to_contain_text(flag.review_due.isoformat())
    assert_accessible(page, "after-hours-04-to-do")

    go(
        row.get_by_role(
            "link", name=re.compile(re.escape(sv("Decision by Socialjouren to take over")))
        )
    )
    section = page.locator("main section[aria-labelledby=applications]")
    expect(section).to_contain_text(sv("Made by Socialjouren after hours"))
    assert_accessible(page, "after-hours-05-case-page")
    go(section.get_by_role("button", name=re.compile("^" + re.escape(sv("Mark as reviewed")))))

    section = page.locator("main section[aria-labelledby=applications]")
    expect(
        section.get_by_role("button", name=re.compile(re.escape(sv("Mark as reviewed"))))
    ).to_have_count(0)
    expect(page.locator("main")).to_contain_text(sv("The after-hours decision is marked reviewed."))
    assert_accessible(page, "after-hours-06-reviewed")
    page.goto(f"{live_server.url}/att-gora/")
    expect(page.locator("#todo-table tbody tr[data-kind=after_hours_decision]")).to_have_count(0)
