"""The pages of applications and decisions (decision 0041): record an application, decide it,
record the day the decision was communicated, an appeal and the court's outcome (upheld, set
aside, or changed: the court's decision replaces the appealed one), and re-examine a decision. Each follows
the loop of ``cases.views.kit``: the case through ``case_participation`` (404 alike for a case
that does not exist and one the user's unit does not take part in), then the unit's own rule,
``policies.unit_decides_in_case`` (404 too), one form, one service; a refusal is shown on the
form and nothing is saved."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.models import Case
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.organisation.models import Unit
from brytupp.people.presentation import placed_child_display_name
from brytupp.people.protection import case_children

from . import decision_forms as forms
from . import decisions
from .models import Application, ApplicationDecision, DecisionAppeal

SECTION = "applications"


def _deciding_units(user, case: Case) -> list[Unit]:
    """The user's units that record applications and decisions in the case."""
    units = policies.units_with_role(user, *policies.CASE_ROLES)
    return [unit for unit in units if policies.unit_decides_in_case(user, unit, case)]


def _require_decides(request, unit: Unit, case: Case) -> None:
    if not policies.unit_decides_in_case(request.user, unit, case):
        raise Http404


def _require_follows_up(request, application: Application, case: Case) -> None:
    """The receiving unit's users, or for Socialjouren's after-hours decision the lead unit's,
    which takes it over (``policies.application_follow_up_unit``): 404 for anyone else."""
    if not policies.application_followed_up_by(request.user, application, case):
        raise Http404


def _decision(request, case: Case, decision_id) -> ApplicationDecision:
    decision = get_object_or_404(
        ApplicationDecision.objects.select_related("application__unit", "legal_ground"),
        application__case=case,
        public_id=decision_id,
    )
    _require_follows_up(request, decision.application, case)
    return decision


def _appeal(request, case: Case, appeal_id) -> DecisionAppeal:
    appeal = get_object_or_404(
        DecisionAppeal.objects.select_related("decision__application__unit"),
        decision__application__case=case,
        public_id=appeal_id,
    )
    _require_follows_up(request, appeal.decision.application, case)
    return appeal


@GET_POST
@requires(policies.case_participation)
def application_add(request, case_id):
    case = case_for_work(request, case_id)
    units = _deciding_units(request.user, case)
    if not units:
        raise Http404
    children = {
        str(child.public_id): child
        for child in case_children(case).order_by("birth_date", "pk")
        if policies.child_matters_readable(request.user, case, child)
    }
    offered = [
        (key, placed_child_display_name(c, parent=case.person)) for key, c in children.items()
    ]
    # ``?barn=<public id>`` from the child's page (decision 0045).
    initial = {"child": request.GET.get("barn", "")} if request.GET.get("barn") in children else {}
    form = forms.ApplicationForm(bound(request), units=units, children=offered, initial=initial)
    record = decisions.application_record

    def write(data):
        data = {"unit": units[0], **data}
        data["child"] = children.get(data.pop("child", "") or "")
        return record(actor=request.user, case=case, **data)

    if submit(form, write, actor=request.user):
        return case_done(request, case, _("The application is recorded."), section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Record an application or an initiated matter"),
        submit_label=_("Record the application"),
    )


@GET_POST
@requires(policies.case_participation)
def application_decide(request, case_id, application_id):
    case = case_for_work(request, case_id)
    application = get_object_or_404(
        Application.objects.select_related("unit"), case=case, public_id=application_id
    )
    _require_decides(request, application.unit, case)
    form = forms.DecideForm(
        bound(request), unit=application.unit, for_child=application.child_id is not None
    )

    def decide(_data):
        when, terms = form.terms()
        return decisions.application_decide(
            actor=request.user, application=application, terms=terms, **when
        )

    decision = submit(form, decide, actor=request.user)
    if decision:
        message = _("The decision is recorded: %(outcome)s.") % {
            "outcome": decision.get_outcome_display()
        }
        return case_done(request, case, message, section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Decide the application"),
        submit_label=_("Record the decision"),
        intro=application.asked,
    )


@GET_POST
@requires(policies.case_participation)
def decision_communicated(request, case_id, decision_id):
    case = case_for_work(request, case_id)
    decision = _decision(request, case, decision_id)
    form = forms.CommunicatedForm(bound(request))
    communicated_set = decisions.decision_communicated_set
    if submit(
        form,
        lambda data: communicated_set(actor=request.user, decision=decision, **data),
        actor=request.user,
    ):
        return case_done(
            request, case, _("The day the decision was communicated is recorded."), section=SECTION
        )
    return case_form_page(
        request,
        case,
        form,
        title=_("The decision has been communicated"),
        submit_label=_("Save the date"),
    )


@GET_POST
@requires(policies.case_participation)
def decision_appeal_add(request, case_id, decision_id):
    case = case_for_work(request, case_id)
    decision = _decision(request, case, decision_id)
    form = forms.AppealForm(bound(request))
    appeal_record = decisions.decision_appeal_record
    if submit(
        form,
        lambda data: appeal_record(actor=request.user, decision=decision, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The appeal is recorded."), section=SECTION)
    return case_form_page(
        request, case, form, title=_("Record an appeal"), submit_label=_("Record the appeal")
    )


@GET_POST
@requires(policies.case_participation)
def appeal_outcome(request, case_id, appeal_id):
    case = case_for_work(request, case_id)
    appeal = _appeal(request, case, appeal_id)
    form = forms.AppealOutcomeForm(bound(request))
    outcome_set = decisions.decision_appeal_outcome_set
    if submit(
        form,
        lambda data: outcome_set(actor=request.user, appeal=appeal, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The court's outcome is recorded."), section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Record the court's outcome"),
        submit_label=_("Record the outcome"),
    )


@GET_POST
@requires(policies.case_participation)
def decision_reexamine(request, case_id, decision_id):
    """Re-examine (ompröva) a decision in force: a new decision under a delegation, which
    replaces it; the earlier one is kept and shown as replaced."""
    case = case_for_work(request, case_id)
    decision = _decision(request, case, decision_id)
    unit = policies.application_follow_up_unit(decision.application, case)
    form = forms.DecideForm(bound(request), unit=unit)

    def reexamine(_data):
        when, terms = form.terms()
        return decisions.decision_reexamine(
            actor=request.user, decision=decision, terms=terms, **when
        )

    new = submit(form, reexamine, actor=request.user)
    if new:
        message = _("The re-examined decision is recorded: %(outcome)s.") % {
            "outcome": new.get_outcome_display()
        }
        return case_done(request, case, message, section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Re-examine the decision"),
        submit_label=_("Record the new decision"),
        intro=_("The decision of %(decided)s: %(outcome)s. It is kept, marked replaced.")
        % {"decided": decision.decided.isoformat(), "outcome": decision.get_outcome_display()},
    )


@GET_POST
@requires(policies.case_participation)
def appeal_changed(request, case_id, appeal_id):
    """The court changed the appealed decision: its decision replaces the appealed one."""
    case = case_for_work(request, case_id)
    appeal = _appeal(request, case, appeal_id)
    form = forms.CourtChangeForm(bound(request), also_on=appeal.decision.decided)
    outcome_set = decisions.decision_appeal_outcome_set
    if submit(
        form,
        lambda _data: outcome_set(actor=request.user, appeal=appeal, **form.service_arguments()),
        actor=request.user,
    ):
        return case_done(
            request,
            case,
            _("The court's decision is recorded and replaces the appealed one."),
            section=SECTION,
        )
    return case_form_page(
        request,
        case,
        form,
        title=_("The court changed the decision"),
        submit_label=_("Record the court's decision"),
    )
