"""The risk pages of a case: an assessment with each instrument, one assessment read back,
and changed circumstances. Each follows the loop of ``cases.views.kit``; what an assessment
shows beyond its level is a description of violence (``selectors.risk_assessment_get``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name

from . import forms, selectors, services
from .models import RiskInstrument

# The address of each instrument's page, its form and its title.
INSTRUMENT_PAGES = {
    "freda-farlighet": (
        RiskInstrument.FREDA_FARLIGHET,
        forms.FarlighetForm,
        gettext_lazy("FREDA dangerousness assessment"),
    ),
    "freda-beskrivning": (
        RiskInstrument.FREDA_BESKRIVNING,
        forms.BeskrivningForm,
        gettext_lazy("FREDA description of the violence"),
    ),
    "patriark": (RiskInstrument.PATRIARK, forms.PatriarkForm, gettext_lazy("PATRIARK assessment")),
    "polisen": (None, forms.PoliceAssessmentForm, gettext_lazy("The police's risk assessment")),
}
INTROS = {
    "freda-farlighet": gettext_lazy(
        "Ask the items from Socialstyrelsen's form FREDA-farlighetsbedömning and record each "
        "answer by its number. The score is the number of items answered yes. Then write your "
        "own judgement and the level."
    ),
    "freda-beskrivning": gettext_lazy(
        "For each form of violence in FREDA-beskrivning: how often, when last, and whether "
        "children were present. The description is shown only to the lead unit and the units "
        "the person's consent names for it."
    ),
    "patriark": gettext_lazy(
        "PATRIARK is licensed to trained users: record its result, your judgement and the "
        "level, not its items."
    ),
    "polisen": gettext_lazy(
        "Record the police's assessment (SARA:SV, B-SAFER or another) as a reference: its "
        "number, date and level. The police keep the assessment itself."
    ),
}


@GET_POST
@requires(policies.case_participation)
def risk_assessment_add(request, case_id, instrument):
    case = case_for_work(request, case_id)
    if instrument not in INSTRUMENT_PAGES:
        raise Http404
    code, form_class, title = INSTRUMENT_PAGES[instrument]
    if code is not None and not selectors.description_shown(case, case.acting_part):
        # What these instruments record is a description of violence: a unit that may not
        # read it back does not write it (the police's reference is for every unit).
        raise Http404
    form = form_class(bound(request))

    def record(data):
        return services.risk_assessment_record(
            actor=request.user, case=case, **({"instrument": code} if code else {}), **data
        )

    if submit(form, record, actor=request.user):
        return case_done(request, case, _("The risk assessment is recorded."), section="risk")
    return case_form_page(
        request,
        case,
        form,
        title=title,
        submit_label=_("Record the assessment"),
        intro=INTROS[instrument],
    )


@require_GET
@requires(policies.case_participation)
def risk_assessment_detail(request, case_id, assessment_id):
    case = case_for_work(request, case_id)
    shown = selectors.risk_assessment_get(actor=request.user, case=case, public_id=assessment_id)
    return render(
        request,
        "assessments/risk_assessment.html",
        {
            "case": case,
            "shown": shown,
            "caption": person_display_name(case.person),
            "back_url": reverse("cases:detail", args=[case.public_id]) + "#risk",
        },
    )


@GET_POST
@requires(policies.case_participation)
def circumstance_change_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.CircumstanceChangeForm(bound(request))
    if submit(
        form,
        lambda data: services.circumstance_change_record(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(
            request,
            case,
            _("The changed circumstances are recorded: a new risk assessment is due."),
            section="risk",
        )
    return case_form_page(
        request,
        case,
        form,
        title=_("Changed circumstances"),
        submit_label=_("Record"),
        intro=_(
            "A separation, a release from custody, new threats: the risk is to be assessed "
            "again. The reassessment appears in Att göra from the date you give."
        ),
    )
