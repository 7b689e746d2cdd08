"""Forms of the intervention pages: decisions, placements, the children placed, their
schooling, the end of a placement, follow-ups. Each parses the input of one service.

The choices offered come from the case (its decisions, its placements, the person's
children).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brytupp.cases.models import Case
from brytupp.govuk.forms import (
    CreateForm,
    EditForm,
    MarkedSelectForm,
    bounded_field,
    date_field,
    text_field,
    yes_no_field,
)
from brytupp.housing.models import PERMANENT_MIN_MONTHS, HousingType
from brytupp.organisation.models import Unit
from brytupp.people.models import Gender, Person
from brytupp.people.presentation import person_display_name, placed_child_display_name

from .models import (
    PALETTE,
    ApplicationDecision,
    Decision,
    DecisionStatus,
    FollowUp,
    Intervention,
    Placement,
    PlacementEndReason,
    SchoolingKind,
)
from .presentation import decision_label, placement_label
from .services import ChildPlaced, NewChild


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


def _intervention_choices():
    others = [i for i in Intervention if i not in PALETTE]
    return [
        ("", _("Choose an intervention")),
        (_("The Bryt upp palette"), [(i.value, i.label) for i in PALETTE]),
        (_("Other interventions"), [(i.value, i.label) for i in others]),
    ]


class DecisionForm(CreateForm, MarkedSelectForm):
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
    provider_name = bounded_field(
        Decision,
        "provider_name",
        label=_("External provider"),
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

    new_child_first_name = bounded_field(
        Person, "first_name", label=_("First name"), required=False
    )
    new_child_last_name = bounded_field(Person, "last_name", label=_("Last name"), required=False)
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
    def new_child(self) -> NewChild | None:
        """The new child's registration, or ``None`` when no new child was named."""
        if not self._names_new_child():
            return None
        data = self.cleaned_data
        return NewChild(
            first_name=data["new_child_first_name"],
            last_name=data["new_child_last_name"],
            birth_date=data["new_child_birth_date"],
            gender=data["new_child_gender"] or Gender.UNKNOWN,
        )

    @property
    def main_fields(self):
        return [field for field in self if field.name not in self.NEW_CHILD_FIELDS]

    @property
    def new_child_fields(self):
        return [self[name] for name in self.NEW_CHILD_FIELDS]


def cost_per_night_field() -> forms.DecimalField:
    """What the housing costs a night, in Swedish ("980,75") or with a point; empty when not
    known (decision 0048)."""
    return forms.DecimalField(
        label=_("Cost per night (SEK)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_("What the housing costs a night, if known."),
    )


class PlacementForm(CreateForm, MarkedSelectForm, NewChildFields):
    start = date_field(_("Start of the placement"))
    provider = bounded_field(
        Placement, "provider", label=_("Provider of the protected housing"), required=False
    )
    cost_per_night = cost_per_night_field()
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

    field_order = ["start", "provider", "cost_per_night", "decision", "children"]

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

    @property
    def placement(self) -> dict:
        """The arguments of ``services.placement_start`` from a valid form."""
        data = self.cleaned_data
        return {
            "start": data["start"],
            "provider": data["provider"],
            "cost_per_night": data["cost_per_night"],
            "decision": data["decision"],
            "children": [ChildPlaced(child=child) for child in data.get("children", [])],
            "new_child": self.new_child,
        }


class PlacementChildForm(CreateForm, MarkedSelectForm, NewChildFields):
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
        # The child's own decision granting protected housing (decision 0045), if any.
        own = ApplicationDecision.objects.filter(
            application__case=placement.case,
            application__child__isnull=False,
            status=DecisionStatus.IN_FORCE,
            granted__intervention=Intervention.SKYDDAT_BOENDE,
        ).order_by("-decided", "-pk")
        if own.exists():
            self.fields["decision"] = forms.ModelChoiceField(
                label=_("The child's own decision"),
                queryset=own,
                to_field_name="public_id",
                required=False,
                empty_label=_("None: placed with the parent only"),
                help_text=_(
                    "A child placed on their own decision stays placed when the parent's "
                    "placement ends, until the child's own end."
                ),
            )
            self.fields["decision"].label_from_instance = lambda d: (
                _("Decision of %(decided)s") % {"decided": d.decided.isoformat()}
            )
            self.govuk_style([self.fields["decision"]])

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("child") is not None
        if chosen and self._names_new_child():
            self.add_error(None, _("Choose a registered child or register a new one, not both."))
        elif not chosen and not self._names_new_child() and not self.errors:
            self.add_error(None, _("Choose a child or register a new one."))
        return cleaned

    @property
    def child_placed(self) -> dict:
        """The arguments of ``services.placement_child_add`` from a valid form."""
        return {
            "child": self.cleaned_data.get("child"),
            "new_child": self.new_child,
            "decision": self.cleaned_data.get("decision"),
        }


class ChildSchoolingForm(MarkedSelectForm):
    schooling_start = date_field(_("Schooling started"))
    schooling_kind = forms.ChoiceField(
        label=_("Schooling"), choices=SchoolingKind.choices, widget=forms.RadioSelect
    )


class PlacementCostForm(EditForm):
    """The cost per night of a placement already recorded, against the placement's version
    (decision 0029). Emptied, the cost is not known."""

    cost_per_night = cost_per_night_field()


class PlacementEndForm(MarkedSelectForm):
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


class FollowUpForm(CreateForm, MarkedSelectForm):
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
    goal_achieved = yes_no_field(_("Was the goal achieved?"), unknown=True)
    improved_situation = yes_no_field(
        _("Does the person experience an improved situation?"), unknown=True
    )
    note = text_field(FollowUp, "note", label=_("Note"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = case.placements.select_related("decision").order_by(
            "-start", "-pk"
        )
        self.fields["placement"].case = case
        self.fields["decision"].queryset = case.decisions.order_by("-decided", "-pk")
