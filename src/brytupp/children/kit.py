"""The loop of the forms reached from the child's page, shared by the child's matters
(``children.views``) and the child's own track (``interventions.child_track_views``): the case
and the child read through ``overview.child_get`` and the view logged on the child, the form
page with the child as its caption, and the way back to the child's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.people.presentation import placed_child_display_name

from .overview import child_access_ground, child_get


def child_url(case, child) -> str:
    return reverse("cases:child", args=[case.public_id, child.public_id])


def child_done(request, case, child, message: str):
    messages.success(request, message)
    return redirect(child_url(case, child))


def child_for_form(request, case_id, child_id, *, leads: bool = False):
    """The case and child for a form of the child's page (404 alike for a person who is not a
    child in the case and a user whose unit may not; ``leads``: the lead unit's only), the
    view logged on the child."""
    case, child = child_get(actor=request.user, case_id=case_id, child_id=child_id)
    if leads and not policies.child_matters_led(request.user, case, child):
        raise Http404
    unit = policies.child_matters_units_of(request.user, case, child)[0]
    access_log_record(
        actor=request.user,
        kind=AccessKind.VIEW,
        case=case,
        person=child,
        unit=unit,
        ground=child_access_ground(request.user, case, unit),
    )
    return case, child


def child_form_page(
    request, case, child, form, *, title, submit_label, intro="", closed_ok=False, **context
):
    """The form page; ``closed_ok``: a form that still records after the case closed (the
    child's own end of a placement) shows no warning."""
    warning = ""
    if case.closed is not None and not closed_ok:
        warning = _("The case is closed. Nothing more can be recorded in it.")
    return render(
        request,
        context.pop("template", "web/form_page.html"),
        {
            "title": title,
            "form": form,
            "submit_label": submit_label,
            "back_url": child_url(case, child),
            "caption": placed_child_display_name(child, parent=case.person),
            "intro": intro,
            "warning": warning,
            **context,
        },
    )
