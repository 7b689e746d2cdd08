"""Pages of the case journey: screening, search before create, the case page, the person's
account, consent, inviting units, answering an invitation and closing.

Each page declares its access rule, parses input with a form, calls a service or selector and
renders or redirects. A page about one case fetches it through its own rule, on GET and POST
alike, so "not found" and "not allowed" are the same 404. A service's refusal is shown on the
form and nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.assessments.models import Screening, ScreeningOutcome
from brytupp.assessments.services import screening_record
from brytupp.cases import opening as case_opening
from brytupp.cases import selectors as case_selectors
from brytupp.cases import services as case_services
from brytupp.cases.overview import case_get, case_overview
from brytupp.govuk.forms import apply_errors
from brytupp.organisation import selectors as organisation_selectors
from brytupp.people import selectors as people_selectors
from brytupp.people import services as people_services
from brytupp.people.presentation import person_display_name

from . import case_journey_forms as forms

get_or_post = require_http_methods(["GET", "POST"])


def _bound(request):
    return request.POST if request.method == "POST" else None


def _write(request, form, write):
    """What ``write`` returned when a valid form was posted and the service agreed, else
    ``None``; a refusal goes on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None


def _form_page(request, form, *, case=None, template="web/form_page.html", **context):
    if case is not None:
        context.setdefault("caption", person_display_name(case.person))
        context.setdefault("back_url", reverse("cases:detail", args=[case.public_id]))
        context["case"] = case
    return render(request, template, {"form": form, **context})


def _to_case(case, section: str = ""):
    url = reverse("cases:detail", args=[case.public_id])
    return redirect(f"{url}#{section}" if section else url)


# --- screening ---------------------------------------------------------------------------


@get_or_post
@requires(policies.case_opening)
def screening(request):
    form = forms.ScreeningForm(_bound(request), actor=request.user)

    def record(data):
        number = data["identity_number"]
        person = (
            people_selectors.person_match_for_opening(actor=request.user, identity_number=number)
            if number
            else None
        )
        return screening_record(
            actor=request.user,
            unit=data["unit"],
            date=data["date"],
            asked=data["asked"],
            outcome=data["outcome"],
            person=person,
        )

    recorded = _write(request, form, record)
    if recorded is not None:
        if form.cleaned_data["identity_number"] and recorded.person is None:
            messages.warning(
                request,
                _(
                    "No one is registered with that identity number, so the screening was "
                    "recorded without a person."
                ),
            )
        return redirect("cases:screening_recorded", screening_id=recorded.public_id)
    return _form_page(
        request,
        form,
        title=_("Record a screening"),
        intro=_(
            "Record every time you asked the short questions about violence (FREDA), "
            "whatever the answer, and every time you did not."
        ),
        submit_label=_("Record the screening"),
        back_url=reverse("web:start"),
    )


@require_GET
@requires(policies.case_opening)
def screening_recorded(request, screening_id):
    recorded = get_object_or_404(
        Screening.objects.select_related("unit__district", "person"),
        public_id=screening_id,
        recorded_by=request.user,
    )
    positive = recorded.outcome == ScreeningOutcome.POSITIVE
    token = ""
    if positive and recorded.person is not None:
        label = forms.person_label(
            person=recorded.person, typed={}, fallback=_("The person linked to the screening")
        )
        token = forms.person_token(actor=request.user, person=recorded.person, label=label)
    return render(
        request,
        "cases/screening_recorded.html",
        {
            "screening": recorded,
            "positive": positive,
            "rvt": forms.district_rvt(recorded.unit.district) if positive else None,
            "person_token": token,
        },
    )


# --- opening a case: search before create ------------------------------------------------------


@get_or_post
@requires(policies.case_opening)
def case_open(request):
    steps = {
        "search": _open_search,
        "register": _open_register,
        "refer": _open_refer,
        "open": _open_case,
    }
    step = steps.get(request.POST.get("step")) if request.method == "POST" else None
    return step(request) if step else _search_page(request, forms.PersonSearchForm())


def _referral(form) -> dict:
    return {
        "lead_unit": form.cleaned_data.get("prefill_lead_unit"),
        "source": form.cleaned_data.get("prefill_source", ""),
    }


def _referral_initial(referral: dict) -> dict:
    return {"prefill_lead_unit": referral["lead_unit"], "prefill_source": referral["source"]}


def _search_page(request, form):
    return render(request, "cases/open_search.html", {"form": form})


def _register_page(request, form):
    return _form_page(
        request,
        form,
        template="cases/open_register.html",
        caption=_("Open a case, step 1 of 2"),
        title=_("Register the person"),
        intro=_(
            "No one is registered with what you searched for. Register the person, "
            "then open the case."
        ),
        submit_label=_("Register and continue"),
        back_url=reverse("cases:open"),
    )


def _case_page(request, form, *, person, label, typed=None):
    """The opening form for a found or registered person, with the notice of their cases."""
    return render(
        request,
        "cases/open_case.html",
        {
            "form": form,
            "label": label,
            "typed": typed,
            "protected": person.is_protected,
            "notice": case_selectors.person_case_notice(person=person),
            "needs_acceptance": case_opening.case_opening_needs_acceptance(person),
        },
    )


def _open_form(request, *, person, label, referral):
    return forms.CaseOpenForm(
        actor=request.user,
        lead_unit=referral["lead_unit"],
        source=referral["source"],
        initial={"person": forms.person_token(actor=request.user, person=person, label=label)},
    )


def _open_search(request):
    form = forms.PersonSearchForm(request.POST)
    if not form.is_valid():
        return _search_page(request, form)
    typed, referral = form.typed(), _referral(form)
    person = people_selectors.person_match_for_opening(actor=request.user, **typed)
    if person is None:
        initial = {**typed, **_referral_initial(referral)}
        return _register_page(request, forms.PersonRegisterForm(initial=initial))
    label = forms.person_label(person=person, typed=typed)
    open_form = _open_form(request, person=person, label=label, referral=referral)
    return _case_page(request, open_form, person=person, label=label, typed=typed)


def _open_register(request):
    form = forms.PersonRegisterForm(request.POST)
    if not form.is_valid():
        return _register_page(request, form)
    fields, referral = form.person_fields(), _referral(form)
    typed = {key: fields[key] for key in ("first_name", "last_name", "birth_date")}
    # Search again with what was registered, so that changing the name cannot make a double.
    person = people_selectors.person_match_for_opening(
        actor=request.user,
        identity_number=fields["identity_number"],
        **typed,
    )
    if person is not None:
        label = forms.person_label(person=person, typed=typed)
        open_form = _open_form(request, person=person, label=label, referral=referral)
        return _case_page(request, open_form, person=person, label=label, typed=typed)
    try:
        person = people_services.person_register(actor=request.user, **fields)
    except ValidationError as error:
        apply_errors(form, error)
        return _register_page(request, form)
    messages.success(request, _("The person is registered. Now open the case."))
    label = forms.person_label(person=person, typed=typed)
    open_form = _open_form(request, person=person, label=label, referral=referral)
    return _case_page(request, open_form, person=person, label=label)


def _open_refer(request):
    """From a screening: the referral's lead unit and source, and its person if known."""
    form = forms.ReferralForm(request.POST)
    if not form.is_valid():
        return _search_page(request, forms.PersonSearchForm())
    referral = _referral(form)
    found = forms.person_from_token(actor=request.user, token=form.cleaned_data["person"])
    if found is None:
        return _search_page(request, forms.PersonSearchForm(initial=_referral_initial(referral)))
    person, label = found
    open_form = _open_form(request, person=person, label=label, referral=referral)
    return _case_page(request, open_form, person=person, label=label)


def _open_case(request):
    form = forms.CaseOpenForm(request.POST, actor=request.user)
    case = _write(
        request,
        form,
        lambda data: case_opening.case_opening_submit(
            actor=request.user,
            person=data["person"],
            district=data["district"],
            lead_unit=data["lead_unit"],
            source=data["source"],
            opened=data["opened"],
            reason=data["reason"],
        ),
    )
    if case is None:
        if form.person is None:
            messages.error(request, _("Search for the person again before you open the case."))
            return _search_page(request, forms.PersonSearchForm())
        return _case_page(request, form, person=form.person, label=form.person_label)
    visible = policies.cases.check(request.user, case)
    if policies.case_masked(case):
        messages.success(
            request,
            _(
                "The case waits for acceptance. Your request goes through Bryt upp to the unit "
                "that holds the person, who will contact you."
            ),
        )
    elif visible:
        messages.success(request, _("The case is opened."))
    else:
        messages.success(
            request,
            _("The case is opened and referred to %(unit)s. Your unit does not take part in it.")
            % {"unit": case.lead_unit.name},
        )
    return _to_case(case) if visible else redirect("web:start")


# --- the case page -----------------------------------------------------------------------


@requires(policies.cases)
def case_detail(request, case_id):
    if request.method not in ("GET", "HEAD"):
        # Someone who may not see the case learns nothing, not even that it only reads.
        policies.cases.get_or_404(request.user, public_id=case_id)
        return HttpResponseNotAllowed(["GET", "HEAD"])
    overview = case_overview(actor=request.user, public_id=case_id)
    if overview.invitation_only:
        # An invited unit reads the case's content only once it takes part (decision 0021).
        return redirect("cases:invitation", case_id=overview.case.public_id)

    if overview.masked:
        # A case waiting for acceptance (or refused) shows no person and no other case.
        return render(
            request,
            "cases/pending.html",
            {
                "overview": overview,
                "case": overview.case,
                "opening_request": case_opening.opening_request_of(overview.case),
            },
        )
    previous = overview.case.previous_case
    return render(
        request,
        "cases/detail.html",
        {
            "overview": overview,
            "case": overview.case,
            "previous_visible": previous is not None
            and policies.cases.check(request.user, previous),
        },
    )


@get_or_post
@requires(policies.case_lead)
def case_account(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.AccountForm(_bound(request), initial={"account": case.account})
    written = _write(
        request,
        form,
        lambda data: case_services.case_account_write(
            actor=request.user, case=case, account=data["account"]
        ),
    )
    if written is not None:
        messages.success(request, _("The person's account is saved."))
        return _to_case(case, "account")
    return _form_page(
        request,
        form,
        case=case,
        title=_("The person's account"),
        intro=_("The person tells their story once. Every unit in the case reads this account."),
        submit_label=_("Save the account"),
    )


@get_or_post
@requires(policies.person_address)
def person_address(request, case_id):
    # The recorded address is never put back into the form: it may be protected.
    case = case_get(actor=request.user, public_id=case_id, rule=policies.person_address)
    form = forms.AddressForm(_bound(request))
    written = _write(
        request,
        form,
        lambda data: case_services.person_address_record(
            actor=request.user, case=case, address=data["address"]
        ),
    )
    if written is not None:
        messages.success(request, _("The address is saved."))
        return _to_case(case)
    return _form_page(
        request,
        form,
        case=case,
        title=_("The person's address"),
        intro=_(
            "Only the lead unit of the person's oldest open case records where the person lives."
        ),
        submit_label=_("Save the address"),
    )


# --- consent -----------------------------------------------------------------------------


@get_or_post
@requires(policies.case_lead)
def consent_add(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.ConsentRecordForm(_bound(request), case=case)
    consent = _write(
        request,
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
        ),
    )
    if consent is not None:
        messages.success(
            request, _("The consent is recorded. You can now invite the units it covers.")
        )
        return _to_case(case, "consents")
    return _form_page(
        request,
        form,
        case=case,
        title=_("Record consent"),
        intro=_(
            "Record the person's consent to share their case with other units and partners. "
            "Only units the consent covers can be invited to the case."
        ),
        submit_label=_("Record the consent"),
    )


@get_or_post
@requires(policies.case_lead)
def consent_withdraw(request, case_id, consent_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    consent = get_object_or_404(
        case.consents.prefetch_related("units", "partners"), public_id=consent_id
    )
    form = forms.ConsentWithdrawForm(_bound(request))
    withdrawn = _write(
        request,
        form,
        lambda data: case_services.consent_withdraw(
            actor=request.user, consent=consent, withdrawn=data["withdrawn"]
        ),
    )
    if withdrawn is not None:
        messages.success(request, _("The consent is withdrawn."))
        return _to_case(case, "consents")
    return _form_page(
        request,
        form,
        case=case,
        template="cases/consent_withdraw.html",
        consent=consent,
        title=_("Withdraw consent"),
        warning=_(
            "Units that only this consent covers lose their access to the case at once. "
            "What they recorded stays in the case."
        ),
        submit_label=_("Withdraw the consent"),
    )


# --- units in the case -------------------------------------------------------------------


@get_or_post
@requires(policies.case_lead)
def unit_invite(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.InviteForm(_bound(request), case=case)
    part = _write(
        request,
        form,
        lambda data: case_services.case_unit_invite(
            actor=request.user, case=case, unit=data["unit"], invited=timezone.localdate()
        ),
    )
    if part is not None:
        messages.success(request, _("%(unit)s is invited to the case.") % {"unit": part.unit.name})
        return _to_case(case, "units")
    return _form_page(
        request,
        form,
        case=case,
        template="cases/invite.html",
        title=_("Invite a unit"),
        intro=_("The unit sees the case once invited, and works in it once it accepts."),
        submit_label=_("Invite the unit"),
    )


@get_or_post
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
    joined = _write(
        request,
        accept,
        lambda data: case_services.case_unit_accept(
            actor=request.user, part=part, joined=data["joined"], responsible=data["responsible"]
        ),
    )
    if joined is not None:
        messages.success(request, _("Your unit takes part in the case."))
        return _to_case(part.case)
    declined = _write(
        request,
        decline,
        lambda data: case_services.case_unit_decline(
            actor=request.user, part=part, day=timezone.localdate()
        ),
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


# --- closing -----------------------------------------------------------------------------


@get_or_post
@requires(policies.case_lead)
def case_close(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = forms.CaseCloseForm(_bound(request))
    closed = _write(
        request,
        form,
        lambda data: case_services.case_close(
            actor=request.user, case=case, closed=data["closed"], reason=data["closure_reason"]
        ),
    )
    if closed is not None:
        messages.success(request, _("The case is closed."))
        return _to_case(case)
    return _form_page(
        request,
        form,
        case=case,
        title=_("Close the case"),
        intro=_(
            "A later contact opens a new case, linked to this one. Units in the case keep "
            "what they recorded."
        ),
        warning=_("The case is already closed.") if case.closed else "",
        submit_label=_("Close the case"),
    )
