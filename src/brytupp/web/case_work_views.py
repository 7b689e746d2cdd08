"""Pages of work in a case: meetings, assessments, plan, decisions, placements, follow-ups,
SHIS referrals and SIPs; each follows the loop of ``cases.views.kit``.

Each page fetches the case through ``case_participation`` (404 alike for a case that does not
exist and one the user's unit does not take part in, on GET and POST), parses one form, calls
one service and returns to the case page with a message. A service's refusal is shown on the
form, and nothing is saved.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases import joint
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.housing.models import is_permanent
from brytupp.housing.services import shis_referral_record
from brytupp.interventions import services as interventions
from brytupp.interventions.models import Decision, Placement, PlacementChild
from brytupp.people import services as people
from brytupp.people.models import Person
from brytupp.people.presentation import placed_child_display_name
from brytupp.plans import services as plans
from brytupp.plans.models import PlanAction

from . import case_work_forms as forms

# --- joint handling ---------------------------------------------------------------------------


@GET_POST
@requires(policies.case_participation)
def meeting_add(request, case_id):
    case = case_for_work(request, case_id)
    unit = acting_unit(request.user, case)
    form = forms.MeetingForm(bound(request), case=case, acting_unit=unit)
    if submit(form, lambda data: joint.meeting_record(actor=request.user, case=case, **data)):
        return case_done(request, case, _("The meeting is recorded."))
    return case_form_page(
        request, case, form, title=_("Record a joint meeting"), submit_label=_("Record the meeting")
    )


@GET_POST
@requires(policies.case_participation)
def assessment_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.NeedsAssessmentForm(bound(request))
    record = joint.needs_assessment_record
    if submit(form, lambda data: record(actor=request.user, case=case, **data)):
        return case_done(request, case, _("Your unit's needs assessment is saved."))
    intro = _(
        "Your unit's assessment in one area. Assessing an area again replaces your unit's "
        "earlier assessment in it."
    )
    return case_form_page(
        request,
        case,
        form,
        title=_("Assess needs"),
        submit_label=_("Save the assessment"),
        intro=intro,
    )


# --- the joint plan ----------------------------------------------------------------------------


@GET_POST
@requires(policies.case_participation)
def plan_action_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.PlanActionForm(bound(request), case=case)
    if submit(form, lambda data: plans.plan_action_add(actor=request.user, case=case, **data)):
        return case_done(request, case, _("The plan action is added."))
    return case_form_page(
        request, case, form, title=_("Add a plan action"), submit_label=_("Add the action")
    )


@GET_POST
@requires(policies.case_participation)
def plan_action_status(request, case_id, action_id):
    case = case_for_work(request, case_id)
    action = get_object_or_404(PlanAction, case=case, public_id=action_id)
    form = forms.PlanActionStatusForm(bound(request), initial={"status": action.status})
    status_set = plans.plan_action_status_set
    if submit(form, lambda data: status_set(actor=request.user, action=action, **data)):
        return case_done(request, case, _("The status of the plan action is changed."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Change the status of a plan action"),
        submit_label=_("Save the status"),
        intro=action.description,
    )


# --- decisions -----------------------------------------------------------------------------------


def decision_period(decision: Decision) -> str:
    if decision.end is None:
        return _("from %(start)s until further notice") % {"start": decision.start.isoformat()}
    days = decision.period_days
    return ngettext(
        "%(start)s – %(end)s (%(days)s day)", "%(start)s – %(end)s (%(days)s days)", days
    ) % {"start": decision.start.isoformat(), "end": decision.end.isoformat(), "days": days}


def short_decision_warning(decision: Decision) -> str:
    days = decision.period_days
    return ngettext(
        "The decision on protected housing covers %(days)s day. Decisions of 14 days or "
        "less are a known problem: plan the next decision with the person in good time.",
        "The decision on protected housing covers %(days)s days. Decisions of 14 days or "
        "less are a known problem: plan the next decision with the person in good time.",
        days,
    ) % {"days": days}


@GET_POST
@requires(policies.case_participation)
def decision_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.DecisionForm(bound(request), case=case)
    make = interventions.decision_make
    decision = submit(form, lambda data: make(actor=request.user, case=case, **data))
    if decision:
        message = _("The decision is recorded: %(intervention)s, %(period)s.") % {
            "intervention": decision.get_intervention_display(),
            "period": decision_period(decision),
        }
        short = decision.is_short_protected_housing
        return case_done(
            request, case, message, warning=short_decision_warning(decision) if short else ""
        )
    intro = _(
        "For protected housing, record the period the decision covers: decisions of 14 days "
        "or less are shown with a warning."
    )
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a decision"),
        submit_label=_("Record the decision"),
        intro=intro,
    )


# --- placements ---------------------------------------------------------------------------------
#
# A child who comes along may not be registered yet. Registering the child, linking them to
# the person and placing them succeed or fail together: a refusal leaves no new person behind.


def _new_child(actor, case: Case, form) -> list[Person]:
    """The child named in the form's new-child fields, registered as the person's child."""
    if form.new_child is None:
        return []
    return [people.person_register(actor=actor, guardian=case.person, case=case, **form.new_child)]


@transaction.atomic
def _placement_start(*, actor, case: Case, form) -> Placement:
    data = form.cleaned_data
    children = [*data.get("children", []), *_new_child(actor, case, form)]
    return interventions.placement_start(
        actor=actor,
        case=case,
        start=data["start"],
        provider=data["provider"],
        decision=data["decision"],
        children=[interventions.ChildPlaced(child=child) for child in children],
    )


@transaction.atomic
def _placement_child_add(*, actor, placement: Placement, form) -> PlacementChild:
    chosen = form.cleaned_data.get("child")
    child = chosen if chosen is not None else _new_child(actor, placement.case, form)[0]
    return interventions.placement_child_add(actor=actor, placement=placement, child=child)


@GET_POST
@requires(policies.case_participation)
def placement_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.PlacementForm(bound(request), case=case)
    placement = submit(
        form, lambda _data: _placement_start(actor=request.user, case=case, form=form)
    )
    if placement:
        message = _("The placement is recorded. Follow it up by %(due)s.") % {
            "due": placement.follow_up_due.isoformat()
        }
        return case_done(request, case, message)
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a placement in protected housing"),
        submit_label=_("Record the placement"),
        template="cases/work/placement_form.html",
    )


def _placement(case: Case, placement_id) -> Placement:
    return get_object_or_404(
        Placement.objects.select_related("case__person", "decision"),
        case=case,
        public_id=placement_id,
    )


@GET_POST
@requires(policies.case_participation)
def placement_child_add(request, case_id, placement_id):
    case = case_for_work(request, case_id)
    placement = _placement(case, placement_id)
    form = forms.PlacementChildForm(bound(request), placement=placement)
    add = _placement_child_add
    if submit(form, lambda _data: add(actor=request.user, placement=placement, form=form)):
        return case_done(request, case, _("The child is added to the placement."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Add a child placed with the parent"),
        submit_label=_("Add the child"),
        template="cases/work/placement_form.html",
        intro=forms.placement_label(placement, case=case),
    )


@GET_POST
@requires(policies.case_participation)
def child_schooling(request, case_id, placement_id, child_id):
    case = case_for_work(request, case_id)
    placement = _placement(case, placement_id)
    placed = get_object_or_404(
        PlacementChild.objects.select_related("child", "placement__case"),
        placement=placement,
        child__public_id=child_id,
    )
    initial = {"schooling_start": placed.schooling_start, "schooling_kind": placed.schooling_kind}
    form = forms.ChildSchoolingForm(bound(request), initial=initial)
    record = interventions.child_schooling_record
    if submit(form, lambda data: record(actor=request.user, placed=placed, **data)):
        return case_done(request, case, _("The child's schooling is recorded."))
    # Schooling is due within the same week as the placement's follow-up (7 days).
    intro = _(
        "%(child)s, placed with the parent from %(start)s. Schooling, at a school or with "
        "Lärteamet, is due within a week, by %(due)s."
    ) % {
        "child": placed_child_display_name(placed.child, parent=case.person),
        "start": placement.start.isoformat(),
        "due": placement.follow_up_due.isoformat(),
    }
    return case_form_page(
        request,
        case,
        form,
        title=_("Record the child's schooling"),
        submit_label=_("Save the schooling"),
        intro=intro,
    )


def permanence_message(placement: Placement) -> str:
    if is_permanent(placement.next_housing_type, placement.next_housing_contract_months):
        return _("The housing the person moves to counts as permanent housing.")
    return _("The housing the person moves to does not count as permanent housing.")


@GET_POST
@requires(policies.case_participation)
def placement_end(request, case_id, placement_id):
    case = case_for_work(request, case_id)
    placement = _placement(case, placement_id)
    form = forms.PlacementEndForm(bound(request))
    end = interventions.placement_end
    if submit(form, lambda data: end(actor=request.user, placement=placement, **data)):
        message = _("The placement is ended.") + " " + permanence_message(placement)
        return case_done(request, case, message)
    return case_form_page(
        request,
        case,
        form,
        title=_("End the placement"),
        submit_label=_("End the placement"),
        intro=forms.placement_label(placement, case=case),
        warning=_("The placement has already ended.") if placement.end is not None else "",
    )


# --- follow-ups, SHIS and SIP -------------------------------------------------------------------


def _preselected(request, *names: str) -> dict:
    """``?placement=<uuid>`` or ``?decision=<uuid>`` from a link on the case page."""
    initial = {}
    for name in names:
        try:
            initial[name] = str(uuid.UUID(request.GET.get(name, "")))
        except ValueError:
            continue
    return initial


@GET_POST
@requires(policies.case_participation)
def follow_up_add(request, case_id):
    case = case_for_work(request, case_id)
    initial = _preselected(request, "placement", "decision")
    form = forms.FollowUpForm(bound(request), case=case, initial=initial)
    record = interventions.follow_up_record
    if submit(form, lambda data: record(actor=request.user, case=case, **data)):
        return case_done(request, case, _("The follow-up is recorded."))
    return case_form_page(
        request, case, form, title=_("Record a follow-up"), submit_label=_("Record the follow-up")
    )


@GET_POST
@requires(policies.case_participation)
def shis_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.ShisReferralForm(bound(request))
    if submit(form, lambda data: shis_referral_record(actor=request.user, case=case, **data)):
        return case_done(request, case, _("The referral to SHIS Bostäder is recorded."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a referral to SHIS Bostäder"),
        submit_label=_("Record the referral"),
    )


@GET_POST
@requires(policies.case_participation)
def sip_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.SipForm(bound(request))
    if submit(form, lambda data: plans.sip_record(actor=request.user, case=case, **data)):
        return case_done(request, case, _("The SIP is recorded."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a SIP with the region"),
        submit_label=_("Record the SIP"),
    )
