"""The forms of log review and of register extracts: search the access log, comment a
review mark, choose a month, find a person by identity number, refuse an extract request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from brytupp.govuk.forms import GovukForm, bounded_field, date_field
from brytupp.people.forms import IdentityNumberField

from .models import ExtractRequest, LogReview


class LogSearchForm(GovukForm):
    user = forms.CharField(label=gettext_lazy("User name"), required=False, max_length=150)
    person = forms.UUIDField(label=gettext_lazy("Person id"), required=False)
    case = forms.UUIDField(label=gettext_lazy("Case id"), required=False)
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
