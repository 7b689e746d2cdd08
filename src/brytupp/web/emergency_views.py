"""Emergency access (nödåtkomst) for Socialjouren: find a person's open case, state a reason,
read the case for a limited time."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access import selectors as access_selectors
from brytupp.access import services as access_services
from brytupp.access.declare import requires
from brytupp.govuk.forms import GovukForm, apply_errors


class EmergencySearchForm(GovukForm):
    identity_number = forms.CharField(
        label=gettext_lazy("Personal identity number or coordination number"),
        max_length=20,
        help_text=gettext_lazy("12 digits, or 10 digits with a hyphen."),
    )


class EmergencyReasonForm(GovukForm):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need access now?"),
        widget=forms.Textarea,
        help_text=gettext_lazy(
            "The reason is logged and shown to the unit manager in the log review."
        ),
    )


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
        "web/emergency_search.html",
        {"form": form, "candidates": candidates, "reason_form": EmergencyReasonForm()},
    )


@require_http_methods(["POST"])
@requires(policies.emergency_access)
def emergency_grant(request, case_id):
    case = access_selectors.emergency_case_for_grant(actor=request.user, public_id=case_id)
    form = EmergencyReasonForm(request.POST)
    if form.is_valid():
        try:
            grant = access_services.emergency_access_grant(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.warning(
                request,
                _("Emergency access until %(time)s. It is logged and reviewed.")
                % {"time": grant.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")},
            )
            return redirect("cases:detail", case_id=case.public_id)
    return render(
        request,
        "web/emergency_search.html",
        {"form": EmergencySearchForm(), "candidates": None, "reason_form": form, "case": case},
        status=200,
    )
