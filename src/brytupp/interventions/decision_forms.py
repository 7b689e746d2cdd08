"""Forms of the pages of applications and decisions (decision 0041). Each parses the input of
one service in ``decisions``; the refusals (a ground not in force on the day, no delegation,
an avslag without reasons) are the service's, shown on the form."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import (
    CreateForm,
    MarkedSelectForm,
    bounded_field,
    date_field,
    limited_field,
    offer,
    text_field,
)
from brytupp.organisation.models import Membership, Unit, User

from .decisions import DecisionTerms
from .models import (
    AppealOutcome,
    Application,
    ApplicationDecision,
    ApplicationKind,
    ChildSupportForm,
    DecisionAppeal,
    DecisionOutcome,
    Intervention,
    LegalGround,
)

NO_INTERVENTION = [("", _("No particular intervention"))]


class ApplicationForm(CreateForm, MarkedSelectForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ApplicationKind.choices, widget=forms.RadioSelect
    )
    received = date_field(_("Received"))
    asked = text_field(Application, "asked", label=_("What is asked"))
    intervention = forms.ChoiceField(
        label=_("Intervention asked for"),
        choices=NO_INTERVENTION + list(Intervention.choices),
        required=False,
    )

    def __init__(self, *args, units: list[Unit], children: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # The children of the case whose matters the user reads (public id, name as shown):
        # an application may be about one of them, the child's own decision (decision 0045).
        if children:
            self.fields["child"] = forms.ChoiceField(
                label=_("About a child"),
                choices=[("", _("No: about the person")), *children],
                required=False,
                help_text=_(
                    "The child's own decision, as for a child placed in protected housing."
                ),
            )
            self.govuk_style([self.fields["child"]])
        # A user of several units taking part chooses which received it.
        if len(units) > 1:
            self.fields["unit"] = forms.ModelChoiceField(
                label=_("Unit that received it"),
                queryset=Unit.objects.filter(pk__in=[unit.pk for unit in units]),
                to_field_name="code",
            )
            offer(
                self.fields["unit"],
                [("", _("Choose a unit")), *[(unit.code, unit.name) for unit in units]],
            )
            self.govuk_style([self.fields["unit"]])


class MakerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class TermsForm(MarkedSelectForm):
    """The terms of a decision (``DecisionTerms``): outcome, legal ground, reasons and, for a
    bifall or a delvis bifall, the intervention granted and its period."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    # Any ground is accepted here: the service refuses one not in force on the day.
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
    intervention = forms.ChoiceField(
        label=_("Intervention granted"),
        choices=[("", _("The one applied for")), *Intervention.choices],
        required=False,
        help_text=_("For a bifall or a delvis bifall: empty for the one applied for."),
    )
    start = date_field(_("Start"), required=False, help_text=_("For a bifall or a delvis bifall."))
    end = date_field(_("End"), required=False)

    def __init__(self, *args, also_on: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        days = [timezone.localdate(), *([also_on] if also_on else [])]
        offered = [g for g in LegalGround.objects.all() if any(g.valid_on(day) for day in days)]
        offer(
            self.fields["legal_ground"],
            [("", _("Choose a legal ground")), *[(g.code, str(g)) for g in offered]],
        )

    def decision_terms(self) -> DecisionTerms:
        data = self.cleaned_data
        return DecisionTerms(
            outcome=data["outcome"],
            legal_ground=data["legal_ground"],
            reasons=data["reasons"],
            intervention=data["intervention"],
            start=data["start"],
            end=data["end"],
            child_support_form=data.get("child_support_form", ""),
        )


class DecideForm(CreateForm, TermsForm):
    """A decision, or a re-examination (omprövning) of one: the terms, the day and the
    decision maker, who holds a delegation of the unit (the service checks it)."""

    field_order = ["decided", "outcome", "legal_ground", "reasons", "intervention", "start"]

    decided = date_field(_("Decided"))
    decision_maker = MakerChoiceField(
        label=_("Decision maker"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: you. Another member of the unit when you record their decision."),
    )

    def __init__(self, *args, unit: Unit, for_child: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_child:
            # The child's own decision (decision 0045): support for the child has a form.
            self.fields["child_support_form"] = forms.ChoiceField(
                label=_("Form of the child's support"),
                choices=[("", _("Not support for children")), *ChildSupportForm.choices],
                required=False,
                help_text=_("For a bifall of support for children."),
            )
            self.govuk_style([self.fields["child_support_form"]])
        today = timezone.localdate()
        members = User.objects.filter(
            pk__in=Membership.objects.in_force(today).filter(unit=unit).values("user")
        ).order_by("last_name", "first_name", "username")
        field = self.fields["decision_maker"]
        field.queryset = members
        offer(
            field,
            [
                ("", _("Me")),
                *[(user.pk, user.get_full_name() or user.username) for user in members],
            ],
        )

    def terms(self) -> tuple[dict, DecisionTerms]:
        """The service's arguments: the day, the decision maker and the terms."""
        data = self.cleaned_data
        when = {"decided": data["decided"], "decision_maker": data["decision_maker"]}
        return when, self.decision_terms()


class CommunicatedForm(MarkedSelectForm):
    communicated = date_field(_("The day the person was told of the decision"))


class AppealForm(CreateForm, MarkedSelectForm):
    lodged = date_field(_("Lodged"))
    court = bounded_field(DecisionAppeal, "court", label=_("Court"))


class AppealOutcomeForm(MarkedSelectForm):
    outcome = forms.ChoiceField(
        label=_("The court's outcome"),
        choices=[
            (AppealOutcome.UPHELD, AppealOutcome.UPHELD.label),
            (AppealOutcome.ANNULLED, AppealOutcome.ANNULLED.label),
        ],
        widget=forms.RadioSelect,
    )
    outcome_date = date_field(_("Date of the outcome"))
    note = limited_field(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea)


class CourtChangeForm(TermsForm):
    """The court changed the appealed decision: the day of the judgment and what the court
    decided, which replaces the appealed decision. The court judges the matter as it was
    decided, so the grounds in force on the appealed decision's day are offered too."""

    field_order = ["outcome_date", "outcome", "legal_ground", "reasons", "intervention", "start"]

    outcome_date = date_field(_("Date of the judgment"))
    note = limited_field(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": AppealOutcome.CHANGED,
            "outcome_date": data["outcome_date"],
            "note": data["note"],
            "terms": self.decision_terms(),
        }
