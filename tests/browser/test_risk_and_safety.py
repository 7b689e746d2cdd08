"""Issue 14, "done when": a browser journey of risk and safety, clicked through in Chromium.

A (the RVT of Testdistrikt) opens "Ny screening" from the menu and asks FREDA-kortfrågor of
Testa Exempelsson, who is registered (Skatteverket's test number 19121212-1212) but has no
case; an answer yes leads to opening her case. On the case page A makes a
FREDA-farlighetsbedömning with the level Hög, writes Testa's safety plan with a review within
14 days, adds a measure (Larm) and marks it done, then finds the review and the risk
reassessment in Att göra and records the review. B (ekonomiskt bistånd, taking part by the
person's consent, which does not name it for descriptions of violence) sees "Risknivån höjd"
on the start page and the level on the case page, never A's judgement or the plan's threats.

Only the sign-in page's address is typed; every other page is reached by a click. axe-core
runs on every page visited. With BRYTUPP_SCREENSHOTS=1 the pages (and the case page's risk
section on its own) are kept in var/screenshots/ to look at. Synthetic data only.
"""

from __future__ import annotations

import datetime
import os
import re

import pytest
from playwright.sync_api import expect

from brytupp.assessments.models import RiskAssessment, SafetyPlan, Screening
from brytupp.cases.models import Case
from brytupp.people import services as people_services
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

CASE_URL = re.compile(r"/arenden/[0-9a-f-]{36}/(#[a-z-]*)?$")
FIRST, LAST, BORN, NUMBER = "Testa", "Exempelsson", "1912-12-12", "19121212-1212"
NAME = f"{FIRST} {LAST}"
# FREDA-farlighetsbedömning, by item number: six yes, two don't know, the rest no.
YES_ITEMS = (1, 3, 4, 8, 12, 17)
UNKNOWN_ITEMS = (6, 19)
JUDGEMENT = "Hot om att döda efter separationen; han har tillgång till vapen."
THREATS = "Ex-partnern har väntat utanför arbetsplatsen två gånger."
MEASURE = "Trygghetslarm beställt och utlämnat."
REVIEW_NOTE = "Larmet fungerar och planen gäller oförändrad."
# The start page's line about a raised level, as its template words it.
RAISED = (
    '<a class="govuk-notification-banner__link" href="%(case_url)s#risk">%(name)s</a>: '
    "the risk level was raised to %(level)s on %(day)s."
)


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    people_services.person_register(
        actor=None,
        first_name=FIRST,
        last_name=LAST,
        birth_date=datetime.date.fromisoformat(BORN),
        gender="female",
        identity_number=NUMBER,
    )
    return world


# --- helpers ------------------------------------------------------------------------------------


def field(page, name: str, value: str | None = None):
    """A form control in the main content by its ``name``; radios also by their value."""
    selector = f'main [name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return page.locator(selector)


def click_to_next_page(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def submit(page) -> None:
    click_to_next_page(page.locator("main form button[type=submit]").last)


def heading(page):
    return page.get_by_role("heading", level=1)


def menu_link(page, label: str):
    return page.get_by_role("navigation", name=sv("Menu")).get_by_role("link", name=sv(label))


def message_banner(page):
    return page.locator("main .govuk-notification-banner__heading")


def iso(day: datetime.date) -> str:
    return day.isoformat()


def keep_element(locator, name: str) -> None:
    """With BRYTUPP_SCREENSHOTS=1, keep a picture of one part of the page."""
    if os.environ.get("BRYTUPP_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def risk_section(page):
    return page.locator("main section[aria-labelledby=risk]")


def plan_card(page):
    return risk_section(page).locator(".govuk-summary-card")


# --- the journey --------------------------------------------------------------------------------


def test_screening_risk_assessment_safety_plan_and_its_review_in_to_do(page, live_server, w):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    visited: list[str] = []

    def checked(name: str) -> None:
        visited.append(page.url)
        assert_accessible(page, f"risk-{len(visited):02d}-{name}")

    today = jw.today()
    review_on = today + datetime.timedelta(days=7)
    reassess_by = today + datetime.timedelta(days=10)
    next_review = today + datetime.timedelta(days=30)
    due = today + datetime.timedelta(days=2)

    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    expect(heading(page)).to_have_text(sv("My cases"))

    # 1. FREDA-kortfrågor from the menu: asked, one answer yes, told of the help on offer.
    click_to_next_page(menu_link(page, "New screening"))
    expect(heading(page)).to_contain_text(sv("Record a screening"))
    expect(field(page, "date")).to_have_value(iso(today))
    expect(field(page, "unit")).to_have_count(0)  # A works in one unit only
    for number in range(1, 7):
        expect(page.locator(f'main fieldset:has([name="q{number}"]) legend')).to_have_text(
            sv("Answer to question {number}").format(number=number)
        )
    checked("screening")
    field(page, "asked", "yes").check()
    for number, answer in zip(
        range(1, 7), ("no", "yes", "no", "no", "declined", "no"), strict=True
    ):
        field(page, f"q{number}", answer).check()
    field(page, "told_of_help", "yes").check()
    field(page, "identity_number").fill(NUMBER)
    submit(page)
    expect(page).to_have_url(re.compile(r"/arenden/screening/[0-9a-f-]{36}/$"))
    expect(heading(page)).to_have_text(sv("Screening recorded"))
    expect(page.locator("main .govuk-panel__body")).to_have_text(sv("Violence disclosed"))
    expect(page.locator("main dl")).to_contain_text(sv("Linked to a registered person"))
    checked("screening-recorded")
    screening = Screening.objects.get()
    assert (screening.unit, screening.asked, screening.outcome, screening.told_of_help) == (
        w.rvt,
        True,
        "positive",
        True,
    )
    assert screening.answers == {
        "q1": "no",
        "q2": "yes",
        "q3": "no",
        "q4": "no",
        "q5": "declined",
        "q6": "no",
    }
    assert screening.person is not None and screening.person.last_name == LAST

    # ... which leads to opening her case: the search by identity number finds her.
    click_to_next_page(page.get_by_role("button", name=sv("Open a case")))
    expect(heading(page)).to_contain_text(sv("Find the person"))
    checked("search")
    field(page, "identity_number").fill(NUMBER)
    submit(page)
    expect(heading(page)).to_contain_text(sv("Open the case"))
    # Found by the identity number: the page repeats only the birth date it holds.
    expect(page.locator("main dl")).to_contain_text(sv("Born %(date)s") % {"date": BORN})
    checked("open-case")
    field(page, "district").select_option(str(w.district.pk))
    field(page, "lead_unit").select_option(w.rvt.code)
    field(page, "source", "self").check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(heading(page)).to_have_text(NAME)
    expect(risk_section(page).locator("[data-risk-level]").first).to_have_text(
        sv("No structured risk assessment yet.")
    )
    checked("case-opened")
    case = Case.objects.get(person=screening.person)
    assert (case.lead_unit, case.closed) == (w.rvt, None)

    # Ekonomiskt bistånd takes part by the person's consent (which names no unit for
    # descriptions of violence), as the case journey brings it about.
    jw.ekb_joined(w, case, jw.shared_with_ekb(w, case))

    # 2. Risk och säkerhet -> FREDA-farlighetsbedömning: every item, a judgement, Hög.
    page.locator("main").get_by_role("link", name=sv("Risk and safety"), exact=True).click()
    expect(page).to_have_url(re.compile(r"#risk$"))
    click_to_next_page(
        risk_section(page).get_by_role("link", name=sv("FREDA dangerousness assessment"))
    )
    expect(heading(page)).to_contain_text(sv("FREDA dangerousness assessment"))
    expect(field(page, "date")).to_have_value(iso(today))
    items = page.locator('main fieldset:has(input[type=radio][name^="q"])')
    expect(items).to_have_count(20)
    expect(items.nth(19).locator("legend")).to_contain_text(sv("Item {number}").format(number=20))
    keep_element(page.locator("main form"), "risk-shot-farlighet-form")
    checked("farlighet")
    submit(page)  # nothing answered: refused, every item named
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_q20-error")).to_be_visible()
    expect(page.locator("#id_judgement-error")).to_be_visible()
    expect(page.locator("#id_level-error")).to_be_visible()
    checked("farlighet-errors")
    assert RiskAssessment.objects.count() == 0
    for number in range(1, 21):
        answer = "yes" if number in YES_ITEMS else "unknown" if number in UNKNOWN_ITEMS else "no"
        field(page, f"q{number}", answer).check()
    field(page, "judgement").fill(JUDGEMENT)
    field(page, "level", "high").check()
    field(page, "reassess_by").fill(iso(reassess_by))
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_have_text(sv("The risk assessment is recorded."))
    level = risk_section(page).locator("dd[data-risk-level]")
    expect(level).to_have_attribute("data-risk-level", "high")
    expect(level.locator(".govuk-tag")).to_have_text(sv("High"))
    expect(level).to_contain_text(f"{sv('FREDA dangerousness')}, {iso(today)}")
    reassess_row = risk_section(page).locator(
        ".govuk-summary-list__row", has_text=sv("Assess again by")
    )
    expect(reassess_row.locator("dd")).to_have_text(iso(reassess_by))
    row = risk_section(page).locator("table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        [
            iso(today),
            f"{sv('FREDA dangerousness')} ({sv('score %(score)s') % {'score': 6}})",
            w.rvt.name,
            sv("High"),
            re.compile("^" + re.escape(sv("Show"))),
        ]
    )
    keep_element(risk_section(page), "risk-shot-case-risk-section")
    checked("case-assessed")
    assessment = RiskAssessment.objects.get()
    assert (assessment.level, assessment.score, assessment.reassess_by) == ("high", 6, reassess_by)
    assert assessment.judgement == JUDGEMENT
    assert list(assessment.answers.values()).count("unknown") == 2

    # 3. The person's safety plan, reviewed within 14 days; a measure, done.
    click_to_next_page(
        risk_section(page).get_by_role("link", name=sv("Write the person's safety plan"))
    )
    expect(heading(page)).to_contain_text(sv("Write the person's safety plan"))
    checked("safety-plan")
    field(page, "threats").fill(THREATS)
    field(page, "review_on").fill(iso(review_on))
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_have_text(sv("The safety plan is written."))
    card = plan_card(page)
    expect(card).to_have_count(1)
    expect(card.locator(".govuk-summary-card__title")).to_have_text(sv("The person's safety plan"))
    expect(card).to_contain_text(THREATS)
    expect(card).to_contain_text(sv("The plan has no measure yet."))

    click_to_next_page(card.get_by_role("link", name=sv("Add a measure")))
    expect(heading(page)).to_contain_text(sv("Add a measure"))
    responsible = field(page, "responsible_unit").locator("option")
    expect(responsible).to_have_text([sv("No unit"), w.ekb.name, w.rvt.name])  # by name
    checked("measure")
    field(page, "kind", "alarm").check()
    field(page, "description").fill(MEASURE)
    field(page, "responsible_unit").select_option(w.rvt.code)
    expect(page.locator('main label[for="id_due"]')).to_contain_text(sv("Due"))
    field(page, "due").fill(iso(due))
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_have_text(sv("The measure is added."))
    measure_row = plan_card(page).locator("table tbody tr")
    expect(measure_row).to_have_count(1)
    expect(measure_row.locator("td").nth(0)).to_contain_text(sv("Alarm"))
    expect(measure_row.locator("td").nth(0)).to_contain_text(MEASURE)
    expect(measure_row.locator("td").nth(1)).to_have_text(w.rvt.name)
    expect(measure_row.locator("td").nth(2)).to_have_text(iso(due))
    expect(plan_card(page).locator("thead th")).to_have_text(
        [sv("Measure"), sv("Responsible"), sv("Due"), sv("Done")]
    )

    click_to_next_page(
        measure_row.get_by_role("link", name=re.compile("^" + re.escape(sv("Mark done"))))
    )
    expect(heading(page)).to_contain_text(sv("Mark the measure done"))
    expect(field(page, "done_on")).to_have_value(iso(today))
    checked("measure-done")
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_have_text(sv("The measure is marked done."))
    expect(plan_card(page).locator("table tbody tr td").nth(3)).to_have_text(iso(today))
    keep_element(risk_section(page), "risk-shot-case-safety-plan")
    checked("case-safety-plan")
    plan = SafetyPlan.objects.get()
    assert (plan.case, plan.child, plan.review_on, plan.threats) == (case, None, review_on, THREATS)
    measure = plan.measures.get()
    assert (measure.kind, measure.responsible_unit, measure.done_on) == ("alarm", w.rvt, today)

    # 4. Att göra, from the menu: the plan's review and the risk reassessment.
    click_to_next_page(menu_link(page, "To do"))
    expect(heading(page)).to_have_text(sv("To do"))
    rows = page.locator("#todo-table tbody tr")
    expect(rows).to_have_count(2)
    review_row, reassess_row = rows.nth(0), rows.nth(1)
    expect(review_row).to_have_attribute("data-kind", "safety_plan_review")
    expect(review_row.locator("td").nth(0)).to_contain_text(sv("Safety plan review"))
    expect(review_row.locator("td").nth(1)).to_have_text(iso(review_on))
    expect(review_row.locator("td").nth(3)).to_have_text(NAME)
    expect(reassess_row).to_have_attribute("data-kind", "risk_reassessment")
    expect(reassess_row.locator("td").nth(0)).to_contain_text(sv("Risk reassessment"))
    expect(reassess_row.locator("td").nth(0)).to_contain_text(
        sv("Risk level %(level)s") % {"level": sv("High").lower()}
    )
    expect(reassess_row.locator("td").nth(1)).to_have_text(iso(reassess_by))
    expect(reassess_row.locator("td").nth(3)).to_have_text(NAME)
    keep_element(page.locator("main"), "risk-shot-to-do")
    checked("to-do")

    click_to_next_page(review_row.locator("td").nth(0).get_by_role("link"))
    expect(heading(page)).to_contain_text(sv("Review the safety plan"))
    expect(field(page, "reviewed_on")).to_have_value(iso(today))
    checked("review")
    field(page, "note").fill(REVIEW_NOTE)
    field(page, "next_review_on").fill(iso(next_review))
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_have_text(sv("The review is recorded."))
    last_review = plan_card(page).locator(".govuk-summary-list__row", has_text=sv("Last review"))
    expect(last_review.locator("dd")).to_have_text(f"{iso(today)}: {REVIEW_NOTE}")
    review_row_on_card = plan_card(page).locator(
        ".govuk-summary-list__row", has_text=sv("Review on")
    )
    expect(review_row_on_card.locator("dd")).to_have_text(iso(next_review))
    checked("case-reviewed")
    plan.refresh_from_db()
    assert plan.review_on == next_review
    assert plan.reviews.get().note == REVIEW_NOTE

    # The review is done: only the reassessment is left to do.
    click_to_next_page(menu_link(page, "To do"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-kind", "risk_reassessment")

    # 5. B, of ekonomiskt bistånd, sees that the level was raised, and the level; not the
    # judgement nor the plan's threats, which are descriptions of violence.
    page.context.clear_cookies()
    sign_in(page, live_server, w.b.username, factories.TEST_PASSWORD)
    expect(heading(page)).to_have_text(sv("My cases"))
    banner = page.locator("#risk-raised")
    expect(banner.locator(".govuk-notification-banner__title")).to_have_text(
        sv("Risk level raised")
    )
    expect(banner.locator("li")).to_have_count(1)
    raised = sv(RAISED) % {
        "case_url": "",
        "name": NAME,
        "level": sv("High").lower(),
        "day": iso(today),
    }
    expect(banner.locator("li")).to_have_text(re.sub(r"<[^>]+>", "", raised))
    checked("b-start-page")

    click_to_next_page(banner.get_by_role("link", name=NAME))
    expect(page).to_have_url(CASE_URL)
    expect(heading(page)).to_have_text(NAME)
    level = risk_section(page).locator("dd[data-risk-level]")
    expect(level).to_have_attribute("data-risk-level", "high")
    expect(level.locator(".govuk-tag")).to_have_text(sv("High"))
    expect(plan_card(page)).to_contain_text(
        sv("Shown to the lead unit and the units the consent names for it")
    )
    expect(plan_card(page)).to_contain_text(MEASURE)
    checked("b-case")
    for secret in (JUDGEMENT, THREATS, REVIEW_NOTE):
        assert secret not in page.content(), secret

    click_to_next_page(risk_section(page).locator("table tbody tr").get_by_role("link"))
    expect(heading(page)).to_contain_text(sv("FREDA dangerousness"))
    expect(page.locator("main [data-risk-level=high]")).to_have_text(sv("High"))
    expect(page.locator("main .govuk-inset-text")).to_contain_text(
        sv(
            "What the assessment describes of the violence, and the judgement, are shown to "
            "the lead unit and to the units the person's consent names for it."
        )
    )
    checked("b-assessment")
    html = page.content()
    assert JUDGEMENT not in html
    assert sv("Score (items answered yes)") not in html

    # Only the sign-in page was typed; every other page was reached by a click.
    assert all("/logga-in/" not in url for url in visited)
    assert errors == [], errors
