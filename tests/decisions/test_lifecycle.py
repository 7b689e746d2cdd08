"""The decision lifecycle (issue 15 item 1, decision 0041): an application, its decision with
outcome, legal ground, reasons, decision maker and delegation, the day it was communicated,
the appeal instructions, an appeal and a re-examination that keep the history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from brytupp.interventions.decisions import (
    APPEAL_INSTRUCTIONS,
    DecisionTerms,
    application_decide,
    application_record,
    decision_appeal_outcome_set,
    decision_appeal_record,
    decision_communicated_set,
    decision_reexamine,
)
from brytupp.interventions.models import ApplicationDecision, Decision, LegalGround

from .conftest import DAY, TODAY
from .support import events, written

pytestmark = pytest.mark.django_db


def _application(world, *, intervention="stodsamtal_individuellt", received=TODAY - 25 * DAY):
    return application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=received,
        asked="Stödsamtal en gång i veckan under tre månader.",
        intervention=intervention,
    )


def test_an_application_is_recorded_by_the_unit_that_received_it(world):
    before = len(events(world["case"]))

    application = _application(world)

    assert (application.kind, application.received, application.unit, application.recorded_by) == (
        "ansokan",
        TODAY - 25 * DAY,
        world["rvt"],
        world["worker"],
    )
    assert application.asked == "Stödsamtal en gång i veckan under tre månader."
    assert application.intervention == "stodsamtal_individuellt"
    assert events(world["case"], after=before) == [
        (
            "application_recorded",
            (TODAY - 25 * DAY).isoformat(),
            {
                "application": str(application.public_id),
                "application_kind": "ansokan",
                "intervention": "stodsamtal_individuellt",
            },
        )
    ]


def test_a_bifall_grants_the_intervention_with_its_dates_and_is_then_communicated(world):
    application = _application(world)
    before = len(events(world["case"]))

    decision = application_decide(
        actor=world["worker"],
        application=application,
        decided=TODAY - 8 * DAY,
        terms=DecisionTerms(
            outcome="bifall",
            legal_ground=world["current"],
            start=TODAY - 7 * DAY,
            end=TODAY + 83 * DAY,
        ),
    )
    decision_communicated_set(
        actor=world["worker"], decision=decision, communicated=TODAY - 6 * DAY
    )

    decision.refresh_from_db()
    assert (decision.outcome, decision.status, decision.reasons, decision.appeal_instructions) == (
        "bifall",
        "in_force",
        "",
        "",
    )
    assert (decision.decision_maker, decision.delegation) == (
        world["worker"],
        world["lines"]["talks"],
    )
    assert (decision.legal_ground, decision.decided, decision.communicated) == (
        world["current"],
        TODAY - 8 * DAY,
        TODAY - 6 * DAY,
    )
    granted = Decision.objects.get(case=world["case"])
    assert decision.granted == granted
    assert (granted.intervention, granted.decided_by, granted.decided) == (
        "stodsamtal_individuellt",
        world["rvt"],
        TODAY - 8 * DAY,
    )
    assert (granted.start, granted.end) == (TODAY - 7 * DAY, TODAY + 83 * DAY)
    assert [(kind, day) for kind, day, _ in events(world["case"], after=before)] == [
        ("decision_made", (TODAY - 8 * DAY).isoformat()),
        ("application_decided", (TODAY - 8 * DAY).isoformat()),
        ("decision_communicated", (TODAY - 6 * DAY).isoformat()),
    ]
    assert events(world["case"], after=before)[1][2] == {
        "application": str(application.public_id),
        "decision": str(decision.public_id),
        "outcome": "bifall",
        "legal_ground": "testlagen-1-1",
        "granted": str(granted.public_id),
        "replaces": None,
    }


def test_an_avslag_with_reasons_grants_nothing_and_carries_the_appeal_instructions(world):
    application = _application(world, intervention="skyddat_boende")

    decision = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(
            outcome="avslag",
            legal_ground=world["current"],
            reasons="  Behovet tillgodoses genom tillfälligt boende hos anhörig.  ",
        ),
    )

    assert (decision.outcome, decision.granted, decision.status) == ("avslag", None, "in_force")
    assert decision.reasons == "Behovet tillgodoses genom tillfälligt boende hos anhörig."
    assert (decision.decision_maker, decision.delegation) == (
        world["manager"],
        world["lines"]["manager"],
    )
    assert decision.appeal_instructions == APPEAL_INSTRUCTIONS
    assert Decision.objects.filter(case=world["case"]).count() == 0


def test_a_delvis_bifall_grants_part_and_carries_reasons_and_appeal_instructions(world):
    application = _application(world, intervention="tillfalligt_boende")

    decision = application_decide(
        actor=world["worker"],
        application=application,
        decided=TODAY - 5 * DAY,
        decision_maker=world["manager"],
        terms=DecisionTerms(
            outcome="delvis_bifall",
            legal_ground=world["current"],
            reasons="Beviljas två veckor i stället för tre månader; behovet prövas igen.",
            start=TODAY - 5 * DAY,
            end=TODAY + 8 * DAY,
        ),
    )

    assert (decision.decision_maker, decision.recorded_by, decision.delegation) == (
        world["manager"],
        world["worker"],
        world["lines"]["manager"],
    )
    assert decision.appeal_instructions == APPEAL_INSTRUCTIONS
    assert (decision.granted.intervention, decision.granted.start, decision.granted.end) == (
        "tillfalligt_boende",
        TODAY - 5 * DAY,
        TODAY + 8 * DAY,
    )


def test_a_ground_that_cannot_be_appealed_gives_no_appeal_instructions(world):
    LegalGround.objects.filter(pk=world["current"].pk).update(appealable=False)
    world["current"].refresh_from_db()

    decision = application_decide(
        actor=world["manager"],
        application=_application(world),
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(
            outcome="avslag", legal_ground=world["current"], reasons="Inget behov av stödet."
        ),
    )

    assert decision.appeal_instructions == ""


def test_an_old_decision_keeps_its_old_law_ground_after_a_new_ground_is_added(world):
    application = _application(world, received=datetime.date(2025, 6, 2))
    old = application_decide(
        actor=world["manager"],
        application=application,
        decided=datetime.date(2025, 6, 10),
        terms=DecisionTerms(
            outcome="avslag", legal_ground=world["old"], reasons="Behovet är tillgodosett."
        ),
    )

    LegalGround.objects.create(
        code="testlagen-2-1",
        law="Testlagen (2025:1)",
        provision="2 kap. 1 §",
        label="En senare bestämmelse",
        valid_from=datetime.date(2026, 1, 1),
    )
    old.refresh_from_db()

    assert (old.legal_ground.law, old.legal_ground.provision) == (
        "Socialtjänstlagen (2001:453)",
        "4 kap. 1 §",
    )
    with pytest.raises(ProtectedError):
        world["old"].delete()
    assert LegalGround.objects.filter(code="sol-2001-453-4-1").count() == 1


def test_an_appeal_changed_by_the_court_leads_to_a_new_decision_and_both_are_kept(world):
    application = _application(world, intervention="skyddat_boende")
    refused = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 20 * DAY,
        terms=DecisionTerms(
            outcome="avslag", legal_ground=world["current"], reasons="Ingen akut hotbild."
        ),
    )
    decision_communicated_set(
        actor=world["worker"], decision=refused, communicated=TODAY - 19 * DAY
    )
    appeal = decision_appeal_record(
        actor=world["worker"],
        decision=refused,
        lodged=TODAY - 15 * DAY,
        court="Förvaltningsrätten i Teststad",
    )
    before = len(events(world["case"]))

    decision_appeal_outcome_set(
        actor=world["worker"],
        appeal=appeal,
        outcome="changed",
        outcome_date=TODAY - 2 * DAY,
        terms=DecisionTerms(
            outcome="bifall",
            legal_ground=world["current"],
            start=TODAY - 1 * DAY,
            end=TODAY + 29 * DAY,
        ),
    )

    refused.refresh_from_db()
    appeal.refresh_from_db()
    changed = ApplicationDecision.objects.get(application=application, status="in_force")
    assert (appeal.outcome, appeal.outcome_date) == ("changed", TODAY - 2 * DAY)
    assert (refused.status, refused.outcome, refused.reasons) == (
        "replaced",
        "avslag",
        "Ingen akut hotbild.",
    )
    assert (refused.communicated, refused.appeal_instructions) == (
        TODAY - 19 * DAY,
        APPEAL_INSTRUCTIONS,
    )
    assert (changed.replaces, changed.appeal, changed.outcome, changed.decided) == (
        refused,
        appeal,
        "bifall",
        TODAY - 2 * DAY,
    )
    # The court decided: no decision maker of ours, no delegation, the court's own instructions.
    assert (changed.decision_maker, changed.delegation, changed.appeal_instructions) == (
        None,
        None,
        "",
    )
    assert (changed.granted.intervention, changed.granted.start) == (
        "skyddat_boende",
        TODAY - 1 * DAY,
    )
    assert ApplicationDecision.objects.filter(application=application).count() == 2
    assert [(kind, day) for kind, day, _ in events(world["case"], after=before)] == [
        ("decision_appeal_decided", (TODAY - 2 * DAY).isoformat()),
        ("decision_made", (TODAY - 2 * DAY).isoformat()),
        ("decision_reexamined", (TODAY - 2 * DAY).isoformat()),
    ]


def test_an_appeal_upheld_leaves_the_decision_in_force(world):
    refused = application_decide(
        actor=world["manager"],
        application=_application(world),
        decided=TODAY - 20 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )
    appeal = decision_appeal_record(
        actor=world["worker"], decision=refused, lodged=TODAY - 15 * DAY, court="Förvaltningsrätten"
    )

    decision_appeal_outcome_set(
        actor=world["worker"], appeal=appeal, outcome="upheld", outcome_date=TODAY - DAY
    )

    refused.refresh_from_db()
    assert refused.status == "in_force"
    assert ApplicationDecision.objects.filter(application=refused.application).count() == 1


def test_an_appeal_set_aside_lets_the_application_be_decided_again(world):
    application = _application(world)
    refused = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 20 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )
    appeal = decision_appeal_record(
        actor=world["worker"], decision=refused, lodged=TODAY - 15 * DAY, court="Förvaltningsrätten"
    )
    decision_appeal_outcome_set(
        actor=world["worker"], appeal=appeal, outcome="annulled", outcome_date=TODAY - 3 * DAY
    )

    again = application_decide(
        actor=world["worker"],
        application=application,
        decided=TODAY - DAY,
        terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY),
    )

    refused.refresh_from_db()
    assert refused.status == "annulled"
    assert (again.status, again.replaces) == ("in_force", None)
    assert list(
        ApplicationDecision.objects.filter(application=application)
        .order_by("pk")
        .values_list("outcome", "status")
    ) == [("avslag", "annulled"), ("bifall", "in_force")]


def test_a_reexamination_replaces_the_decision_and_keeps_the_earlier_one(world):
    application = _application(world)
    first = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 20 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )

    second = decision_reexamine(
        actor=world["worker"],
        decision=first,
        decided=TODAY - 10 * DAY,
        terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY - 9 * DAY),
    )

    first.refresh_from_db()
    assert (first.status, first.outcome, first.reasons) == ("replaced", "avslag", "Skäl.")
    assert (second.status, second.replaces, second.decision_maker, second.delegation) == (
        "in_force",
        first,
        world["worker"],
        world["lines"]["talks"],
    )
    assert first.replaced_by == second
    assert second.granted.start == TODAY - 9 * DAY


def test_a_decided_application_is_decided_again_only_by_reexamination(world):
    application = _application(world)
    application_decide(
        actor=world["worker"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY),
    )
    before = written(world["case"])

    with pytest.raises(ValidationError) as refused:
        application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 4 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        )

    assert refused.value.messages == [
        "The application is already decided. A decision in force is changed only by "
        "re-examining it."
    ]
    assert written(world["case"]) == before
