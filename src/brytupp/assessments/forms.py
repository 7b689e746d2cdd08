"""Forms of the screening pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, date_field
from brytupp.organisation.models import Unit
from brytupp.organisation.selectors import case_units_of
from brytupp.people.forms import IdentityNumberField

from .models import ScreeningOutcome

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ScreeningForm(CreateForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=None, widget=forms.RadioSelect
    )
    date = date_field(_("Date"))
    asked = forms.TypedChoiceField(
        label=_("Did you ask the questions about violence?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you asked the questions about violence.")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ScreeningOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only when you asked."),
    )
    identity_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        required=False,
        help_text=_("Links the screening to the person if they are registered."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = case_units_of(actor=actor)
        self.own_unit = units[0] if units else None
        if len(units) > 1:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
            self.fields["unit"].initial = self.own_unit.pk
        else:
            del self.fields["unit"]
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        data.setdefault("unit", self.own_unit)
        return data
