"""The plan pages of a case: the joint plan's actions and SIPs with the region; each follows
the loop of ``cases.views.kit``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.selectors import units_taking_part
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit

from . import forms, tasks
from . import services as plans
from .models import PlanAction, PracticalTask


@GET_POST
@requires(policies.case_participation)
def plan_action_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.PlanActionForm(bound(request), case=case)
    if submit(
        form,
        lambda data: plans.plan_action_add(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The plan action is added."))
    return case_form_page(
        request, case, form, title=_("Add a plan action"), submit_label=_("Add the action")
    )


@GET_POST
@requires(policies.case_participation)
def plan_action_status(request, case_id, action_id):
    case = case_for_work(request, case_id)
    action = get_object_or_404(PlanAction, case=case, public_id=action_id)
    form = forms.PlanActionStatusForm(
        bound(request), initial={"status": action.status}, version=action.version
    )
    status_set = plans.plan_action_status_set
    if submit(
        form, lambda data: status_set(actor=request.user, action=action, **data), actor=request.user
    ):
        return case_done(request, case, _("The status of the plan action is changed."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Change the status of a plan action"),
        submit_label=_("Save the status"),
        intro=action.description,
    )


@GET_POST
@requires(policies.case_participation)
def sip_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.SipForm(bound(request))
    if submit(
        form,
        lambda data: plans.sip_record(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The SIP is recorded."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a SIP with the region"),
        submit_label=_("Record the SIP"),
    )


def _assignee_choices(case) -> list[tuple[str, str]]:
    """The case workers of each unit taking part, as "name (unit)"."""
    today = timezone.localdate()
    return [
        (str(user.public_id), f"{user.get_full_name() or user.username} ({unit.name})")
        for unit in units_taking_part(case=case)
        for user in tasks.task_assignees(unit=unit, day=today)
    ]


@GET_POST
@requires(policies.case_participation)
def practical_task_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.PracticalTaskForm(bound(request), case=case, assignees=_assignee_choices(case))
    if submit(
        form,
        lambda data: tasks.practical_task_add(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The practical support task is added."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Add a practical support task"),
        submit_label=_("Add the task"),
    )


@GET_POST
@requires(policies.case_participation)
def practical_task_done(request, case_id, task_id):
    case = case_for_work(request, case_id)
    task = get_object_or_404(
        PracticalTask.objects.select_related("support"), case=case, public_id=task_id
    )
    form = forms.PracticalTaskDoneForm(bound(request), initial={"done": timezone.localdate()})
    if submit(
        form,
        lambda data: tasks.practical_task_done(actor=request.user, task=task, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The practical support task is done."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Mark a practical support task done"),
        submit_label=_("Mark it done"),
        intro=task.support.name,
    )
