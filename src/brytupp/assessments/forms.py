"""Forms of the screening, risk assessment and safety plan pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
from brytupp.organisation.selectors import case_units_of
from brytupp.people.forms import IdentityNumberField

from . import instruments
from .models import (
    POLICE_INSTRUMENTS,
    CircumstanceChange,
    MeasureKind,
    NotAskedReason,
    RiskAssessment,
    RiskInstrument,
    RiskLevel,
    SafetyMeasure,
    SafetyPlan,
    SafetyPlanReview,
    Screening,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ScreeningForm(CreateForm):
    """FREDA-kortfrågor: whether the questions were asked; when they were, the answer to each
    (by its number on Socialstyrelsen's form) and whether the person was told of the help on
    offer; when they were not, why. The outcome follows from the answers."""

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

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        form = instruments.KORTFRAGOR
        for number, code in enumerate(form.item_codes(), start=1):
            self.fields[code] = forms.ChoiceField(
                label=format_lazy(_("Answer to question {number}"), number=number),
                choices=instruments.SHORT_ANSWERS,
                widget=forms.RadioSelect(attrs={"inline": True}),
                required=False,
                help_text=_("Only when you asked.") if number == 1 else "",
            )
        self.fields["told_of_help"] = forms.TypedChoiceField(
            label=_("Was the person told of the help on offer?"),
            choices=YES_NO,
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            required=False,
            help_text=_("Only when you asked."),
        )
        self.fields["not_asked_reason"] = forms.ChoiceField(
            label=_("Why were the questions not asked?"),
            choices=NotAskedReason.choices,
            widget=forms.RadioSelect,
            required=False,
            help_text=_("Only when you did not ask."),
        )
        self.fields["not_asked_note"] = bounded_field(
            Screening, "not_asked_note", label=_("More about why"), required=False
        )
        self.fields["identity_number"] = IdentityNumberField(
            label=_("Personal identity number or coordination number"),
            required=False,
            help_text=_("Links the screening to the person if they are registered."),
        )
        self.govuk_style(self.fields.values())
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
        codes = instruments.KORTFRAGOR.item_codes()
        answers = {code: data.pop(code, "") for code in codes}
        asked = data.get("asked")
        if asked:
            for code in codes:
                if not answers[code]:
                    self.add_error(code, _("Choose the answer, or Did not want to answer."))
            if data.get("told_of_help") is None:
                self.add_error(
                    "told_of_help", _("Say whether the person was told of the help on offer.")
                )
        elif asked is False and not data.get("not_asked_reason"):
            self.add_error("not_asked_reason", _("Say why the questions were not asked."))
        data["answers"] = answers if asked else {}
        return data


# --- risk assessments ------------------------------------------------------------------------


def _choice(label, choices, *, widget=forms.RadioSelect, required=True):
    return forms.ChoiceField(label=label, choices=choices, widget=widget, required=required)


def _level_field():
    return _choice(_("Risk level, in your judgement"), RiskLevel.choices)


def _reassess_field():
    return date_field(
        _("Assess again by"),
        required=False,
        help_text=_("A level above low is assessed again within 30 days at the latest."),
    )


class FarlighetForm(CreateForm):
    """FREDA-farlighetsbedömning: every item, the case worker's judgement and level."""

    date = date_field(_("Date of the assessment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form = instruments.FARLIGHET
        for number, code in enumerate(form.item_codes(), start=1):
            self.fields[code] = forms.ChoiceField(
                label=format_lazy(_("Item {number}"), number=number),
                choices=instruments.ITEM_ANSWERS,
                widget=forms.RadioSelect(attrs={"inline": True}),
                error_messages={
                    "required": format_lazy(_("Choose the answer to item {number}."), number=number)
                },
            )
        self.fields["judgement"] = text_field(
            RiskAssessment, "judgement", label=_("Your own judgement of the risk")
        )
        self.fields["level"] = _level_field()
        self.fields["reassess_by"] = _reassess_field()
        self.govuk_style(self.fields.values())
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        codes = instruments.FARLIGHET.item_codes()
        data["answers"] = {code: data.pop(code, None) for code in codes}
        return data


class BeskrivningForm(CreateForm, MarkedSelectForm):
    """FREDA-beskrivning: for each form of violence how often, when last, children present."""

    date = date_field(_("Date of the description"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        empty = [("", _("Choose"))]
        for code, name in instruments.VIOLENCE_FORMS:
            self.fields[f"{code}_frequency"] = _choice(
                format_lazy(_("{form}: how often"), form=name),
                empty + list(instruments.FREQUENCIES),
                widget=forms.Select,
            )
            self.fields[f"{code}_last"] = _choice(
                format_lazy(_("{form}: when last"), form=name),
                empty + list(instruments.LAST_TIMES),
                widget=forms.Select,
                required=False,
            )
            self.fields[f"{code}_children"] = _choice(
                format_lazy(_("{form}: were children present"), form=name),
                empty + list(instruments.CHILDREN_PRESENT),
                widget=forms.Select,
                required=False,
            )
        self.fields["judgement"] = text_field(
            RiskAssessment, "judgement", label=_("Summary of the description"), required=False
        )
        self.govuk_style(self.fields.values())
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        answers = {}
        for code, _name in instruments.VIOLENCE_FORMS:
            answers[code] = {
                key: data.pop(f"{code}_{key}", "") for key in ("frequency", "last", "children")
            }
            frequency = answers[code]["frequency"]
            if frequency and frequency != "never":
                for key in ("last", "children"):
                    if not answers[code][key]:
                        self.add_error(
                            f"{code}_{key}",
                            _("Answer this for every form of violence that happened."),
                        )
        data["answers"] = answers
        return data


class PatriarkForm(CreateForm):
    """PATRIARK: licensed, so the result, the judgement and the level only."""

    date = date_field(_("Date of the assessment"))
    instrument_result = _choice(_("The result of the PATRIARK assessment"), RiskLevel.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judgement"] = text_field(
            RiskAssessment, "judgement", label=_("Your own judgement of the risk")
        )
        self.fields["level"] = _level_field()
        self.fields["reassess_by"] = _reassess_field()
        self.govuk_style(self.fields.values())
        self.fields["date"].initial = timezone.localdate()


class PoliceAssessmentForm(CreateForm):
    """The police's risk assessment, as a reference: which, its number, date and level."""

    instrument = _choice(
        _("Which assessment"),
        [(code, label) for code, label in RiskInstrument.choices if code in POLICE_INSTRUMENTS],
    )
    reference = bounded_field(
        RiskAssessment, "reference", label=_("The police's reference (diarienummer)")
    )
    date = date_field(_("Date of the police's assessment"))
    level = _choice(_("The level the police assessed"), RiskLevel.choices)


class CircumstanceChangeForm(CreateForm):
    date = date_field(_("Date"))
    what = text_field(CircumstanceChange, "what", label=_("What has changed"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


# --- safety plans ----------------------------------------------------------------------------


class SafetyPlanForm(CreateForm):
    threats = text_field(
        SafetyPlan,
        "threats",
        label=_("Threats and risks"),
        help_text=_("Who or what threatens, where and when the risk is greatest."),
    )
    review_on = date_field(_("Review the plan on"))


class SafetyPlanChangeForm(EditForm):
    threats = text_field(SafetyPlan, "threats", label=_("Threats and risks"))
    review_on = date_field(_("Review the plan on"))


class SafetyMeasureForm(CreateForm, MarkedSelectForm):
    kind = _choice(_("Measure"), MeasureKind.choices)
    description = text_field(SafetyMeasure, "description", label=_("What is done"))
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("A unit taking part in the case, or name someone else below."),
    )
    responsible_other = bounded_field(
        SafetyMeasure,
        "responsible_other",
        label=_("Or someone else responsible (e.g. the police, the person)"),
        required=False,
    )
    due = date_field(_("Due"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(unit.code, unit.name) for unit in units_taking_part(case=case)]
        offer(self.fields["responsible_unit"], [("", _("No unit")), *choices])


class SafetyMeasureDoneForm(EditForm):
    done_on = date_field(_("Done on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class SafetyPlanReviewForm(EditForm):
    reviewed_on = date_field(_("Reviewed on"))
    note = text_field(SafetyPlanReview, "note", label=_("What the review found"))
    next_review_on = date_field(_("Next review on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"].initial = timezone.localdate()
