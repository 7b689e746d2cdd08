"""Log review (loggkontroll): search the access log, mark entries reviewed, the monthly
review list and a person's register extract, as a page and as a PDF. Entries show opaque ids,
never a name."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.audit import review
from brytupp.audit.extract import register_extract_person_find, register_extract_produce
from brytupp.audit.extract_requests import extract_request_to_decide_count
from brytupp.audit.forms import ExtractFindForm, LogSearchForm, MonthForm, ReviewForm
from brytupp.govuk.forms import apply_errors
from brytupp.govuk.pdf import pdf_render

from .extract_requests import extract_requested_render


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_http_methods(["GET"])
@requires(policies.log_review)
def log_review_search(request):
    form = LogSearchForm(request.GET or None)
    page = None
    # A filter that cannot be read, or a short id that begins no id or several, is said on
    # its field and nothing is searched: no list that looks filtered and is not.
    if form.is_valid() or not form.is_bound:
        filters = form.cleaned_data if form.is_bound else {}
        try:
            page = review.log_search(
                actor=request.user, **filters, page_number=request.GET.get("page", 1)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "log_review/search.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "next": request.get_full_path(),
            "may_extract": policies.register_extract.allows(request.user),
            "extract_approvals": extract_request_to_decide_count(actor=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(policies.log_review)
def log_review_mark(request, seq):
    if request.method == "GET":
        # A reload or a link: entries are marked from the log's list, which leads on.
        messages.info(request, _("Mark an entry reviewed from the list of entries."))
        return redirect("log_review:search")
    entry = review.log_entry_get(actor=request.user, seq=seq)
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        review.log_entry_review(actor=request.user, entry=entry, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry is marked reviewed."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "log_review:search"
    return redirect(target)


@require_http_methods(["GET"])
@requires(policies.log_review)
def log_review_month(request):
    form = MonthForm(request.GET)
    month = form.cleaned_data.get("month") if form.is_valid() else None
    if month is None:
        month = timezone.localdate().replace(day=1)
    monthly = review.log_review_month(actor=request.user, month=month)
    previous = (monthly.month - datetime.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "log_review/month.html",
        {
            "monthly": monthly,
            "previous": previous,
            "next": request.get_full_path(),
            "may_extract": policies.register_extract.allows(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(policies.register_extract)
def register_extract_find(request):
    """The identity number goes in a POST, never in a URL; the extract is then addressed by
    the person's opaque id."""
    form = ExtractFindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = register_extract_person_find(
            actor=request.user, identity_number=form.cleaned_data["identity_number"]
        )
        if found is not None and found.person_id is not None:
            return redirect("log_review:register_extract", person_id=found.person_id)
        if found is not None:
            # A protected person: a request waits for a second person (decision 0023). The page
            # names the request, never the person.
            return extract_requested_render(request, found.request)
        # Shown back only when it matches no one, so no person's number is on the page.
        form.add_error("identity_number", _("No person with this number is registered."))
    return render(request, "log_review/register_extract_find.html", {"form": form})


@require_http_methods(["GET"])
@requires(policies.register_extract)
def register_extract(request, person_id):
    extract = register_extract_produce(actor=request.user, person_id=person_id)
    return render(request, "log_review/register_extract.html", {"extract": extract})


@require_http_methods(["GET"])
@requires(policies.register_extract)
def register_extract_pdf(request, person_id):
    extract = register_extract_produce(actor=request.user, person_id=person_id)
    document = pdf_render(
        template_name="log_review/register_extract_pdf.html", context={"extract": extract}
    )
    filename = f"registerutdrag-{extract.person_short}-{extract.produced_at:%Y-%m-%d}.pdf"
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
