"""Forms of the journal's pages (decision 0040): writing a note and correcting one. They
parse; ``cases.journal`` decides."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, EditForm, bounded_field, date_field

from .models import JournalKind, JournalNoteVersion


def _text_field():
    return bounded_field(
        JournalNoteVersion,
        "text",
        label=_("The note"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Signed with your name when saved. A correction keeps this text."),
    )


class JournalNoteForm(CreateForm):
    kind = forms.ChoiceField(
        label=_("What does the note record?"),
        choices=JournalKind.choices,
        widget=forms.RadioSelect,
    )
    date = date_field(_("Date"), help_text=_("The day of what you note, not in the future."))
    text = _text_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class JournalCorrectionForm(EditForm):
    text = _text_field()
    reason = bounded_field(
        JournalNoteVersion,
        "reason",
        label=_("Why is the note corrected?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the earlier text, which is kept."),
    )
