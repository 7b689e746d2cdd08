"""Forms of the case's pages: opening a case (search before create), the person's account and
address, consent, inviting and answering, closing, answering an opening request.

They parse input and offer sensible choices; the services decide. The person found or
registered before opening travels as ``opening.person_token``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies
from brytupp.cases.models import AccountVersion, Case, NeedArea
from brytupp.cases.selectors import (
    partners_consented,
    partners_covered,
    units_taking_part,
)
from brytupp.govuk.forms import (
    CreateForm,
    EditForm,
    GovukForm,
    MarkedSelectForm,
    bounded_field,
    date_field,
    limited_field,
    offer,
    text_field,
    yes_no_field,
)
from brytupp.housing.models import HousingType
from brytupp.interventions.models import PlacementEndReason
from brytupp.organisation.models import District, Partner, Role, Unit, UnitKind, User
from brytupp.organisation.selectors import case_units_of, district_rvt
from brytupp.people.forms import IdentityNumberField
from brytupp.people.identity_number import parse_identity_number
from brytupp.people.models import ADDRESS_MAX_LENGTH, Gender, Person, ProtectedIdentity
from brytupp.plans.models import ActionStatus
from brytupp.sort_order import swedish_order

from . import closing
from . import models as case_models
from . import running as running_labels
from .closing import ending_key
from .opening import person_from_token
from .running import Running
from .selectors import invitable_units

# --- choices -------------------------------------------------------------------------------


def _unit_groups(units: list[Unit]) -> list:
    groups: dict[str, list] = {}
    city_wide = []
    for unit in units:
        if unit.district is None:
            city_wide.append((unit.code, unit.name))
        else:
            groups.setdefault(unit.district.name, []).append((unit.code, unit.name))
    choices = [("", _("Choose a unit")), *groups.items()]
    if city_wide:
        choices.append((gettext("City-wide units"), city_wide))
    return choices


# --- opening a case --------------------------------------------------------------------------


class ReferralFields(forms.Form):
    """Carried unchanged from a screening's "Refer to the RVT" to the opening form."""

    prefill_lead_unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(), to_field_name="code", required=False, widget=forms.HiddenInput
    )
    prefill_source = forms.ChoiceField(
        choices=[("", ""), *case_models.CaseSource.choices],
        required=False,
        widget=forms.HiddenInput,
    )


class ReferralForm(ReferralFields, GovukForm):
    person = forms.CharField(required=False, widget=forms.HiddenInput)


class PersonQuestions(GovukForm):
    """The questions that find a person: the identity number, or the name (and the date of
    birth, which each form asks in its own words)."""

    identity_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        required=False,
        help_text=_("12 digits, for example 19121212-1212."),
    )
    first_name = bounded_field(Person, "first_name", label=_("First name"), required=False)
    last_name = bounded_field(Person, "last_name", label=_("Last name"), required=False)
    # Whether a search by name needs the date of birth as well.
    birth_date_needed = True

    def clean(self):
        data = super().clean()
        by_name = data.get("first_name") and data.get("last_name")
        if self.birth_date_needed:
            by_name = by_name and data.get("birth_date")
        if not data.get("identity_number") and not by_name and not self.errors:
            raise ValidationError(
                _("Enter the identity number, or the first name, last name and date of birth.")
                if self.birth_date_needed
                else _("Enter the identity number, or the first and last name.")
            )
        return data

    def typed(self) -> dict:
        data = self.cleaned_data
        if data["identity_number"]:
            return {"identity_number": data["identity_number"]}
        return {key: data[key] for key in ("first_name", "last_name", "birth_date")}


class PersonSearchForm(ReferralFields, PersonQuestions):
    """Opening a case, step 1: find the person before anyone is registered twice."""

    birth_date = date_field(_("Date of birth"), required=False)


class PersonFindForm(PersonQuestions):
    """ "Sök person": the identity number, or the name with or without the date of birth."""

    birth_date = date_field(_("Date of birth (if you know it)"), required=False)
    birth_date_needed = False


class PersonRegisterForm(ReferralFields, GovukForm):
    first_name = bounded_field(
        Person,
        "first_name",
        label=_("First name"),
        required=False,
        help_text=_("The first and last name are needed when the person has no identity number."),
    )
    last_name = bounded_field(Person, "last_name", label=_("Last name"), required=False)
    birth_date = date_field(
        _("Date of birth"), required=False, help_text=_("Taken from the identity number if empty.")
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    identity_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        required=False,
        help_text=_("Leave it empty if the person has none: they get a reserve identity."),
    )
    protected_identity = forms.ChoiceField(
        label=_("Protected identity"),
        choices=ProtectedIdentity.choices,
        initial=ProtectedIdentity.NONE,
        widget=forms.RadioSelect,
        help_text=_("A protected person's name and number are masked everywhere."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("birth_date") and data.get("identity_number"):
            data["birth_date"] = parse_identity_number(data["identity_number"]).birth_date
        if not data.get("birth_date") and "birth_date" not in self.errors:
            self.add_error("birth_date", _("Enter the date of birth."))
        return data

    def person_fields(self) -> dict:
        keys = (
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "identity_number",
            "protected_identity",
        )
        return {key: self.cleaned_data[key] for key in keys}


class CaseOpenForm(CreateForm):
    person = forms.CharField(required=False, widget=forms.HiddenInput)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        empty_label=_("Choose a district"),
        help_text=_("The district where the person lives."),
    )
    lead_unit = forms.ChoiceField(
        label=_("Lead unit"),
        help_text=_("Usually the district's relationship violence team (RVT)."),
    )
    source = forms.ChoiceField(
        label=_("How did the case come in?"),
        choices=case_models.CaseSource.choices,
        widget=forms.RadioSelect,
    )
    opened = date_field(_("Opened"))
    reason = bounded_field(
        case_models.CaseOpeningRequest,
        "reason",
        label=_("Why do you open the case?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when the person already has a case or a protected identity: the unit that "
            "holds the person reads it before accepting the case."
        ),
    )

    field_order = ["district", "lead_unit", "source", "opened", "reason", "person"]

    def __init__(self, *args, actor, lead_unit: Unit | None = None, source: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        today = timezone.localdate()
        self.fields["district"].queryset = District.objects.valid_on(today).order_by(
            swedish_order("name")
        )
        units = list(
            Unit.objects.valid_on(today)
            .exclude(kind=UnitKind.STAB)
            .select_related("district")
            .order_by(F("district__name").asc(nulls_last=True), swedish_order("name"))
        )
        self._units = {unit.code: unit for unit in units}
        self.fields["lead_unit"].choices = _unit_groups(units)
        own = next(iter(case_units_of(actor=actor)), None)
        district = (lead_unit.district if lead_unit else None) or (own.district if own else None)
        if lead_unit is None and own is not None and district is not None:
            lead_unit = own if own.district_id == district.pk else district_rvt(district=district)
        self.fields["district"].initial = district.pk if district else None
        self.fields["lead_unit"].initial = lead_unit.code if lead_unit else ""
        self.fields["source"].initial = source or None
        self.fields["opened"].initial = today

    def clean_lead_unit(self):
        return self._units[self.cleaned_data["lead_unit"]]

    def clean(self):
        data = super().clean()
        found = person_from_token(actor=self.actor, token=self.data.get(self.add_prefix("person")))
        self.person, self.person_label = found or (None, "")
        if found is None:
            raise ValidationError(_("Search for the person again before you open the case."))
        data["person"] = self.person
        return data


class RefuseForm(GovukForm):
    """Refusing a request to open a case (decision 0016)."""

    refusal_reason = bounded_field(
        case_models.CaseOpeningRequest,
        "refusal_reason",
        label=_("Why is the opening refused?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requesting unit sees this reason."),
    )


# --- consent, joint parts, account, closing ----------------------------------------------------


class AccountForm(EditForm):
    account = bounded_field(
        Case,
        "account",
        label=_("The person's account"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Write down what the person tells, once, so that no unit has to ask again. "
            "Every unit in the case reads it."
        ),
    )
    reason = bounded_field(
        AccountVersion,
        "reason",
        label=_("Why the account is changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when you change an account already written. The earlier version is "
            "kept and shown with this reason."
        ),
    )

    def __init__(self, *args, written: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not written:
            # The first account is not a change: nothing to give a reason for.
            del self.fields["reason"]


class AccountConfirmForm(GovukForm):
    """Confirming the account carried from an earlier case: the button is the answer."""


class AddressForm(GovukForm):
    address = limited_field(
        label=_("The person's address"),
        required=False,
        max_length=ADDRESS_MAX_LENGTH,
        help_text=_(
            "Replaces the recorded address; leave empty to remove it. The address is masked for "
            "a protected identity and for units with only an economic or practical role."
        ),
    )


class ConsentRecordForm(CreateForm):
    given = date_field(_("Date the consent was given"))
    form = forms.ChoiceField(
        label=_("Form of consent"),
        choices=case_models.ConsentForm.choices,
        widget=forms.RadioSelect,
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units the consent covers"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Units of the case's district and city-wide units."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("External partners the consent covers"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    violence_description_units = forms.ModelMultipleChoiceField(
        label=_("Units that may read the description of violence"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Besides the lead unit, only the units ticked here read the description of the "
            "violence; each must be one the consent covers."
        ),
    )
    purpose = bounded_field(
        case_models.Consent,
        "purpose",
        label=_("Purpose"),
        widget=forms.Textarea,
        help_text=_(
            "What the information may be shared for, in the person's own words if possible."
        ),
    )
    expires = date_field(_("Expires"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        units = (
            Unit.objects.valid_on(today).exclude(pk=case.lead_unit_id).exclude(kind=UnitKind.STAB)
        )
        self.fields["units"].queryset = units.filter(
            Q(district__isnull=True) | Q(district=case.district_id)
        ).order_by(F("district").asc(nulls_last=True), swedish_order("name"))
        self.fields["violence_description_units"].queryset = self.fields["units"].queryset
        partners = Partner.objects.order_by(swedish_order("name"))
        if partners.exists():
            self.fields["partners"].queryset = partners
        else:
            del self.fields["partners"]
        self.fields["given"].initial = today

    def clean(self):
        data = super().clean()
        given, expires = data.get("given"), data.get("expires")
        if given and expires and expires < given:
            self.add_error("expires", _("The consent cannot expire before it was given."))
        described = data.get("violence_description_units") or []
        if any(unit not in (data.get("units") or []) for unit in described):
            self.add_error(
                "violence_description_units",
                _("The description of violence can be shared only with units the consent covers."),
            )
        return data


WHOLE_CONSENT = "all"


class ConsentWithdrawForm(GovukForm):
    # Not required: a post without it withdraws the whole consent, as before it could be
    # withdrawn for one unit.
    scope = forms.ChoiceField(
        label=_("What does the person withdraw?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The person may withdraw the consent for one unit only: the other units keep "
            "their part in the case."
        ),
    )
    withdrawn = date_field(_("Date the person withdrew the consent"))

    def __init__(self, *args, consent: case_models.Consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn"].initial = timezone.localdate()
        self.units = {str(unit.pk): unit for unit in consent.units.all()}
        self.fields["scope"].choices = [
            (WHOLE_CONSENT, gettext("The whole consent")),
            *(
                (pk, gettext("Only for %(unit)s") % {"unit": unit.name})
                for pk, unit in sorted(self.units.items(), key=lambda item: item[1].name)
            ),
        ]
        self.fields["scope"].initial = WHOLE_CONSENT

    def clean_scope(self):
        """The unit the person withdraws the consent for, or ``None`` for all of it."""
        return self.units.get(self.cleaned_data["scope"])


class InviteForm(CreateForm):
    unit = forms.ModelChoiceField(
        label=_("Unit to invite"),
        queryset=Unit.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("Only units that the person's consent in force covers can be invited."),
    )

    threat_decision = forms.BooleanField(
        label=_(
            "As the lead unit's manager, I decide that the unit is invited although a threat "
            "person in this case is its client"
        ),
        required=False,
    )
    threat_decision_reason = bounded_field(
        case_models.CaseUnit,
        "threat_decision_reason",
        label=_("Reason for the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, case, may_decide: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitable = list(invitable_units(case=case, on=timezone.localdate()))
        # Any unit is accepted here so that the service, not the form, refuses one the
        # consent does not cover, with its own message.
        self.fields["unit"].queryset = Unit.objects.all()
        # Units that have a threat person of the case as a client need the lead unit's
        # manager's decision (decision 0039): marked, and the decision asked of a manager.
        needs_decision = set(
            policies.units_with_threat_person_as_client(case)
            .filter(pk__in=[unit.pk for unit in self.invitable])
            .values_list("pk", flat=True)
        )
        marked = gettext("a threat person in this case is its client: the manager decides")
        self.fields["unit"].widget.choices = [
            (unit.pk, f"{unit.name} ({marked})" if unit.pk in needs_decision else unit.name)
            for unit in self.invitable
        ]
        self.needs_decision = bool(needs_decision)
        if not (may_decide and needs_decision):
            del self.fields["threat_decision"]
            del self.fields["threat_decision_reason"]


class ResponsibleField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ResponsibleChoiceForm(GovukForm):
    """A unit takes a case on with a responsible case worker: one of its case workers or
    managers (``staff``, its memberships today), the acting user first offered."""

    responsible = ResponsibleField(
        label=_("Responsible case worker"),
        queryset=User.objects.none(),
        empty_label=None,
        help_text=_("Who in your unit handles the case."),
    )

    def __init__(self, *args, actor, staff, **kwargs):
        super().__init__(*args, **kwargs)
        workers = [m.user_id for m in staff if m.role in (Role.HANDLAGGARE, Role.ENHETSCHEF)]
        self.fields["responsible"].queryset = User.objects.filter(pk__in=workers).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["responsible"].initial = actor.pk if actor.pk in workers else None


class InvitationAcceptForm(ResponsibleChoiceForm):
    joined = date_field(_("Joined"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joined"].initial = timezone.localdate()


class InvitationDeclineForm(GovukForm):
    decline_reason = bounded_field(
        case_models.CaseUnit,
        "decline_reason",
        label=_("Why does your unit decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The lead unit that invited you reads this reason."),
    )


class CaseCloseForm(MarkedSelectForm):
    """The closing day and reason, and for each thing that still runs in the case
    (``running.Running``) how it ends: it is ended in the same step (``closing``)."""

    closed = date_field(_("Closed"))
    closure_reason = forms.ChoiceField(
        label=_("Why is the case closed?"),
        choices=case_models.ClosureReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    # A move to another municipality (decision 0050): asked under "Moved", revealed when it
    # is chosen, and required only then.
    municipality = bounded_field(
        case_models.MunicipalityMove,
        "municipality",
        label=_("To which municipality?"),
        help_text=_("The municipality the person moves to, for example Göteborg."),
    )
    moved = date_field(_("Date of the move"))
    summary_consent = yes_no_field(
        _("Has the person consented to a summary being sent to that municipality?")
    )
    consent_given = date_field(_("Date the consent was given"))
    consent_form = forms.ChoiceField(
        label=_("Form of consent"),
        choices=case_models.ConsentForm.choices,
        widget=forms.RadioSelect,
    )

    MOVE_FIELDS = ("municipality", "moved", "summary_consent")
    CONSENT_FIELDS = ("consent_given", "consent_form")

    def __init__(self, *args, running: Running | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["closed"].initial = today
        self._ask_only_what_applies()
        self.running = running or Running(placements=[], decisions=[], actions=[])
        # (heading, names of its questions) for each running thing, in the page's order.
        self.ending_groups: list[tuple[str, list[str]]] = []
        for placement in self.running.placements:
            self._add_placement(placement, today)
        for decision in self.running.decisions:
            self._add_decision(decision, today)
        for action in self.running.actions:
            self._add_action(action)

    def _ask_only_what_applies(self) -> None:
        """The move's questions are required only when the reason is "Moved", the consent's
        date and form only when the person consented: the page shows them as questions to
        answer, and an answer to a question that does not apply is not asked for."""
        if not self.is_bound:
            return
        moved = self.data.get("closure_reason") == case_models.ClosureReason.MOVED
        consented = moved and self.data.get("summary_consent") == "yes"
        for name in self.MOVE_FIELDS:
            self.fields[name].required = moved
        for name in self.CONSENT_FIELDS:
            self.fields[name].required = consented

    def clean(self):
        cleaned = super().clean()
        moved = cleaned.get("closure_reason") == case_models.ClosureReason.MOVED
        consented = moved and cleaned.get("summary_consent") is True
        # An answer left in a question that does not apply is neither checked nor used.
        for name in (*self.MOVE_FIELDS, *self.CONSENT_FIELDS):
            if not moved or (name in self.CONSENT_FIELDS and not consented):
                self._errors.pop(name, None)
                cleaned.pop(name, None)
        return cleaned

    @property
    def moving(self) -> bool:
        """Whether the valid form closes the case as moved to another municipality."""
        return self.cleaned_data.get("closure_reason") == case_models.ClosureReason.MOVED

    def move(self) -> dict:
        """The move for ``moves.case_close_moved``, from the cleaned data: the consent's date
        and form only when the person consented."""
        data = self.cleaned_data
        consented = data.get("summary_consent") is True
        return {
            "municipality": data.get("municipality") or "",
            "moved": data.get("moved"),
            "consent_given": data.get("consent_given") if consented else None,
            "consent_form": (data.get("consent_form") or "") if consented else "",
        }

    def _group(self, heading: str, fields: dict) -> None:
        self.govuk_style(fields.values())
        self.fields.update(fields)
        self.ending_groups.append((heading, list(fields)))

    def _add_placement(self, placement, today) -> None:
        start = placement.start.isoformat()
        self._group(
            running_labels.placement_running_label(placement),
            {
                ending_key(placement, "end"): date_field(
                    _("End of the placement from %(start)s") % {"start": start}
                ),
                ending_key(placement, "end_reason"): forms.ChoiceField(
                    label=_("Why did the placement from %(start)s end?") % {"start": start},
                    choices=PlacementEndReason.choices,
                    widget=forms.RadioSelect,
                ),
                ending_key(placement, "next_housing_type"): forms.ChoiceField(
                    label=_("Housing the person moves to"),
                    choices=[("", _("Not known yet")), *HousingType.choices],
                    required=False,
                ),
                ending_key(placement, "next_housing_contract_months"): forms.IntegerField(
                    label=_("Length of the contract in months"),
                    required=False,
                    min_value=0,
                    max_value=32767,
                ),
            },
        )
        self.fields[ending_key(placement, "end")].initial = today
        # The contract recorded on the placement's housing plan, if any (decision 0048).
        from brytupp.housing.plan import next_housing_from_contract

        for field, value in next_housing_from_contract(placement).items():
            self.fields[ending_key(placement, field)].initial = value

    def _add_decision(self, decision, today) -> None:
        key = ending_key(decision, "end")
        self._group(
            running_labels.decision_running_label(decision),
            {
                key: date_field(
                    _("Last day of the decision %(intervention)s")
                    % {"intervention": decision.get_intervention_display()}
                )
            },
        )
        self.fields[key].initial = today

    def _add_action(self, action) -> None:
        self._group(
            running_labels.action_running_label(action),
            {
                ending_key(action, "status"): forms.ChoiceField(
                    label=_("Was “%(action)s” done, or is it cancelled?")
                    % {"action": Truncator(action.description).chars(60)},
                    choices=[
                        (ActionStatus.DONE, ActionStatus.DONE.label),
                        (ActionStatus.CANCELLED, ActionStatus.CANCELLED.label),
                    ],
                    widget=forms.RadioSelect,
                )
            },
        )

    def ending_sections(self) -> list[tuple[str, list]]:
        """Each running thing's heading and its questions (bound fields), for the page."""
        return [(heading, [self[name] for name in names]) for heading, names in self.ending_groups]

    def endings(self) -> dict:
        """The endings for ``closing.case_close_ending``, from the cleaned data."""
        data = self.cleaned_data
        return {
            "placements": [
                closing.PlacementEnding(
                    placement=placement,
                    end=data[ending_key(placement, "end")],
                    end_reason=data[ending_key(placement, "end_reason")],
                    next_housing_type=data[ending_key(placement, "next_housing_type")],
                    next_housing_contract_months=data[
                        ending_key(placement, "next_housing_contract_months")
                    ],
                )
                for placement in self.running.placements
            ],
            "decisions": [
                closing.DecisionEnding(decision=decision, end=data[ending_key(decision, "end")])
                for decision in self.running.decisions
            ],
            "actions": [
                closing.ActionEnding(action=action, status=data[ending_key(action, "status")])
                for action in self.running.actions
            ],
        }


# --- joint handling


class MeetingForm(CreateForm, MarkedSelectForm):
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
    minutes = text_field(case_models.Meeting, "minutes", label=_("Minutes"))

    def __init__(self, *args, case: Case, acting_unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        units = list(units_taking_part(case=case))
        offer(self.fields["units"], [(unit.code, unit.name) for unit in units])
        if acting_unit is not None:
            self.fields["units"].initial = [acting_unit.code]
        partners = partners_consented(case=case)
        if partners.exists():
            self.fields["partners"].queryset = partners.order_by(swedish_order("name"))
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


class NeedsAssessmentForm(CreateForm, MarkedSelectForm):
    area = forms.ChoiceField(label=_("Area"), choices=NeedArea.choices, widget=forms.RadioSelect)
    short_term = text_field(
        case_models.NeedsAssessment, "short_term", label=_("Short-term need"), required=False
    )
    long_term = text_field(
        case_models.NeedsAssessment, "long_term", label=_("Long-term need"), required=False
    )


# --- the hand-over to another district (decision 0049) -----------------------------------------


class TransferProposeForm(CreateForm):
    to_unit = forms.ModelChoiceField(
        label=_("Receiving unit"),
        queryset=Unit.objects.none(),
        help_text=_("The relationship violence team of the district the person has moved to."),
    )
    reason = bounded_field(
        case_models.CaseTransfer,
        "reason",
        label=_("Why is the case handed over?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The receiving unit reads this before it answers: the move, and what is urgent."
        ),
    )
    consent_given = date_field(_("Date the person consented to the hand-over"))
    consent_form = forms.ChoiceField(
        label=_("Form of consent"),
        choices=case_models.ConsentForm.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = (
            policies.transfer_receiving_units(case)
            .select_related("district")
            .order_by(swedish_order("name"))
        )
        self.fields["to_unit"].label_from_instance = lambda unit: unit.name
        self.fields["consent_given"].initial = timezone.localdate()


class TransferAcceptForm(ResponsibleChoiceForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].help_text = _("Who in your unit handles the case from today.")


class TransferDeclineForm(GovukForm):
    decline_reason = bounded_field(
        case_models.CaseTransfer,
        "decline_reason",
        label=_("Why does your unit decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The unit that handed the case over reads this reason."),
    )
