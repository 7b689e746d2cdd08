"""Forms of the housing pages: SHIS referrals, the steps of a placement's housing plan and
its contract for a permanent home."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.cases.models import Case
from brytupp.cases.selectors import units_taking_part
from brytupp.govuk.forms import (
    CreateForm,
    EditForm,
    MarkedSelectForm,
    bounded_field,
    date_field,
    offer,
    text_field,
)
from brytupp.organisation.models import Unit

from .models import (
    PERMANENT_CHOICES,
    PERMANENT_MIN_MONTHS,
    ApplicationOutcome,
    HousingPlanStep,
    ShisReferralKind,
)


class ShisReferralForm(CreateForm, MarkedSelectForm):
    date = date_field(_("Date of the referral"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ShisReferralKind.choices, widget=forms.RadioSelect
    )


class HousingStepForm(EditForm, MarkedSelectForm):
    """A step of the housing plan: who does it, by when, when it was done; an application
    step also when it was submitted and its outcome. The responsible unit is offered among the
    units taking part; the service refuses any other."""

    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.all(),
        to_field_name="code",
        required=False,
    )
    responsible_partner = bounded_field(
        HousingPlanStep,
        "responsible_partner",
        label=_("Or a responsible partner"),
        required=False,
        help_text=_("For example the housing company or the region."),
    )
    due = date_field(_("Due"), required=False)
    done = date_field(_("Done"), required=False)
    submitted = date_field(_("Application submitted"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("No outcome yet")), *ApplicationOutcome.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    outcome_date = date_field(_("Date of the outcome"), required=False)
    note = text_field(HousingPlanStep, "note", label=_("Note"), required=False)

    def __init__(self, *args, case: Case, application: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(unit.code, unit.name) for unit in units_taking_part(case=case)]
        offer(self.fields["responsible_unit"], [("", _("No unit")), *choices])
        if not application:
            for name in ("submitted", "outcome", "outcome_date"):
                del self.fields[name]


class HousingStepDoneForm(EditForm):
    """Mark a step done today: only the step's version, as the page showed it."""


class HousingPlanMakeForm(CreateForm):
    """Make the placement's housing plan from the checklist: only the form's token, so that
    a second send makes nothing more."""


class HousingContractForm(EditForm, MarkedSelectForm):
    """The contract for a permanent home (decision 0048): when it was signed, its kind and its
    length. The same form records it and corrects it, against the plan's version."""

    contract_signed = date_field(_("Date the contract was signed"))
    contract_housing_type = forms.ChoiceField(
        label=_("Kind of contract"), choices=PERMANENT_CHOICES, widget=forms.RadioSelect
    )
    contract_months = forms.IntegerField(
        label=_("Length of the contract in months"),
        min_value=1,
        max_value=32767,
        help_text=_("Permanent housing is a contract of at least %(months)s months.")
        % {"months": PERMANENT_MIN_MONTHS},
    )
