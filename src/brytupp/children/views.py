"""The child's pages (decision 0044): the child's page, and the forms reached from it — the
school, a guardian, a report of concern and its outcome — and the answer to a report of
concern routed to the user's unit. Each declares a page rule; the child's pages then check
``policies.child_matters_*`` through ``overview.child_get`` and the services (404 alike for a
person who is not a child in the case and a user whose unit may not), and follow the loop of
``cases.views.kit``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.views.kit import GET_POST
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import placed_child_display_name

from . import services
from .forms import (
    ACCEPT,
    BY_NUMBER,
    ChildGuardianForm,
    ChildSchoolForm,
    ReportAnswerForm,
    ReportOfConcernForm,
    ReportOutcomeForm,
)
from .kit import child_done, child_for_form, child_form_page
from .models import ChildRecord, ReportOfConcern
from .overview import child_overview


@require_GET
@requires(policies.child_matters)
def child_page(request, case_id, child_id):
    overview = child_overview(actor=request.user, case_id=case_id, child_id=child_id)
    return render(request, "children/child.html", {"overview": overview, "case": overview.case})


@GET_POST
@requires(policies.child_matters)
def child_school(request, case_id, child_id):
    case, child = child_for_form(request, case_id, child_id)
    record = ChildRecord.objects.filter(case=case, child=child).first()
    initial = (
        {"school_kind": record.school_kind, "school_name": record.school_name} if record else {}
    )
    if policies.child_school_withheld(
        case, child, policies.child_matters_units_of(request.user, case, child)[0].pk
    ):
        initial.pop("school_name", None)
    form = ChildSchoolForm(bound(request), initial=initial)
    if submit(
        form,
        lambda data: services.child_record_change(
            actor=request.user, case=case, child=child, **data
        ),
    ):
        return child_done(request, case, child, _("The child's school or preschool is recorded."))
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("School or preschool"),
        submit_label=_("Save"),
        intro=_(
            "Where the child is every day. For a child with a protected identity the name is "
            "shown to the lead unit only."
        ),
    )


@GET_POST
@requires(policies.child_matters)
def child_guardian_add(request, case_id, child_id):
    case, child = child_for_form(request, case_id, child_id, leads=True)
    form = ChildGuardianForm(bound(request))
    if submit(
        form,
        lambda data: services.child_guardian_link(
            actor=request.user,
            case=case,
            child=child,
            identity_number=data["identity_number"] if data["who"] == BY_NUMBER else "",
        ),
    ):
        return child_done(request, case, child, _("The guardian is recorded."))
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("Record a guardian"),
        submit_label=_("Record the guardian"),
        intro=_(
            "A guardian who is a threat person of the case is marked as threatening. A child "
            "linked to a protected guardian gets the guardian's protection."
        ),
    )


@GET_POST
@requires(policies.child_matters)
def report_of_concern_add(request, case_id, child_id):
    case, child = child_for_form(request, case_id, child_id)
    form = ReportOfConcernForm(bound(request))
    if submit(
        form,
        lambda data: services.report_of_concern_record(
            actor=request.user, case=case, child=child, **data
        ),
        actor=request.user,
    ):
        return child_done(
            request,
            case,
            child,
            _("The report of concern is recorded and passed on to children and young people."),
        )
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("Record a report of concern"),
        submit_label=_("Record and pass on the report"),
        intro=_(
            "The report is passed on to the district's unit for children and young people "
            "without the parent's consent: the duty to report overrides secrecy. That unit "
            "reads the child's matters once it accepts, not the parent's case."
        ),
    )


@GET_POST
@requires(policies.child_matters)
def report_of_concern_outcome(request, case_id, child_id, report_id):
    case, child = child_for_form(request, case_id, child_id)
    try:
        report = ReportOfConcern.objects.select_related("routing", "case", "child").get(
            case=case, child=child, public_id=report_id
        )
    except ReportOfConcern.DoesNotExist:
        raise Http404 from None
    if report.routing.unit_id not in {
        unit.pk for unit in policies.child_matters_units_of(request.user, case, child)
    }:
        raise Http404
    form = ReportOutcomeForm(bound(request))
    if submit(
        form,
        lambda data: services.report_outcome_record(actor=request.user, report=report, **data),
    ):
        return child_done(request, case, child, _("The outcome of the report is recorded."))
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("Outcome of the report of concern"),
        submit_label=_("Record the outcome"),
        intro=_("Report of %(date)s.") % {"date": report.date.isoformat()},
    )


@GET_POST
@requires(policies.child_invitations)
def report_of_concern_answer(request, part_id):
    part = services.child_part_to_answer(actor=request.user, public_id=part_id)
    case, child, report = part.case, part.child, part.origin
    access_log_record(
        actor=request.user, kind=AccessKind.VIEW, case=case, person=child, unit=part.unit
    )
    form = ReportAnswerForm(bound(request))

    def answer(data):
        if data["answer"] == ACCEPT:
            return services.child_part_accept(actor=request.user, part=part)
        return services.child_part_decline(actor=request.user, part=part, reason=data["reason"])

    answered = submit(form, answer)
    if answered is not None:
        if answered.status == "active":
            return child_done(request, case, child, _("The report is accepted."))
        messages.success(request, _("The report is declined."))
        return redirect("web:start")
    return render(
        request,
        "children/answer.html",
        {
            "title": _("Report of concern to receive"),
            "form": form,
            "submit_label": _("Send the answer"),
            "back_url": reverse("web:start"),
            "caption": part.unit.name,
            "part": part,
            "report": report,
            "child_name": placed_child_display_name(child, parent=case.person),
        },
    )
