"""Forms of the child's page: school, a guardian, a report of concern, its answer and its
outcome. They parse; ``children.services`` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import CreateForm, GovukForm, bounded_field, date_field
from brytupp.people.forms import IdentityNumberField

from .models import (
    ChildPart,
    ChildRecord,
    ReportDirection,
    ReporterKind,
    ReportOfConcern,
    ReportOutcome,
    SchoolKind,
)

CASE_PERSON = "case_person"
BY_NUMBER = "by_number"
ACCEPT = "accept"
DECLINE = "decline"


class ChildSchoolForm(GovukForm):
    school_kind = forms.ChoiceField(
        label=_("School or preschool"), choices=SchoolKind.choices, widget=forms.RadioSelect
    )
    school_name = bounded_field(
        ChildRecord,
        "school_name",
        label=_("Name of the school or preschool"),
        required=False,
    )


class ChildGuardianForm(GovukForm):
    who = forms.ChoiceField(
        label=_("Who is the guardian?"),
        choices=[
            (CASE_PERSON, _("The person of the case")),
            (BY_NUMBER, _("Someone else registered in Bryt upp")),
        ],
        widget=forms.RadioSelect,
    )
    identity_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        required=False,
        help_text=_("Of someone else: 12 digits, for example 19121212-1212."),
    )

    def clean(self):
        data = super().clean()
        if data.get("who") == BY_NUMBER and not data.get("identity_number"):
            self.add_error("identity_number", _("Give the guardian's identity number."))
        return data


class ReportOfConcernForm(CreateForm):
    direction = forms.ChoiceField(
        label=_("Made or received?"), choices=ReportDirection.choices, widget=forms.RadioSelect
    )
    reporter_kind = forms.ChoiceField(
        label=_("From whom"), choices=ReporterKind.choices, widget=forms.RadioSelect
    )
    reporter = bounded_field(
        ReportOfConcern,
        "reporter",
        label=_("Who reported"),
        required=False,
        help_text=_("A role or an organisation, for example “the class teacher”."),
    )
    date = date_field(_("Date of the report"))
    concern = bounded_field(
        ReportOfConcern,
        "concern",
        label=_("What is the concern?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportAnswerForm(GovukForm):
    answer = forms.ChoiceField(
        label=_("Does your unit accept the report?"),
        choices=[(ACCEPT, _("Accept the report")), (DECLINE, _("Decline the report"))],
        widget=forms.RadioSelect,
    )
    reason = bounded_field(
        ChildPart,
        "decline_reason",
        label=_("Why does your unit decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only when declining. The lead unit of the case reads the reason."),
    )


class ReportOutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReportOutcome.choices, widget=forms.RadioSelect
    )
    date = date_field(_("Date of the outcome"))
