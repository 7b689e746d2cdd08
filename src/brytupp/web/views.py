"""Pages of the web interface. Each declares its access rule; none holds business logic."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django.views.i18n import set_language

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.audit.extract_requests import extract_request_to_decide_count
from brytupp.cases import opening as case_opening
from brytupp.cases import selectors as case_selectors
from brytupp.cases import todo as todo_selectors
from brytupp.cases import worklists
from brytupp.followup import selectors as followup_selectors
from brytupp.organisation import selectors as organisation_selectors
from brytupp.organisation import services as organisation_services

from .context import ROLE_START_PAGES
from .forms import SignInForm
from .middleware import session_mark_signed_in


@method_decorator(never_cache, name="dispatch")
@requires(policies.public)
class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        session_mark_signed_in(self.request)
        return response


@requires(policies.public)
class SignOutView(auth_views.LogoutView):
    pass


@require_POST
@requires(policies.signed_in)
def sign_out_everywhere(request):
    """End this user's sessions on every device, this one included."""
    organisation_services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are signed out on every device."))
    return redirect("web:login")


@require_POST
@requires(policies.public)
def language_set(request):
    return set_language(request)


@require_GET
@requires(policies.signed_in)
def start(request):
    held = policies.roles(request.user)
    for role, name, _label in ROLE_START_PAGES:
        if role in held:
            return redirect(name)
    return render(request, "web/no_role.html")


def _table_only(request) -> bool:
    """An htmx request that replaces the table alone; a history restore needs the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _case_list_page(request, *, selector, template: str, current: str, start: bool = False):
    page = selector(actor=request.user, page_number=request.GET.get("page", 1))
    if _table_only(request):
        return render(request, "web/partials/case_table.html", {"page": page, "current": current})
    context = {
        "page": page,
        "current": current,
        "tabs": policies.case_work.allows(request.user),
        "invitations": worklists.invitation_list(actor=request.user),
    }
    if start:
        # The start page lists the requests for a new case the user's unit answers.
        context["opening_requests"] = case_opening.opening_request_list(actor=request.user)
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.case_work)
def work(request):
    return _case_list_page(
        request,
        selector=worklists.case_list_mine,
        template="web/work.html",
        current="mine",
        start=True,
    )


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.cases)
def unit_cases(request):
    return _case_list_page(
        request,
        selector=worklists.case_list_unit,
        template="worklists/unit_cases.html",
        current="unit",
    )


@require_GET
@vary_on_headers("HX-Request")
@requires(policies.case_participation)
def todo(request):
    units = worklists.case_units(request.user)
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
    return render(request, "worklists/todo.html", context)


@require_GET
@requires(policies.unit_overview)
def unit_overview(request):
    units = case_selectors.unit_case_summary(actor=request.user)
    staff = {
        unit.pk: organisation_selectors.unit_staff(actor=request.user, unit=unit) for unit in units
    }
    context = {
        "units": units,
        "staff": staff,
        "membership_proposals": organisation_selectors.membership_proposal_count(
            actor=request.user
        ),
        "opening_requests": case_opening.opening_request_list(actor=request.user),
        "extract_approvals": extract_request_to_decide_count(actor=request.user),
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
    return render(request, "web/district_overview.html", {"districts": districts})


@require_GET
@requires(policies.city_followup)
def city_followup(request):
    rows = case_selectors.case_counts_by_district(actor=request.user)
    return render(request, "web/city_followup.html", {"rows": rows})


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


@require_GET
@requires(policies.organisation_directory)
def district_list(request):
    districts = organisation_selectors.district_list(actor=request.user)
    return render(request, "web/district_list.html", {"districts": districts})


@require_GET
@requires(policies.organisation_directory)
def district_detail(request, code):
    district = organisation_selectors.district_get(actor=request.user, code=code)
    return render(request, "web/district_detail.html", {"district": district})


@require_GET
@requires(policies.unit_directory)
def unit_detail(request, code):
    unit = organisation_selectors.unit_get(actor=request.user, code=code)
    staff = organisation_selectors.unit_staff(actor=request.user, unit=unit)
    return render(request, "web/unit_detail.html", {"unit": unit, "staff": staff})
