"""The people pages of a case: showing a protected identity once, for a stated reason
(skyddade personuppgifter), and lowering a child's inherited protected identity.

Revealing is for a unit taking part in the case (``policies.case_participation``); lowering a
child's protection for the case's lead unit only (decision 0018). A user whose unit may not,
and a person who is not a child in the case, get the same 404.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.models import Case
from brytupp.cases.overview import case_get
from brytupp.cases.views.kit import GET_POST, case_done, case_form_page
from brytupp.govuk.forms import bound, submit

from . import protection
from .forms import ProtectionLowerForm, RevealForm
from .services import identity_reveal


@never_cache
@GET_POST
@requires(policies.case_participation)
def identity_reveal_view(request, case_id):
    """A GET (a reload, a link) shows the form that asks for the reason; the details are
    shown only in answer to a POST with one."""
    if request.method == "GET":
        case = case_get(actor=request.user, public_id=case_id, rule=policies.case_participation)
        return render(request, "people/revealed.html", {"case": case, "form": RevealForm()})
    case = policies.case_participation.get_or_404(
        request.user, queryset=Case.objects.select_related("person"), public_id=case_id
    )
    form = RevealForm(request.POST)
    revealed = submit(
        form,
        lambda data: identity_reveal(actor=request.user, case=case, reason=data["reason"]),
        actor=request.user,
    )
    return render(
        request, "people/revealed.html", {"case": case, "form": form, "revealed": revealed}
    )


@GET_POST
@requires(policies.case_lead)
def child_protection_lower(request, case_id, person_id):
    """Reached from the placements section of the case page."""
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    child = protection.case_child_get(actor=request.user, case=case, public_id=person_id)
    form = ProtectionLowerForm(bound(request))
    lower = protection.person_protection_lower
    if submit(
        form,
        lambda data: lower(actor=request.user, person=child, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The child's protected identity is lowered."))
    intro = _(
        "The child born %(birth_date)s has the parent's protected identity: %(level)s. "
        "Lowered, the child's name and identity number are shown to every unit in the case."
    ) % {
        "birth_date": child.birth_date.isoformat(),
        "level": child.get_protected_identity_display(),
    }
    return case_form_page(
        request,
        case,
        form,
        title=_("Lower a child's protected identity"),
        submit_label=_("Lower the protection"),
        intro=intro,
    )
