"""The period of a follow-up page: a year (this year up to today) or two dates."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brytupp.govuk.forms import GovukForm, date_field

FIRST_YEAR = 2019  # the programme's first year in the city's follow-up


class PeriodForm(GovukForm):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    date_from = date_field(gettext_lazy("Or from date"), required=False)
    date_to = date_field(gettext_lazy("To date"), required=False)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["year"].choices = [
            (year, str(year)) for year in range(today.year, FIRST_YEAR - 1, -1)
        ]

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if (date_from is None) != (date_to is None) and not self.errors:
            raise ValidationError(_("Give both dates of the period, or choose a year."))
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The period must end on or after the day it starts."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period: both dates, or the year (this year up to today)."""
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to"):
            return data["date_from"], data["date_to"]
        year = data.get("year") or self.today.year
        last = datetime.date(year, 12, 31)
        return datetime.date(year, 1, 1), min(last, self.today)
