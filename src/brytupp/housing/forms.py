"""Forms of the housing pages: SHIS referrals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, MarkedSelectForm, date_field

from .models import ShisReferralKind


class ShisReferralForm(CreateForm, MarkedSelectForm):
    date = date_field(_("Date of the referral"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ShisReferralKind.choices, widget=forms.RadioSelect
    )
