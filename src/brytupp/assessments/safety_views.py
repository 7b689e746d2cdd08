"""The safety plan pages of a case: write the person's or a child's plan, change it, add a
measure, mark one done, review the plan. Each follows the loop of ``cases.views.kit``."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name

from . import forms, safety
from .models import MeasureKind, SafetyMeasure, SafetyPlan
from .selectors import description_shown


def _plan_of(case, plan_id) -> SafetyPlan:
    return get_object_or_404(
        SafetyPlan.objects.select_related("child"), case=case, public_id=plan_id
    )


def _require_described(case) -> None:
    """The plan's threats and its reviews' notes are descriptions of violence: a unit that may
    not read them does not write them either (it adds and does measures)."""
    if not description_shown(case, case.acting_part):
        raise Http404


def _whose(plan: SafetyPlan) -> str:
    if plan.child is None:
        return _("The person's safety plan")
    return _("The safety plan of %(child)s") % {"child": person_display_name(plan.child)}


@GET_POST
@requires(policies.case_participation)
def safety_plan_add(request, case_id, child_id=None):
    case = case_for_work(request, case_id)
    _require_described(case)
    child = get_object_or_404(case.person.children.all(), public_id=child_id) if child_id else None
    form = forms.SafetyPlanForm(bound(request))
    if submit(
        form,
        lambda data: safety.safety_plan_write(actor=request.user, case=case, child=child, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The safety plan is written."), section="safety")
    title = (
        _("Write the person's safety plan")
        if child is None
        else _("Write the safety plan of %(child)s") % {"child": person_display_name(child)}
    )
    return case_form_page(
        request,
        case,
        form,
        title=title,
        submit_label=_("Write the plan"),
        intro=_("Add the measures on the case page once the plan is written."),
    )


@GET_POST
@requires(policies.case_participation)
def safety_plan_change(request, case_id, plan_id):
    case = case_for_work(request, case_id)
    plan = _plan_of(case, plan_id)
    _require_described(case)
    form = forms.SafetyPlanChangeForm(
        bound(request),
        initial={"threats": plan.threats, "review_on": plan.review_on},
        version=plan.version,
    )
    if submit(
        form,
        lambda data: safety.safety_plan_change(actor=request.user, plan=plan, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The safety plan is changed."), section="safety")
    return case_form_page(request, case, form, title=_whose(plan), submit_label=_("Save the plan"))


@GET_POST
@requires(policies.case_participation)
def safety_measure_add(request, case_id, plan_id):
    case = case_for_work(request, case_id)
    plan = _plan_of(case, plan_id)
    form = forms.SafetyMeasureForm(bound(request), case=case)
    if submit(
        form,
        lambda data: safety.safety_measure_add(actor=request.user, plan=plan, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The measure is added."), section="safety")
    return case_form_page(
        request,
        case,
        form,
        title=_("Add a measure"),
        submit_label=_("Add the measure"),
        intro=_whose(plan),
    )


@GET_POST
@requires(policies.case_participation)
def safety_measure_done(request, case_id, plan_id, measure_id):
    case = case_for_work(request, case_id)
    plan = _plan_of(case, plan_id)
    measure = get_object_or_404(SafetyMeasure, plan=plan, public_id=measure_id)
    form = forms.SafetyMeasureDoneForm(bound(request), version=measure.version)
    if submit(
        form,
        lambda data: safety.safety_measure_done(actor=request.user, measure=measure, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The measure is marked done."), section="safety")
    return case_form_page(
        request,
        case,
        form,
        title=_("Mark the measure done"),
        submit_label=_("Mark done"),
        intro=f"{MeasureKind(measure.kind).label}: {measure.description}",
    )


@GET_POST
@requires(policies.case_participation)
def safety_plan_review(request, case_id, plan_id):
    case = case_for_work(request, case_id)
    plan = _plan_of(case, plan_id)
    _require_described(case)
    form = forms.SafetyPlanReviewForm(bound(request), version=plan.version)
    if submit(
        form,
        lambda data: safety.safety_plan_review(actor=request.user, plan=plan, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The review is recorded."), section="safety")
    return case_form_page(
        request,
        case,
        form,
        title=_("Review the safety plan"),
        submit_label=_("Record the review"),
        intro=_whose(plan),
    )
