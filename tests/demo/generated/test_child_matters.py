"""The child's matters and Socialjouren's after-hours decision in the demo (decisions 0042,
0044, 0045): written through the services, so that a new case worker opening the demo finds
the child's page, the reports of concern to receive and the decision to take over filled in."""

import datetime
from collections import Counter

import pytest

from brytupp.access import policies
from brytupp.cases.models import JournalNote, ThreatPerson
from brytupp.children.models import ChildPart, ChildRecord, ReportOfConcern
from brytupp.demo.children import DECLINE_REASON
from brytupp.followup import figures
from brytupp.followup.figures import Period
from brytupp.interventions.models import (
    AfterHoursDecision,
    ApplicationDecision,
    Decision,
    GuardianConsent,
    PlacementChild,
)
from brytupp.organisation.models import User
from brytupp.worklists.todo import TodoFilter, TodoKind, todo_items

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_reports_of_concern_made_and_received_accepted_waiting_and_one_declined(demo):
    reports = ReportOfConcern.objects.all()

    assert Counter(reports.values_list("direction", flat=True)) == {"made": 19, "received": 8}
    assert Counter(ChildPart.objects.values_list("status", flat=True)) == {
        "active": 24,
        "invited": 2,
        "declined": 1,
    }
    assert reports.exclude(outcome="").count() > 0
    declined = ChildPart.objects.get(status="declined")
    assert declined.decline_reason == DECLINE_REASON
    # Every report went to the barn och unga unit of the case's district.
    assert all(
        part.unit.code == f"{part.case.district.code}-barn_unga"
        for part in ChildPart.objects.select_related("unit", "case__district")
    )


def test_farsta_barn_och_unga_has_reports_of_concern_to_receive(demo):
    waiting = policies.child_invitations.queryset(User.objects.get(username="farsta.bou"))

    assert waiting.count() == 1
    assert {part.case.lead_unit.code for part in waiting} == {"farsta-rvt"}


def test_children_placed_on_their_own_decision_in_farsta(demo):
    own = PlacementChild.objects.filter(decision__isnull=False).select_related(
        "decision__application__case__lead_unit", "decision__decision_maker"
    )

    assert own.count() == 8
    assert {placed.decision.application.case.lead_unit.code for placed in own} == {"farsta-rvt"}
    assert {placed.decision.decision_maker.username for placed in own} == {"farsta.chef"}
    assert {placed.decision.outcome for placed in own} == {"bifall"}
    # The child leaves with the parent: their own end on the parent's day.
    ended = own.filter(placement__end__isnull=False)
    assert all(placed.end == placed.placement.end for placed in ended)
    assert ApplicationDecision.objects.filter(application__child__isnull=False).count() == 8


def test_open_cases_have_schools_voices_and_supports_with_guardian_consents(demo):
    assert Counter(
        ChildRecord.objects.exclude(changed_at=None).values_list("school_kind", flat=True)
    ) == {"forskola": 10, "grundskola": 13, "ingen": 1}
    assert JournalNote.objects.filter(kind="barnets_rost", child__isnull=False).count() == 10
    assert Decision.objects.filter(child__isnull=False, intervention="stod_barn").count() == 7
    consents = GuardianConsent.objects.all()
    assert consents.filter(given__isnull=False).count() == 7
    # Twice the other guardian is the case's threat person, linked, and was not asked.
    not_asked = consents.filter(not_asked_reason="threat_person")
    assert not_asked.count() == 2
    for consent in not_asked:
        assert ThreatPerson.objects.filter(
            case=consent.case, person=consent.guardian, ended__isnull=True
        ).exists()


def test_socialjouren_decided_after_hours_in_a_farsta_case_flagged_to_farsta(demo):
    after_hours = AfterHoursDecision.objects.select_related(
        "decision__application__case__lead_unit", "decision__decision_maker"
    ).get()
    decision = after_hours.decision

    assert decision.application.case.lead_unit.code == "farsta-rvt"
    assert decision.decision_maker.username == "socialjouren"
    assert decision.outcome == "bifall"
    assert after_hours.acknowledged_at is None
    assert after_hours.emergency_access.reason
    for username in ("farsta.rvt", "farsta.chef"):
        items = todo_items(
            actor=User.objects.get(username=username), filters=TodoFilter(), today=TODAY
        )
        assert items.count_by_kind().get(TodoKind.AFTER_HOURS_DECISION) == 1, username
    sodermalm = todo_items(
        actor=User.objects.get(username="sodermalm.rvt"), filters=TodoFilter(), today=TODAY
    )
    assert TodoKind.AFTER_HOURS_DECISION not in sodermalm.count_by_kind()


def test_the_effect_goal_figures_count_reports_and_own_decisions_in_past_years(demo):
    # The periods of the effect-goal trend: 1 January to 15 March of each of five years.
    periods = {
        year: Period(
            datetime.date(year, 1, 1),
            datetime.date(year, 3, 15),
            datetime.date(year - 1, 1, 1),
            datetime.date(year - 1, 3, 15),
        )
        for year in range(2022, 2027)
    }

    reports = {year: _city(figures.reports_of_concern_rvt(p)) for year, p in periods.items()}
    own = {year: _city(figures.children_placed_with_own_decision(p)) for year, p in periods.items()}
    # A report made in every year; own decisions since farsta.chef's membership (two years).
    assert all(current > 0 for current, _previous in reports.values()), reports
    assert own[2026][0] + own[2025][0] > 0, own


def _city(rows):
    return rows.get(None, (0, 0))
