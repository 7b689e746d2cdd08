"""Lowering a child's inherited protected identity: the case's lead unit only (decision 0018).

The page is reached from the placements section of the case page. A user whose unit does not
lead the case, and a person who is not a child in the case, get the same 404.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.overview import case_get
from brytupp.cases.views.kit import GET_POST, case_done, case_form_page
from brytupp.govuk.forms import GovukForm, bound, submit
from brytupp.people import protection


class ProtectionLowerForm(GovukForm):
    reason = forms.CharField(
        label=gettext_lazy("Why does the child not need the protection?"),
        widget=forms.Textarea,
        help_text=gettext_lazy("The reason is kept for log review."),
    )


@GET_POST
@requires(policies.case_lead)
def child_protection_lower(request, case_id, person_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    child = protection.case_child_get(actor=request.user, case=case, public_id=person_id)
    form = ProtectionLowerForm(bound(request))
    lower = protection.person_protection_lower
    if submit(form, lambda data: lower(actor=request.user, person=child, case=case, **data)):
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
