"""The RVT's pages of contact requests (decision 0054): the list of requests waiting and
handled lately, and one request with the form for what came of it. A request of another
district, or none at all, is the same 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit

from . import selectors, services
from .forms import ContactHandleForm


@require_GET
@requires(policies.contact_requests)
def contact_list(request):
    context = {
        "open": selectors.contact_requests_open(actor=request.user),
        "handled": selectors.contact_requests_handled(actor=request.user),
        "handled_days": selectors.HANDLED_SHOWN_FOR.days,
    }
    return render(request, "contact/list.html", context)


@require_http_methods(["GET", "POST"])
@requires(policies.contact_requests)
def contact_detail(request, contact_request_id: uuid.UUID):
    contact = selectors.contact_request_get(actor=request.user, public_id=contact_request_id)
    form = None
    if contact.is_open:
        form = ContactHandleForm(bound(request), version=contact.version)

        def write(data):
            return services.contact_request_handle(
                actor=request.user,
                request=contact,
                outcome=data["outcome"],
                version=data["version"],
            )

        if submit(form, write):
            messages.success(request, _("The request is handled and its contact details erased."))
            return redirect("contact:list")
    context = {"contact": contact, "form": form}
    return render(request, "contact/detail.html", context)
