"""Forms of the case's pages."""

# --- joint handling

from django import forms  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from brytupp.cases.models import Case, NeedArea  # noqa: E402
from brytupp.cases.selectors import (  # noqa: E402
    partners_consented,
    partners_covered,
    units_taking_part,
)
from brytupp.govuk.forms import (  # noqa: E402
    MarkedSelectForm,
    date_field,
    offer,
    text_field,
    yes_no_field,
)
from brytupp.organisation.models import Partner, Unit  # noqa: E402


class MeetingForm(MarkedSelectForm):
    """Offers the units taking part and the partners a consent of the case names; accepts
    the partners a consent in force on the day of the meeting covers, as the service does.
    Any existing unit is accepted: the service refuses one not taking part, with its message.
    """

    held = date_field(_("Date of the meeting"))
    units = forms.ModelMultipleChoiceField(
        label=_("Units that took part"),
        queryset=Unit.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The units taking part in the case."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("External partners that took part"),
        queryset=Partner.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partners the person's consent covers."),
    )
    person_present = yes_no_field(_("Did the person take part?"))
    minutes = text_field(_("Minutes"))

    def __init__(self, *args, case: Case, acting_unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        units = list(units_taking_part(case=case))
        offer(self.fields["units"], [(unit.code, unit.name) for unit in units])
        if acting_unit is not None:
            self.fields["units"].initial = [acting_unit.code]
        partners = partners_consented(case=case)
        if partners.exists():
            self.fields["partners"].queryset = partners.order_by("name")
        else:
            del self.fields["partners"]

    def clean(self):
        cleaned = super().clean()
        held, chosen = cleaned.get("held"), cleaned.get("partners")
        if held is not None and chosen:
            covered = set(partners_covered(case=self.case, day=held))
            if any(partner not in covered for partner in chosen):
                self.add_error(
                    "partners",
                    _("Only external partners that the person's consent covers can take part."),
                )
        return cleaned


class NeedsAssessmentForm(MarkedSelectForm):
    area = forms.ChoiceField(label=_("Area"), choices=NeedArea.choices, widget=forms.RadioSelect)
    short_term = text_field(_("Short-term need"), required=False)
    long_term = text_field(_("Long-term need"), required=False)
