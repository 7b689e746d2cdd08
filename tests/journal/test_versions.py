"""A journal note's versions (issue 15 item 3, decision 0040): signed when saved, a
correction is a new version with its reason and the earlier text is kept and shown; the
database refuses to change or delete a version."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.journal import journal_note_correct, journal_note_write
from brytupp.cases.models import CaseEvent, JournalNote, JournalNoteVersion
from brytupp.cases.services import case_close
from tests import factories

from .conftest import DAY, RVT_TEXT, TODAY
from .support import state, words

pytestmark = pytest.mark.django_db

CORRECTED = "RVT: samtal om skyddat boende och om barnens skola 5104"
REASON = "Skolan saknades i anteckningen"


def _versions(note):
    return list(
        JournalNoteVersion.objects.filter(note=note)
        .order_by("number")
        .values_list("number", "text", "reason", "written_by__username")
    )


def _correct(client, world, **data):
    url = reverse(
        "cases:journal_note_correct",
        args=[world["case"].public_id, world["rvt_note"].public_id],
    )
    return client.post(url, {"text": CORRECTED, "reason": REASON, "version": "1", **data})


def test_a_note_is_signed_as_its_first_version_with_its_author(world):
    note = world["rvt_note"]

    assert (note.unit, note.kind, note.date, note.created_by, note.version) == (
        world["rvt"],
        "samtal",
        TODAY - 3 * DAY,
        world["rvt_worker"],
        1,
    )
    assert _versions(note) == [(1, RVT_TEXT, "", world["rvt_worker"].username)]


def test_a_correction_keeps_the_old_text_visible_with_its_reason(client, world):
    corrector = factories.staff("handlaggare", world["rvt"], first_name="Kim", last_name="Kollega")
    factories.sign_in(client, corrector)

    response = _correct(client, world)

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:journal", args=[world["case"].public_id])
    note = world["rvt_note"]
    note.refresh_from_db()
    assert note.version == 2
    assert _versions(note) == [
        (1, RVT_TEXT, "", world["rvt_worker"].username),
        (2, CORRECTED, REASON, corrector.username),
    ]
    page = client.get(response["Location"]).content.decode()
    # The note's card: the last on the page (the children's unit's note is newer).
    card = page[page.index(f'data-journal-note="{note.public_id}"') :]
    summary, details = card.split('<details class="govuk-details">')
    details = details[: details.index("</details>")]
    assert "Conversation with the person Corrected" in text_of(summary)
    assert f"Reason for the correction {REASON}" in text_of(summary)
    assert CORRECTED in text_of(summary) and RVT_TEXT not in summary
    assert text_of(details).split(" Version 1 ")[1].strip().startswith("Signed")
    assert "by Rut Rvtsson." in text_of(details)
    assert f"Corrected {_at(note, 2)} by Kim Kollega, because: {REASON}" in text_of(details)
    assert RVT_TEXT in details


def text_of(fragment: str) -> str:
    return words(type("Response", (), {"content": fragment.encode()}))


def _at(note, number: int) -> str:
    written_at = JournalNoteVersion.objects.get(note=note, number=number).written_at
    return timezone.localtime(written_at).strftime("%Y-%m-%d %H:%M")


def test_a_correction_without_a_reason_is_refused_and_changes_nothing(client, world):
    factories.sign_in(client, world["rvt_worker"])
    before = state()

    response = _correct(client, world, reason="   ")

    assert response.status_code == 200
    assert "Fill in “Why is the note corrected?”." in words(response)
    assert state() == before


def test_the_service_refuses_a_correction_without_a_reason(world):
    before = state()

    with pytest.raises(ValidationError) as refused:
        journal_note_correct(
            actor=world["rvt_worker"], note=world["rvt_note"], text=CORRECTED, reason=" ", version=1
        )

    assert refused.value.message_dict == {"reason": ["Write why the note is corrected."]}
    assert state() == before


def test_a_correction_that_changes_nothing_is_refused(world):
    before = state()

    with pytest.raises(ValidationError) as refused:
        journal_note_correct(
            actor=world["rvt_worker"],
            note=world["rvt_note"],
            text=f"  {RVT_TEXT} ",
            reason=REASON,
            version=1,
        )

    assert refused.value.message_dict == {
        "text": ["The text is the same as before: change it, or cancel."]
    }
    assert state() == before


def test_another_unit_cannot_correct_a_note_and_nothing_changes(client, world):
    factories.sign_in(client, world["children_worker"])
    before = state()

    response = _correct(client, world)

    assert response.status_code == 404
    assert RVT_TEXT not in response.content.decode()
    assert state() == before


def test_a_note_in_the_future_or_without_text_is_refused(world):
    before = state()

    with pytest.raises(ValidationError) as future:
        journal_note_write(
            actor=world["rvt_worker"],
            case=world["case"],
            kind="samtal",
            date=TODAY + DAY,
            text="I morgon",
        )
    with pytest.raises(ValidationError) as empty:
        journal_note_write(
            actor=world["rvt_worker"], case=world["case"], kind="samtal", date=TODAY, text="  "
        )

    assert future.value.message_dict == {"date": ["The date cannot be in the future."]}
    assert empty.value.message_dict == {"text": ["Write the note."]}
    assert state() == before


def test_nothing_is_written_or_corrected_in_a_closed_case(world):
    case_close(actor=world["rvt_worker"], case=world["case"], closed=TODAY, reason="goals_met")
    before = state()

    with pytest.raises(ValidationError, match="The case is closed."):
        journal_note_write(
            actor=world["rvt_worker"], case=world["case"], kind="samtal", date=TODAY, text="Sent"
        )
    with pytest.raises(ValidationError, match="The case is closed."):
        journal_note_correct(
            actor=world["rvt_worker"],
            note=JournalNote.objects.get(pk=world["rvt_note"].pk),
            text=CORRECTED,
            reason=REASON,
            version=1,
        )

    assert state() == before


def test_the_timeline_and_the_log_hold_ids_never_the_text(client, world):
    factories.sign_in(client, world["rvt_worker"])
    seq = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()

    _correct(client, world)

    note = world["rvt_note"]
    events = list(
        CaseEvent.objects.filter(case=world["case"], kind__startswith="journal_note")
        .order_by("pk")
        .values_list("kind", "unit__code", "data")
    )
    assert events == [
        (
            EventKind.JOURNAL_NOTE_WRITTEN,
            world["rvt"].code,
            {"note": str(note.public_id), "version": 1},
        ),
        (
            EventKind.JOURNAL_NOTE_WRITTEN,
            world["children"].code,
            {"note": str(world["children_note"].public_id), "version": 1},
        ),
        (
            EventKind.JOURNAL_NOTE_CORRECTED,
            world["rvt"].code,
            {"note": str(note.public_id), "version": 2},
        ),
    ]
    entries = list(AccessLogEntry.objects.filter(seq__gt=seq).values())
    assert [e["kind"] for e in entries] == [AccessKind.VIEW, AccessKind.CHANGE]
    assert CORRECTED not in repr(entries) and REASON not in repr(entries)


def _raw(statement):
    def run(world):
        with connection.cursor() as cursor:
            cursor.execute(statement, [world["rvt_note"].pk])

    return run


def _save_changed(world):
    version = JournalNoteVersion.objects.get(note=world["rvt_note"])
    version.text = "Omskriven"
    version.save()


ATTEMPTS = {
    "queryset update": lambda w: JournalNoteVersion.objects.update(text="Omskriven"),
    "instance save": _save_changed,
    "queryset delete": lambda w: JournalNoteVersion.objects.all().delete(),
    "raw update": _raw("UPDATE cases_journalnoteversion SET text = 'Omskriven' WHERE note_id = %s"),
    "raw delete": _raw("DELETE FROM cases_journalnoteversion WHERE note_id = %s"),
}


@pytest.mark.parametrize("attempt", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_the_database_refuses_to_change_or_delete_a_version(world, attempt):
    before = state()

    with (
        pytest.raises(DatabaseError, match="journal note versions are written once"),
        transaction.atomic(),
    ):
        attempt(world)

    assert state() == before


def test_a_note_or_a_case_with_a_journal_is_never_deleted(world):
    before = state()

    with pytest.raises(ProtectedError), transaction.atomic():
        JournalNote.objects.filter(pk=world["rvt_note"].pk).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        world["case"].delete()

    assert state() == before
