"""Forms of work in a case: each parses the input of one service.

The choices offered come from the case (its active parts, its decisions, the person's
children). Where a service checks a rule itself (the units of a meeting, the responsible unit
of a plan action), the form accepts any existing unit and leaves the refusal, with its
domain message, to the service; it only offers the units that make sense.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brytupp.cases.models import Case, CaseUnitStatus, Consent, NeedArea
from brytupp.govuk.forms import GovukForm, date_field
from brytupp.housing.models import PERMANENT_MIN_MONTHS, HousingType, ShisReferralKind
from brytupp.interventions.models import (
    PALETTE,
    Decision,
    Intervention,
    Placement,
    PlacementEndReason,
    SchoolingKind,
)
from brytupp.interventions.presentation import placement_location
from brytupp.organisation.models import Partner, Unit
from brytupp.people.models import Gender, Person
from brytupp.people.presentation import person_display_name, placed_child_display_name
from brytupp.plans.models import ActionStatus

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
YES_NO_UNKNOWN = [*YES_NO, (UNKNOWN, _("Not known"))]


def _answer(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


def _yes_no_field(label, *, unknown: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN if unknown else YES_NO,
        coerce=_answer,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def _text(label, *, required=True, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea
    )


def _units_taking_part(case: Case):
    return Unit.objects.filter(
        case_parts__case=case, case_parts__status=CaseUnitStatus.ACTIVE
    ).order_by("name")


def _offer(field: forms.ChoiceField, choices) -> None:
    """Show only these choices; the field's queryset still decides what it accepts."""
    field.widget.choices = list(choices)


def decision_label(decision: Decision) -> str:
    end = decision.end.isoformat() if decision.end else _("until further notice")
    return _("%(intervention)s, %(start)s – %(end)s") % {
        "intervention": decision.get_intervention_display(),
        "start": decision.start.isoformat(),
        "end": end,
    }


def placement_label(placement: Placement, *, case: Case) -> str:
    """The placement's start and its housing, masked for a unit that may not know where the
    person lives (``case.acting_part``, set by ``case_get``)."""
    label = _("Placement from %(start)s") % {"start": placement.start.isoformat()}
    location = placement_location(placement, case=case, part=case.acting_part)
    return f"{label}, {location}" if location else label


class CaseWorkForm(GovukForm):
    """A form of work in a case: a select whose answer was refused gets GOV.UK's error class."""

    def full_clean(self):
        super().full_clean()
        for name in self._errors:
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "govuk-select govuk-select--error"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return decision_label(obj)


class PlacementChoiceField(forms.ModelChoiceField):
    case: Case | None = None

    def label_from_instance(self, obj):
        return placement_label(obj, case=self.case)


def _child_label(child: Person, *, parent: Person | None) -> str:
    name = (
        placed_child_display_name(child, parent=parent)
        if parent is not None
        else person_display_name(child)
    )
    return _("%(name)s, born %(birth_date)s") % {
        "name": name,
        "birth_date": child.birth_date.isoformat(),
    }


class ChildrenField(forms.ModelMultipleChoiceField):
    # The placed parent: a protected parent's children are masked too (decision 0021).
    parent: Person | None = None

    def label_from_instance(self, obj):
        return _child_label(obj, parent=self.parent)


class ChildField(forms.ModelChoiceField):
    parent: Person | None = None

    def label_from_instance(self, obj):
        return _child_label(obj, parent=self.parent)


CHILD_CHOICE_ERRORS = {
    "invalid_choice": _("Choose among the person's children."),
    "invalid_pk_value": _("Choose among the person's children."),
}


class MeetingForm(CaseWorkForm):
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
    person_present = _yes_no_field(_("Did the person take part?"))
    minutes = _text(_("Minutes"))

    def __init__(self, *args, case: Case, acting_unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(_units_taking_part(case))
        _offer(self.fields["units"], [(unit.code, unit.name) for unit in units])
        if acting_unit is not None:
            self.fields["units"].initial = [acting_unit.code]
        partners = Partner.objects.filter(
            consents__in=Consent.objects.in_force(timezone.localdate()).filter(case=case)
        ).distinct()
        if partners.exists():
            self.fields["partners"].queryset = partners.order_by("name")
        else:
            del self.fields["partners"]


class NeedsAssessmentForm(CaseWorkForm):
    area = forms.ChoiceField(label=_("Area"), choices=NeedArea.choices, widget=forms.RadioSelect)
    short_term = _text(_("Short-term need"), required=False)
    long_term = _text(_("Long-term need"), required=False)


class PlanActionForm(CaseWorkForm):
    description = _text(pgettext_lazy("plan action", "Action"))
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.all(), to_field_name="code"
    )
    due = date_field(_("Due"))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(unit.code, unit.name) for unit in _units_taking_part(case)]
        _offer(self.fields["responsible_unit"], [("", _("Choose a unit")), *choices])


class PlanActionStatusForm(CaseWorkForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, widget=forms.RadioSelect
    )


def _intervention_choices():
    others = [i for i in Intervention if i not in PALETTE]
    return [
        ("", _("Choose an intervention")),
        (_("The Bryt upp palette"), [(i.value, i.label) for i in PALETTE]),
        (_("Other interventions"), [(i.value, i.label) for i in others]),
    ]


class DecisionForm(CaseWorkForm):
    intervention = forms.ChoiceField(label=_("Intervention"), choices=_intervention_choices)
    decided = date_field(_("Date of the decision"))
    start = date_field(_("Start"))
    end = date_field(
        _("End"),
        required=False,
        help_text=_("Leave empty for a decision until further notice."),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider within the city"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("None"),
    )
    provider_name = forms.CharField(
        label=_("External provider"),
        max_length=150,
        required=False,
        help_text=_("When the intervention is provided outside the city."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Unit.objects.valid_on(timezone.localdate()).filter(
            Q(district=case.district_id) | Q(district__isnull=True)
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("provider") and cleaned.get("provider_name", "").strip():
            self.add_error(
                "provider_name",
                _("Choose a provider within the city or name an external one, not both."),
            )
        return cleaned


class NewChildFields(forms.Form):
    """Registering a child who comes along and is not yet registered as the person's child."""

    new_child_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    new_child_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    new_child_birth_date = date_field(_("Date of birth"), required=False)
    new_child_gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        initial=Gender.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )

    REQUIRED_FOR_NEW_CHILD = {
        "new_child_first_name": _("Enter the child's first name."),
        "new_child_last_name": _("Enter the child's last name."),
        "new_child_birth_date": _("Enter the child's date of birth."),
    }
    NEW_CHILD_FIELDS = (*REQUIRED_FOR_NEW_CHILD, "new_child_gender")

    def _names_new_child(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.REQUIRED_FOR_NEW_CHILD)

    def clean(self):
        cleaned = super().clean()
        if self._names_new_child():
            for name, message in self.REQUIRED_FOR_NEW_CHILD.items():
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    @property
    def new_child(self) -> dict | None:
        """The new child's registration, or ``None`` when no new child was named."""
        if not self._names_new_child():
            return None
        data = self.cleaned_data
        return {
            "first_name": data["new_child_first_name"],
            "last_name": data["new_child_last_name"],
            "birth_date": data["new_child_birth_date"],
            "gender": data["new_child_gender"] or Gender.UNKNOWN,
        }

    @property
    def main_fields(self):
        return [field for field in self if field.name not in self.NEW_CHILD_FIELDS]

    @property
    def new_child_fields(self):
        return [self[name] for name in self.NEW_CHILD_FIELDS]


class PlacementForm(CaseWorkForm, NewChildFields):
    start = date_field(_("Start of the placement"))
    provider = forms.CharField(
        label=_("Provider of the protected housing"), max_length=150, required=False
    )
    decision = DecisionChoiceField(
        label=_("Decision on protected housing"),
        queryset=Decision.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("None"),
    )
    children = ChildrenField(
        label=_("Children placed with the parent"),
        queryset=Person.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHILD_CHOICE_ERRORS,
    )

    field_order = ["start", "provider", "decision", "children"]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = case.decisions.filter(intervention=Intervention.SKYDDAT_BOENDE).order_by(
            "-start", "-pk"
        )
        self.fields["decision"].queryset = decisions
        newest = decisions.first()
        if newest is not None and not self.is_bound:
            self.fields["decision"].initial = getattr(
                newest, self.fields["decision"].to_field_name or "pk"
            )
        children = case.person.children.order_by("birth_date", "pk")
        self.fields["children"].queryset = children
        self.fields["children"].parent = case.person
        if not children.exists():
            del self.fields["children"]


class PlacementChildForm(CaseWorkForm, NewChildFields):
    child = ChildField(
        label=_("Child"),
        queryset=Person.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.RadioSelect,
        error_messages=CHILD_CHOICE_ERRORS,
    )

    field_order = ["child"]

    def __init__(self, *args, placement: Placement, **kwargs):
        super().__init__(*args, **kwargs)
        children = placement.case.person.children.exclude(
            placements_as_child__placement=placement
        ).order_by("birth_date", "pk")
        self.fields["child"].queryset = children
        self.fields["child"].parent = placement.case.person
        if not children.exists():
            del self.fields["child"]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("child") is not None
        if chosen and self._names_new_child():
            self.add_error(None, _("Choose a registered child or register a new one, not both."))
        elif not chosen and not self._names_new_child() and not self.errors:
            self.add_error(None, _("Choose a child or register a new one."))
        return cleaned


class ChildSchoolingForm(CaseWorkForm):
    schooling_start = date_field(_("Schooling started"))
    schooling_kind = forms.ChoiceField(
        label=_("Schooling"), choices=SchoolingKind.choices, widget=forms.RadioSelect
    )


class PlacementEndForm(CaseWorkForm):
    end = date_field(_("End of the placement"))
    end_reason = forms.ChoiceField(
        label=_("Why did the placement end?"),
        choices=PlacementEndReason.choices,
        widget=forms.RadioSelect,
    )
    next_housing_type = forms.ChoiceField(
        label=_("Housing the person moves to"),
        choices=[("", _("Not known yet")), *HousingType.choices],
        required=False,
        help_text=_(
            "Permanent housing is a first-hand, second-hand, SHIS, lodger or priority "
            "allocation contract of at least %(months)s months."
        )
        % {"months": PERMANENT_MIN_MONTHS},
    )
    next_housing_contract_months = forms.IntegerField(
        label=_("Length of the contract in months"),
        required=False,
        min_value=0,
        max_value=32767,
    )


class FollowUpForm(CaseWorkForm):
    date = date_field(_("Date of the follow-up"))
    placement = PlacementChoiceField(
        label=_("Placement followed up"),
        queryset=Placement.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("None"),
    )
    decision = DecisionChoiceField(
        label=_("Decision followed up"),
        queryset=Decision.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("None"),
    )
    goal_achieved = _yes_no_field(_("Was the goal achieved?"), unknown=True)
    improved_situation = _yes_no_field(
        _("Does the person experience an improved situation?"), unknown=True
    )
    note = _text(_("Note"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = case.placements.select_related("decision").order_by(
            "-start", "-pk"
        )
        self.fields["placement"].case = case
        self.fields["decision"].queryset = case.decisions.order_by("-decided", "-pk")


class ShisReferralForm(CaseWorkForm):
    date = date_field(_("Date of the referral"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ShisReferralKind.choices, widget=forms.RadioSelect
    )


class SipForm(CaseWorkForm):
    date = date_field(_("Date of the SIP"))
    participants = _text(
        _("Participants"), help_text=_("One participant a line, for example a role and a unit.")
    )
    responsible = forms.CharField(label=_("Overall responsibility"), max_length=150)
    next_follow_up = date_field(_("Next follow-up"), required=False)

    def clean_participants(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["participants"].splitlines()]
        return [line for line in lines if line]
