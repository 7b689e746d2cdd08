"""Opening a case: search before create, registering the person, the referral from a
screening, the opening form; and answering a request to open a case (decision 0016).

The person found or registered travels to the opening form as ``opening.person_token``. Only
a case worker or manager opens a case (``policies.case_opening``); only the unit holding the
person answers a request (``policies.opening_requests``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import GovukForm, apply_errors, bound, submit
from brytupp.people import selectors as people_selectors
from brytupp.people import services as people_services

from .. import forms
from .. import opening as case_opening
from .. import selectors as case_selectors
from ..models import CaseAcceptance
from .kit import GET_POST


@GET_POST
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
    return render(
        request,
        "cases/open_register.html",
        {
            "form": form,
            "caption": _("Open a case, step 1 of 2"),
            "title": _("Register the person"),
            "intro": _(
                "No one is registered with what you searched for. Register the person, "
                "then open the case."
            ),
            "submit_label": _("Register and continue"),
            "back_url": reverse("cases:open"),
        },
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
    token = case_opening.person_token(actor=request.user, person=person, label=label)
    return forms.CaseOpenForm(
        actor=request.user,
        lead_unit=referral["lead_unit"],
        source=referral["source"],
        initial={"person": token},
    )


def _found_page(request, *, person, typed, referral, show_typed=True):
    label = case_opening.person_label(person=person, typed=typed)
    open_form = _open_form(request, person=person, label=label, referral=referral)
    shown = typed if show_typed else None
    return _case_page(request, open_form, person=person, label=label, typed=shown)


def _open_search(request):
    form = forms.PersonSearchForm(request.POST)
    if not form.is_valid():
        return _search_page(request, form)
    typed, referral = form.typed(), _referral(form)
    person = people_selectors.person_match_for_opening(actor=request.user, **typed)
    if person is None:
        initial = {**typed, **_referral_initial(referral)}
        return _register_page(request, forms.PersonRegisterForm(initial=initial))
    return _found_page(request, person=person, typed=typed, referral=referral)


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
        return _found_page(request, person=person, typed=typed, referral=referral)
    try:
        person = people_services.person_register(actor=request.user, **fields)
    except ValidationError as error:
        apply_errors(form, error)
        return _register_page(request, form)
    messages.success(request, _("The person is registered. Now open the case."))
    return _found_page(request, person=person, typed=typed, referral=referral, show_typed=False)


def _open_refer(request):
    """From a screening: the referral's lead unit and source, and its person if known."""
    form = forms.ReferralForm(request.POST)
    if not form.is_valid():
        return _search_page(request, forms.PersonSearchForm())
    referral = _referral(form)
    found = case_opening.person_from_token(actor=request.user, token=form.cleaned_data["person"])
    if found is None:
        return _search_page(request, forms.PersonSearchForm(initial=_referral_initial(referral)))
    person, label = found
    open_form = _open_form(request, person=person, label=label, referral=referral)
    return _case_page(request, open_form, person=person, label=label)


def _open_case(request):
    form = forms.CaseOpenForm(request.POST, actor=request.user)
    case = submit(
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
        actor=request.user,
    )
    if case is None:
        if form.person is None:
            messages.error(request, _("Search for the person again before you open the case."))
            return _search_page(request, forms.PersonSearchForm())
        return _case_page(request, form, person=form.person, label=form.person_label)
    visible = policies.cases.check(request.user, case)
    messages.success(request, _opened_message(case, visible=visible))
    if visible:
        return redirect("cases:detail", case_id=case.public_id)
    return redirect("web:start")


def _opened_message(case, *, visible: bool) -> str:
    if policies.case_masked(case):
        return _(
            "The case waits for acceptance. Your request goes through Bryt upp to the unit "
            "that holds the person, who will contact you."
        )
    if visible:
        return _("The case is opened.")
    return _("The case is opened and referred to %(unit)s. Your unit does not take part in it.") % {
        "unit": case.lead_unit.name
    }


# --- "Sök person": the search before opening, reachable on its own ---------------------------


@dataclass(frozen=True)
class SearchHit:
    """One person found, as the searcher may see them: the label (masked for a protected
    identity), the notice of their cases that the opening page gives, the cases the
    searcher's own units see, and the token that opens a case for them."""

    label: str
    notice: case_selectors.CaseNotice
    own_cases: list
    token: str


def _search_hit(request, person, typed: dict) -> SearchHit:
    if not typed.get("identity_number"):
        # Found by name, so not protected: shown as registered, with the date of birth that
        # tells namesakes apart.
        typed = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_date": person.birth_date,
        }
    label = case_opening.person_label(person=person, typed=typed)
    own_cases = list(
        policies.cases.queryset(request.user)
        .filter(person=person, acceptance=CaseAcceptance.ACCEPTED)
        .select_related("district", "lead_unit")
        .order_by("-opened")
    )
    return SearchHit(
        label=label,
        notice=case_selectors.person_case_notice(person=person),
        own_cases=own_cases,
        token=case_opening.person_token(actor=request.user, person=person, label=label),
    )


@never_cache
@GET_POST
@requires(policies.case_opening)
def person_search(request):
    """Find a person across the city: by number as the opening's search does, by name only
    among people without a protected identity (``people.selectors.person_search``). Posted,
    so that no number or name is in a URL."""
    form = forms.PersonFindForm(bound(request))
    search = None
    hits: list[SearchHit] = []
    if form.is_bound and form.is_valid():
        typed = form.typed()
        search = people_selectors.person_search(actor=request.user, **typed)
        hits = [_search_hit(request, person, typed) for person in search.persons]
        # The page does not say back what was typed: a protected person's number with it.
        form = forms.PersonFindForm()
    return render(
        request,
        "cases/person_search.html",
        {"form": form, "search": search, "hits": hits},
    )


# --- answering a request to open a case ------------------------------------------------------


@GET_POST
@requires(policies.opening_requests)
def opening_request_answer(request, request_id):
    """The unit holding the person accepts or refuses. The page shows who asks, from which
    unit, and why; nothing else of the new case."""
    opening = case_opening.opening_request_get(actor=request.user, public_id=request_id)
    action = request.POST.get("action") if request.method == "POST" else None
    accept = GovukForm(request.POST if action == "accept" else None)
    refuse = forms.RefuseForm(request.POST if action == "refuse" else None)
    if submit(
        accept,
        lambda data: case_opening.case_opening_accept(actor=request.user, request=opening),
        actor=request.user,
    ):
        messages.success(request, _("The opening is accepted: the case is an ordinary case now."))
        return redirect("web:start")
    if submit(
        refuse,
        lambda data: case_opening.case_opening_refuse(
            actor=request.user, request=opening, reason=data["refusal_reason"]
        ),
        actor=request.user,
    ):
        messages.success(request, _("The opening is refused and the case is closed."))
        return redirect("web:start")
    holding = case_opening.person_holding_case(opening.case.person)
    return render(
        request,
        "cases/opening_request.html",
        {
            "opening": opening,
            "accept": accept,
            "refuse": refuse,
            "holding_visible": holding is not None and policies.cases.check(request.user, holding),
            "holding": holding,
        },
    )
