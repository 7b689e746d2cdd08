"""The move to another municipality's page on a closed case, and the summary for the receiving
municipality as a PDF (``move_summary``, decision 0050)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.pdf import pdf_render
from brytupp.people.presentation import person_display_name

from .move_summary import move_summary_get, municipality_move_get

SUMMARY_STYLESHEETS = ("brytupp/pdf.css", "cases/move_summary.css")


@require_GET
@requires(policies.municipality_move)
def municipality_move(request, case_id):
    case, move = municipality_move_get(actor=request.user, case_id=case_id)
    return render(
        request,
        "cases/municipality_move.html",
        {
            "case": case,
            "move": move,
            "offered": policies.move_summary_offered(move),
            "caption": person_display_name(case.person),
            "back_url": reverse("cases:detail", args=[case.public_id]),
        },
    )


@require_GET
@requires(policies.municipality_move)
def move_summary_pdf(request, case_id):
    summary = move_summary_get(actor=request.user, case_id=case_id)
    document = pdf_render(
        template_name="cases/move_summary_pdf.html",
        context={"summary": summary},
        stylesheets=SUMMARY_STYLESHEETS,
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{summary.file_name}"'
    response["Cache-Control"] = "no-store"
    return response
