"""Issue 13's polish, checked in the browser: everything on a page inside a landmark (axe's
"region"), landmarks told apart by their names ("landmark-unique"), the pagination readable
(contrast), and a case page with long content that does not scroll sideways at 320 px."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import expect

from brytupp.cases import services as case_services
from brytupp.interventions import services as interventions
from brytupp.plans.services import plan_action_add
from brytupp.worklists.selectors import PER_PAGE
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import opened, shared_with_ekb, today, world

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
LANDMARK_RULES = ["region", "landmark-unique", "landmark-one-main", "landmark-no-duplicate-banner"]


def landmark_violations(page) -> dict[str, list]:
    """axe's landmark rules on the page: {rule: [selectors of the nodes]} for each broken one."""
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": LANDMARK_RULES}})
    return {
        violation["id"]: [node["target"] for node in violation["nodes"]]
        for violation in results.response["violations"]
    }


def a_case_with_long_content(w):
    """A case with every table of the case page filled, and long words in it."""
    case = opened(w)
    part = shared_with_ekb(w, case)
    case_services.case_unit_accept(actor=w.b, part=part, joined=today(), responsible=w.b)
    for days in (3, 10, 40):
        plan_action_add(
            actor=w.a,
            case=case,
            description="Kontakta bostadsförmedlingen om förtur " + "Långtlångtlångtord" * 3,
            responsible_unit=w.ekb,
            due=today() + datetime.timedelta(days=days),
        )
    interventions.decision_make(
        actor=w.a, case=case, intervention="skyddat_boende", decided=today(), start=today(),
        end=today() + datetime.timedelta(days=13), provider_name="Ett skyddat boende " * 4,
    )  # fmt: skip
    return case


@override_settings(BRYTUPP_DEMO=True)
def test_the_demo_banner_and_the_account_bar_are_inside_the_banner_landmark(
    page, live_server, transactional_db
):
    w = world()
    case = a_case_with_long_content(w)
    sign_in(page, live_server, "test.rvt", factories.TEST_PASSWORD)

    expect(page.get_by_role("banner").get_by_text("DEMO", exact=True)).to_be_visible()
    expect(
        page.get_by_role("banner").get_by_text("Inloggad som Agda Testhandläggare")
    ).to_be_visible()
    assert landmark_violations(page) == {}
    page.goto(f"{live_server.url}/arenden/{case.public_id}/")
    expect(page.get_by_role("navigation", name="Tillbaka").get_by_role("link")).to_have_text(
        "Tillbaka"
    )
    assert landmark_violations(page) == {}
    assert page.get_by_role("region", name="Tabell: Beslut").count() == 1
    assert page.get_by_role("region", name="Tabell: Enheter i ärendet").count() == 1
    assert page.get_by_role("region", name="Tabell: Händelser").count() == 1


def test_the_case_page_with_long_content_does_not_scroll_sideways_at_320_px(
    page, live_server, transactional_db
):
    w = world()
    case = a_case_with_long_content(w)
    page.set_viewport_size(NARROW)
    sign_in(page, live_server, "test.rvt", factories.TEST_PASSWORD)

    page.goto(f"{live_server.url}/arenden/{case.public_id}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Testa Exempelsson")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[1] == 320
    assert widths[0] <= widths[1], widths
    # The wide tables scroll inside their own boxes instead.
    plan = page.get_by_role("region", name="Åtgärder i planen")
    assert plan.evaluate("box => box.scrollWidth > box.clientWidth")
    assert_accessible(page, "narrow-case-long-content")


def test_the_pagination_is_readable(page, live_server, org):
    for _n in range(PER_PAGE + 1):
        factories.case(unit=org.rvt, opened=datetime.date(2024, 5, 1))
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Enhetens ärenden").click()

    current = page.locator(".govuk-pagination__item--current .govuk-body-s")

    expect(current).to_have_text("Sida 1 av 2")
    expect(current).to_have_css("color", "rgb(255, 255, 255)")
    assert_accessible(page, "unit-cases-two-pages")
