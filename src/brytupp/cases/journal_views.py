"""The journal's pages (decision 0040): the journal of a case, writing a note, correcting
one. The journal page declares ``policies.cases`` and reads through ``journal.journal_read``
(``policies.journal_units_readable`` decides whose notes; 404 when none); writing and
correcting declare ``policies.case_participation``, and a correction is for the note's own
unit only (404 for any other). Each follows the loop of ``cases.views.kit``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name

from . import journal
from .journal_forms import JournalCorrectionForm, JournalNoteForm
from .models import JournalKind
from .views.kit import GET_POST, case_form_page


def _journal_url(case) -> str:
    return reverse("cases:journal", args=[case.public_id])


def _back_to_journal(request, case, message: str):
    messages.success(request, message)
    return redirect(_journal_url(case))


@require_GET
@requires(policies.cases)
def journal_page(request, case_id):
    read = journal.journal_read(
        actor=request.user, public_id=case_id, kind=request.GET.get("typ", "")
    )
    return render(
        request,
        "cases/journal.html",
        {
            "journal": read,
            "case": read.case,
            "kinds": JournalKind.choices,
            "caption": person_display_name(read.case.person),
        },
    )


@GET_POST
@requires(policies.case_participation)
def journal_note_add(request, case_id):
    case = journal.journal_case_for_writing(actor=request.user, public_id=case_id)
    form = JournalNoteForm(bound(request))
    note = submit(
        form,
        lambda data: journal.journal_note_write(
            actor=request.user, case=case, kind=data["kind"], date=data["date"], text=data["text"]
        ),
        actor=request.user,
    )
    if note is not None:
        return _back_to_journal(request, case, _("The journal note is saved and signed."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Write a journal note"),
        intro=_(
            "The note is your unit's. Another unit reads it only when the person's consent "
            "covers both units. Once saved it is signed: a correction keeps the earlier text."
        ),
        submit_label=_("Save and sign the note"),
        back_url=_journal_url(case),
    )


@GET_POST
@requires(policies.case_participation)
def journal_note_correct(request, case_id, note_id):
    note = journal.journal_note_for_correction(
        actor=request.user, public_id=case_id, note_id=note_id
    )
    case = note.case
    form = JournalCorrectionForm(
        bound(request), initial={"text": note.current.text}, version=note.version
    )
    corrected = submit(
        form,
        lambda data: journal.journal_note_correct(
            actor=request.user,
            note=note,
            text=data["text"],
            reason=data["reason"],
            version=data["version"],
        ),
    )
    if corrected is not None:
        return _back_to_journal(request, case, _("The correction is saved and signed."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Correct a journal note"),
        intro=_(
            "%(kind)s on %(date)s, %(unit)s. The corrected text becomes the note; the earlier "
            "text is kept and shown with your reason."
        )
        % {
            "kind": note.get_kind_display(),
            "date": note.date.isoformat(),
            "unit": note.unit.name,
        },
        submit_label=_("Save and sign the correction"),
        back_url=_journal_url(case),
    )
