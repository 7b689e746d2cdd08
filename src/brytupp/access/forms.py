"""Forms of the emergency access pages (nödåtkomst)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import GovukForm, bounded_field

from .models import EmergencyAccess


class EmergencySearchForm(GovukForm):
    identity_number = forms.CharField(
        label=_("Personal identity number or coordination number"),
        max_length=20,
        help_text=_("12 digits, or 10 digits with a hyphen."),
    )


class EmergencyReasonForm(GovukForm):
    reason = bounded_field(
        EmergencyAccess,
        "reason",
        label=_("Why do you need access now?"),
        widget=forms.Textarea,
        help_text=_("The reason is logged and shown to the unit manager in the log review."),
    )
