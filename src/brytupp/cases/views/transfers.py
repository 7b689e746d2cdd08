"""The hand-over of a case to another district (decision 0049): the lead unit's proposal and
its withdrawal (``policies.case_lead``), and the receiving unit's answer
(``policies.case_transfers``). Any other user gets the same 404 as for nothing at all."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import GovukForm, bound, submit
from brytupp.organisation import selectors as organisation_selectors

from .. import forms, transfers
from ..models import CaseTransfer, TransferStatus
from ..overview import case_get
from .kit import GET_POST, case_done, case_form_page


@GET_POST
@requires(policies.case_lead)
def transfer_propose(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.TransferProposeForm(bound(request), case=case)
    transfer = submit(
        form,
        lambda data: transfers.case_transfer_propose(
            actor=request.user,
            case=case,
            to_unit=data["to_unit"],
            reason=data["reason"],
            consent_given=data["consent_given"],
            consent_form=data["consent_form"],
        ),
        actor=request.user,
    )
    if transfer is not None:
        message = _("The hand-over to %(unit)s waits for its answer.") % {
            "unit": transfer.to_unit.name
        }
        return case_done(request, case, message, section="transfers")
    return case_form_page(
        request,
        case,
        form,
        title=_("Hand the case over to another district"),
        intro=_(
            "When the person moves to another district of the city, its relationship violence "
            "team takes the case over. It reads the case once it has received it; your units "
            "then no longer see the case, and what they recorded stays in it as its history."
        ),
        submit_label=_("Propose the hand-over"),
    )


@GET_POST
@requires(policies.case_lead)
def transfer_withdraw(request, case_id, transfer_id):
    """POST withdraws the proposal; a GET (a reload, a link) leads to the case page, where the
    button is (and which answers 404 to anyone who may not see the case)."""
    if request.method != "POST":
        return redirect("cases:detail", case_id)
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    transfer = CaseTransfer.objects.filter(
        case=case, public_id=transfer_id, status=TransferStatus.PROPOSED
    ).first()
    if transfer is None:
        raise Http404
    done = submit(
        GovukForm(request.POST),
        lambda data: transfers.case_transfer_withdraw(actor=request.user, transfer=transfer),
        actor=request.user,
    )
    if done is None:
        messages.error(request, _("The hand-over is no longer waiting for an answer."))
        return redirect("cases:detail", case.public_id)
    return case_done(request, case, _("The hand-over is withdrawn."), section="transfers")


@GET_POST
@requires(policies.case_transfers)
def transfer_answer(request, transfer_id):
    shown = transfers.case_transfer_get(actor=request.user, public_id=transfer_id)
    transfer = shown.transfer
    action = request.POST.get("action") if request.method == "POST" else None
    staff = organisation_selectors.unit_staff(actor=request.user, unit=transfer.to_unit) or []
    accept = forms.TransferAcceptForm(
        request.POST if action == "accept" else None, actor=request.user, staff=staff
    )
    decline = forms.TransferDeclineForm(request.POST if action == "decline" else None)
    received = submit(
        accept,
        lambda data: transfers.case_transfer_accept(
            actor=request.user, transfer=transfer, responsible=data["responsible"]
        ),
        actor=request.user,
    )
    if received is not None:
        return case_done(request, transfer.case, _("Your unit has received the case."))
    declined = submit(
        decline,
        lambda data: transfers.case_transfer_decline(
            actor=request.user, transfer=transfer, reason=data["decline_reason"]
        ),
        actor=request.user,
    )
    if declined is not None:
        messages.success(request, _("Your unit declined the hand-over."))
        return redirect("web:start")
    return render(
        request,
        "cases/transfer_answer.html",
        {
            "shown": shown,
            "transfer": transfer,
            "case": transfer.case,
            "form": accept,
            "decline": decline,
        },
    )
