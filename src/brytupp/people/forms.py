"""Form fields about a person, shared by every page that asks for one, and the forms of the
people pages: revealing a protected identity, lowering a child's inherited protection."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import GovukForm, bounded_field
from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number
from brytupp.people.models import IdentityReveal, ProtectionLowering


class IdentityNumberField(forms.CharField):
    """A personnummer or samordningsnummer, cleaned to the form YYYYMMDD-NNNN."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return str(parse_identity_number(value))
        except InvalidIdentityNumber as error:
            raise ValidationError(error.message) from None


class RevealForm(GovukForm):
    """Why the user needs to see a protected identity (``services.identity_reveal``)."""

    reason = bounded_field(
        IdentityReveal,
        "reason",
        label=_("Why do you need to see the protected details?"),
        widget=forms.Textarea,
        help_text=_("The reason is logged and reviewed by the unit manager."),
    )


class ProtectionLowerForm(GovukForm):
    """Why a child does not need the protection inherited from a parent (decision 0018)."""

    reason = bounded_field(
        ProtectionLowering,
        "reason",
        label=_("Why does the child not need the protection?"),
        widget=forms.Textarea,
        help_text=_("The reason is kept for log review."),
    )
