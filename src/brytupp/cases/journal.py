"""The journal (decision 0040): each unit's journal notes in the case.

A note has the day of what it records, its kind, the writing unit and its author; its text is
its latest version. A note is signed when saved: each ``JournalNoteVersion`` is written once,
with who and when, and the database refuses to change or delete one. A correction is a new
version with its reason, by a user of the note's own unit, against the version the form was
opened at (decision 0029); the earlier versions stay and are shown with the note.

Who reads which unit's notes is ``policies.journal_units_readable``: the own unit's always,
another unit's only when the person's consent covers both. A note about a child of the case
(``JournalNote.child``: the child's voice, decision 0045) is read only by those who read the
child's matters (``policies.journal_child_note_readable``), and written only by them: the
lead unit and barn och unga yes, ekonomiskt bistånd no. The timeline and the access log get
the note's public id and the version's number, never the text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.concurrency import versioned_update
from brytupp.organisation.models import User

from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import Case, JournalKind, JournalNote, JournalNoteVersion


@dataclass
class Journal:
    case: Case
    # Newest first by date; each with ``current`` (its latest version), ``earlier`` (the
    # versions before, newest first, each with ``replaced_by``) and ``correctable``.
    notes: list[JournalNote]
    may_write: bool
    # Read through emergency access: the lead unit's notes only.
    emergency: bool
    kind: str = ""


def _case_with_part(actor: User, public_id, rule: policies.Rule) -> Case:
    """The case through ``rule`` (404 alike for missing and forbidden), with its acting part;
    not yet logged: the journal's own check comes first."""
    case = rule.get_or_404(
        actor,
        queryset=Case.objects.select_related("person", "lead_unit").defer("account"),
        public_id=public_id,
    )
    case.acting_part = policies.acting_part(actor, case)
    return case


def _viewed(actor: User, case: Case) -> None:
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=case,
        ground=policies.access_ground(actor, case, part=case.acting_part),
    )


def _readable_units(actor: User, case: Case) -> frozenset[int]:
    consents = list(
        case.consents.in_force(timezone.localdate()).prefetch_related("units").order_by("pk")
    )
    return policies.journal_units_readable(actor, case, case.acting_part, consents)


def journal_read(*, actor: User, public_id, kind: str = "") -> Journal:
    """The case's journal as the actor may read it (404 when they read no unit's notes: an
    invited unit, a case not accepted, no part); the view is logged. ``kind`` filters."""
    case = _case_with_part(actor, public_id, policies.cases)
    readable = _readable_units(actor, case)
    if not readable:
        raise Http404
    _viewed(actor, case)
    notes = (
        JournalNote.objects.filter(case=case, unit_id__in=readable)
        .select_related("unit", "created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=JournalNoteVersion.objects.select_related("written_by").order_by(
                    "-number"
                ),
            )
        )
        .order_by("-date", "-created_at", "-pk")
    )
    kind = kind if kind in JournalKind.values else ""
    if kind:
        notes = notes.filter(kind=kind)
    part = case.acting_part
    shown = _child_notes_readable(actor, case, list(notes.select_related("child")))
    for note in shown:
        _with_versions(note)
        note.correctable = case.is_open and policies.journal_note_correctable(case, part, note)
    return Journal(
        case=case,
        notes=shown,
        may_write=case.is_open and policies.part_participates(case, part),
        emergency=part is None,
        kind=kind,
    )


def _child_notes_readable(actor: User, case: Case, notes: list[JournalNote]) -> list[JournalNote]:
    """The notes, less those about a child whose matters the actor does not read."""
    readable: dict[int, bool] = {}
    for child in {note.child for note in notes if note.child is not None}:
        readable[child.pk] = policies.journal_child_note_readable(actor, case, child)
    return [note for note in notes if note.child_id is None or readable[note.child_id]]


def child_voice_notes(*, actor: User, case: Case, child) -> list[JournalNote]:
    """The notes about ``child`` in the case, with their versions, for whoever reads the
    child's matters (the child's page, decision 0045): empty for anyone else. The caller has
    logged the page's view."""
    if not policies.journal_child_note_readable(actor, case, child):
        return []
    notes = (
        JournalNote.objects.filter(case=case, child=child)
        .select_related("unit", "created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=JournalNoteVersion.objects.select_related("written_by").order_by(
                    "-number"
                ),
            )
        )
        .order_by("-date", "-created_at", "-pk")
    )
    part = policies.acting_part(actor, case)
    shown = [_with_versions(note) for note in notes]
    for note in shown:
        note.correctable = case.is_open and policies.journal_note_correctable(case, part, note)
    return shown


def _with_versions(note: JournalNote) -> JournalNote:
    versions = list(note.versions.all())  # newest first
    for later, earlier in zip(versions, versions[1:], strict=False):
        earlier.replaced_by = later
    note.current = versions[0]
    note.earlier = versions[1:]
    return note


def journal_case_for_writing(*, actor: User, public_id) -> Case:
    """The case, for a user whose unit takes part in it (``case_participation``); logged."""
    case = _case_with_part(actor, public_id, policies.case_participation)
    _viewed(actor, case)
    return case


def journal_note_for_correction(*, actor: User, public_id, note_id) -> JournalNote:
    """A note of the actor's own unit, with its current version, for the correction form:
    404 alike for a note that does not exist and one of another unit. Logged."""
    case = _case_with_part(actor, public_id, policies.case_participation)
    try:
        note = JournalNote.objects.select_related("unit").get(case=case, public_id=note_id)
    except JournalNote.DoesNotExist:
        raise Http404 from None
    if not policies.journal_note_correctable(case, case.acting_part, note):
        raise Http404
    if note.child is not None and not policies.journal_child_note_readable(actor, case, note.child):
        raise Http404
    _viewed(actor, case)
    note.case = case
    return _with_versions(note)


def _writing_part(actor: User, case: Case):
    """The actor's unit's part, which writes: 404 unless it takes part in the case."""
    part = policies.acting_part(actor, case)
    if not policies.part_participates(case, part):
        raise Http404
    return part


def _text_required(text: str, field: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: message})
    return text


@transaction.atomic
def journal_note_write(
    *, actor: User, case: Case, kind: str, date: datetime.date, text: str, child=None
) -> JournalNote:
    """A new note of the actor's unit, signed as its first version. ``child``: a child of the
    case it is about (the child's voice is always about one), by a unit that reads the child's
    matters (404 for any other, as for a person who is not a child of the case)."""
    part = _writing_part(actor, case)
    if child is not None and not policies.journal_child_note_readable(actor, case, child):
        raise Http404
    require_open(case)
    if kind not in JournalKind.values:
        raise ValidationError({"kind": _("Choose what the note records.")})
    if kind == JournalKind.BARNETS_ROST and child is None:
        raise ValidationError({"kind": _("The child's voice is written on the child's page.")})
    require_not_future(date, "date")
    text = _text_required(text, "text", _("Write the note."))
    note = JournalNote(
        case=case, unit=part.unit, kind=kind, date=date, created_by=actor, child=child
    )
    note.save()
    version = JournalNoteVersion(note=note, number=1, text=text, written_by=actor)
    version.full_clean(exclude=["note", "written_by"], validate_constraints=False)
    version.save()
    case_event_record(
        case=case,
        kind=EventKind.JOURNAL_NOTE_WRITTEN,
        day=timezone.localdate(),
        actor=actor,
        unit=part.unit,
        note=str(note.public_id),
        version=1,
        **({"child": str(child.public_id)} if child is not None else {}),
    )
    return note


@transaction.atomic
def journal_note_correct(
    *, actor: User, note: JournalNote, text: str, reason: str, version: int | None
) -> JournalNoteVersion:
    """Correct a note: its next version, with the reason, by a user of the note's own unit.
    ``version`` is the note's version when the form was opened: if someone corrected it
    since, nothing is written and ``ChangedSinceOpened`` shows the note as it reads now."""
    case = note.case
    if not policies.journal_note_correctable(case, policies.acting_part(actor, case), note):
        raise Http404
    require_open(case)
    text = _text_required(text, "text", _("Write the note."))
    reason = _text_required(reason, "reason", _("Write why the note is corrected."))
    label = _("The note as it reads now")
    versioned_update(note, opened=version, fields={}, shown=lambda now: {label: _text_of(now)})
    if text == _text_of(note):
        raise ValidationError({"text": _("The text is the same as before: change it, or cancel.")})
    written = JournalNoteVersion(
        note=note, number=note.version, text=text, written_by=actor, reason=reason
    )
    written.full_clean(exclude=["note", "written_by"], validate_constraints=False)
    written.save()
    case_event_record(
        case=case,
        kind=EventKind.JOURNAL_NOTE_CORRECTED,
        day=timezone.localdate(),
        actor=actor,
        unit=note.unit,
        note=str(note.public_id),
        version=written.number,
    )
    return written


def _text_of(note: JournalNote) -> str:
    """The note's text: its latest version's, as committed."""
    return (
        JournalNoteVersion.objects.filter(note=note)
        .order_by("-number")
        .values_list("text", flat=True)
        .first()
        or ""
    )
