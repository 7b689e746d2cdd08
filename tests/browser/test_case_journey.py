"""The case journey, clicked through in Chromium by the case workers who do it.

Testdistrikt has a relationship violence team (A works there) and an ekonomiskt-bistånd unit
(B); Provdistrikt has its own RVT (C). Each test starts where the journey before it ends: the
earlier stages are brought about through the services the pages call (tests/browser/
journey_world.py), so a journey can fail without hiding the others.

axe-core runs on every page a journey visits: the empty form, the form with errors, the
confirmation and the case page. Texts are looked up in the Swedish catalogue (``sv``) and
form fields by their ``name``, so the tests keep passing as translations land.
"""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from brytupp.assessments.models import Screening
from brytupp.cases.events import LABELS, EventKind
from brytupp.cases.models import Case, CaseUnitStatus
from brytupp.people.models import Person
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import ACCOUNT, CHILD, PERSON, sv

pytestmark = pytest.mark.browser

CASE_URL = re.compile(r"/arenden/[0-9a-f-]{36}/(#[a-z-]*)?$")


@pytest.fixture
def w(transactional_db):
    return jw.world()


# --- helpers ------------------------------------------------------------------------------------


def field(page, name: str, value: str | None = None):
    """A form control by its ``name``; radios and checkboxes also by their value."""
    selector = f'main [name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return page.locator(selector)


def submit(page, button=None) -> None:
    """Press the form's submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        (button or page.locator("main form button[type=submit]")).click()


def follow(page, role: str, name: str, exact_start: bool = False) -> None:
    """Follow a link (or a link styled as a button) by its accessible name."""
    label = re.compile("^" + re.escape(name)) if exact_start else name
    with page.expect_navigation():
        page.get_by_role(role, name=label).first.click()


def expect_errors(page, *names: str) -> None:
    """The error summary is shown, and each named field carries its own error message."""
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text(sv("There is a problem"))
    for name in names:
        expect(page.locator(f"#id_{name}-error")).to_be_visible()


def heading(page):
    return page.get_by_role("heading", level=1)


def open_case_page(page, live_server, case) -> None:
    page.goto(f"{live_server.url}/arenden/{case.public_id}/")
    expect(page).to_have_url(CASE_URL)


def message_banner(page):
    return page.locator("main .govuk-notification-banner__heading")


def iso(day: datetime.date) -> str:
    return day.isoformat()


def browser_errors(page) -> list[str]:
    """Collects the page's uncaught script errors and console errors while the test runs."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


# --- 1. screening, search before create, registering and opening --------------------------------


def test_journey_1_screening_leads_to_opening_a_case_for_a_new_person(page, live_server, w):
    errors = browser_errors(page)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)

    # A records that she asked the questions about violence and violence was disclosed.
    page.goto(f"{live_server.url}/arenden/screening/")
    expect(heading(page)).to_contain_text(sv("Record a screening"))
    expect(field(page, "date")).to_have_value(iso(jw.today()))
    assert_accessible(page, "journey-1-01-screening-empty")

    submit(page)
    expect_errors(page, "asked")
    assert_accessible(page, "journey-1-02-screening-errors")

    field(page, "asked", "yes").check()
    for number in range(1, 7):  # FREDA-kortfrågor: violence disclosed at question 2
        field(page, f"q{number}", "yes" if number == 2 else "no").check()
    field(page, "told_of_help", "yes").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/arenden/screening/[0-9a-f-]{36}/$"))
    expect(heading(page)).to_have_text(sv("Screening recorded"))
    expect(page.locator("main")).to_contain_text(sv("Violence was disclosed: what next?"))
    assert_accessible(page, "journey-1-03-screening-recorded")
    screening = Screening.objects.get()
    assert (screening.unit, screening.asked, screening.outcome) == (w.rvt, True, "positive")

    # "Open a case" leads to the search: searching with nothing typed is refused.
    follow(page, "button", sv("Open a case"))
    expect(page).to_have_url(re.compile(r"/arenden/nytt/$"))
    expect(heading(page)).to_contain_text(sv("Find the person"))
    assert_accessible(page, "journey-1-04-search-empty")

    submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        sv("Enter the identity number, or the first name, last name and date of birth.")
    )
    assert_accessible(page, "journey-1-05-search-errors")

    # She is not registered anywhere in the city: the register form keeps what was typed.
    field(page, "first_name").fill(PERSON.first)
    field(page, "last_name").fill(PERSON.last)
    field(page, "birth_date").fill(PERSON.born)
    submit(page)
    expect(heading(page)).to_contain_text(sv("Register the person"))
    expect(field(page, "first_name")).to_have_value(PERSON.first)
    expect(field(page, "last_name")).to_have_value(PERSON.last)
    expect(field(page, "birth_date")).to_have_value(PERSON.born)
    expect(field(page, "identity_number")).to_have_value("")
    assert_accessible(page, "journey-1-06-register-empty")

    submit(page)  # no gender chosen
    expect_errors(page, "gender")
    expect(field(page, "first_name")).to_have_value(PERSON.first)
    assert_accessible(page, "journey-1-07-register-errors")

    # Registered with a reserve identity (no identity number).
    field(page, "gender", "female").check()
    submit(page)
    expect(heading(page)).to_contain_text(sv("Open the case"))
    expect(message_banner(page)).to_contain_text(sv("The person is registered. Now open the case."))
    expect(page.locator("main dl")).to_contain_text(f"{PERSON.first} {PERSON.last}, {PERSON.born}")
    expect(field(page, "district")).to_have_value(str(w.district.pk))
    expect(field(page, "lead_unit")).to_have_value(w.rvt.code)
    expect(field(page, "opened")).to_have_value(iso(jw.today()))
    assert_accessible(page, "journey-1-08-open-case-empty")
    person = Person.objects.get(last_name=PERSON.last)
    assert person.identity_kind == "reserve"

    submit(page)  # no source chosen
    expect_errors(page, "source")
    assert_accessible(page, "journey-1-09-open-case-errors")

    field(page, "source", "self").check()
    submit(page)

    # The case page.
    expect(page).to_have_url(CASE_URL)
    expect(heading(page)).to_have_text(f"{PERSON.first} {PERSON.last}")
    expect(message_banner(page)).to_contain_text(sv("The case is opened."))
    summary = page.locator("main dl.govuk-summary-list").first
    expect(summary).to_contain_text(sv("Open"))
    expect(summary).to_contain_text("Testdistrikt")
    expect(summary).to_contain_text(w.rvt.name)
    expect(summary).to_contain_text(sv("The person themself"))
    assert_accessible(page, "journey-1-10-case-opened")
    case = Case.objects.get(person=person)
    assert page.url.rstrip("/").endswith(str(case.public_id))
    assert (case.lead_unit, case.source, case.closed) == (w.rvt, "self", None)
    assert Person.objects.filter(last_name=PERSON.last).count() == 1
    assert errors == [], errors


# --- 2. the account, consent, inviting a unit; closing needs a reason ---------------------------


def test_journey_2_account_consent_invitation_and_closing_needs_a_reason(page, live_server, w):
    errors = browser_errors(page)
    case = jw.opened(w)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    open_case_page(page, live_server, case)
    expect(page.locator("#account")).to_contain_text(sv("The account is not written yet."))
    assert_accessible(page, "journey-2-01-case-new")

    # The person's account.
    follow(page, "button", sv("Write the account"))
    expect(heading(page)).to_contain_text(sv("The person's account"))
    assert_accessible(page, "journey-2-02-account-empty")
    submit(page)
    expect_errors(page, "account")
    assert_accessible(page, "journey-2-03-account-errors")
    field(page, "account").fill(ACCOUNT)
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(page.locator("#account .govuk-inset-text")).to_contain_text(ACCOUNT.splitlines()[1])
    expect(message_banner(page)).to_contain_text(sv("The person's account is saved."))
    assert_accessible(page, "journey-2-04-case-account-written")

    # Without consent no unit can be invited; the page says so and leads to recording consent.
    follow(page, "button", sv("Invite a unit"))
    expect(page.locator("main")).to_contain_text(
        sv(
            "No unit can be invited: every unit that a consent in force covers already takes "
            "part or is invited."
        )
    )
    assert_accessible(page, "journey-2-05-invite-without-consent")
    follow(page, "button", sv("Record consent"))

    # Written consent covering ekonomiskt bistånd, with a purpose.
    expect(heading(page)).to_contain_text(sv("Record consent"))
    expect(field(page, "given")).to_have_value(iso(jw.today()))
    expect(page.locator("main")).not_to_contain_text(w.other_rvt.name)  # another district's
    assert_accessible(page, "journey-2-06-consent-empty")
    submit(page)
    expect_errors(page, "form", "purpose")
    assert_accessible(page, "journey-2-07-consent-errors")
    field(page, "form", "written").check()
    field(page, "units", str(w.ekb.pk)).check()
    field(page, "purpose").fill(jw.PURPOSE)
    submit(page)
    expect(page).to_have_url(CASE_URL)
    consent_card = page.locator("#consents .govuk-summary-card")
    expect(consent_card).to_have_count(1)
    expect(consent_card).to_contain_text(sv("In force"))
    expect(consent_card).to_contain_text(w.ekb.name)
    expect(consent_card).to_contain_text(jw.PURPOSE)
    assert_accessible(page, "journey-2-08-case-consent-recorded")

    # Invite ekonomiskt bistånd.
    follow(page, "button", sv("Invite a unit"))
    expect(heading(page)).to_contain_text(sv("Invite a unit"))
    expect(page.locator("main .govuk-radios__item")).to_have_count(1)
    assert_accessible(page, "journey-2-09-invite-empty")
    submit(page)
    expect_errors(page, "unit")
    assert_accessible(page, "journey-2-10-invite-errors")
    field(page, "unit", str(w.ekb.pk)).check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    ekb_row = page.locator("#units tbody tr", has_text=w.ekb.name)
    expect(ekb_row).to_contain_text(sv("Invited"))
    assert_accessible(page, "journey-2-11-case-unit-invited")
    assert case.case_units.get(unit=w.ekb).status == CaseUnitStatus.INVITED

    # Closing without a reason is refused and the case stays open.
    follow(page, "button", sv("Close the case"))
    expect(heading(page)).to_contain_text(sv("Close the case"))
    expect(field(page, "closed")).to_have_value(iso(jw.today()))
    assert_accessible(page, "journey-2-12-close-empty")
    submit(page)
    expect_errors(page, "closure_reason")
    expect(page.locator("#id_closure_reason-error")).to_contain_text(
        sv("State why the case is closed.")
    )
    assert_accessible(page, "journey-2-13-close-errors")
    follow(page, "link", sv("Cancel"))
    expect(page).to_have_url(CASE_URL)
    expect(page.locator("main dl.govuk-summary-list").first).to_contain_text(sv("Open"))
    case.refresh_from_db()
    assert case.closed is None and case.closure_reason == ""
    assert errors == [], errors


# --- 3. the invited unit accepts and assesses needs -------------------------------------------


def test_journey_3_invited_unit_accepts_and_assesses_needs(page, live_server, w):
    errors = browser_errors(page)
    case = jw.opened(w)
    jw.shared_with_ekb(w, case)
    sign_in(page, live_server, w.b.username, factories.TEST_PASSWORD)
    assert_accessible(page, "journey-3-01-b-work-list")

    # B finds the invitation: on the work list when it lists invitations, else by the case's URL,
    # which sends an invited unit to the invitation (decision 0021).
    invitation_url = f"/arenden/{case.public_id}/inbjudan/"
    listed = page.locator(f'main a[href="{invitation_url}"]')
    if listed.count():
        expect(listed).to_contain_text(f"{PERSON.first} {PERSON.last}")
        with page.expect_navigation():
            listed.click()
    else:
        page.goto(f"{live_server.url}/arenden/{case.public_id}/")

    # Invited, B reads only what it needs to decide: who invites and the consent, not the
    # account A wrote; it cannot record anything.
    expect(page).to_have_url(re.compile(re.escape(invitation_url) + "$"))
    expect(heading(page)).to_contain_text(sv("Invitation to a case"))
    expect(page.locator("main")).to_contain_text(jw.PURPOSE)
    expect(page.locator("main")).not_to_contain_text(ACCOUNT.splitlines()[0])
    expect(page.get_by_role("link", name=sv("Assess needs"))).to_have_count(0)
    assert_accessible(page, "journey-3-02-invitation")

    responsible = field(page, "responsible")
    expect(responsible).to_have_value(str(w.b.pk))
    expect(responsible.locator("option:checked")).to_have_text(w.b.get_full_name())
    expect(field(page, "joined")).to_have_value(iso(jw.today()))
    assert_accessible(page, "journey-3-04-invitation-accept")

    submit(page, page.locator('main button[name="action"][value="accept"]'))
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_contain_text(sv("Your unit takes part in the case."))
    expect(page.get_by_role("region", name=sv("Invitation"))).to_have_count(0)
    ekb_row = page.locator("#units tbody tr", has_text=w.ekb.name)
    expect(ekb_row).to_contain_text(sv("Taking part"))
    expect(ekb_row).to_contain_text(w.b.get_full_name())
    assert_accessible(page, "journey-3-05-case-joined")

    # A needs assessment in the area economy, short and long term.
    follow(page, "link", sv("Assess needs"))
    expect(heading(page)).to_contain_text(sv("Assess needs"))
    assert_accessible(page, "journey-3-06-assessment-empty")
    submit(page)
    expect_errors(page, "area")
    assert_accessible(page, "journey-3-07-assessment-errors")
    field(page, "area", "economy").check()
    field(page, "short_term").fill(jw.SHORT_TERM)
    field(page, "long_term").fill(jw.LONG_TERM)
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_contain_text(sv("Your unit's needs assessment is saved."))
    table = page.get_by_role("region", name=re.compile(re.escape(sv("Economy"))))
    row = table.locator("tbody tr", has_text=w.ekb.name)
    expect(row).to_contain_text(jw.SHORT_TERM)
    expect(row).to_contain_text(jw.LONG_TERM)
    expect(page.locator("#account .govuk-inset-text")).to_contain_text(ACCOUNT.splitlines()[1])
    assert_accessible(page, "journey-3-08-case-assessed")
    assert errors == [], errors


# --- 4. decision, placement with a child, schooling, follow-up, end of the placement ----------


def test_journey_4_decision_placement_child_schooling_follow_up_and_end(page, live_server, w):
    errors = browser_errors(page)
    case = jw.opened(w)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    open_case_page(page, live_server, case)
    start, end = jw.today(), jw.today() + datetime.timedelta(days=13)

    # A 14-day decision on protected housing.
    follow(page, "link", sv("Record a decision"))
    expect(heading(page)).to_contain_text(sv("Record a decision"))
    assert_accessible(page, "journey-4-01-decision-empty")
    submit(page)
    expect_errors(page, "intervention", "decided", "start")
    assert_accessible(page, "journey-4-02-decision-errors")
    field(page, "intervention").select_option("skyddat_boende")
    field(page, "decided").fill(iso(start))
    field(page, "start").fill(iso(start))
    field(page, "end").fill(iso(end))
    submit(page)
    expect(page).to_have_url(CASE_URL)
    period = f"{iso(start)} – {iso(end)}"
    messages = message_banner(page)
    expect(messages).to_have_count(2)
    expect(messages.nth(0)).to_contain_text(period)
    expect(messages.nth(0)).to_contain_text("14")
    expect(messages.nth(1)).to_contain_text("14")
    decisions = page.locator("section[aria-labelledby=decisions]")
    expect(decisions.locator(".govuk-warning-text")).to_contain_text(period)
    expect(decisions.locator(".govuk-warning-text")).to_contain_text("14")
    decision_row = decisions.locator("tbody tr")
    expect(decision_row).to_contain_text(sv("Protected housing"))
    expect(decision_row).to_contain_text(period)
    expect(decision_row).to_contain_text(re.compile(r"\(14 \w+\)"))
    expect(decision_row).to_contain_text(sv("Short decision"))
    assert_accessible(page, "journey-4-03-case-decision")
    decision = case.decisions.get()
    assert (decision.period_days, decision.is_short_protected_housing) == (14, True)

    # A placement, with the child registered in the placement form.
    follow(page, "link", sv("Record a placement in protected housing"))
    expect(heading(page)).to_contain_text(sv("Record a placement in protected housing"))
    expect(field(page, "children")).to_have_count(0)  # no child is registered yet
    assert_accessible(page, "journey-4-04-placement-empty")
    field(page, "new_child_first_name").fill(CHILD.first)
    submit(page)
    expect_errors(page, "start", "new_child_last_name", "new_child_birth_date")
    assert_accessible(page, "journey-4-05-placement-errors")
    field(page, "start").fill(iso(start))
    field(page, "provider").fill("Testboendet")
    field(page, "decision").select_option(str(decision.public_id))
    expect(field(page, "new_child_first_name")).to_have_value(CHILD.first)
    field(page, "new_child_last_name").fill(CHILD.last)
    field(page, "new_child_birth_date").fill(CHILD.born)
    field(page, "new_child_gender", "female").check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    due = iso(start + datetime.timedelta(days=7))
    expect(message_banner(page)).to_contain_text(due)
    card = page.locator("section[aria-labelledby=placements] .govuk-summary-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Testboendet")
    expect(card).to_contain_text(sv("Ongoing"))
    child_row = card.locator("tbody tr", has_text=f"{CHILD.first} {CHILD.last}")
    expect(child_row).to_contain_text(due)  # schooling due within a week
    assert_accessible(page, "journey-4-06-case-placement")
    child = Person.objects.get(first_name=CHILD.first, last_name=CHILD.last)
    assert list(child.guardians.all()) == [case.person]

    # The child's schooling.
    with page.expect_navigation():
        child_row.get_by_role(
            "link", name=re.compile("^" + re.escape(sv("Record schooling")))
        ).click()
    expect(heading(page)).to_contain_text(sv("Record the child's schooling"))
    expect(page.locator("main")).to_contain_text(f"{CHILD.first} {CHILD.last}")
    assert_accessible(page, "journey-4-07-schooling-empty")
    submit(page)
    expect_errors(page, "schooling_start", "schooling_kind")
    assert_accessible(page, "journey-4-08-schooling-errors")
    field(page, "schooling_start").fill(iso(start))
    field(page, "schooling_kind", "school").check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    child_row = page.locator(
        "section[aria-labelledby=placements] tbody tr", has_text=f"{CHILD.first} {CHILD.last}"
    )
    expect(child_row).to_contain_text(f"{iso(start)}, {sv('School')}")
    assert_accessible(page, "journey-4-09-case-schooling")

    # A follow-up of the placement, chosen from its card.
    follow(page, "link", sv("Follow up"), exact_start=True)
    expect(heading(page)).to_contain_text(sv("Record a follow-up"))
    placement = case.placements.get()
    expect(field(page, "placement")).to_have_value(str(placement.public_id))
    assert_accessible(page, "journey-4-10-follow-up-empty")
    submit(page)
    expect_errors(page, "date", "goal_achieved", "improved_situation")
    expect(field(page, "placement")).to_have_value(str(placement.public_id))
    assert_accessible(page, "journey-4-11-follow-up-errors")
    field(page, "date").fill(iso(start))
    field(page, "goal_achieved", "yes").check()
    field(page, "improved_situation", "unknown").check()
    field(page, "note").fill("Uppföljning efter första veckan.")
    submit(page)
    expect(page).to_have_url(CASE_URL)
    follow_up_row = page.locator("section[aria-labelledby=follow-ups] tbody tr")
    expect(follow_up_row).to_have_count(1)
    expect(follow_up_row).to_contain_text("Uppföljning efter första veckan.")
    expect(page.locator("section[aria-labelledby=placements] .govuk-summary-card")).to_contain_text(
        sv("Followed up")
    )
    assert_accessible(page, "journey-4-12-case-followed-up")

    # The placement ends: completed, moving to a second-hand contract of 12 months.
    follow(page, "link", sv("End the placement"), exact_start=True)
    expect(heading(page)).to_contain_text(sv("End the placement"))
    assert_accessible(page, "journey-4-13-placement-end-empty")
    submit(page)
    expect_errors(page, "end", "end_reason")
    assert_accessible(page, "journey-4-14-placement-end-errors")
    field(page, "end").fill(iso(start))
    field(page, "end_reason", "completed").check()
    field(page, "next_housing_type").select_option("second_hand")
    field(page, "next_housing_contract_months").fill("12")
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_contain_text(
        sv("The housing the person moves to counts as permanent housing.")
    )
    card = page.locator("section[aria-labelledby=placements] .govuk-summary-card")
    expect(card).to_contain_text(sv("Completed"))
    expect(card).to_contain_text(sv("Second-hand contract"))
    expect(card).to_contain_text(sv("Permanent housing"))
    expect(
        card.get_by_role("link", name=re.compile("^" + re.escape(sv("End the placement"))))
    ).to_have_count(0)
    assert_accessible(page, "journey-4-15-case-placement-ended")
    placement.refresh_from_db()
    assert (placement.end, placement.end_reason) == (start, "completed")
    assert (placement.next_housing_type, placement.next_housing_contract_months) == (
        "second_hand",
        12,
    )
    assert placement.next_housing_is_permanent
    assert errors == [], errors


# --- 5. closing the case; the timeline -------------------------------------------------------


def test_journey_5_closing_the_case_and_its_timeline(page, live_server, w):
    errors = browser_errors(page)
    case = jw.opened(w)
    part = jw.shared_with_ekb(w, case)
    jw.ekb_joined(w, case, part)
    jw.placed_and_moved_on(w, case)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    open_case_page(page, live_server, case)
    assert_accessible(page, "journey-5-01-case-before-closing")

    follow(page, "button", sv("Close the case"))
    expect(page.locator("main .brytupp-running")).to_have_count(1)  # the decision, to day 13
    field(page, "closure_reason", "goals_met").check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(message_banner(page)).to_contain_text(sv("The case is closed."))
    status = page.locator("main dl.govuk-summary-list").first
    expect(status).to_contain_text(sv("Closed"))
    expect(status).to_contain_text(sv("Goals met"))
    expect(status).to_contain_text(iso(jw.today()))
    # Nothing more can be recorded in a closed case.
    for name in ("Close the case", "Write the account", "Change the account", "Invite a unit"):
        expect(page.get_by_role("button", name=sv(name))).to_have_count(0)
    for name in ("Record a decision", "Assess needs", "Record a follow-up"):
        expect(page.get_by_role("link", name=sv(name))).to_have_count(0)
    assert_accessible(page, "journey-5-02-case-closed")

    # The timeline, newest first.
    kinds = [
        EventKind.OPENED,
        EventKind.ACCOUNT_WRITTEN,
        EventKind.CONSENT_RECORDED,
        EventKind.UNIT_INVITED,
        EventKind.UNIT_JOINED,
        EventKind.ASSESSMENT_RECORDED,
        EventKind.DECISION_MADE,
        EventKind.PLACEMENT_STARTED,
        EventKind.CHILD_PLACED,
        EventKind.CHILD_SCHOOLING_STARTED,
        EventKind.FOLLOW_UP_RECORDED,
        EventKind.PLACEMENT_ENDED,
        # The 14-day decision still ran: the closing page asked its last day (today).
        EventKind.DECISION_ENDED,
        EventKind.CLOSED,
    ]
    rows = page.locator("#timeline tbody tr")
    expect(rows).to_have_count(len(kinds))
    shown = [text.strip() for text in rows.locator("td:nth-child(2)").all_inner_texts()]
    expected = [sv(LABELS[kind]) for kind in reversed(kinds)]
    # The invitation names the unit invited, not only the unit that invited it.
    invited = expected.index(sv(LABELS[EventKind.UNIT_INVITED]))
    expected[invited] += f": {w.ekb.name}"
    assert shown == expected
    closed_row = rows.first
    expect(closed_row).to_contain_text(w.rvt.name)
    expect(closed_row).to_contain_text(w.a.get_full_name())
    joined_row = page.locator("#timeline tbody tr", has_text=sv(LABELS[EventKind.UNIT_JOINED]))
    expect(joined_row).to_contain_text(w.ekb.name)
    case.refresh_from_db()
    assert (case.closed, case.closure_reason) == (jw.today(), "goals_met")
    assert errors == [], errors


# --- 6. another district's case worker --------------------------------------------------------


def test_journey_6_another_districts_case_worker_gets_not_found(page, live_server, w):
    case = jw.opened(w)
    jw.shared_with_ekb(w, case)
    sign_in(page, live_server, w.c.username, factories.TEST_PASSWORD)
    assert PERSON.last not in page.content()  # not on C's work list either

    for path in ("", "inbjudan/", "berattelse/", "beslut/nytt/", "avsluta/"):
        response = page.goto(f"{live_server.url}/arenden/{case.public_id}/{path}")
        assert response.status == 404, path
        expect(heading(page)).to_have_text(sv("Page not found"))
        html = page.content()
        for secret in (
            f"{PERSON.first} {PERSON.last}",
            PERSON.last,
            *ACCOUNT.splitlines(),
            jw.PURPOSE,
            "Testdistrikt",
        ):
            assert secret not in html, (path, secret)
    assert_accessible(page, "journey-6-01-other-district-not-found")


# --- the error summary leads to each question ---------------------------------------------------


def test_error_summary_link_moves_to_a_radio_group(page, live_server, w):
    case = jw.opened(w)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/arenden/{case.public_id}/avsluta/")
    submit(page)
    expect_errors(page, "closure_reason")

    page.locator(".govuk-error-summary__list a").first.click()

    expect(page.locator("#id_closure_reason")).to_be_focused(timeout=2_000)
