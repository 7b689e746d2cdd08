"""The unit holding a person sees every attempt on them, by any unit (issue 10, finding 1's
log review part): the managers of the lead unit and of a unit taking part by consent see
another district's case worker's search hit, opening, reveal, export, emergency access and
refused request on their client, flagged "other unit"; an unrelated manager does not."""

import uuid

import pytest
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome
from brytupp.audit.services import access_log_record_ids
from brytupp.cases.services import case_close
from tests import factories

from .entries import WEEKDAY_NOON, clock_at
from .holding import IDENTITY_NUMBER, TODAY, holding_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(district, rvt):
    return holding_world(district, rvt)


def _rows(actor, user="insider"):
    """The user's entries the actor reviews, with their flags."""
    page = review.log_search(actor=actor, user=user)
    return {row.entry.seq: row.flags for row in page.object_list}


def _attempt(world, **fields):
    """An entry by the insider (another district's unit) on the held person's case."""
    values = {
        "kind": AccessKind.VIEW,
        "ground": AccessGround.CASE_OPENING,
        "outcome": AccessOutcome.ALLOWED,
        "person_public_id": world["person"].public_id,
        "case_public_id": None,
    }
    values.update(fields)
    with clock_at(WEEKDAY_NOON):
        return access_log_record_ids(actor=world["insider"], **values)


ATTEMPTS = {
    "search_hit": {"kind": AccessKind.SEARCH_HIT},
    "opening": {"kind": AccessKind.OPENING},
    "reveal": {"kind": AccessKind.REVEAL, "ground": AccessGround.CONSENT},
    "export": {"kind": AccessKind.EXPORT},
    "emergency": {"ground": AccessGround.EMERGENCY},
    "refused": {"ground": AccessGround.REFUSED, "outcome": AccessOutcome.REFUSED},
}
KIND_FLAGS = {
    "search_hit": [],
    "opening": [],
    "reveal": ["reveal"],
    "export": [],
    "emergency": ["emergency"],
    "refused": ["refused"],
}


@pytest.mark.parametrize("attempt", list(ATTEMPTS))
@pytest.mark.parametrize("reviewer", ["lead_manager", "consenting_manager"])
def test_the_holding_units_managers_see_the_attempt_flagged(world, attempt, reviewer):
    entry = _attempt(world, **ATTEMPTS[attempt])

    assert _rows(world[reviewer]) == {entry.seq: [*KIND_FLAGS[attempt], "other_unit"]}


@pytest.mark.parametrize("attempt", list(ATTEMPTS))
def test_an_unrelated_manager_sees_no_attempt(world, attempt):
    _attempt(world, **ATTEMPTS[attempt])

    assert _rows(world["unrelated_manager"]) == {}


def test_an_attempt_named_by_the_case_alone_is_seen(world):
    entry = _attempt(
        world,
        kind=AccessKind.OPENING,
        person_public_id=None,
        case_public_id=world["case"].public_id,
    )

    assert _rows(world["lead_manager"]) == {entry.seq: ["other_unit"]}


def test_an_ordinary_view_by_another_unit_is_not_in_scope(world):
    _attempt(world, kind=AccessKind.VIEW, case_public_id=world["case"].public_id)
    _attempt(world, kind=AccessKind.LIST_ROW, case_public_id=world["case"].public_id)

    assert _rows(world["lead_manager"]) == {}


def test_the_insiders_own_manager_sees_it_unflagged_and_the_administrator_too(world):
    entry = _attempt(world, kind=AccessKind.SEARCH_HIT)

    assert _rows(world["far_manager"]) == {entry.seq: []}
    assert _rows(world["administrator"]) == {entry.seq: []}


def test_the_holding_units_own_entries_are_not_flagged_other_unit(world):
    with clock_at(WEEKDAY_NOON):
        entry = access_log_record_ids(
            actor=world["lead_worker"],
            kind=AccessKind.SEARCH_HIT,
            person_public_id=world["person"].public_id,
            case_public_id=None,
            ground=AccessGround.CASE_OPENING,
            outcome=AccessOutcome.ALLOWED,
        )

    assert _rows(world["lead_manager"], "lead_worker")[entry.seq] == []
    assert _rows(world["consenting_manager"], "lead_worker")[entry.seq] == ["other_unit"]


def test_another_persons_attempt_is_not_in_scope(world):
    _attempt(world, kind=AccessKind.REVEAL, person_public_id=uuid.uuid4())

    assert _rows(world["lead_manager"]) == {}


def test_the_scope_is_todays_parts_a_closed_case_holds_no_one(world):
    entry = _attempt(world, kind=AccessKind.SEARCH_HIT)
    assert list(_rows(world["lead_manager"])) == [entry.seq]

    case_close(case=world["case"], closed=TODAY, reason="goals_met", actor=world["lead_worker"])
    later = _attempt(world, kind=AccessKind.SEARCH_HIT)

    assert entry.seq < later.seq
    assert _rows(world["lead_manager"]) == {}


def test_through_the_pages_an_insiders_search_and_refused_view_reach_the_lead_manager(
    client, world
):
    factories.sign_in(client, world["insider"])
    searched = client.post(
        reverse("cases:open"), {"step": "search", "identity_number": IDENTITY_NUMBER}
    )
    refused = client.get(reverse("cases:detail", args=[world["case"].public_id]))
    assert (searched.status_code, refused.status_code) == (200, 404)
    made = list(
        AccessLogEntry.objects.filter(user_public_id=world["insider"].public_id)
        .order_by("seq")
        .values_list("kind", "outcome")
    )
    assert made == [("search_hit", "allowed"), ("view", "refused")]

    factories.sign_in(client, world["lead_manager"])
    page = client.get(reverse("log_review:search")).content.decode()

    assert page.count('data-flag="other_unit"') == 2
    assert page.count('<td class="govuk-table__cell">insider</td>') == 2
    assert "Hållensson" not in page and IDENTITY_NUMBER not in page

    factories.sign_in(client, world["unrelated_manager"])
    page = client.get(reverse("log_review:search")).content.decode()

    assert "insider" not in page
