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
    # The child's voice is written on the child's page (``ChildVoiceForm``), about the child.
    kind = forms.ChoiceField(
        label=_("What does the note record?"),
        choices=[(v, label) for v, label in JournalKind.choices if v != JournalKind.BARNETS_ROST],
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


class ChildVoiceForm(CreateForm):
    """The child's voice: what the child said, as a note about the child (decision 0045)."""

    date = date_field(_("Date"), help_text=_("The day the child said it, not in the future."))
    text = bounded_field(
        JournalNoteVersion,
        "text",
        label=_("What the child said"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "In the child's own words where you can. Signed with your name when saved; a "
            "correction keeps this text."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
