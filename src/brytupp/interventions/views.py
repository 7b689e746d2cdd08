"""The intervention pages of a case: decisions, placements, the children placed and their
schooling, the end of a placement, follow-ups; each follows the loop of ``cases.views.kit``.

Each page fetches the case through ``case_participation`` (404 alike for a case that does not
exist and one the user's unit does not take part in, on GET and POST), parses one form, calls
one service and returns to the case page with a message. A service's refusal is shown on the
form, and nothing is saved.
"""

from __future__ import annotations

import uuid

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.models import Case
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.housing.plan import next_housing_from_contract
from brytupp.people.presentation import placed_child_display_name

from . import forms
from . import services as interventions
from .models import Placement, PlacementChild
from .presentation import (
    decision_period,
    permanence_message,
    placement_label,
    short_decision_warning,
)

# --- decisions -----------------------------------------------------------------------------------


@GET_POST
@requires(policies.case_participation)
def decision_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.DecisionForm(bound(request), case=case)
    make = interventions.decision_make
    decision = submit(
        form, lambda data: make(actor=request.user, case=case, **data), actor=request.user
    )
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


@GET_POST
@requires(policies.case_participation)
def placement_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.PlacementForm(bound(request), case=case)
    start = interventions.placement_start
    placement = submit(
        form,
        lambda _data: start(actor=request.user, case=case, **form.placement),
        actor=request.user,
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
        template="interventions/placement_form.html",
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
    add = interventions.placement_child_add
    if submit(
        form,
        lambda _data: add(actor=request.user, placement=placement, **form.child_placed),
        actor=request.user,
    ):
        return case_done(request, case, _("The child is added to the placement."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Add a child placed with the parent"),
        submit_label=_("Add the child"),
        template="interventions/placement_form.html",
        intro=placement_label(placement, case=case),
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
    if submit(
        form, lambda data: record(actor=request.user, placed=placed, **data), actor=request.user
    ):
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


@GET_POST
@requires(policies.case_participation)
def placement_cost(request, case_id, placement_id):
    """The cost per night learned after the placement was recorded, or corrected."""
    case = case_for_work(request, case_id)
    placement = _placement(case, placement_id)
    form = forms.PlacementCostForm(
        bound(request),
        version=placement.version,
        initial={"cost_per_night": placement.cost_per_night},
    )
    set_cost = interventions.placement_cost_set
    if submit(
        form,
        lambda data: set_cost(actor=request.user, placement=placement, **data),
        actor=request.user,
    ):
        return case_done(
            request,
            case,
            _("The cost per night is saved."),
            section=f"placement-{placement.public_id}",
        )
    return case_form_page(
        request,
        case,
        form,
        title=_("Cost per night"),
        submit_label=_("Save the cost"),
        intro=placement_label(placement, case=case),
    )


@GET_POST
@requires(policies.case_participation)
def placement_end(request, case_id, placement_id):
    case = case_for_work(request, case_id)
    placement = _placement(case, placement_id)
    # The housing the person moves to, from the contract on the housing plan (decision 0048).
    form = forms.PlacementEndForm(bound(request), initial=next_housing_from_contract(placement))
    end = interventions.placement_end
    if submit(
        form, lambda data: end(actor=request.user, placement=placement, **data), actor=request.user
    ):
        message = _("The placement is ended.") + " " + permanence_message(placement)
        return case_done(request, case, message)
    return case_form_page(
        request,
        case,
        form,
        title=_("End the placement"),
        submit_label=_("End the placement"),
        after_closing=True,
        intro=placement_label(placement, case=case),
        warning=_("The placement has already ended.") if placement.end is not None else "",
    )


# --- follow-ups ---------------------------------------------------------------------------------


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
    if submit(form, lambda data: record(actor=request.user, case=case, **data), actor=request.user):
        return case_done(request, case, _("The follow-up is recorded."))
    return case_form_page(
        request, case, form, title=_("Record a follow-up"), submit_label=_("Record the follow-up")
    )
