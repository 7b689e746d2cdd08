"""The form of Socialjouren's after-hours decision (decision 0042): the application and its
decision in one, made today. The refusals (no delegation for the intervention or the outcome, a
ground not in force, an avslag without reasons) are the service's, shown on the form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, MarkedSelectForm, date_field, offer, text_field
from brytupp.organisation.models import Unit

from .after_hours import after_hours_intervention_choices
from .decisions import DecisionTerms
from .models import (
    Application,
    ApplicationDecision,
    ApplicationKind,
    DecisionOutcome,
    Intervention,
    LegalGround,
)


class AfterHoursForm(CreateForm, MarkedSelectForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ApplicationKind.choices, widget=forms.RadioSelect
    )
    asked = text_field(Application, "asked", label=_("What is asked"))
    intervention = forms.ChoiceField(label=_("Intervention"), choices=Intervention.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    # Any ground is accepted here: the service refuses one not in force today.
    legal_ground = forms.ModelChoiceField(
        label=_("Legal ground"), queryset=LegalGround.objects.all(), to_field_name="code"
    )
    reasons = text_field(
        ApplicationDecision,
        "reasons",
        label=_("Reasons"),
        required=False,
        help_text=_("Required for an avslag and a delvis bifall."),
    )
    start = date_field(_("Start"), required=False, help_text=_("For a bifall or a delvis bifall."))
    end = date_field(_("End"), required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        offer(
            self.fields["legal_ground"],
            [
                ("", _("Choose a legal ground")),
                *[(g.code, str(g)) for g in LegalGround.objects.all() if g.valid_on(today)],
            ],
        )
        # The interventions Socialjouren's delegationsordning covers.
        allowed = after_hours_intervention_choices(unit)
        choices = [(value, label) for value, label in Intervention.choices if value in allowed]
        self.fields["intervention"].choices = choices
        offer(self.fields["intervention"], [("", _("Choose an intervention")), *choices])

    def arguments(self) -> dict:
        """The service's arguments but the actor and the case."""
        data = self.cleaned_data
        terms = DecisionTerms(
            outcome=data["outcome"],
            legal_ground=data["legal_ground"],
            reasons=data["reasons"],
            start=data["start"],
            end=data["end"],
        )
        return {
            "kind": data["kind"],
            "asked": data["asked"],
            "intervention": data["intervention"],
            "terms": terms,
        }
