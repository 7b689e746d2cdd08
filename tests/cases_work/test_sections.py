"""The case page's sections of work in a case, rendered from the case overview."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brytupp.cases.joint import meeting_record, needs_assessment_record
from brytupp.cases.overview import case_overview
from brytupp.cases.services import consent_record
from brytupp.housing.models import HousingType, is_permanent
from brytupp.housing.services import shis_referral_record
from brytupp.interventions import models as interventions_models
from brytupp.interventions.services import (
    ChildPlaced,
    child_schooling_record,
    decision_make,
    follow_up_record,
    placement_end,
    placement_start,
)
from brytupp.organisation.models import Partner
from brytupp.people.services import guardian_link
from brytupp.plans.services import plan_action_add, plan_action_status_set, sip_record
from tests import factories

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db

SECTIONS = {
    "meetings": "meetings",
    "assessments": "assessments",
    "plan": "plan",
    "decisions": "decisions",
    "placements": "placements",
    "follow_ups": "follow-ups",
    "housing_and_sip": "housing-sip",
}

WARNING_14 = (
    "The decision on protected housing covers only 14 days. Plan the next decision with the "
    "person now, so that they are not left without protection when it runs out."
)


def render(section, actor, case) -> str:
    overview = case_overview(actor=actor, public_id=case.public_id)
    body = render_to_string(f"cases/sections/{section}.html", {"overview": overview})
    return re.sub(r"\s+", " ", body)


def protected_housing(setting, days):
    start = TODAY - 5 * DAY
    return decision_make(
        actor=setting["worker"],
        case=setting["case"],
        intervention="skyddat_boende",
        decided=start,
        start=start,
        end=start + (days - 1) * DAY,
    )


def test_a_protected_housing_decision_of_14_days_is_shown_with_a_warning(setting):
    decision = protected_housing(setting, 14)

    body = render("decisions", setting["worker"], setting["case"])

    period = f"{decision.start.isoformat()} – {decision.end.isoformat()}"
    assert (
        '<div class="govuk-warning-text"> <span class="govuk-warning-text__icon" '
        'aria-hidden="true">!</span> <strong class="govuk-warning-text__text">'
        f'<span class="govuk-visually-hidden">Warning</span>{period}: {WARNING_14}</strong>'
    ) in body
    assert f"<strong>{period} (14 days)</strong>" in body
    assert '<strong class="govuk-tag govuk-tag--red">Short decision</strong>' in body


def test_a_protected_housing_decision_of_15_days_has_no_warning(setting):
    decision = protected_housing(setting, 15)

    body = render("decisions", setting["worker"], setting["case"])

    assert (
        f"<strong>{decision.start.isoformat()} – {decision.end.isoformat()} (15 days)</strong>"
        in body
    )
    assert "govuk-warning-text" not in body
    assert "Decisions of 14 days or less" not in body
    assert "Short decision" not in body


def test_a_short_protected_housing_decision_that_has_ended_reads_has_expired_without_warning(
    setting,
):
    start = TODAY - 20 * DAY
    decision_make(
        actor=setting["worker"],
        case=setting["case"],
        intervention="skyddat_boende",
        decided=start,
        start=start,
        end=TODAY - DAY,
    )

    body = render("decisions", setting["worker"], setting["case"])

    period = f"{start.isoformat()} – {(TODAY - DAY).isoformat()}"
    assert (
        f'<strong>{period} (20 days)</strong> <strong class="govuk-tag govuk-tag--grey">'
        "Has expired</strong></td>"
    ) in body
    assert "govuk-warning-text" not in body
    assert "Short decision" not in body


def test_a_decision_ending_today_has_not_expired(setting):
    protected_housing(setting, 6)  # from 5 days ago through today

    body = render("decisions", setting["worker"], setting["case"])

    assert body.count(WARNING_14.replace("14 days", "6 days")) == 1
    assert "Has expired" not in body


def test_a_short_decision_of_another_intervention_has_no_warning(setting):
    decision_make(
        actor=setting["worker"],
        case=setting["case"],
        intervention="tillfalligt_boende",
        decided=TODAY,
        start=TODAY,
        end=TODAY + 6 * DAY,
    )

    body = render("decisions", setting["worker"], setting["case"])

    assert f"{TODAY.isoformat()} – {(TODAY + 6 * DAY).isoformat()} (7 days)" in body
    assert "<strong>" + TODAY.isoformat() not in body
    assert "govuk-warning-text" not in body


def test_decisions_show_intervention_decided_by_date_period_and_provider(setting):
    decision_make(
        actor=setting["worker"],
        case=setting["case"],
        intervention="radgivning",
        decided=TODAY - 2 * DAY,
        start=TODAY - DAY,
        provider=setting["ekb"],
    )

    body = render("decisions", setting["worker"], setting["case"])

    assert (
        '<td class="govuk-table__cell">Individual counselling and guidance</td> '
        '<td class="govuk-table__cell">Relationsvåldsteamet Test</td> '
        f'<td class="govuk-table__cell">{(TODAY - 2 * DAY).isoformat()}</td> '
        f'<td class="govuk-table__cell">from {(TODAY - DAY).isoformat()} until further notice</td> '
        '<td class="govuk-table__cell">Ekonomiskt bistånd Test</td>'
    ) in body


def test_case_page_shows_the_warning_for_14_days_and_not_for_15(client, setting):
    factories.sign_in(client, setting["worker"])
    short = protected_housing(setting, 14)
    page = reverse("cases:detail", args=[setting["case"].public_id])

    with_short = re.sub(r"\s+", " ", client.get(page).content.decode())
    short.end += DAY
    short.save()
    without = re.sub(r"\s+", " ", client.get(page).content.decode())

    assert WARNING_14 in with_short
    assert "Decisions of 14 days or less" not in without
    assert "(15 days)" in without


def test_case_page_has_each_section_id_once_and_links_to_it(client, setting):
    factories.sign_in(client, setting["worker"])
    body = client.get(reverse("cases:detail", args=[setting["case"].public_id])).content.decode()

    for anchor in SECTIONS.values():
        assert body.count(f'id="{anchor}"') == 1, anchor
        assert f'href="#{anchor}"' in body, anchor


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_has_its_heading_id_and_scrolling_tables(work, section):
    decision_make(
        actor=work["worker"],
        case=work["case"],
        intervention="radgivning",
        decided=TODAY,
        start=TODAY,
    )
    follow_up_record(actor=work["worker"], case=work["case"], date=TODAY, goal_achieved=True)
    needs_assessment_record(
        actor=work["worker"], case=work["case"], area="housing", short_term="Tak", long_term=""
    )
    shis_referral_record(actor=work["worker"], case=work["case"], date=TODAY, kind="mellanbo")
    sip_record(
        actor=work["worker"], case=work["case"], date=TODAY, participants=["A"], responsible="B"
    )

    body = render(section, work["worker"], work["case"])

    assert body.count("<h2 ") == 1
    assert f'<h2 class="govuk-heading-m" id="{SECTIONS[section]}">' in body
    wrapped = re.findall(
        r'<div class="brytupp-table-scroll" role="region" aria-label="[^"]+" tabindex="0"> <table',
        body,
    )
    assert len(wrapped) == body.count("<table")


def test_add_links_only_for_a_unit_taking_part_in_an_open_case(work):
    case = work["case"]
    outside = factories.staff(
        "handlaggare", factories.UnitFactory(district=work["district"], kind="barn_unga")
    )
    from brytupp.cases.services import case_unit_invite, consent_record

    consent_record(
        actor=None,
        case=case,
        given=TODAY,
        form="oral",
        purpose="Barn",
        units=[outside.memberships.get().unit],
    )
    case_unit_invite(actor=None, case=case, unit=outside.memberships.get().unit, invited=TODAY)
    links = {
        "meetings": reverse("cases:meeting_add", args=[case.public_id]),
        "assessments": reverse("cases:assessment_add", args=[case.public_id]),
        "plan": reverse("cases:plan_action_add", args=[case.public_id]),
        "decisions": reverse("cases:decision_add", args=[case.public_id]),
        "placements": reverse(
            "cases:placement_end", args=[case.public_id, work["placement"].public_id]
        ),
        "follow_ups": reverse("cases:follow_up_add", args=[case.public_id]),
        "housing_and_sip": reverse("cases:sip_add", args=[case.public_id]),
    }

    for section, link in links.items():
        assert link in render(section, work["worker"], case), section
        assert link not in render(section, outside, case), section
    factories.closed_leaving_running(case)
    for section, link in links.items():
        body = render(section, work["worker"], case)
        if section == "placements":
            # A running placement can still be ended after its case closed; nothing else.
            assert link in body
            assert body.count("/arenden/") == 1
            assert link not in render(section, outside, case)
        else:
            assert link not in body, section
            assert "/arenden/" not in body, section


def test_meetings_show_units_partners_presence_and_minutes(setting):
    case = setting["case"]
    police = Partner.objects.create(code="polisen-test", name="Polisen Test", kind="police")
    consent_record(
        actor=setting["worker"],
        case=case,
        given=TODAY - 4 * DAY,
        form="oral",
        purpose="Möte med polisen",
        units=[],
        partners=[police],
    )
    meeting = meeting_record(
        actor=setting["worker"],
        case=case,
        held=TODAY - 3 * DAY,
        units=[setting["rvt"], setting["ekb"]],
        partners=[police],
        person_present=False,
        minutes="Rad ett\nRad två",
    )

    body = render("meetings", setting["worker"], case)

    assert f"Meeting on {meeting.held.isoformat()}" in body
    assert "Ekonomiskt bistånd Test<br>Relationsvåldsteamet Test" in body
    assert '<dd class="govuk-summary-list__value">Polisen Test</dd>' in body
    assert (
        '<dt class="govuk-summary-list__key">The person took part</dt> '
        '<dd class="govuk-summary-list__value">No</dd>'
    ) in body
    assert "Rad ett<br>Rad två" in body


def test_assessments_are_grouped_by_area(setting):
    case = setting["case"]
    needs_assessment_record(
        actor=setting["worker"], case=case, area="economy", short_term="Akut", long_term="Arbete"
    )
    needs_assessment_record(
        actor=setting["ekb_worker"], case=case, area="economy", short_term="Bistånd", long_term=""
    )
    needs_assessment_record(
        actor=setting["worker"], case=case, area="housing", short_term="", long_term="Kontrakt"
    )

    body = render("assessments", setting["worker"], case)

    captions = re.findall(
        r'<caption class="govuk-table__caption govuk-table__caption--s">([^<]+)</caption>', body
    )
    assert captions == ["Economy", "Housing"]
    economy = body.split("Economy</caption>")[1].split("</table>")[0]
    assert re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>', economy) == [
        "Ekonomiskt bistånd Test",
        "Relationsvåldsteamet Test",
    ]


def test_plan_marks_open_actions_past_their_due_date(setting):
    case = setting["case"]
    late = plan_action_add(
        actor=setting["worker"],
        case=case,
        description="Sen",
        responsible_unit=setting["rvt"],
        due=TODAY - DAY,
    )
    done = plan_action_add(
        actor=setting["worker"],
        case=case,
        description="Klar",
        responsible_unit=setting["ekb"],
        due=TODAY - DAY,
    )
    plan_action_status_set(actor=setting["worker"], action=done, status="done")
    plan_action_add(
        actor=setting["worker"],
        case=case,
        description="I dag",
        responsible_unit=setting["rvt"],
        due=TODAY,
    )

    body = render("plan", setting["worker"], case)

    overdue = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    assert body.count(overdue) == 1
    assert (
        f'{(TODAY - DAY).isoformat()} {overdue}</td> <td class="govuk-table__cell">Planned</td>'
        in body
    )
    assert reverse("cases:plan_action_status", args=[case.public_id, late.public_id]) in body


def test_placement_shows_follow_up_and_schooling_due_within_a_week(setting):
    case = setting["case"]
    start = TODAY - 3 * DAY
    seven_at_start = factories.person(
        first_name="Sjuan",
        last_name="Påhittadsson",
        birth_date=start.replace(year=start.year - 7, day=min(start.day, 28)),
    )
    guardian_link(child=seven_at_start, guardian=setting["person"])
    placement_start(
        actor=setting["worker"],
        case=case,
        start=start,
        provider="Jouren Påhittet",
        children=[ChildPlaced(child=seven_at_start)],
    )

    body = render("placements", setting["worker"], case)

    due = (start + 7 * DAY).isoformat()
    assert f'<strong class="govuk-tag govuk-tag--yellow">Follow-up due by {due}</strong>' in body
    assert f'<strong class="govuk-tag govuk-tag--yellow">Schooling due by {due}</strong>' in body
    assert '<td class="govuk-table__cell">Sjuan Påhittadsson</td>' in body
    assert re.search(r'<td class="govuk-table__cell">7 years(, \d+ days?)?</td>', body)
    assert "govuk-tag--red" not in body


def test_overdue_follow_up_and_schooling_are_red(setting):
    case = setting["case"]
    start = TODAY - 8 * DAY
    placement_start(
        actor=setting["worker"],
        case=case,
        start=start,
        children=[ChildPlaced(child=setting["child"])],
    )

    body = render("placements", setting["worker"], case)

    due = (start + 7 * DAY).isoformat()
    assert f'<strong class="govuk-tag govuk-tag--red">Follow-up due by {due}</strong>' in body
    assert f'<strong class="govuk-tag govuk-tag--red">Schooling due by {due}</strong>' in body


def test_a_followed_up_placement_and_a_schooled_child_have_no_due_tag(setting):
    case = setting["case"]
    start = TODAY - 8 * DAY
    placement = placement_start(
        actor=setting["worker"],
        case=case,
        start=start,
        children=[ChildPlaced(child=setting["child"])],
    )
    follow_up_record(actor=setting["worker"], case=case, date=start + 2 * DAY, placement=placement)
    child_schooling_record(
        actor=setting["worker"],
        placed=placement.children.get(),
        schooling_start=start + DAY,
        schooling_kind="larteamet",
    )

    body = render("placements", setting["worker"], case)

    assert "due by" not in body
    assert f"Followed up {(start + 2 * DAY).isoformat()}" in body
    assert f'<td class="govuk-table__cell">{(start + DAY).isoformat()}, Lärteamet</td>' in body


def test_a_child_with_protected_identity_is_masked(setting):
    hidden = factories.person(
        first_name="Gömd",
        last_name="Skyddadsson",
        birth_date=datetime.date(2019, 2, 3),
        protected_identity="sekretessmarkering",
    )
    guardian_link(child=hidden, guardian=setting["person"])
    placement_start(
        actor=setting["worker"],
        case=setting["case"],
        start=TODAY,
        children=[ChildPlaced(child=hidden)],
    )

    body = render("placements", setting["worker"], setting["case"])

    assert '<td class="govuk-table__cell">Protected identity</td>' in body
    assert "Gömd" not in body
    assert "Skyddadsson" not in body


@pytest.mark.parametrize("months", [None, 5, 6])
@pytest.mark.parametrize("housing", HousingType.values)
def test_permanent_housing_shown_agrees_with_the_rule(setting, housing, months):
    placement = placement_start(
        actor=setting["worker"], case=setting["case"], start=TODAY - 9 * DAY
    )
    placement_end(
        actor=setting["worker"],
        placement=placement,
        end=TODAY,
        end_reason="completed",
        next_housing_type=housing,
        next_housing_contract_months=months,
    )

    body = render("placements", setting["worker"], setting["case"])

    permanent = '<strong class="govuk-tag govuk-tag--green">Permanent housing</strong>' in body
    not_permanent = (
        '<strong class="govuk-tag govuk-tag--grey">Not permanent housing</strong>' in body
    )
    assert (permanent, not_permanent) == (
        is_permanent(housing, months),
        not is_permanent(housing, months),
    )
    assert str(HousingType(housing).label) in body


def test_schooling_and_follow_up_are_due_within_the_same_week():
    """The placements section shows both by the placement's follow-up date."""
    assert (
        interventions_models.SCHOOLING_WITHIN_DAYS
        == interventions_models.FOLLOW_UP_WITHIN_DAYS
        == 7
    )


def test_follow_ups_show_what_they_follow_and_the_answers(work):
    case = work["case"]
    follow_up_record(
        actor=work["worker"],
        case=case,
        date=TODAY,
        decision=work["decision"],
        goal_achieved=False,
        improved_situation=True,
        note="Bättre nu",
    )

    body = render("follow_ups", work["worker"], case)

    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body)[1:]
    cells = [re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)</td>', row) for row in rows]
    start = work["decision"].start.isoformat()
    placed = work["placement"].start.isoformat()
    assert cells == [
        [
            TODAY.isoformat(),
            f"Decision: Protected housing from {start}",
            "No",
            "Yes",
            "Bättre nu",
            "Relationsvåldsteamet Test",
        ],
        [
            (TODAY - 2 * DAY).isoformat(),
            f"Placement from {placed}",
            "Not known",
            "Not known",
            "Hemlig anteckning 4712",
            "Relationsvåldsteamet Test",
        ],
    ]


def test_housing_and_sip_show_referrals_and_next_follow_up(setting):
    case = setting["case"]
    shis_referral_record(
        actor=setting["worker"], case=case, date=TODAY - DAY, kind="avtalat_boende"
    )
    sip_record(
        actor=setting["worker"],
        case=case,
        date=TODAY - DAY,
        participants=["Husläkare", "RVT"],
        responsible="Region Stockholm",
        next_follow_up=TODAY + 30 * DAY,
    )

    body = render("housing_and_sip", setting["worker"], case)

    assert (
        f'<td class="govuk-table__cell">{(TODAY - DAY).isoformat()}</td> '
        '<td class="govuk-table__cell">Contracted housing (avtalat boende)</td>'
    ) in body
    assert (
        '<td class="govuk-table__cell">Husläkare<br>RVT</td> '
        '<td class="govuk-table__cell">Region Stockholm</td> '
        f'<td class="govuk-table__cell">{(TODAY + 30 * DAY).isoformat()}</td>'
    ) in body


def _queries_to_render_every_section(actor, case) -> int:
    overview = case_overview(actor=actor, public_id=case.public_id)
    with CaptureQueriesContext(connection) as queries:
        for section in SECTIONS:
            render_to_string(f"cases/sections/{section}.html", {"overview": overview})
    return len(queries)


def test_sections_read_nothing_beyond_the_overview(setting):
    case, worker = setting["case"], setting["worker"]
    for days in (1, 2, 3):
        placement = placement_start(
            actor=worker,
            case=case,
            start=TODAY - days * DAY,
            children=[ChildPlaced(child=setting["child"])],
        )
        follow_up_record(actor=worker, case=case, date=TODAY, placement=placement)

    assert _queries_to_render_every_section(worker, case) == 0
