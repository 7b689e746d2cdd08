"""The screening pages: record a screening (FREDA-kortfrågor), then read it back and, when
violence was disclosed, open a case or refer the person to the district's RVT."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.opening import person_label, person_token
from brytupp.govuk.forms import bound, submit
from brytupp.organisation.selectors import district_rvt
from brytupp.people import selectors as people_selectors

from . import instruments
from .forms import ScreeningForm
from .models import Screening, ScreeningOutcome
from .services import screening_record


@require_http_methods(["GET", "POST"])
@requires(policies.case_opening)
def screening(request):
    form = ScreeningForm(bound(request), actor=request.user)

    def record(data):
        number = data["identity_number"]
        person = (
            people_selectors.person_match_for_opening(actor=request.user, identity_number=number)
            if number
            else None
        )
        return screening_record(
            actor=request.user,
            unit=data["unit"],
            date=data["date"],
            asked=data["asked"],
            person=person,
            answers=data["answers"],
            told_of_help=data.get("told_of_help"),
            not_asked_reason=data.get("not_asked_reason", ""),
            not_asked_note=data.get("not_asked_note", ""),
        )

    recorded = submit(form, record, actor=request.user)
    if recorded is not None:
        if form.cleaned_data["identity_number"] and recorded.person is None:
            messages.warning(
                request,
                _(
                    "No one is registered with that identity number, so the screening was "
                    "recorded without a person."
                ),
            )
        return redirect("cases:screening_recorded", screening_id=recorded.public_id)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("Record a screening"),
            "intro": _(
                "Record every time you asked the short questions about violence "
                "(FREDA-kortfrågor, from Socialstyrelsen's form), whatever the answers, and "
                "every time you did not, with why."
            ),
            "submit_label": _("Record the screening"),
            "back_url": reverse("web:start"),
        },
    )


@require_GET
@requires(policies.own_screenings)
def screening_recorded(request, screening_id):
    recorded = policies.own_screenings.get_or_404(
        request.user,
        queryset=Screening.objects.select_related("unit__district", "person"),
        public_id=screening_id,
    )
    positive = recorded.outcome == ScreeningOutcome.POSITIVE
    token = ""
    if positive and recorded.person is not None:
        label = person_label(
            person=recorded.person, typed={}, fallback=_("The person linked to the screening")
        )
        token = person_token(actor=request.user, person=recorded.person, label=label)
    return render(
        request,
        "assessments/screening_recorded.html",
        {
            "screening": recorded,
            "positive": positive,
            "rvt": district_rvt(district=recorded.unit.district) if positive else None,
            "person_token": token,
            "answers": [
                (code[1:], instruments.label(instruments.SHORT_ANSWERS, answer))
                for code, answer in sorted(
                    recorded.answers.items(), key=lambda item: int(item[0][1:])
                )
            ],
        },
    )
