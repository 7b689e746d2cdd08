"""The lead unit's pages about who the threat is (decision 0039): recording a threat person,
recording that one is no longer current, and the case's honour context. Each fetches the case
through ``policies.case_lead`` (404 alike for a case that does not exist and one the user's
unit does not lead) and follows the loop of ``cases.views.kit``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name

from .. import threats
from ..overview import case_get
from ..threat_forms import HonourContextForm, ThreatPersonEndForm, ThreatPersonForm
from .kit import GET_POST, case_done, case_form_page

SECTION = "threat-persons"


@GET_POST
@requires(policies.case_lead)
def threat_person_add(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = ThreatPersonForm(bound(request))
    threat = submit(
        form,
        lambda data: threats.threat_person_add(
            actor=request.user,
            case=case,
            relation=data["relation"],
            identity_number=data["identity_number"],
            description=data["description"],
        ),
        actor=request.user,
    )
    if threat is not None:
        return case_done(request, case, _("The threat person is recorded."), section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Record a threat person"),
        intro=_(
            "Who the person is threatened by. Every unit taking part in the case sees the "
            "threat persons; a protected identity is masked."
        ),
        submit_label=_("Record the threat person"),
    )


@GET_POST
@requires(policies.case_lead)
def threat_person_end(request, case_id, threat_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    threat = get_object_or_404(
        case.threat_persons.select_related("person", "case"), public_id=threat_id
    )
    form = ThreatPersonEndForm(bound(request))
    ended = submit(
        form,
        lambda data: threats.threat_person_end(
            actor=request.user, threat=threat, ended=data["ended"], reason=data["end_reason"]
        ),
        actor=request.user,
    )
    if ended is not None:
        message = _("The threat person is recorded as no longer current.")
        return case_done(request, case, message, section=SECTION)
    shown = person_display_name(threat.person) if threat.person else threat.description
    return case_form_page(
        request,
        case,
        form,
        title=_("No longer a threat"),
        intro=_("%(person)s (%(relation)s) is kept in the case as no longer current.")
        % {"person": shown, "relation": threat.get_relation_display()},
        submit_label=_("Record as no longer current"),
    )


@GET_POST
@requires(policies.case_lead)
def honour_context(request, case_id):
    case = case_get(actor=request.user, public_id=case_id, rule=policies.case_lead)
    form = HonourContextForm(
        bound(request), initial={"honour_context": "yes" if case.honour_context else "no"}
    )
    changed = submit(
        form,
        lambda data: threats.case_honour_context_set(
            actor=request.user, case=case, honour_context=data["honour_context"]
        ),
    )
    if changed is not None:
        return case_done(request, case, _("The honour-related context is saved."), section=SECTION)
    return case_form_page(
        request,
        case,
        form,
        title=_("Honour-related context"),
        submit_label=_("Save the honour-related context"),
    )
