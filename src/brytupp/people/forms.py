"""Form fields about a person, shared by every page that asks for one."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number


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
