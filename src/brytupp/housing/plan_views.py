"""The housing plan of a placement (decision 0046): the checklist page, a step's change and
"mark done", and the contract for a permanent home (decision 0048). Each fetches the case through ``case_participation`` (the view is logged; 404
alike for a case that does not exist and one the user's unit does not take part in), then the
placement and step within that case."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.views.kit import GET_POST, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.interventions.models import Placement
from brytupp.people.presentation import person_display_name

from . import forms
from . import plan as housing
from .models import HousingPlan, HousingPlanStep, HousingStepKind


def _plan_url(case, placement) -> str:
    return reverse("cases:housing_plan", args=[case.public_id, placement.public_id])


def _step(request, case_id, placement_id, step_id):
    case = case_for_work(request, case_id)
    step = get_object_or_404(
        HousingPlanStep.objects.select_related("template", "plan__placement"),
        plan__placement__case=case,
        plan__placement__public_id=placement_id,
        public_id=step_id,
    )
    return case, step


@GET_POST
@requires(policies.case_participation)
def housing_plan(request, case_id, placement_id):
    """The plan's steps; a placement without a plan offers to make it (POST), so that a
    reading of the page writes nothing."""
    case = case_for_work(request, case_id)
    placement = get_object_or_404(Placement, case=case, public_id=placement_id)
    if request.method == "POST":
        form = forms.HousingPlanMakeForm(request.POST)
        made = submit(
            form,
            lambda _data: housing.housing_plan_open(actor=request.user, placement=placement),
            actor=request.user,
        )
        if made:
            messages.success(request, _("The housing plan is made."))
        else:
            messages.warning(request, " ".join(form.non_field_errors()) or _("Nothing was made."))
        return redirect(_plan_url(case, placement))
    plan = HousingPlan.objects.filter(placement=placement).first()
    steps = plan.steps.select_related("template", "responsible_unit") if plan is not None else []
    return render(
        request,
        "housing/plan.html",
        {
            "case": case,
            "placement": placement,
            "plan": plan,
            "steps": steps,
            "today": timezone.localdate(),
            "caption": person_display_name(case.person),
            "back_url": reverse("cases:detail", args=[case.public_id]) + "#placements",
            "may_write": case.is_open,
            "make_form": forms.HousingPlanMakeForm(),
        },
    )


@GET_POST
@requires(policies.case_participation)
def housing_step_change(request, case_id, placement_id, step_id):
    case, step = _step(request, case_id, placement_id, step_id)
    form = forms.HousingStepForm(
        bound(request),
        case=case,
        application=step.template.kind == HousingStepKind.APPLICATION,
        version=step.version,
        initial={
            "responsible_unit": step.responsible_unit.code if step.responsible_unit else "",
            "responsible_partner": step.responsible_partner,
            "due": step.due,
            "done": step.done,
            "submitted": step.submitted,
            "outcome": step.outcome,
            "outcome_date": step.outcome_date,
            "note": step.note,
        },
    )
    update = housing.housing_step_update
    if submit(form, lambda data: update(actor=request.user, step=step, **data), actor=request.user):
        messages.success(request, _("The step of the housing plan is saved."))
        return redirect(_plan_url(case, step.plan.placement))
    return case_form_page(
        request,
        case,
        form,
        title=_("Change a step of the housing plan"),
        submit_label=_("Save the step"),
        intro=step.template.label,
    )


@GET_POST
@requires(policies.case_participation)
def housing_step_mark_done(request, case_id, placement_id, step_id):
    """POST marks the step done; a GET (a reload, a link) leads to the plan, where the button
    is."""
    if request.method != "POST":
        return redirect(reverse("cases:housing_plan", args=[case_id, placement_id]))
    case, step = _step(request, case_id, placement_id, step_id)
    form = forms.HousingStepDoneForm(request.POST, version=step.version)
    done = housing.housing_step_done
    today = timezone.localdate()
    if submit(form, lambda data: done(actor=request.user, step=step, day=today, **data)):
        messages.success(request, _("The step is marked done."))
    else:
        messages.warning(request, _("The step was not marked done: open the plan again."))
    return redirect(_plan_url(case, step.plan.placement))


@GET_POST
@requires(policies.case_participation)
def housing_contract(request, case_id, placement_id):
    """Record the contract for a permanent home, or correct it with the same form. The plan
    must be made first: the page of a placement without one leads to the plan's page."""
    case = case_for_work(request, case_id)
    placement = get_object_or_404(Placement, case=case, public_id=placement_id)
    plan = HousingPlan.objects.filter(placement=placement).select_related("placement").first()
    if plan is None:
        return redirect(_plan_url(case, placement))
    form = forms.HousingContractForm(
        bound(request),
        version=plan.version,
        initial={
            "contract_signed": plan.contract_signed,
            "contract_housing_type": plan.contract_housing_type,
            "contract_months": plan.contract_months,
        },
    )
    record = housing.housing_contract_record
    if submit(form, lambda data: record(actor=request.user, plan=plan, **data), actor=request.user):
        messages.success(request, _("The contract for permanent housing is saved."))
        return redirect(_plan_url(case, plan.placement))
    return case_form_page(
        request,
        case,
        form,
        title=_("Contract for permanent housing"),
        submit_label=_("Save the contract"),
        intro=_("For the placement from %(start)s.") % {"start": plan.placement.start.isoformat()},
        back_url=_plan_url(case, plan.placement),
    )
