"""The child's voice (decision 0045): a journal note about the child, with versions and
corrections as every note, read by those who read the child's matters — the lead unit and
barn och unga — and not by ekonomiskt bistånd, who reads the person's journal by consent."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from brytupp.access import policies
from brytupp.cases.journal import (
    child_voice_notes,
    journal_note_correct,
    journal_note_write,
    journal_read,
)
from brytupp.cases.models import JournalNote

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _voice(world, actor=None, **fields):
    return journal_note_write(
        actor=actor or world["worker"],
        case=world["case"],
        kind="barnets_rost",
        date=TODAY,
        text="Barnet sa att hon vill bo kvar nära skolan.",
        **{"child": world["child"], **fields},
    )


def test_the_childs_voice_is_a_journal_note_about_the_child(world):
    note = _voice(world)

    assert (note.kind, note.child, note.unit) == ("barnets_rost", world["child"], world["rvt"])
    assert [v.number for v in note.versions.all()] == [1]


def test_the_childs_voice_without_a_child_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _voice(world, child=None)

    assert refused.value.message_dict == {
        "kind": ["The child's voice is written on the child's page."]
    }
    assert not JournalNote.objects.exists()


@pytest.mark.parametrize(
    ("reader", "reads"), [("worker", True), ("barn_worker", True), ("ekb_worker", False)]
)
def test_who_reads_the_childs_voice(world, reader, reads):
    note = _voice(world)
    journal_note_write(
        actor=world["worker"], case=world["case"], kind="samtal", date=TODAY, text="Samtal."
    )

    shown = journal_read(actor=world[reader], public_id=world["case"].public_id).notes

    assert (note in shown) is reads
    assert [n.kind for n in shown if n != note] == ["samtal"]
    assert (
        policies.journal_child_note_readable(world[reader], world["case"], world["child"]) is reads
    )
    voices = child_voice_notes(actor=world[reader], case=world["case"], child=world["child"])
    assert [n.pk for n in voices] == ([note.pk] if reads else [])


def test_ekonomiskt_bistand_writes_no_childs_voice(world):
    with pytest.raises(Http404):
        _voice(world, actor=world["ekb_worker"])

    assert not JournalNote.objects.exists()


def test_the_childs_voice_is_corrected_as_every_note(world):
    note = _voice(world)

    journal_note_correct(
        actor=world["worker"],
        note=note,
        text="Barnet sa att hon vill bo kvar nära sin skola.",
        reason="Felskrivning",
        version=1,
    )

    voices = child_voice_notes(actor=world["barn_worker"], case=world["case"], child=world["child"])
    assert voices[0].current.text == "Barnet sa att hon vill bo kvar nära sin skola."
    assert [v.text for v in voices[0].earlier] == ["Barnet sa att hon vill bo kvar nära skolan."]
