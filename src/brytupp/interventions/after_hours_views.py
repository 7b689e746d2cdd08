"""The pages of Socialjouren's after-hours decision (decision 0042): the decision itself, for a
Socialjour worker with a running emergency access to the case (``policies.after_hours_grant``:
404 alike for a case that does not exist, no access, an access that has run out, another
user's access), and the lead unit's acknowledgement that it has reviewed it
(``policies.case_lead``: 404 for every other unit). One form or one button, one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.overview import case_get
from brytupp.cases.views.kit import GET_POST, case_done, case_form_page
from brytupp.govuk.forms import bound, submit

from . import after_hours
from .after_hours_forms import AfterHoursForm
from .models import AfterHoursDecision

SECTION = "applications"


@GET_POST
@requires(policies.after_hours_decision)
def after_hours_decide(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.after_hours_decision)
    grant = policies.after_hours_grant(request.user, case)
    if grant is None:
        raise Http404
    form = AfterHoursForm(bound(request), unit=grant.unit)

    def decide(_data):
        return after_hours.after_hours_decide(actor=request.user, case=case, **form.arguments())

    decision = submit(form, decide, actor=request.user)
    if decision:
        message = _("The after-hours decision is recorded: %(outcome)s.") % {
            "outcome": decision.get_outcome_display()
        }
        return case_done(request, case, message, section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Make an after-hours decision"),
        submit_label=_("Record the decision"),
        intro=_(
            "Socialjouren's decision under emergency access, made today in the name of "
            "%(unit)s. The lead unit is told the next working day."
        )
        % {"unit": grant.unit.name},
    )


@GET_POST
@requires(policies.case_lead)
def after_hours_acknowledge(request, case_id, decision_id):
    """POST marks it reviewed; a GET (a reload, a link) leads to the decision on the case page,
    where the button is."""
    anchor = f"{reverse('cases:detail', args=[case_id])}#application-decision-{decision_id}"
    if request.method != "POST":
        return redirect(anchor)
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    flag = get_object_or_404(
        AfterHoursDecision.objects.select_related("decision__application__case"),
        decision__application__case=case,
        decision__public_id=decision_id,
    )
    try:
        after_hours.after_hours_decision_acknowledge(actor=request.user, after_hours=flag)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The after-hours decision is marked reviewed."))
    return redirect(anchor)
