"""The forms of log review and of register extracts: search the access log, comment a
review mark, choose a month, find a person by identity number, refuse an extract request."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from brytupp.govuk.forms import GovukForm, bounded_field, date_field
from brytupp.people.forms import IdentityNumberField

from .models import ExtractRequest, LogReview

HEX_DIGITS = "0123456789abcdef"
# Pages show an id's first 8 characters; a whole id has 32 hexadecimal digits.
SHORT_ID_MIN, SHORT_ID_MAX = 8, 32
SHORT_ID_INVALID = gettext_lazy(
    "Write “{label}” as the list shows it: its first {minimum} characters or more, "
    "only 0–9, a–f and hyphens."
)


class ShortIdField(forms.CharField):
    """A person's or case's opaque id as log review shows it: its first 8 characters or more,
    with or without hyphens, or the whole id. Cleans to the hexadecimal digits typed, lower
    case; ``review.log_search`` finds which id of the reviewer's entries they begin."""

    def __init__(self, *, label, **kwargs):
        super().__init__(
            label=label,
            required=False,
            max_length=36,
            help_text=gettext_lazy("The first 8 characters, as in the list, or more."),
            **kwargs,
        )

    def clean(self, value):
        text = super().clean(value).strip().lower()
        digits = text.replace("-", "")
        if text and not (
            SHORT_ID_MIN <= len(digits) <= SHORT_ID_MAX and set(digits) <= set(HEX_DIGITS)
        ):
            raise ValidationError(
                format_lazy(SHORT_ID_INVALID, label=self.label, minimum=SHORT_ID_MIN),
                code="invalid",
            )
        return digits


class LogSearchForm(GovukForm):
    user = forms.CharField(label=gettext_lazy("User name"), required=False, max_length=150)
    person = ShortIdField(label=gettext_lazy("Person id"))
    case = ShortIdField(label=gettext_lazy("Case id"))
    date_from = date_field(gettext_lazy("From date"), required=False)
    date_to = date_field(gettext_lazy("To date"), required=False)
    flagged_only = forms.BooleanField(label=gettext_lazy("Flagged entries only"), required=False)
    unreviewed_only = forms.BooleanField(label=gettext_lazy("Unreviewed only"), required=False)


class ExtractFindForm(GovukForm):
    identity_number = IdentityNumberField(
        label=gettext_lazy("Personal identity number or coordination number"),
        help_text=gettext_lazy("The person who asks for their register extract."),
    )


class ReviewForm(GovukForm):
    comment = bounded_field(
        LogReview, "comment", label=gettext_lazy("Comment (optional)"), required=False
    )


class MonthForm(forms.Form):
    month = forms.DateField(input_formats=["%Y-%m"], required=False)


class ExtractRefusalForm(GovukForm):
    reason = bounded_field(
        ExtractRequest,
        "refusal_reason",
        label=gettext_lazy("Why is the request refused?"),
        widget=forms.Textarea,
        help_text=gettext_lazy("The administrator who asked reads the reason."),
    )


class DataExtractReviewForm(GovukForm):
    """The secrecy review of a register extract of a person's data (decision 0043): for each
    item the administrator may release, a ground to withhold it on (empty: released) and, for
    "other", the ground in their words. A locked item has no field: it is always withheld."""

    def __init__(self, *args, items, **kwargs):
        from .data_extract import OTHER_GROUND_MAX_LENGTH
        from .models import WithholdingGround

        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("Released")), *WithholdingGround.choices]
        self.items = [item for item in items if not item.locked]
        for item in self.items:
            self.fields[item.field_name] = forms.ChoiceField(
                label=gettext_lazy("Secrecy review"),
                choices=choices,
                required=False,
                initial=item.default_ground,
            )
            self.fields[f"{item.field_name}-other"] = forms.CharField(
                label=gettext_lazy("The ground, if other"),
                max_length=OTHER_GROUND_MAX_LENGTH,
                required=False,
            )
        self.govuk_style(self.fields.values())

    def choices(self) -> dict[str, tuple[str, str]]:
        """Each item's key with the ground chosen and the words for "other"."""
        return {
            item.key: (
                self.cleaned_data.get(item.field_name) or "",
                self.cleaned_data.get(f"{item.field_name}-other") or "",
            )
            for item in self.items
        }
