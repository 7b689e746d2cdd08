"""Journal notes in the demo's open cases: a few notes by the lead unit's case worker, now
and then one corrected with its reason (decision 0040). Each case draws from its own
``random.Random``, so the rest of the demo is as it was. Every text is made up."""

from __future__ import annotations

import datetime
import random

from brytupp.cases.journal import journal_note_correct, journal_note_write
from brytupp.cases.models import Case, JournalKind
from brytupp.organisation.models import User

NOTES = (
    (JournalKind.SAMTAL, "Stödsamtal om vardagen i skyddat boende; sover bättre (syntetiskt)."),
    (JournalKind.TELEFONSAMTAL, "Personen ringde om kontakten med Försäkringskassan (syntetiskt)."),
    (JournalKind.ANNAN_MYNDIGHET, "Kontakt med polisen om kontaktförbudet (syntetiskt)."),
    (JournalKind.MOTE, "Möte med skolan om barnets skolgång (syntetiskt)."),
    (JournalKind.HEMBESOK, "Hembesök i träningslägenheten; flytten gick bra (syntetiskt)."),
)


def journal_notes_write(*, case: Case, lead: User, today: datetime.date, seed: int) -> None:
    """One to three notes in an open case, dated between its opening and today."""
    rng = random.Random(f"journal:{seed}")  # noqa: S311 - synthetic demo data
    days_open = (today - case.opened).days
    for kind, text in rng.sample(NOTES, rng.randint(1, 3)):
        note = journal_note_write(
            actor=lead,
            case=case,
            kind=kind,
            date=case.opened + datetime.timedelta(days=rng.randint(0, max(days_open, 0))),
            text=text,
        )
        if rng.random() < 0.1:
            journal_note_correct(
                actor=lead,
                note=note,
                text=text.replace("(syntetiskt)", "– rättat datum i texten (syntetiskt)"),
                reason="Fel myndighet angiven i första versionen.",
                version=note.version,
            )
