"""The pages of the child's own track (decision 0045): the child's own end of a placement,
a guardian's consent to the child's support, starting the child's support, and the child's
voice. Reached from the child's page (``children``) and, for the end, from the case page and
Att göra. Each declares ``policies.child_matters`` and then reads the case and the child
through ``children.overview.child_get`` (404 alike for a person who is not a child of the
case and a user whose unit does not read the child's matters); one form, one service; a
refusal is shown on the form and nothing is saved."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases import journal
from brytupp.cases.journal_forms import ChildVoiceForm
from brytupp.cases.models import JournalKind
from brytupp.cases.views.kit import GET_POST
from brytupp.children.kit import child_done, child_for_form, child_form_page
from brytupp.govuk.forms import bound, submit
from brytupp.people.presentation import person_display_name, placed_child_display_name

from . import child_track
from .child_track_forms import ChildSupportStartForm, GuardianConsentForm, PlacementChildEndForm
from .models import NotAskedReason, PlacementChild


@GET_POST
@requires(policies.child_matters)
def placement_child_end(request, case_id, placement_id, child_id):
    case, child = child_for_form(request, case_id, child_id)
    placed = get_object_or_404(
        PlacementChild.objects.select_related("placement__case", "child"),
        placement__case=case,
        placement__public_id=placement_id,
        child=child,
    )
    form = PlacementChildEndForm(bound(request))
    end = child_track.placement_child_end
    if submit(
        form, lambda data: end(actor=request.user, placed=placed, **data), actor=request.user
    ):
        return child_done(request, case, child, _("The child's placement is ended."))
    intro = _(
        "Placed from %(start)s on the child's own decision. The parent's placement: %(parent)s."
    ) % {
        "start": placed.placed_from.isoformat(),
        "parent": placed.placement.end.isoformat() if placed.placement.end else _("ongoing"),
    }
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("End the child's placement"),
        submit_label=_("End the child's placement"),
        intro=intro,
        closed_ok=True,
    )


@GET_POST
@requires(policies.child_matters)
def guardian_consent(request, case_id, child_id, guardian_id):
    case, child = child_for_form(request, case_id, child_id)
    rows = {str(r.guardian.public_id): r for r in child_track.guardian_consent_rows(case, child)}
    row = rows.get(str(guardian_id))
    if row is None:
        raise Http404
    consent = row.consent
    if consent is not None:
        initial = {
            "given": consent.given,
            "not_asked_reason": consent.not_asked_reason,
            "not_asked_text": consent.not_asked_text,
        }
    else:
        # The guardian who threatens is offered as not asked: the form is filled, not saved.
        initial = {"not_asked_reason": NotAskedReason.THREAT_PERSON} if row.threat else {}
    form = GuardianConsentForm(bound(request), initial=initial)
    record = child_track.guardian_consent_record
    if submit(
        form,
        lambda data: record(
            actor=request.user, case=case, child=child, guardian=row.guardian, **data
        ),
        actor=request.user,
    ):
        return child_done(request, case, child, _("The guardian's consent is recorded."))
    name = (
        person_display_name(row.guardian)
        if row.guardian.pk == case.person_id
        else placed_child_display_name(row.guardian, parent=case.person)
    )
    intro = _("Guardian: %(name)s.") % {"name": name}
    if row.threat:
        intro += " " + _("The guardian is a current threat person of the case.")
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("The guardian's consent to the child's support"),
        submit_label=_("Save the consent"),
        intro=intro,
    )


@GET_POST
@requires(policies.child_matters)
def child_support_add(request, case_id, child_id):
    case, child = child_for_form(request, case_id, child_id)
    form = ChildSupportStartForm(bound(request))
    start = child_track.child_support_start
    if submit(
        form,
        lambda data: start(actor=request.user, case=case, child=child, **data),
        actor=request.user,
    ):
        return child_done(request, case, child, _("The child's support is started."))
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("Start the child's support"),
        submit_label=_("Start the support"),
        intro=_(
            "The support starts when each guardian's consent, or why they were not asked, is "
            "recorded."
        ),
    )


@GET_POST
@requires(policies.child_matters)
def child_voice_add(request, case_id, child_id):
    case, child = child_for_form(request, case_id, child_id)
    form = ChildVoiceForm(bound(request))
    write = journal.journal_note_write
    if submit(
        form,
        lambda data: write(
            actor=request.user, case=case, kind=JournalKind.BARNETS_ROST, child=child, **data
        ),
        actor=request.user,
    ):
        return child_done(request, case, child, _("The child's voice is saved and signed."))
    return child_form_page(
        request,
        case,
        child,
        form,
        title=_("The child's voice"),
        submit_label=_("Save and sign the note"),
        intro=_(
            "What the child said, as a journal note about the child: read only by those who "
            "read the child's matters. Once saved it is signed: a correction keeps the text."
        ),
    )
