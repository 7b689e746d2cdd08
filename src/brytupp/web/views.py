"""The shell's pages: the start page that sends each role to its own page, the overviews of a
unit, a district and the city, the administration page, and the language switch. Each declares
its access rule; none holds business logic."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django.views.i18n import set_language

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.assessments import selectors as risk_selectors
from brytupp.audit import review
from brytupp.audit.extract_requests import extract_request_to_decide_count
from brytupp.cases import opening as case_opening
from brytupp.cases import selectors as case_selectors
from brytupp.cases import transfers as case_transfers
from brytupp.children.selectors import reports_to_receive
from brytupp.followup import selectors as followup_selectors
from brytupp.organisation import selectors as organisation_selectors
from brytupp.worklists.unit_overview import unit_overview_list

from .context import start_pages


@require_http_methods(["GET", "POST"])
@requires(policies.public)
def language_set(request):
    """A POST changes the language; a GET (a reload) changes nothing and, like Django's
    ``set_language``, leads back to the page it came from or the start page."""
    return set_language(request)


@require_GET
@requires(policies.signed_in)
def start(request):
    pages = start_pages(request.user)
    if pages:
        return redirect(pages[0][0])
    return render(request, "web/no_role.html")


@require_GET
@requires(policies.unit_overview)
def unit_overview(request):
    units = case_selectors.unit_case_summary(actor=request.user)
    staff = {
        unit.pk: organisation_selectors.unit_staff(actor=request.user, unit=unit) for unit in units
    }
    overviews = {o.unit.pk: o for o in unit_overview_list(actor=request.user)}
    context = {
        "units": units,
        "staff": staff,
        "overviews": overviews,
        "log_review_due": review.log_review_due(actor=request.user),
        "membership_proposals": organisation_selectors.membership_proposal_count(
            actor=request.user
        ),
        "opening_requests": case_opening.opening_request_list(actor=request.user),
        "transfers": case_transfers.case_transfer_list(actor=request.user),
        "reports_to_receive": reports_to_receive(actor=request.user),
        "extract_approvals": extract_request_to_decide_count(actor=request.user),
        "ended_parts": case_selectors.parts_no_longer_shared(actor=request.user),
        "risk_raised": risk_selectors.risk_raised_recently(actor=request.user),
    }
    return render(request, "web/unit_overview.html", context)


@require_GET
@requires(policies.district_overview)
def district_overview(request):
    districts = [
        {
            "district": district,
            "units": organisation_selectors.district_unit_summary(
                actor=request.user, district=district
            ),
            "cases": followup_selectors.district_case_counts(actor=request.user, district=district),
        }
        for district in policies.districts_overseen(request.user)
    ]
    context = {
        "districts": districts,
        "local_processes_of_city": policies.local_process_city.allows(request.user),
    }
    return render(request, "web/district_overview.html", context)


@require_GET
@requires(policies.city_followup)
def city_followup(request):
    rows = case_selectors.case_counts_by_district(actor=request.user)
    context = {
        "rows": rows,
        "local_processes_of_city": policies.local_process_city.allows(request.user),
    }
    return render(request, "web/city_followup.html", context)


@require_GET
@requires(policies.administration)
def administration(request):
    counts = organisation_selectors.organisation_counts(actor=request.user)
    proposals = organisation_selectors.membership_proposal_count(actor=request.user)
    return render(
        request,
        "web/administration.html",
        {
            "counts": counts,
            "membership_proposals": proposals,
            "extract_approvals": extract_request_to_decide_count(actor=request.user),
        },
    )
