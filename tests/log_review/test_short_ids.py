"""Short ids in log review's filters (issue 13): a person or a case named by the first
characters of its id, as the list shows it. One id in the reviewer's entries begins so: the
search keeps to it. None or several: a message on the field says which, and nothing is
searched. An id out of the reviewer's scope reads as none."""

import uuid
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from brytupp.audit import review
from brytupp.audit.services import access_log_record
from brytupp.audit.short_ids import log_id_resolve
from tests import factories

from .entries import WEEKDAY_NOON, clock_at

pytestmark = pytest.mark.django_db

PERSON_A = uuid.UUID("1a2b3c4d-0e0f-4000-8000-000000000001")
PERSON_B = uuid.UUID("1a2b3c4d-9e0f-4000-8000-000000000002")
PERSON_C = uuid.UUID("77777777-0000-4000-8000-000000000003")
CASE_A = uuid.UUID("c0ffee00-1111-4000-8000-00000000000a")
CASE_B = uuid.UUID("c0ffee00-1112-4000-8000-00000000000b")


def _entry(actor, *, person: uuid.UUID, case: uuid.UUID):
    fake = SimpleNamespace(public_id=case, person=SimpleNamespace(public_id=person))
    with clock_at(WEEKDAY_NOON):
        return access_log_record(actor=actor, kind="view", case=fake)


@pytest.fixture
def entries(worker):
    return {
        "a": _entry(worker, person=PERSON_A, case=CASE_A),
        "b": _entry(worker, person=PERSON_B, case=CASE_B),
        "c": _entry(worker, person=PERSON_C, case=uuid.uuid4()),
    }


def _seqs(page):
    return [row.entry.seq for row in page.object_list]


@pytest.mark.parametrize("typed", ["77777777", "7777777700", "77777777-0", "77777777-0000-4"])
def test_a_short_id_of_one_person_finds_their_entries(entries, manager, typed):
    page = review.log_search(actor=manager, person=typed.replace("-", ""))

    assert _seqs(page) == [entries["c"].seq]


def test_a_longer_short_id_tells_two_persons_apart(entries, manager):
    assert _seqs(review.log_search(actor=manager, person="1a2b3c4d9")) == [entries["b"].seq]
    assert _seqs(review.log_search(actor=manager, case="c0ffee001111")) == [entries["a"].seq]


def test_a_whole_id_is_taken_as_it_is(entries, manager):
    assert _seqs(review.log_search(actor=manager, person=PERSON_A.hex)) == [entries["a"].seq]


def test_a_short_id_of_several_persons_lists_them_cut_apart(entries, manager):
    with pytest.raises(ValidationError) as raised:
        review.log_search(actor=manager, person="1a2b3c4d")

    [problem] = raised.value.error_dict["person"]
    assert problem.code == "ambiguous"
    with translation.override("en"):
        message = str(problem.message)
    assert message == (
        "1a2b3c4d is the beginning of several ids in “Person id” in the entries you review: "
        "1a2b3c4d-0, 1a2b3c4d-9. Write more of the id."
    )


def test_two_cases_apart_only_at_the_twelfth_digit_are_listed_that_long(entries, manager):
    with pytest.raises(ValidationError) as raised:
        log_id_resolve(actor=manager, column="case_public_id", typed="c0ffee00", label="Case id")

    assert raised.value.code == "ambiguous"
    assert ": c0ffee00-1111, c0ffee00-1112. " in str(raised.value.message)


def test_a_short_id_of_no_one_says_so(entries, manager):
    with pytest.raises(ValidationError) as raised:
        review.log_search(actor=manager, person="0000aaaa")

    [problem] = raised.value.error_dict["person"]
    with translation.override("en"):
        message = str(problem.message)
    assert (problem.code, message) == (
        "none",
        "No entry you review has a “Person id” that begins with 0000aaaa.",
    )


def test_an_id_out_of_the_reviewers_scope_reads_as_none(manager, other_worker, worker):
    """Another unit's entry on a person is not the manager's to review: its id begins
    nothing for them, and the message is the one for an id that does not exist."""
    _entry(other_worker, person=PERSON_C, case=uuid.uuid4())

    with pytest.raises(ValidationError) as raised:
        review.log_search(actor=manager, person="77777777")

    assert raised.value.error_dict["person"][0].code == "none"


def test_problems_in_both_fields_are_said_at_once(entries, manager):
    with pytest.raises(ValidationError) as raised:
        review.log_search(actor=manager, person="1a2b3c4d", case="deadbeef")

    codes = {field: [e.code for e in errors] for field, errors in raised.value.error_dict.items()}
    assert codes == {"person": ["ambiguous"], "case": ["none"]}


def _page(client, manager, **query):
    factories.sign_in(client, manager)
    response = client.get(reverse("log_review:search"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_searches_by_a_short_id_as_shown_in_the_list(client, entries, manager):
    body = _page(client, manager, person="1A2B3C4D-9")

    assert body.count("<code>1a2b3c4d</code>") == 1
    assert f"/loggkontroll/post/{entries['b'].seq}/granskad/" in body
    assert f"/loggkontroll/post/{entries['a'].seq}/granskad/" not in body
    assert "govuk-error-summary" not in body


def test_the_page_lists_the_ids_a_short_id_begins_and_shows_no_entries(client, entries, manager):
    body = _page(client, manager, person="1a2b3c4d")

    assert "govuk-error-summary" in body
    assert (
        "1a2b3c4d är början på flera id under ”Person-id” i posterna du granskar: "
        "1a2b3c4d-0, 1a2b3c4d-9. Skriv mer av id:t."
    ) in body
    assert "data-not-searched" in body
    assert "/granskad/" not in body


def test_the_page_says_when_no_id_begins_so(client, entries, manager):
    body = _page(client, manager, case="deadbeef")

    assert "Ingen post du granskar har ett ”Ärende-id” som börjar med deadbeef." in body
    assert "data-not-searched" in body and "/granskad/" not in body


@pytest.mark.parametrize("typed", ["1a2b3c", "1a2b3c4g", "not-a-uuid", "1" * 33])
def test_a_short_id_that_cannot_be_an_id_is_refused_and_nothing_searched(
    client, entries, manager, typed
):
    body = _page(client, manager, person=typed)

    assert (
        "Skriv ”Person-id” som listan visar det: dess första 8 tecken eller fler, "
        "bara 0–9, a–f och bindestreck."
    ) in body
    assert "data-not-searched" in body and "/granskad/" not in body
