"""Issue 13, guards: a case does not close while a placement, a decision or a plan action still
runs in it; the closing page asks how each ends and ends them in the same step, all or
nothing. The ``work`` case holds one of each: a placement from five days ago, a protected
housing decision running eight more days, a planned action due today."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.cases.closing import (
    ActionEnding,
    DecisionEnding,
    PlacementEnding,
    case_close_ending,
    ending_key,
)
from brytupp.cases.services import case_close
from brytupp.interventions.services import decision_end
from tests import factories

from .conftest import DAY, TODAY
from .support import errors, events, state, text

pytestmark = pytest.mark.django_db


def running_message(work) -> str:
    return (
        "End first what still runs in the case: "
        f"The placement in protected housing from {TODAY - 5 * DAY}; "
        f"The decision Protected housing, {TODAY - 5 * DAY} – {TODAY + 8 * DAY}; "
        f"The plan action “Ansöka om förtur” (planned, due {TODAY})."
    )


def all_endings(work, *, decision_end_day=TODAY) -> dict:
    return {
        "placements": [
            PlacementEnding(
                placement=work["placement"],
                end=TODAY - DAY,
                end_reason="completed",
                next_housing_type="second_hand",
                next_housing_contract_months=12,
            )
        ],
        "decisions": [DecisionEnding(decision=work["decision"], end=decision_end_day)],
        "actions": [ActionEnding(action=work["action"], status="done")],
    }


def test_closing_is_refused_with_the_list_of_what_runs(work):
    before = state()

    with pytest.raises(ValidationError) as refused:
        case_close(actor=work["worker"], case=work["case"], closed=TODAY, reason="goals_met")

    assert refused.value.messages == [running_message(work)]
    assert state() == before
    work["case"].refresh_from_db()
    assert (work["case"].closed, work["case"].closure_reason) == (None, "")


def test_closing_ends_what_runs_in_the_same_step(work):
    case = work["case"]
    case_close_ending(
        actor=work["worker"], case=case, closed=TODAY, reason="goals_met", **all_endings(work)
    )

    for name in ("placement", "decision", "action", "case"):
        work[name].refresh_from_db()
    placement, decision = work["placement"], work["decision"]
    assert (
        placement.end,
        placement.end_reason,
        placement.next_housing_type,
        placement.next_housing_contract_months,
    ) == (TODAY - DAY, "completed", "second_hand", 12)
    assert decision.end == TODAY
    assert work["action"].status == "done"
    assert (case.closed, case.closure_reason) == (TODAY, "goals_met")
    assert [kind for kind, _data in events(case)][-4:] == [
        "placement_ended",
        "decision_ended",
        "plan_action_changed",
        "closed",
    ]
    assert events(case)[-3][1] == {
        "intervention": "skyddat_boende",
        "decision": str(decision.public_id),
    }


def test_an_ending_after_the_closing_day_changes_nothing(work):
    before = state()

    with pytest.raises(ValidationError) as refused:
        case_close_ending(
            actor=work["worker"],
            case=work["case"],
            closed=TODAY - 2 * DAY,
            reason="goals_met",
            **all_endings(work),
        )

    assert refused.value.message_dict == {
        ending_key(work["placement"], "end"): ["It must end on or before the day the case closes."]
    }
    assert state() == before


def test_a_refused_later_ending_undoes_the_earlier_ones(work):
    """The placement is ended first; the decision's refusal rolls it back."""
    before = state()

    with pytest.raises(ValidationError) as refused:
        case_close_ending(
            actor=work["worker"],
            case=work["case"],
            closed=TODAY,
            reason="goals_met",
            **all_endings(work, decision_end_day=TODAY - 6 * DAY),
        )

    assert refused.value.message_dict == {
        ending_key(work["decision"], "end"): ["The end cannot be before the start."]
    }
    assert state() == before


def test_what_is_left_out_of_the_endings_is_listed(work):
    endings = all_endings(work)
    before = state()

    with pytest.raises(ValidationError) as refused:
        case_close_ending(
            actor=work["worker"],
            case=work["case"],
            closed=TODAY,
            reason="goals_met",
            placements=endings["placements"],
            decisions=endings["decisions"],
        )

    assert refused.value.messages == [
        "End first what still runs in the case: "
        f"The plan action “Ansöka om förtur” (planned, due {TODAY})."
    ]
    assert state() == before


def test_a_plan_action_left_open_is_refused(work):
    endings = {
        **all_endings(work),
        "actions": [ActionEnding(action=work["action"], status="in_progress")],
    }
    before = state()

    with pytest.raises(ValidationError) as refused:
        case_close_ending(
            actor=work["worker"], case=work["case"], closed=TODAY, reason="goals_met", **endings
        )

    assert refused.value.message_dict == {
        ending_key(work["action"], "status"): ["Choose done or cancelled."]
    }
    assert state() == before


def test_a_decision_ends_only_earlier_and_not_before_it_starts(work):
    decision = work["decision"]
    before = state()

    for day, message in (
        (TODAY + DAY, "The date cannot be in the future."),
        (TODAY - 6 * DAY, "The end cannot be before the start."),
    ):
        with pytest.raises(ValidationError) as refused:
            decision_end(actor=work["worker"], decision=decision, end=day)
        assert refused.value.message_dict == {"end": [message]}
    assert state() == before

    decision_end(actor=work["worker"], decision=decision, end=TODAY - 2 * DAY)
    decision.refresh_from_db()
    assert decision.end == TODAY - 2 * DAY
    with pytest.raises(ValidationError) as later:
        decision_end(actor=work["worker"], decision=decision, end=TODAY - DAY)
    assert later.value.message_dict == {"end": [f"The decision already ends on {TODAY - 2 * DAY}."]}


# --- the closing page ----------------------------------------------------------------------


def close_url(work) -> str:
    return reverse("cases:close", args=[work["case"].public_id])


def answers(work, **changed) -> dict:
    data = {
        "closed": TODAY.isoformat(),
        "closure_reason": "goals_met",
        ending_key(work["placement"], "end"): TODAY.isoformat(),
        ending_key(work["placement"], "end_reason"): "aborted",
        ending_key(work["placement"], "next_housing_type"): "",
        ending_key(work["placement"], "next_housing_contract_months"): "",
        ending_key(work["decision"], "end"): TODAY.isoformat(),
        ending_key(work["action"], "status"): "cancelled",
    }
    data.update(changed)
    return data


def test_the_closing_page_asks_how_each_running_thing_ends(client, work):
    factories.sign_in(client, work["worker"])

    page = text(client.get(close_url(work)))

    assert "Still running in the case" in page
    for heading in (
        f"The placement in protected housing from {TODAY - 5 * DAY}",
        f"The decision Protected housing, {TODAY - 5 * DAY} – {TODAY + 8 * DAY}",
        f"The plan action “Ansöka om förtur” (planned, due {TODAY})",
        f"End of the placement from {TODAY - 5 * DAY}",
        "Last day of the decision Protected housing",
        "Was “Ansöka om förtur” done, or is it cancelled?",
    ):
        assert heading in page, heading


def test_the_closing_page_refuses_unanswered_endings_and_changes_nothing(client, work):
    factories.sign_in(client, work["worker"])
    before = state()

    response = client.post(
        close_url(work),
        answers(
            work,
            **{
                ending_key(work["placement"], "end_reason"): "",
                ending_key(work["action"], "status"): "",
            },
        ),
    )

    assert response.status_code == 200
    assert errors(response) == {
        ending_key(work["placement"], "end_reason"): [
            f"Fill in “Why did the placement from {TODAY - 5 * DAY} end?”."
        ],
        ending_key(work["action"], "status"): [
            "Fill in “Was “Ansöka om förtur” done, or is it cancelled?”."
        ],
    }
    assert state() == before


def test_the_closing_page_ends_everything_and_closes(client, work):
    factories.sign_in(client, work["worker"])

    response = client.post(close_url(work), answers(work))

    assert response.status_code == 302, errors(response)
    for name in ("placement", "decision", "action", "case"):
        work[name].refresh_from_db()
    assert (work["placement"].end, work["placement"].end_reason) == (TODAY, "aborted")
    assert work["decision"].end == TODAY
    assert work["action"].status == "cancelled"
    assert work["case"].closed == TODAY


def test_the_closing_page_asks_about_what_started_since_it_was_opened(client, work):
    from brytupp.plans.services import plan_action_add

    factories.sign_in(client, work["worker"])
    late = plan_action_add(
        actor=work["worker"],
        case=work["case"],
        description="Kontakta skolan",
        responsible_unit=work["rvt"],
        due=TODAY,
    )
    before = state()

    response = client.post(close_url(work), answers(work))

    assert errors(response) == {
        ending_key(late, "status"): ["Fill in “Was “Kontakta skolan” done, or is it cancelled?”."]
    }
    assert state() == before


def test_a_unit_that_does_not_lead_gets_not_found_and_no_trace(client, work):
    factories.sign_in(client, work["ekb_worker"])
    before = state()

    for response in (client.get(close_url(work)), client.post(close_url(work), answers(work))):
        assert response.status_code == 404
        body = response.content.decode()
        for secret in ("Ansöka om förtur", "Påhittadsson", str(TODAY - 5 * DAY)):
            assert secret not in body
    assert state() == before
