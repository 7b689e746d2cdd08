"""The pages of joint handling in a case: joint meetings and each unit's needs assessment;
each follows the loop of ``cases.views.kit``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.cases import forms, joint
from brytupp.cases.services import acting_unit
from brytupp.cases.views.kit import GET_POST, case_done, case_for_work, case_form_page
from brytupp.govuk.forms import bound, submit


@GET_POST
@requires(policies.case_participation)
def meeting_add(request, case_id):
    case = case_for_work(request, case_id)
    unit = acting_unit(request.user, case)
    form = forms.MeetingForm(bound(request), case=case, acting_unit=unit)
    if submit(
        form,
        lambda data: joint.meeting_record(actor=request.user, case=case, **data),
        actor=request.user,
    ):
        return case_done(request, case, _("The meeting is recorded."))
    return case_form_page(
        request, case, form, title=_("Record a joint meeting"), submit_label=_("Record the meeting")
    )


@GET_POST
@requires(policies.case_participation)
def assessment_add(request, case_id):
    case = case_for_work(request, case_id)
    form = forms.NeedsAssessmentForm(bound(request))
    record = joint.needs_assessment_record
    if submit(form, lambda data: record(actor=request.user, case=case, **data), actor=request.user):
        return case_done(request, case, _("Your unit's needs assessment is saved."))
    intro = _(
        "Your unit's assessment in one area. Assessing an area again replaces your unit's "
        "earlier assessment in it."
    )
    return case_form_page(
        request,
        case,
        form,
        title=_("Assess needs"),
        submit_label=_("Save the assessment"),
        intro=intro,
    )
