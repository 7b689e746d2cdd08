"""Refusals of the decision services (decision 0041): each says why and writes nothing —
no decision, no granted intervention, no timeline event, no access log entry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from brytupp.interventions.decisions import (
    DecisionTerms,
    application_decide,
    application_record,
    decision_appeal_record,
    decision_communicated_set,
    decision_reexamine,
)
from brytupp.interventions.models import Delegation, Intervention, LegalGround
from brytupp.organisation.models import Membership

from .conftest import DAY, TODAY
from .support import written

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(world):
    return application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 10 * DAY,
        asked="Skyddat boende för mig och mina barn.",
        intervention="skyddat_boende",
    )


def _refused(world, call) -> list[str]:
    before = written(world["case"])
    with pytest.raises(ValidationError) as refused:
        call()
    assert written(world["case"]) == before
    return refused.value.messages


def test_an_avslag_without_reasons_is_refused(world, application):
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="   "),
        ),
    )

    assert messages == ["Write the reasons: an avslag or a delvis bifall must give them."]


def test_a_delvis_bifall_without_reasons_is_refused(world, application):
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(
                outcome="delvis_bifall",
                legal_ground=world["current"],
                start=TODAY - 5 * DAY,
                end=TODAY + 9 * DAY,
            ),
        ),
    )

    assert messages == ["Write the reasons: an avslag or a delvis bifall must give them."]


def test_a_case_worker_without_the_delegation_to_refuse_is_refused(world):
    # The case worker may grant support talks, not refuse them.
    talks = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 10 * DAY,
        asked="Stödsamtal.",
        intervention="stodsamtal_individuellt",
    )

    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["worker"],
            application=talks,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(
                outcome="avslag", legal_ground=world["current"], reasons="Inget behov."
            ),
        ),
    )

    assert messages == [
        f"Hanna Handläggarsson has no delegation in {world['rvt'].name} on "
        f"{(TODAY - 5 * DAY).isoformat()} to decide this intervention with this outcome."
    ]


def test_a_case_worker_without_the_delegation_for_the_intervention_is_refused(world, application):
    # Protected housing is the manager's to grant.
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["worker"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(
                outcome="bifall", legal_ground=world["current"], start=TODAY - 5 * DAY
            ),
        ),
    )

    assert messages == [
        f"Hanna Handläggarsson has no delegation in {world['rvt'].name} on "
        f"{(TODAY - 5 * DAY).isoformat()} to decide this intervention with this outcome."
    ]


def test_a_named_decision_maker_without_the_delegation_is_refused(world, application):
    # The other RVT's manager holds a delegation there, not in the unit that received it.
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["worker"],
            application=application,
            decided=TODAY - 5 * DAY,
            decision_maker=world["outsider"],
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        ),
    )

    assert len(messages) == 1
    assert messages[0].endswith("to decide this intervention with this outcome.")


def test_a_delegation_not_yet_in_force_on_the_decision_day_is_refused(world, application):
    Delegation.objects.filter(pk=world["lines"]["manager"].pk).update(valid_from=TODAY - 4 * DAY)

    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        ),
    )

    assert messages == [
        f"Chefia Chefsson has no delegation in {world['rvt'].name} on "
        f"{(TODAY - 5 * DAY).isoformat()} to decide this intervention with this outcome."
    ]


def test_a_decision_maker_whose_membership_began_after_the_decision_day_is_refused(
    world, application
):
    Membership.objects.filter(user=world["manager"]).update(valid_from=TODAY - 4 * DAY)

    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["worker"],
            application=application,
            decided=TODAY - 5 * DAY,
            decision_maker=world["manager"],
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        ),
    )

    assert messages[0].startswith("Chefia Chefsson has no delegation")


def test_a_ground_not_valid_on_the_decision_day_is_refused(world, application):
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["old"], reasons="Skäl."),
        ),
    )

    assert messages == [
        "The legal ground 4 kap. 1 § Socialtjänstlagen (2001:453): Rätt till bistånd is not in "
        f"force on {(TODAY - 5 * DAY).isoformat()}."
    ]


def test_a_ground_not_yet_in_force_is_refused_for_an_earlier_decision(world):
    early = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="aktualisering",
        received=datetime.date(2025, 6, 2),
        asked="Stödsamtal.",
        intervention="stodsamtal_individuellt",
    )

    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["worker"],
            application=early,
            decided=datetime.date(2025, 6, 30),
            terms=DecisionTerms(
                outcome="bifall", legal_ground=world["current"], start=datetime.date(2025, 7, 1)
            ),
        ),
    )

    assert messages == [
        "The legal ground 1 kap. 1 § Testlagen (2025:1): Bistånd i testlagen is not in force "
        "on 2025-06-30."
    ]


@pytest.mark.parametrize(
    ("decided", "message"),
    [
        (TODAY + DAY, "The date cannot be in the future."),
        (TODAY - 11 * DAY, "A decision cannot be made before the application was received."),
    ],
)
def test_a_decision_day_in_the_future_or_before_the_application_is_refused(
    world, application, decided, message
):
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=decided,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        ),
    )

    assert messages == [message]


def test_a_grant_without_a_start_is_refused(world, application):
    messages = _refused(
        world,
        lambda: application_decide(
            actor=world["manager"],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(outcome="bifall", legal_ground=world["current"]),
        ),
    )

    assert messages == ["Give the day the intervention starts."]


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (TODAY + DAY, "The date cannot be in the future."),
        (
            datetime.date(2025, 5, 1),
            "An application cannot be received before the case was opened.",
        ),
    ],
)
def test_an_application_received_in_the_future_or_before_the_case_is_refused(
    world, received, message
):
    messages = _refused(
        world,
        lambda: application_record(
            actor=world["worker"],
            case=world["case"],
            kind="ansokan",
            received=received,
            asked="Stödsamtal.",
        ),
    )

    assert messages == [message]


def test_a_communication_before_the_decision_or_twice_is_refused(world, application):
    decision = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )

    early = _refused(
        world,
        lambda: decision_communicated_set(
            actor=world["worker"], decision=decision, communicated=TODAY - 6 * DAY
        ),
    )
    decision_communicated_set(actor=world["worker"], decision=decision, communicated=TODAY)
    twice = _refused(
        world,
        lambda: decision_communicated_set(
            actor=world["worker"], decision=decision, communicated=TODAY
        ),
    )

    assert early == ["A decision cannot be communicated before it was made."]
    assert twice == [f"The decision was already communicated on {TODAY.isoformat()}."]


def test_a_second_pending_appeal_is_refused(world, application):
    decision = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )
    decision_appeal_record(
        actor=world["worker"], decision=decision, lodged=TODAY - 2 * DAY, court="Förvaltningsrätten"
    )

    messages = _refused(
        world,
        lambda: decision_appeal_record(
            actor=world["worker"], decision=decision, lodged=TODAY, court="Förvaltningsrätten"
        ),
    )

    assert messages == ["An appeal of this decision is already pending."]


@pytest.mark.parametrize("who", ["outsider", "ekb_worker"])
def test_a_user_whose_unit_did_not_receive_it_finds_nothing_and_writes_nothing(
    world, application, who
):
    before = written(world["case"])

    with pytest.raises(Http404):
        application_decide(
            actor=world[who],
            application=application,
            decided=TODAY - 5 * DAY,
            terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
        )

    assert written(world["case"]) == before


def test_a_unit_not_in_the_case_cannot_record_an_application(world):
    before = written(world["case"])

    with pytest.raises(Http404):
        application_record(
            actor=world["outsider"],
            case=world["case"],
            kind="ansokan",
            received=TODAY,
            asked="Stödsamtal.",
        )

    assert written(world["case"]) == before


def test_a_unit_taking_part_by_consent_records_its_own_applications(world):
    application = application_record(
        actor=world["ekb_worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY,
        asked="Ekonomiskt bistånd till hyran.",
        intervention=Intervention.EKONOMISKT_STOD,
    )

    assert application.unit == world["ekb"]
    # It has no delegationsordning in the data: nobody there may decide yet.
    with pytest.raises(ValidationError):
        application_decide(
            actor=world["ekb_worker"],
            application=application,
            decided=TODAY,
            terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY),
        )


def test_an_appeal_of_a_decision_on_a_ground_that_cannot_be_appealed_is_refused(world, application):
    LegalGround.objects.filter(pk=world["current"].pk).update(appealable=False)
    world["current"].refresh_from_db()
    decision = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )

    messages = _refused(
        world,
        lambda: decision_appeal_record(
            actor=world["worker"], decision=decision, lodged=TODAY, court="Förvaltningsrätten"
        ),
    )

    assert messages == ["A decision on this legal ground cannot be appealed."]


def test_a_reexamination_while_an_appeal_is_pending_is_refused(world, application):
    decision = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )
    decision_appeal_record(
        actor=world["worker"], decision=decision, lodged=TODAY - 2 * DAY, court="Förvaltningsrätten"
    )

    messages = _refused(
        world,
        lambda: decision_reexamine(
            actor=world["manager"],
            decision=decision,
            decided=TODAY,
            terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY),
        ),
    )

    assert messages == ["An appeal of the decision is pending: record the court's outcome first."]


def test_a_replaced_decision_cannot_be_reexamined_again(world, application):
    first = application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 5 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl."),
    )
    decision_reexamine(
        actor=world["manager"],
        decision=first,
        decided=TODAY - 2 * DAY,
        terms=DecisionTerms(
            outcome="delvis_bifall",
            legal_ground=world["current"],
            reasons="Två veckor.",
            start=TODAY - 2 * DAY,
            end=TODAY + 11 * DAY,
        ),
    )

    messages = _refused(
        world,
        lambda: decision_reexamine(
            actor=world["manager"],
            decision=first,
            decided=TODAY,
            terms=DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY),
        ),
    )

    assert messages == ["The decision is no longer in force: it was replaced."]
