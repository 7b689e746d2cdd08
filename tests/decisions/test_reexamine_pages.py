"""The pages of a re-examination (omprövning) and of a decision the court changed (issue 15
item 1: "an overruled or appealed decision keeps its history"): each through its view, the new
decision in force and the earlier one kept as replaced, shown so on the case page; the
service's refusals shown on the form with nothing saved."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from brytupp.interventions.decisions import (
    DecisionTerms,
    application_decide,
    application_record,
    decision_appeal_record,
)
from brytupp.interventions.models import ApplicationDecision, DecisionAppeal
from tests import factories

from .conftest import DAY, TODAY
from .test_pages import sv

pytestmark = pytest.mark.django_db

ASKED = "Tillfälligt boende i två månader."
REASONS = "Behovet av boende är tillgodosett genom andrahandskontraktet."
NEW_REASONS = "Omständigheterna har ändrats: kontraktet har sagts upp."


def _url(name, world, *ids):
    return reverse(f"cases:{name}", args=[world["case"].public_id, *ids])


def _avslag(world):
    application = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 20 * DAY,
        asked=ASKED,
        intervention="tillfalligt_boende",
    )
    return application_decide(
        actor=world["manager"],
        application=application,
        decided=TODAY - 15 * DAY,
        terms=DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons=REASONS),
    )


def _state(application):
    return [
        (d.decided, d.outcome, d.status, d.reasons, d.replaces_id)
        for d in ApplicationDecision.objects.filter(application=application).order_by("pk")
    ]


def test_a_decision_is_re_examined_through_its_page_and_the_earlier_one_is_kept(client, world):
    decision = _avslag(world)
    factories.sign_in(client, world["manager"])

    page = client.get(_url("decision_reexamine", world, decision.public_id))
    response = client.post(
        _url("decision_reexamine", world, decision.public_id),
        {
            "decided": (TODAY - 2 * DAY).isoformat(),
            "outcome": "bifall",
            "legal_ground": world["current"].code,
            "reasons": NEW_REASONS,
            "start": (TODAY - DAY).isoformat(),
            "end": (TODAY + 60 * DAY).isoformat(),
        },
    )

    assert page.status_code == 200
    assert sv("Re-examine the decision") in page.content.decode()
    assert response.status_code == 302
    new = ApplicationDecision.objects.get(application=decision.application, status="in_force")
    assert _state(decision.application) == [
        (TODAY - 15 * DAY, "avslag", "replaced", REASONS, None),
        (TODAY - 2 * DAY, "bifall", "in_force", NEW_REASONS, decision.pk),
    ]
    assert (new.decision_maker, new.delegation, new.granted.intervention, new.granted.start) == (
        world["manager"],
        world["lines"]["manager"],
        "tillfalligt_boende",
        TODAY - DAY,
    )
    case_page = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    text = case_page.content.decode()
    # Both decisions are on the case page, the earlier one marked replaced.
    assert text.count(f'id="application-decision-{decision.public_id}"') == 1
    assert text.count(f'id="application-decision-{new.public_id}"') == 1
    assert escape(REASONS) in text and escape(NEW_REASONS) in text
    assert re.findall(r"govuk-tag--grey\">([^<]*)</strong>", text) == [sv("Replaced")]


def test_a_re_examination_by_a_worker_without_the_delegation_to_refuse_saves_nothing(client, world):
    decision = _avslag(world)
    factories.sign_in(client, world["worker"])
    before = _state(decision.application)

    response = client.post(
        _url("decision_reexamine", world, decision.public_id),
        {
            "decided": TODAY.isoformat(),
            "outcome": "avslag",
            "legal_ground": world["current"].code,
            "reasons": NEW_REASONS,
        },
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert _state(decision.application) == before


def test_a_re_examination_while_an_appeal_is_pending_is_refused_on_the_page(client, world):
    decision = _avslag(world)
    decision_appeal_record(
        actor=world["manager"],
        decision=decision,
        lodged=TODAY - 10 * DAY,
        court="Förvaltningsrätten",
    )
    factories.sign_in(client, world["manager"])
    before = _state(decision.application)

    response = client.post(
        _url("decision_reexamine", world, decision.public_id),
        {
            "decided": TODAY.isoformat(),
            "outcome": "bifall",
            "legal_ground": world["current"].code,
            "start": TODAY.isoformat(),
        },
    )

    assert response.status_code == 200
    assert (
        escape(sv("An appeal of the decision is pending: record the court's outcome first."))
        in response.content.decode()
    )
    assert _state(decision.application) == before


def test_the_court_changes_the_decision_through_its_page(client, world):
    decision = _avslag(world)
    appeal = decision_appeal_record(
        actor=world["manager"],
        decision=decision,
        lodged=TODAY - 10 * DAY,
        court="Förvaltningsrätten",
    )
    factories.sign_in(client, world["worker"])

    page = client.get(_url("appeal_changed", world, appeal.public_id))
    response = client.post(
        _url("appeal_changed", world, appeal.public_id),
        {
            "outcome_date": (TODAY - 3 * DAY).isoformat(),
            "outcome": "bifall",
            "legal_ground": world["current"].code,
            "start": (TODAY - 2 * DAY).isoformat(),
            "note": "Mål nr 1111-26",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.outcome_date, appeal.note) == (
        "changed",
        TODAY - 3 * DAY,
        "Mål nr 1111-26",
    )
    changed = ApplicationDecision.objects.get(application=decision.application, status="in_force")
    assert _state(decision.application) == [
        (TODAY - 15 * DAY, "avslag", "replaced", REASONS, None),
        (TODAY - 3 * DAY, "bifall", "in_force", "", decision.pk),
    ]
    # The court decided: no decision maker of the unit, no delegation.
    assert (changed.appeal, changed.decision_maker, changed.delegation) == (appeal, None, None)
    text = client.get(reverse("cases:detail", args=[world["case"].public_id])).content.decode()
    assert sv("The court") in text


def test_the_court_s_change_without_a_ground_shows_the_message_and_saves_nothing(client, world):
    decision = _avslag(world)
    appeal = decision_appeal_record(
        actor=world["manager"],
        decision=decision,
        lodged=TODAY - 10 * DAY,
        court="Förvaltningsrätten",
    )
    factories.sign_in(client, world["manager"])
    before = (_state(decision.application), DecisionAppeal.objects.get(pk=appeal.pk).outcome)

    response = client.post(
        _url("appeal_changed", world, appeal.public_id),
        {"outcome_date": TODAY.isoformat(), "outcome": "delvis_bifall"},
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    after = (_state(decision.application), DecisionAppeal.objects.get(pk=appeal.pk).outcome)
    assert after == before == (before[0], "pending")


def test_the_case_page_offers_re_examination_and_the_court_s_change_to_the_receiving_unit(
    client, world
):
    decision = _avslag(world)
    factories.sign_in(client, world["worker"])
    reexamine = _url("decision_reexamine", world, decision.public_id)

    before_appeal = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    appeal = decision_appeal_record(
        actor=world["manager"],
        decision=decision,
        lodged=TODAY - 10 * DAY,
        court="Förvaltningsrätten",
    )
    pending = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    factories.sign_in(client, world["ekb_worker"])
    other_unit = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    changed = _url("appeal_changed", world, appeal.public_id)
    assert (
        reexamine in before_appeal.content.decode(),
        changed in before_appeal.content.decode(),
    ) == (
        True,
        False,
    )
    # While an appeal is pending the decision is not re-examined; the court's outcome is awaited.
    assert (reexamine in pending.content.decode(), changed in pending.content.decode()) == (
        False,
        True,
    )
    assert (reexamine in other_unit.content.decode(), changed in other_unit.content.decode()) == (
        False,
        False,
    )
