"""The register extract of a person's data (GDPR art. 15, decision 0043): the secrecy review
of its items, the review made, and the PDF. Pages address the person by their opaque id and a
review by its own; the data is on the review page and in the PDF only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.audit import data_extract
from brytupp.audit.forms import DataExtractReviewForm
from brytupp.govuk.forms import apply_errors
from brytupp.govuk.pdf import pdf_render


def _sections(items, form):
    """The items grouped by section, each with its review fields (none when locked)."""
    sections: list[tuple[str, list]] = []
    for item in items:
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        fields = (
            (None, None)
            if item.locked
            else (form[item.field_name], form[f"{item.field_name}-other"])
        )
        sections[-1][1].append((item, *fields))
    return sections


@require_http_methods(["GET", "POST"])
@requires(policies.register_extract)
def data_extract_review(request, person_id):
    collected = data_extract.data_extract_items(actor=request.user, person_id=person_id)
    form = DataExtractReviewForm(request.POST or None, items=collected.items)
    if request.method == "POST" and form.is_valid():
        try:
            review = data_extract.data_extract_review_save(
                actor=request.user, collected=collected, choices=form.choices()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("log_review:data_extract_made", review_id=review.public_id)
    return render(
        request,
        "log_review/data_extract_review.html",
        {
            "person_id": collected.person.public_id,
            "form": form,
            "sections": _sections(collected.items, form),
            "count": len(collected.items),
        },
    )


@require_GET
@requires(policies.data_extract_reviews)
def data_extract_made(request, review_id):
    review = data_extract.data_extract_review_get(actor=request.user, review_id=review_id)
    return render(
        request,
        "log_review/data_extract_made.html",
        {
            "review": review,
            "count": len(review.item_keys),
            "withheld": len(review.withheld),
        },
    )


@require_GET
@requires(policies.data_extract_reviews)
def data_extract_pdf(request, review_id):
    extract = data_extract.data_extract_produce(actor=request.user, review_id=review_id)
    document = pdf_render(
        template_name="log_review/data_extract_pdf.html", context={"extract": extract}
    )
    filename = f"registerutdrag-uppgifter-{extract.person_short}-{extract.produced_at:%Y-%m-%d}.pdf"
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
