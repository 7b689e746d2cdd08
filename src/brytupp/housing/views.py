"""The housing pages of a case: SHIS referrals; each follows the loop of
``cases.views.kit``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit

from . import forms
from .services import shis_referral_record


@GET_POST
@requires(policies.case_participation)
def shis_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.ShisReferralForm(bound(request))
    if submit(
        form,
        lambda data: shis_referral_record(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The referral to SHIS Bostäder is recorded."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a referral to SHIS Bostäder"),
        submit_label=_("Record the referral"),
    )
