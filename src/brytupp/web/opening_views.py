"""Answering a request to open a case (decision 0016): the unit holding the person accepts
or refuses. The page shows who asks, from which unit, and why; nothing else of the new case."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases import opening as case_opening
from brytupp.govuk.forms import GovukForm

from .case_journey_views import _write


class RefuseForm(GovukForm):
    refusal_reason = forms.CharField(
        label=gettext_lazy("Why is the opening refused?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The requesting unit sees this reason."),
    )


@require_http_methods(["GET", "POST"])
@requires(policies.opening_requests)
def opening_request_answer(request, request_id):
    opening = case_opening.opening_request_get(actor=request.user, public_id=request_id)
    action = request.POST.get("action") if request.method == "POST" else None
    accept = GovukForm(request.POST if action == "accept" else None)
    refuse = RefuseForm(request.POST if action == "refuse" else None)
    if _write(
        request,
        accept,
        lambda data: case_opening.case_opening_accept(actor=request.user, request=opening),
    ):
        messages.success(request, _("The opening is accepted: the case is an ordinary case now."))
        return redirect("web:start")
    if _write(
        request,
        refuse,
        lambda data: case_opening.case_opening_refuse(
            actor=request.user, request=opening, reason=data["refusal_reason"]
        ),
    ):
        messages.success(request, _("The opening is refused and the case is closed."))
        return redirect("web:start")
    holding = case_opening.person_holding_case(opening.case.person)
    return render(
        request,
        "cases/opening_request.html",
        {
            "opening": opening,
            "accept": accept,
            "refuse": refuse,
            "holding_visible": holding is not None and policies.cases.check(request.user, holding),
            "holding": holding,
        },
    )
