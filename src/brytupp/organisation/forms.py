"""Deciding a proposed membership: the second pair of eyes approves or refuses it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from brytupp.govuk.forms import GovukForm, bounded_field

from .models import Membership


class DecisionForm(forms.Form):
    # The proposal's time as the approver saw it: a proposal changed since is not decided.
    proposed_at = forms.CharField(widget=forms.HiddenInput, max_length=64)


class RefusalForm(DecisionForm, GovukForm):
    reason = bounded_field(
        Membership,
        "refusal_reason",
        label=gettext_lazy("Why is the membership refused?"),
        widget=forms.Textarea,
        help_text=gettext_lazy("The administrator who proposed it reads the reason."),
    )
