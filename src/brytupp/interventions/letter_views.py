"""The decision letter as a PDF, and the lead unit's choice of how a protected person's letter
reaches them (``letter.py``)."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.views.kit import GET_POST, case_done, case_form_page
from brytupp.govuk.forms import GovukForm, bound, submit
from brytupp.govuk.pdf import pdf_render

from .letter import decision_for_delivery, decision_letter_delivery_set, decision_letter_get
from .models import LetterDelivery

LETTER_STYLESHEETS = ("brytupp/pdf.css", "interventions/letter.css")


class LetterDeliveryForm(GovukForm):
    letter_delivery = forms.ChoiceField(
        label=gettext_lazy("How does the letter reach the person?"),
        choices=LetterDelivery.choices,
        widget=forms.RadioSelect,
    )


@require_http_methods(["GET"])
@requires(policies.case_participation)
def decision_letter(request, case_id, decision_id):
    letter = decision_letter_get(actor=request.user, case_id=case_id, decision_id=decision_id)
    document = pdf_render(
        template_name="interventions/decision_letter.html",
        context={"letter": letter},
        stylesheets=LETTER_STYLESHEETS,
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.file_name}"'
    response["Cache-Control"] = "no-store"
    return response


@GET_POST
@requires(policies.case_lead)
def decision_letter_delivery(request, case_id, decision_id):
    decision = decision_for_delivery(actor=request.user, case_id=case_id, decision_id=decision_id)
    case = decision.application.case
    form = LetterDeliveryForm(bound(request), initial={"letter_delivery": decision.letter_delivery})
    chosen = submit(
        form,
        lambda data: decision_letter_delivery_set(actor=request.user, decision=decision, **data),
    )
    if chosen:
        return case_done(request, case, _("The delivery of the decision letter is chosen."))
    return case_form_page(
        request,
        case,
        form,
        title=_("Choose the delivery"),
        submit_label=_("Save the delivery"),
        intro=_(
            "The person's identity is protected: the letter prints no address, only how it "
            "reaches the person."
        ),
    )
