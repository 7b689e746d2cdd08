"""Consent pages: the lead unit records the person's consent, and records its withdrawal.

Only units a consent in force covers can be invited; withdrawing it removes at once the
access of the units that only it covered (``policies.cases``).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name

from .. import forms
from .. import services as case_services
from ..overview import case_get
from .kit import GET_POST, case_done, case_form_page


@GET_POST
@requires(policies.case_lead)
def consent_add(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.ConsentRecordForm(bound(request), case=case)
    consent = submit(
        form,
        lambda data: case_services.consent_record(
            actor=request.user,
            case=case,
            given=data["given"],
            form=data["form"],
            purpose=data["purpose"],
            units=list(data["units"]),
            partners=list(data.get("partners", ())),
            expires=data["expires"],
            violence_description_units=list(data.get("violence_description_units", ())),
        ),
        actor=request.user,
    )
    if consent is not None:
        message = _("The consent is recorded. You can now invite the units it covers.")
        return case_done(request, case, message, section="consents")
    return case_form_page(
        request,
        case,
        form,
        title=_("Record consent"),
        intro=_(
            "Record the person's consent to share their case with other units and partners. "
            "Only units the consent covers can be invited to the case."
        ),
        submit_label=_("Record the consent"),
    )


@GET_POST
@requires(policies.case_lead)
def consent_withdraw(request, case_id, consent_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    consent = get_object_or_404(
        case.consents.prefetch_related("units", "partners", "violence_description_units"),
        public_id=consent_id,
    )
    form = forms.ConsentWithdrawForm(bound(request), consent=consent)
    withdrawn = submit(
        form,
        lambda data: case_services.consent_withdraw(
            actor=request.user, consent=consent, withdrawn=data["withdrawn"], unit=data["scope"]
        ),
        actor=request.user,
    )
    if withdrawn is not None:
        unit = form.cleaned_data["scope"]
        message = (
            _("The consent is withdrawn for %(unit)s. The other units keep their part.")
            % {"unit": unit.name}
            if unit is not None
            else _("The consent is withdrawn.")
        )
        return case_done(request, case, message, section="units")
    # Not ``case_form_page``: a consent may be withdrawn in a closed case too.
    return render(
        request,
        "cases/consent_withdraw.html",
        {
            "case": case,
            "consent": consent,
            "form": form,
            "title": _("Withdraw consent"),
            "warning": _(
                "Units that no other consent covers lose their access to the case at once and "
                "their part ends. What they recorded stays in the case."
            ),
            "submit_label": _("Withdraw the consent"),
            "caption": person_display_name(case.person),
            "back_url": reverse("cases:detail", args=[case.public_id]),
        },
    )
