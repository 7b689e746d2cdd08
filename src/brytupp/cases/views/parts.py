"""The lead unit's pages about the case as a whole: the person's account and address,
inviting a unit, closing; and the invited unit's answer to its invitation.

The lead unit's pages fetch the case through ``policies.case_lead`` (the address through
``policies.person_address``); the invitation through ``policies.case_invitations``.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit
from brytupp.organisation import selectors as organisation_selectors
from brytupp.people.presentation import person_display_name

from .. import account, closing, forms, moves
from .. import selectors as case_selectors
from .. import services as case_services
from ..overview import case_get
from ..running import case_running
from .kit import GET_POST, case_done, case_form_page


@GET_POST
@requires(policies.case_lead)
def case_account(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    # The form opens with the account as it is; with none yet, with the account carried from
    # the earlier case, so that the lead unit can change it before it counts.
    carried = case_selectors.account_awaiting_confirmation(case)
    current = case.account or (carried.text if carried else "")
    form = forms.AccountForm(
        bound(request),
        initial={"account": current},
        version=case.version,
        written=bool(case.account),
    )
    written = submit(
        form,
        lambda data: case_services.case_account_write(
            actor=request.user,
            case=case,
            account=data["account"],
            version=data["version"],
            reason=data.get("reason", ""),
        ),
        actor=request.user,
    )
    if written is not None:
        return case_done(request, case, _("The person's account is saved."), section="account")
    return case_form_page(
        request,
        case,
        form,
        title=_("The person's account"),
        intro=_("The person tells their story once. Every unit in the case reads this account."),
        submit_label=_("Save the account"),
    )


@GET_POST
@requires(policies.case_lead)
def case_account_confirm(request, case_id):
    """The lead unit confirms the account carried from the earlier case (decision 0034)."""
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    carried = case_selectors.account_awaiting_confirmation(case)
    form = forms.AccountConfirmForm(bound(request))
    confirmed = (
        submit(
            form,
            lambda data: account.case_account_confirm(actor=request.user, case=case),
            actor=request.user,
        )
        if carried is not None
        else None
    )
    if confirmed is not None:
        return case_done(
            request, case, _("The account is confirmed as this case's."), section="account"
        )
    return case_form_page(
        request,
        case,
        form,
        template="cases/account_confirm.html",
        carried=carried,
        title=_("Confirm the account from the earlier case"),
        intro=_(
            "The person told this account in the earlier case. Read it with the person: "
            "confirmed, it becomes this case's account and every unit in the case reads it. "
            "If it no longer holds, change it instead."
        ),
        submit_label=_("Confirm the account"),
    )


@require_GET
@requires(policies.cases)
def case_account_versions(request, case_id):
    history = account.account_history(actor=request.user, public_id=case_id)
    return render(
        request,
        "cases/account_versions.html",
        {
            "case": history.case,
            "versions": history.versions,
            "caption": person_display_name(
                history.case.person, masked=policies.case_masked(history.case)
            ),
        },
    )


@GET_POST
@requires(policies.person_address)
def person_address(request, case_id):
    # The recorded address is never put back into the form: it may be protected.
    case = case_get(actor=request.user, public_id=case_id, rule=policies.person_address)
    form = forms.AddressForm(bound(request))
    written = submit(
        form,
        lambda data: case_services.person_address_record(
            actor=request.user, case=case, address=data["address"]
        ),
        actor=request.user,
    )
    if written is not None:
        return case_done(request, case, _("The address is saved."))
    return case_form_page(
        request,
        case,
        form,
        title=_("The person's address"),
        intro=_(
            "Only the lead unit of the person's oldest open case records where the person lives."
        ),
        submit_label=_("Save the address"),
    )


@GET_POST
@requires(policies.case_lead)
def unit_invite(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    may_decide = policies.may_decide_threat_person_invitation(request.user, case)
    form = forms.InviteForm(bound(request), case=case, may_decide=may_decide)
    part = submit(
        form,
        lambda data: case_services.case_unit_invite(
            actor=request.user,
            case=case,
            unit=data["unit"],
            invited=timezone.localdate(),
            threat_decision=data.get("threat_decision", False),
            threat_decision_reason=data.get("threat_decision_reason", ""),
        ),
        actor=request.user,
    )
    if part is not None:
        message = _("%(unit)s is invited to the case.") % {"unit": part.unit.name}
        return case_done(request, case, message, section="units")
    return case_form_page(
        request,
        case,
        form,
        template="cases/invite.html",
        title=_("Invite a unit"),
        intro=_("The unit sees the case once invited, and works in it once it accepts."),
        submit_label=_("Invite the unit"),
    )


@GET_POST
@requires(policies.case_invitations)
def case_invitation(request, case_id):
    invitation = case_selectors.case_invitation_get(actor=request.user, public_id=case_id)
    part = invitation.part
    action = request.POST.get("action") if request.method == "POST" else None
    staff = organisation_selectors.unit_staff(actor=request.user, unit=part.unit) or []
    accept = forms.InvitationAcceptForm(
        request.POST if action == "accept" else None, actor=request.user, staff=staff
    )
    decline = forms.InvitationDeclineForm(request.POST if action == "decline" else None)
    joined = submit(
        accept,
        lambda data: case_services.case_unit_accept(
            actor=request.user, part=part, joined=data["joined"], responsible=data["responsible"]
        ),
        actor=request.user,
    )
    if joined is not None:
        return case_done(request, part.case, _("Your unit takes part in the case."))
    declined = submit(
        decline,
        lambda data: case_services.case_unit_decline(
            actor=request.user, part=part, day=timezone.localdate(), reason=data["decline_reason"]
        ),
        actor=request.user,
    )
    if declined is not None:
        messages.success(request, _("Your unit declined the invitation."))
        return redirect("web:start")
    return render(
        request,
        "cases/invitation.html",
        {
            "invitation": invitation,
            "part": part,
            "case": part.case,
            "form": accept,
            "decline": decline,
        },
    )


def _closing_day(request) -> datetime.date:
    """The day the case closes as posted, for asking about what runs past it; today on GET
    or for a day not given (the form then refuses it)."""
    today = timezone.localdate()
    try:
        return min(datetime.date.fromisoformat(request.POST.get("closed", "")), today)
    except ValueError:
        return today


@GET_POST
@requires(policies.case_lead)
def case_close(request, case_id):
    """Closing, with what still runs in the case ended in the same step (``closing``)."""
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    running = case_running(case, on=_closing_day(request)) if case.closed is None else None
    form = forms.CaseCloseForm(bound(request), running=running)

    def close(data):
        if form.moving:
            # A move to another municipality (decision 0050): recorded in the same step.
            return moves.case_close_moved(
                actor=request.user,
                case=case,
                closed=data["closed"],
                **form.move(),
                **form.endings(),
            )
        return closing.case_close_ending(
            actor=request.user,
            case=case,
            closed=data["closed"],
            reason=data["closure_reason"],
            **form.endings(),
        )

    closed = submit(form, close, actor=request.user)
    if closed is not None and form.moving:
        return case_done(
            request,
            case,
            _("The case is closed: the person moved to %(municipality)s.")
            % {"municipality": closed.municipality},
        )
    if closed is not None:
        return case_done(request, case, _("The case is closed."))
    # Not ``case_form_page``: closing tells that the case is closed already in its own words.
    return render(
        request,
        "cases/close.html",
        {
            "case": case,
            "form": form,
            "title": _("Close the case"),
            "intro": _(
                "A later contact opens a new case, linked to this one. Units in the case keep "
                "what they recorded."
            ),
            "warning": _("The case is already closed.") if case.closed else "",
            "submit_label": _("Close the case"),
            "caption": person_display_name(case.person),
            "back_url": reverse("cases:detail", args=[case.public_id]),
        },
    )
