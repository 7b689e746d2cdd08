"""The journal's permission matrix (issue 15 item 3, decision 0040): whose notes each role
reads, who writes and who corrects. A unit reads its own notes, and another unit's only when
the person's consent covers both units; emergency access reads the lead unit's notes; an
invited unit and everyone without a part read nothing. Every denial is a 404 that shows no
note's text and changes nothing."""

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry, AccessOutcome
from tests import factories

from .conftest import CHILDREN_TEXT, EKB_TEXT, RVT_TEXT, TEXTS, TODAY
from .support import ROLES, state, words

pytestmark = pytest.mark.django_db

# The notes each role reads on the journal page; None: the page is a 404.
READS = {
    "lead unit's case worker": {RVT_TEXT, CHILDREN_TEXT},
    "lead unit's manager": {RVT_TEXT, CHILDREN_TEXT},
    "unit with consent": {RVT_TEXT, CHILDREN_TEXT},
    "unit whose consent ran out": None,
    "unit not covered": None,
    "invited unit": None,
    "emergency access": {RVT_TEXT},
    "Socialjouren without emergency access": None,
    "another district's unit": None,
    "analyst": None,
}
# The roles that write a note, and the unit whose notes each corrects.
WRITERS = {"lead unit's case worker", "lead unit's manager", "unit with consent"}
CORRECTS = {
    "lead unit's case worker": "rvt_note",
    "lead unit's manager": "rvt_note",
    "unit with consent": "children_note",
}


def _assert_denied(response):
    assert response.status_code == 404
    body = response.content.decode()
    for secret in (*TEXTS, "Fejka", "Journalsson"):
        assert secret not in body


def test_every_role_of_the_matrix_is_asserted():
    assert set(READS) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_whose_notes_each_role_reads(client, world, role):
    factories.sign_in(client, ROLES[role](world))

    response = client.get(reverse("cases:journal", args=[world["case"].public_id]))

    entries = AccessLogEntry.objects.filter(request_id=response["X-Request-Id"])
    logged = [(e.kind, e.outcome) for e in entries]
    if READS[role] is None:
        _assert_denied(response)
        assert logged == [(AccessKind.VIEW, AccessOutcome.REFUSED)]
    else:
        assert response.status_code == 200
        body = words(response)
        assert {text for text in TEXTS if text in body} == READS[role]
        assert logged == [(AccessKind.VIEW, AccessOutcome.ALLOWED)]


@pytest.mark.parametrize("role", ROLES)
def test_who_writes_a_note(client, world, role):
    factories.sign_in(client, ROLES[role](world))
    url = reverse("cases:journal_note_add", args=[world["case"].public_id])
    before = state()

    shown = client.get(url)
    posted = client.post(
        url, {"kind": "telefonsamtal", "date": TODAY.isoformat(), "text": "Ny anteckning 5199"}
    )

    if role in WRITERS:
        assert (shown.status_code, posted.status_code) == (200, 302)
        assert len(state()["notes"]) == len(before["notes"]) + 1
    else:
        _assert_denied(shown)
        _assert_denied(posted)
        assert state() == before


@pytest.mark.parametrize("note", ["rvt_note", "children_note", "ekb_note"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_notes_own_unit_corrects_it(client, world, role, note):
    factories.sign_in(client, ROLES[role](world))
    url = reverse(
        "cases:journal_note_correct", args=[world["case"].public_id, world[note].public_id]
    )
    before = state()

    shown = client.get(url)
    posted = client.post(url, {"text": "Rättad text 5198", "reason": "Fel datum", "version": "1"})

    if CORRECTS.get(role) == note:
        assert (shown.status_code, posted.status_code) == (200, 302)
        assert len(state()["versions"]) == len(before["versions"]) + 1
    else:
        _assert_denied(shown)
        _assert_denied(posted)
        assert state() == before


def test_a_unit_reads_another_units_notes_only_while_the_consent_names_the_writing_unit(
    client, world
):
    """The economic assistance unit's consent ran out: its note is no longer read by the
    lead unit either, though the lead unit reads the case. A new consent naming it again
    brings the note back."""
    from brytupp.cases.services import consent_record

    factories.sign_in(client, world["rvt_worker"])
    url = reverse("cases:journal", args=[world["case"].public_id])
    assert EKB_TEXT not in words(client.get(url))

    consent_record(
        actor=world["rvt_worker"],
        case=world["case"],
        given=TODAY,
        form="oral",
        purpose="Försörjning igen",
        units=[world["ekb"]],
    )

    assert EKB_TEXT in words(client.get(url))
