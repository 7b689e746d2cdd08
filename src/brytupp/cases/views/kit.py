"""The loop every page of work in a case follows.

A page fetches the case through ``case_participation`` (404 alike for a case that does not
exist and one the user's unit does not take part in, on GET and POST), parses one form with
``govuk.forms.bound``, calls one service through ``govuk.forms.submit`` and returns to the case
page with a message. A service's refusal is shown on the form, and nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.cases.models import Case
from brytupp.cases.overview import case_get
from brytupp.people.presentation import person_display_name

GET_POST = require_http_methods(["GET", "POST"])


def case_for_work(request, case_id) -> Case:
    """The case, if one of the user's units takes part in it; the view is logged."""
    return case_get(actor=request.user, public_id=case_id, rule=policies.case_participation)


def case_form_page(
    request,
    case: Case,
    form,
    *,
    title,
    submit_label,
    template=None,
    after_closing: bool = False,
    **context,
):
    """A form about a case, captioned with the person's name as the user may see it. A closed
    case warns that nothing more can be recorded, unless the page is one of the few that
    stay open after closing (``after_closing``: ending a placement)."""
    warning = context.pop("warning", "")
    if case.closed is not None and not after_closing:
        warning = _("The case is closed. Nothing more can be recorded in it.")
    return render(
        request,
        template or "web/form_page.html",
        {
            "case": case,
            "title": title,
            "form": form,
            "submit_label": submit_label,
            "back_url": reverse("cases:detail", args=[case.public_id]),
            "caption": person_display_name(case.person),
            "warning": warning,
            **context,
        },
    )


def case_done(request, case: Case, message: str, *, warning: str = "", section: str = ""):
    """Back to the case page (at ``section``, an anchor, if given) with the outcome as a
    message."""
    messages.success(request, message)
    if warning:
        messages.warning(request, warning)
    url = reverse("cases:detail", args=[case.public_id])
    return redirect(f"{url}#{section}" if section else url)
