"""Forms of the plan pages: the joint plan's actions and SIPs with the region.

The responsible unit of an action is offered among the units taking part; the form accepts any
existing unit and leaves the refusal, with its domain message, to the service.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brytupp.cases.models import Case
from brytupp.cases.selectors import units_taking_part
from brytupp.govuk.forms import (
    CreateForm,
    EditForm,
    MarkedSelectForm,
    bounded_field,
    date_field,
    limited_field,
    offer,
    text_field,
)
from brytupp.organisation.models import Unit, User

from .models import (
    SIP_PARTICIPANT_MAX_LENGTH,
    SIP_PARTICIPANTS_MAX,
    ActionStatus,
    PlanAction,
    PracticalTask,
    PracticalTaskKind,
    Sip,
    sip_participants_valid,
)


class PlanActionForm(CreateForm, MarkedSelectForm):
    description = text_field(
        PlanAction, "description", label=pgettext_lazy("plan action", "Action")
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.all(), to_field_name="code"
    )
    due = date_field(_("Due"))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(unit.code, unit.name) for unit in units_taking_part(case=case)]
        offer(self.fields["responsible_unit"], [("", _("Choose a unit")), *choices])


class PracticalTaskForm(CreateForm, MarkedSelectForm):
    support = forms.ModelChoiceField(
        label=_("Kind of support"),
        queryset=PracticalTaskKind.objects.all(),
        to_field_name="code",
        empty_label=_("Choose a kind"),
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.all(), to_field_name="code"
    )
    assignee = forms.ModelChoiceField(
        label=_("Case worker (optional)"),
        help_text=_("Leave empty to give the task to the whole unit."),
        queryset=User.objects.all(),
        to_field_name="public_id",
        required=False,
    )
    due = date_field(_("Due"))
    note = text_field(PracticalTask, "note", label=_("Note (optional)"), required=False)

    def __init__(self, *args, case: Case, assignees: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        units = [(unit.code, unit.name) for unit in units_taking_part(case=case)]
        offer(self.fields["responsible_unit"], [("", _("Choose a unit")), *units])
        offer(self.fields["assignee"], [("", _("The whole unit")), *assignees])


class PracticalTaskDoneForm(CreateForm):
    done = date_field(_("Done on"))


class PlanActionStatusForm(EditForm, MarkedSelectForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, widget=forms.RadioSelect
    )


class SipForm(CreateForm, MarkedSelectForm):
    date = date_field(_("Date of the SIP"))
    participants = limited_field(
        label=_("Participants"),
        help_text=_("One participant a line, for example a role and a unit."),
        widget=forms.Textarea,
        # Every line at its longest, with its line break: the lines are checked one by one.
        max_length=SIP_PARTICIPANTS_MAX * (SIP_PARTICIPANT_MAX_LENGTH + 2),
    )
    responsible = bounded_field(Sip, "responsible", label=_("Overall responsibility"))
    next_follow_up = date_field(_("Next follow-up"), required=False)

    def clean_participants(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["participants"].splitlines()]
        participants = [line for line in lines if line]
        try:
            sip_participants_valid(participants)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return participants
