"""Issue 17 item 4, second half (decision 0050): a move to another municipality closes the case
with the reason ``moved`` and records where to, when, and whether the person consented to a
summary for the receiving municipality — in the closing step, all or nothing. The ``work``
case (opened 30 days ago in Testkommunen) has a placement, a decision and a plan action
running, which the closing ends on the way."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from brytupp.cases.closing import ending_key
from brytupp.cases.models import MunicipalityMove
from brytupp.cases.moves import case_close_moved
from tests import factories

from .conftest import DAY, TODAY
from .support import errors, events, flashed, state, text
from .test_closing import all_endings, answers

pytestmark = pytest.mark.django_db


def everything() -> dict:
    """Every table the closing writes, the moves among them."""
    return {**state(), "moves": list(MunicipalityMove.objects.order_by("pk").values())}


def close_moved(work, **changed):
    arguments = {
        "actor": work["worker"],
        "case": work["case"],
        "closed": TODAY,
        "municipality": "Göteborg",
        "moved": TODAY - 2 * DAY,
        "consent_given": TODAY - DAY,
        "consent_form": "written",
        **all_endings(work),
    }
    arguments.update(changed)
    return case_close_moved(**arguments)


def test_a_move_with_consent_closes_the_case_and_records_the_move(work):
    move = close_moved(work, municipality="  Göteborg ")

    case = work["case"]
    case.refresh_from_db()
    assert (case.closed, case.closure_reason) == (TODAY, "moved")
    move.refresh_from_db()
    assert (
        move.case,
        move.municipality,
        move.moved,
        move.consent_given,
        move.consent_form,
        move.recorded_by,
        move.consented,
    ) == (case, "Göteborg", TODAY - 2 * DAY, TODAY - DAY, "written", work["worker"], True)
    # What ran in the case ended in the same step, each with its event.
    work["placement"].refresh_from_db()
    work["decision"].refresh_from_db()
    assert (work["placement"].end, work["decision"].end) == (TODAY - DAY, TODAY)
    assert [kind for kind, _data in events(case)][-5:] == [
        "case_moved_municipality",
        "placement_ended",
        "decision_ended",
        "plan_action_changed",
        "closed",
    ]
    # The municipality's name and whether a consent was given: nothing of the person.
    assert events(case)[-5][1] == {"municipality": "Göteborg", "consent": True}
    assert events(case)[-1][1] == {"reason": "moved"}


def test_a_move_without_consent_is_recorded_without_one(work):
    move = close_moved(work, consent_given=None, consent_form="")

    move.refresh_from_db()
    assert (move.consent_given, move.consent_form, move.consented) == (None, "", False)
    assert events(work["case"])[-5] == (
        "case_moved_municipality",
        {"municipality": "Göteborg", "consent": False},
    )


@pytest.mark.parametrize(
    ("changed", "refusal"),
    [
        ({"moved": TODAY - 31 * DAY}, {"moved": ["The move cannot be before the case opened."]}),
        ({"moved": TODAY + DAY}, {"moved": ["The date cannot be in the future."]}),
        ({"moved": None}, {"moved": ["State the date of the move."]}),
        ({"municipality": "  "}, {"municipality": ["State the municipality the person moves to."]}),
        (
            {"municipality": "Testkommunens kommun"},
            {
                "municipality": [
                    "A move within Testkommunen does not close the case: hand the case over "
                    "to the new district instead."
                ]
            },
        ),
        ({"consent_given": TODAY + DAY}, {"consent_given": ["The date cannot be in the future."]}),
        (
            {"consent_given": TODAY - 31 * DAY},
            {"consent_given": ["The consent cannot be before the case opened."]},
        ),
        ({"consent_form": ""}, {"consent_form": ["Choose the form of the consent."]}),
        (
            {"consent_given": None},
            {"consent_given": ["State the date the consent was given."]},
        ),
    ],
    ids=[
        "moved-before-opening",
        "moved-in-future",
        "no-move-date",
        "no-municipality",
        "own-municipality",
        "consent-in-future",
        "consent-before-opening",
        "consent-without-form",
        "form-without-consent-date",
    ],
)
def test_a_refused_move_writes_nothing(work, changed, refusal):
    before = everything()

    with pytest.raises(ValidationError) as refused:
        close_moved(work, **changed)

    assert refused.value.message_dict == refusal
    assert everything() == before
    work["case"].refresh_from_db()
    assert (work["case"].closed, work["case"].closure_reason) == (None, "")


def test_a_refused_ending_undoes_the_recorded_move(work):
    """The move is recorded first; the decision's refusal rolls it back with the rest."""
    before = everything()
    endings = all_endings(work, decision_end_day=TODAY - 6 * DAY)

    with pytest.raises(ValidationError) as refused:
        close_moved(work, **endings)

    assert refused.value.message_dict == {
        ending_key(work["decision"], "end"): ["The end cannot be before the start."]
    }
    assert everything() == before


def test_only_the_lead_unit_closes_as_moved(work):
    before = everything()

    with pytest.raises(ValidationError) as refused:
        close_moved(work, actor=work["ekb_worker"])

    assert refused.value.messages == ["Only the lead unit closes the case."]
    assert everything() == before


def test_the_move_is_in_the_persons_register_extract(work):
    from brytupp.audit.data_collect import person_data_collect

    move = close_moved(work)

    items = [
        item
        for item in person_data_collect(work["person"]).items
        if item.heading == "Move to another municipality"
    ]
    assert [(item.key, dict(item.facts)) for item in items] == [
        (
            f"cases.municipalitymove:{move.pk}",
            {
                "Receiving municipality": "Göteborg",
                "Date of the move": (TODAY - 2 * DAY).isoformat(),
                "Consent to the summary given": (TODAY - DAY).isoformat(),
                "Form of the consent to the summary": "Written",
                "Recorded by": work["worker"].get_full_name(),
                "Recorded": f"{timezone.localtime(move.recorded_at):%Y-%m-%d %H:%M}",
            },
        )
    ]


# --- the closing page ----------------------------------------------------------------------


def close_url(work) -> str:
    return reverse("cases:close", args=[work["case"].public_id])


def moved_answers(work, **changed) -> dict:
    move = {
        "closure_reason": "moved",
        "municipality": "Malmö",
        "moved": (TODAY - DAY).isoformat(),
        "summary_consent": "yes",
        "consent_given": TODAY.isoformat(),
        "consent_form": "oral",
    }
    return answers(work, **{**move, **changed})


def test_the_closing_page_asks_about_the_move_under_moved(client, work):
    factories.sign_in(client, work["worker"])

    response = client.get(close_url(work))

    body = response.content.decode()
    page = text(response)
    # The move's questions are revealed by "Moved", the consent's by "Yes" (GOV.UK's
    # conditional reveal, by brytupp.js; without JavaScript they stay shown).
    assert 'value="moved" data-reveals="conditional-moved"' in body
    assert 'id="conditional-moved"' in body
    assert 'value="yes" data-reveals="conditional-summary-consent"' in body
    for question in (
        "To which municipality?",
        "Date of the move",
        "Has the person consented to a summary being sent to that municipality?",
        "Date the consent was given",
        "Form of consent",
        "Moved within the city? Then the case is not closed: it is handed over to the "
        "relationship violence team of the district the person moved to.",
    ):
        assert question in page, question


def test_the_closing_page_closes_as_moved_with_consent(client, work):
    factories.sign_in(client, work["worker"])

    response = client.post(close_url(work), moved_answers(work))

    assert response.status_code == 302, errors(response)
    assert flashed(response) == [("success", "The case is closed: the person moved to Malmö.")]
    move = MunicipalityMove.objects.get(case=work["case"])
    assert (move.municipality, move.moved, move.consent_given, move.consent_form) == (
        "Malmö",
        TODAY - DAY,
        TODAY,
        "oral",
    )
    work["case"].refresh_from_db()
    assert (work["case"].closed, work["case"].closure_reason) == (TODAY, "moved")


def test_the_closing_page_closes_as_moved_without_consent_and_ignores_its_date(client, work):
    factories.sign_in(client, work["worker"])

    response = client.post(
        close_url(work), moved_answers(work, summary_consent="no", consent_given="inte ett datum")
    )

    assert response.status_code == 302, errors(response)
    move = MunicipalityMove.objects.get(case=work["case"])
    assert (move.municipality, move.consent_given, move.consent_form) == ("Malmö", None, "")


def test_the_closing_page_asks_for_the_move_when_moved_and_writes_nothing(client, work):
    factories.sign_in(client, work["worker"])
    before = everything()

    response = client.post(
        close_url(work),
        moved_answers(work, municipality="", moved="", summary_consent="", consent_form=""),
    )

    assert response.status_code == 200
    assert errors(response) == {
        "municipality": ["Fill in “To which municipality?”."],
        "moved": ["Fill in “Date of the move”."],
        "summary_consent": [
            "Fill in “Has the person consented to a summary being sent to that municipality?”."
        ],
    }
    assert everything() == before


def test_the_closing_page_asks_for_the_consent_when_consented(client, work):
    factories.sign_in(client, work["worker"])
    before = everything()

    response = client.post(close_url(work), moved_answers(work, consent_given="", consent_form=""))

    assert errors(response) == {
        "consent_given": ["Fill in “Date the consent was given”."],
        "consent_form": ["Fill in “Form of consent”."],
    }
    assert everything() == before


def test_the_services_refusal_is_shown_on_its_question(client, work):
    factories.sign_in(client, work["worker"])
    before = everything()

    response = client.post(
        close_url(work), moved_answers(work, moved=(TODAY - 40 * DAY).isoformat())
    )

    assert errors(response) == {"moved": ["The move cannot be before the case opened."]}
    assert everything() == before


def test_another_reason_leaves_the_move_unasked_and_unrecorded(client, work):
    factories.sign_in(client, work["worker"])

    response = client.post(
        close_url(work),
        answers(work, municipality="Malmö", moved="inte ett datum", summary_consent="yes"),
    )

    assert response.status_code == 302, errors(response)
    assert not MunicipalityMove.objects.exists()
    work["case"].refresh_from_db()
    assert work["case"].closure_reason == "goals_met"


def test_a_unit_that_does_not_lead_cannot_close_as_moved_and_sees_nothing(client, work):
    factories.sign_in(client, work["ekb_worker"])
    before = everything()

    response = client.post(close_url(work), moved_answers(work))

    assert response.status_code == 404
    body = response.content.decode()
    for secret in ("Påhittadsson", "Malmö", "Ansöka om förtur"):
        assert secret not in body
    assert everything() == before
