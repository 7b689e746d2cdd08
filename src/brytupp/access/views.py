"""Emergency access (nödåtkomst) for Socialjouren: find a person's open case, state a reason,
read the case for a limited time. Every grant is logged and reviewed (``services``)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brytupp.govuk.forms import submit

from . import policies
from . import selectors as access_selectors
from . import services as access_services
from .declare import requires
from .forms import EmergencyReasonForm, EmergencySearchForm


@require_http_methods(["GET", "POST"])
@requires(policies.emergency_access)
def emergency_search(request):
    form = EmergencySearchForm(request.POST or None)
    candidates = None
    if request.method == "POST" and form.is_valid():
        candidates = access_selectors.emergency_candidates(
            actor=request.user, identity_number=form.cleaned_data["identity_number"]
        )
        # The number is not echoed back: it may be a protected person's.
        form = EmergencySearchForm()
    return render(
        request,
        "access/emergency_search.html",
        {"form": form, "candidates": candidates, "reason_form": EmergencyReasonForm()},
    )


@require_http_methods(["GET", "POST"])
@requires(policies.emergency_access)
def emergency_grant(request, case_id):
    if request.method == "GET":
        # A reload or a link: the grant is asked for from the search, which finds the case
        # again by the person's identity number (never in a URL).
        messages.info(request, _("Search for the person again to ask for emergency access."))
        return redirect("emergency_search")
    case = access_selectors.emergency_case_for_grant(actor=request.user, public_id=case_id)
    form = EmergencyReasonForm(request.POST)
    grant = submit(
        form,
        lambda data: access_services.emergency_access_grant(
            actor=request.user, case=case, reason=data["reason"]
        ),
        actor=request.user,
    )
    if grant is not None:
        messages.warning(
            request,
            _("Emergency access until %(time)s. It is logged and reviewed.")
            % {"time": grant.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")},
        )
        return redirect("cases:detail", case_id=case.public_id)
    return render(
        request,
        "access/emergency_search.html",
        {"form": EmergencySearchForm(), "candidates": None, "reason_form": form, "case": case},
    )
