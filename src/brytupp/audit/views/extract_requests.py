"""Register extracts of persons with protected identity (decision 0023): the administrator's
request, their list of requests, and the second person's approval or refusal. Pages name a
request by its short id and the person by their opaque id only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.audit import extract_requests
from brytupp.audit.extract import register_extract_person_get, register_extract_start
from brytupp.audit.forms import ExtractRefusalForm
from brytupp.govuk.forms import apply_errors

PROTECTED_NOTICE = gettext_lazy(
    "The person has protected identity: the extract is made once a second person approves the "
    "request (the manager of the unit holding the person, or another administrator)."
)


def extract_requested_render(request, extract_request):
    """The page saying a request waits: the request's short id, never the person's."""
    return render(
        request, "log_review/register_extract_requested.html", {"extract_request": extract_request}
    )


@require_http_methods(["GET", "POST"])
@requires(policies.register_extract)
def register_extract_open(request, person_id):
    """From a person id in log review: the extract when the administrator may produce it, for
    a protected person otherwise a request (made by POST) for a second person's approval."""
    person = register_extract_person_get(actor=request.user, person_id=person_id)
    if policies.register_extract_person_allowed(request.user, person):
        return redirect("log_review:register_extract", person_id=person.public_id)
    if request.method == "POST":
        register_extract_start(actor=request.user, person=person)
        messages.success(request, PROTECTED_NOTICE)
        return redirect("log_review:extract_requests_own")
    return render(request, "log_review/register_extract_ask.html", {"person_id": person_id})


@require_GET
@requires(policies.register_extract)
def extract_requests_own(request):
    own = extract_requests.extract_request_own_list(actor=request.user)
    return render(request, "log_review/extract_requests_own.html", {"requests": own})


@require_GET
@requires(policies.register_extract_approvals)
def extract_approvals(request):
    pending = extract_requests.extract_request_to_decide_list(actor=request.user)
    return render(request, "log_review/extract_approvals.html", {"requests": pending})


@require_http_methods(["GET", "POST"])
@requires(policies.register_extract_approvals)
def extract_approve(request, request_id):
    if request.method == "GET":
        # A reload or a link: requests are approved from the list of requests to decide.
        return redirect("log_review:extract_approvals")
    extract_requests.extract_request_approve(actor=request.user, request_id=request_id)
    messages.success(request, _("The register extract request is approved."))
    return redirect("log_review:extract_approvals")


@require_http_methods(["GET", "POST"])
@requires(policies.register_extract_approvals)
def extract_refuse(request, request_id):
    pending = extract_requests.extract_request_to_decide_get(
        actor=request.user, request_id=request_id
    )
    form = ExtractRefusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            extract_requests.extract_request_refuse(
                actor=request.user, request_id=pending.public_id, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The register extract request is refused."))
            return redirect("log_review:extract_approvals")
    return render(
        request, "log_review/extract_refuse.html", {"form": form, "extract_request": pending}
    )
