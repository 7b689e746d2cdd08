"""The organisation's pages: the districts and units every member of staff may look up, and
Behörigheter att godkänna, the second pair of eyes on a proposed membership (decision 0017).
A system administrator or a manager of the membership's unit approves or refuses, with a
reason; the proposer and the user the membership is for never see it there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import apply_errors

from . import selectors, services
from .forms import DecisionForm, RefusalForm


@require_GET
@requires(policies.organisation_directory)
def district_list(request):
    districts = selectors.district_list(actor=request.user)
    return render(request, "organisation/district_list.html", {"districts": districts})


@require_GET
@requires(policies.organisation_directory)
def district_detail(request, code):
    district = selectors.district_get(actor=request.user, code=code)
    return render(request, "organisation/district_detail.html", {"district": district})


@require_GET
@requires(policies.unit_directory)
def unit_detail(request, code):
    unit = selectors.unit_get(actor=request.user, code=code)
    staff = selectors.unit_staff(actor=request.user, unit=unit)
    return render(request, "organisation/unit_detail.html", {"unit": unit, "staff": staff})


@require_GET
@requires(policies.membership_approvals)
def membership_proposals(request):
    proposals = selectors.membership_proposal_list(actor=request.user)
    return render(request, "memberships/proposals.html", {"proposals": proposals})


@require_http_methods(["GET", "POST"])
@requires(policies.membership_approvals)
def membership_approve(request, membership_id):
    if request.method == "GET":
        # A reload or a link: proposals are approved from their list.
        return redirect("web:membership_proposals")
    proposal = selectors.membership_proposal_get(actor=request.user, membership_id=membership_id)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The proposal has been changed since you opened it."))
        services.membership_approve(
            actor=request.user,
            membership_id=proposal.pk,
            proposed_at=form.cleaned_data["proposed_at"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The membership is approved and in force."))
    return redirect("web:membership_proposals")


@require_http_methods(["GET", "POST"])
@requires(policies.membership_approvals)
def membership_refuse(request, membership_id):
    proposal = selectors.membership_proposal_get(actor=request.user, membership_id=membership_id)
    initial = {"proposed_at": proposal.proposed_at.isoformat() if proposal.proposed_at else ""}
    form = RefusalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_refuse(
                actor=request.user,
                membership_id=proposal.pk,
                proposed_at=form.cleaned_data["proposed_at"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The membership is refused."))
            return redirect("web:membership_proposals")
    return render(request, "memberships/refuse.html", {"form": form, "proposal": proposal})
