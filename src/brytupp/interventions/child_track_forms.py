"""Forms of the child's own track (decision 0045). They parse; ``child_track`` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, MarkedSelectForm, bounded_field, date_field

from .models import ChildSupportForm, Decision, GuardianConsent, NotAskedReason, PlacementEndReason


class PlacementChildEndForm(MarkedSelectForm):
    end = date_field(_("The child's last day in the placement"))
    end_reason = forms.ChoiceField(
        label=_("Why did the child's placement end?"),
        choices=PlacementEndReason.choices,
        widget=forms.RadioSelect,
    )


class GuardianConsentForm(MarkedSelectForm):
    """Given on a day, or not asked with the reason."""

    given = date_field(
        _("Consent given on"), required=False, help_text=_("Empty when the guardian was not asked.")
    )
    not_asked_reason = forms.ChoiceField(
        label=_("Or: why was the guardian not asked?"),
        choices=[("", _("The guardian was asked")), *NotAskedReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    not_asked_text = bounded_field(
        GuardianConsent,
        "not_asked_text",
        label=_("The reason, for another reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ChildSupportStartForm(CreateForm, MarkedSelectForm):
    support_form = forms.ChoiceField(
        label=_("Form of the child's support"),
        choices=ChildSupportForm.choices,
        widget=forms.RadioSelect,
    )
    start = date_field(_("Start"))
    end = date_field(_("End"), required=False)
    provider_name = bounded_field(
        Decision, "provider_name", label=_("Provider, if not your unit"), required=False
    )
