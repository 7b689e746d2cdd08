"""The work lists' pages. A list's table alone answers an htmx request (paging, filtering)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.assessments import selectors as risk_selectors
from brytupp.cases import opening as case_opening
from brytupp.cases import selectors as case_selectors
from brytupp.cases import transfers as case_transfers
from brytupp.children.selectors import reports_to_receive
from brytupp.contact.selectors import contact_requests_open_count

from . import selectors
from . import todo as todo_selectors


def _table_only(request) -> bool:
    """An htmx request that replaces the table alone; a history restore needs the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _case_list_page(request, *, selector, template: str, current: str, start: bool = False):
    page = selector(actor=request.user, page_number=request.GET.get("page", 1))
    table = {
        "page": page,
        "current": current,
        "several_units": len(selectors.case_units(request.user)) > 1,
    }
    if _table_only(request):
        return render(request, "worklists/partials/case_table.html", table)
    context = {
        **table,
        "tabs": policies.case_work.allows(request.user),
        "invitations": selectors.invitation_list(actor=request.user),
        "reports_to_receive": reports_to_receive(actor=request.user),
    }
    if start:
        # The start page lists the requests for a new case the user's unit answers, and the
        # cases no longer shared with the user's units.
        context["opening_requests"] = case_opening.opening_request_list(actor=request.user)
        context["transfers"] = case_transfers.case_transfer_list(actor=request.user)
        context["ended_parts"] = case_selectors.parts_no_longer_shared(actor=request.user)
        context["risk_raised"] = risk_selectors.risk_raised_recently(actor=request.user)
        if policies.contact_requests.allows(request.user):
            context["contact_requests_waiting"] = contact_requests_open_count(actor=request.user)
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.case_work)
def work(request):
    return _case_list_page(
        request,
        selector=selectors.case_list_mine,
        template="worklists/work.html",
        current="mine",
        start=True,
    )


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.cases)
def unit_cases(request):
    return _case_list_page(
        request,
        selector=selectors.case_list_unit,
        template="worklists/unit_cases.html",
        current="unit",
    )


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.case_participation)
def todo(request):
    units = selectors.case_units(request.user)
    filters = todo_selectors.TodoFilter.from_query(request.GET, units=units)
    page = todo_selectors.todo_list(
        actor=request.user, filters=filters, page_number=request.GET.get("page", 1)
    )
    context = {
        "page": page,
        "filters": filters,
        "units": units,
        "kinds": todo_selectors.TodoKind.choices,
        "sorts": todo_selectors.TODO_SORT_LABELS.items(),
        "opening_requests": case_opening.opening_request_list(actor=request.user),
    }
    if _table_only(request):
        return render(request, "worklists/partials/todo_table.html", context)
    # Invitations and hand-overs waiting for the user's units are to do as well.
    context["invitations"] = selectors.invitation_list(actor=request.user)
    context["transfers"] = case_transfers.case_transfer_list(actor=request.user)
    return render(request, "worklists/todo.html", context)
