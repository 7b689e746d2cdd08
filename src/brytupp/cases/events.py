"""The case timeline: every service that changes a case records what happened here, and
the access log gets a ``change`` entry for it.

An event holds codes, dates and opaque ids, never a name or free text, so the timeline can be
shown to every unit in the case and kept as long as the case.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.organisation.models import User

from .models import Case, CaseEvent


class EventKind:
    OPENED = "opened"
    REOPENED_FROM = "reopened_from"
    ACCOUNT_WRITTEN = "account_written"
    ACCOUNT_CONFIRMED = "account_confirmed"
    ADDRESS_RECORDED = "address_recorded"
    CONSENT_RECORDED = "consent_recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    UNIT_INVITED = "unit_invited"
    UNIT_JOINED = "unit_joined"
    UNIT_DECLINED = "unit_declined"
    UNIT_LEFT = "unit_left"
    MEETING_HELD = "meeting_held"
    ASSESSMENT_RECORDED = "assessment_recorded"
    RISK_ASSESSED = "risk_assessed"
    RISK_LEVEL_RAISED = "risk_level_raised"
    CIRCUMSTANCES_CHANGED = "circumstances_changed"
    SAFETY_PLAN_WRITTEN = "safety_plan_written"
    SAFETY_PLAN_CHANGED = "safety_plan_changed"
    SAFETY_PLAN_REVIEWED = "safety_plan_reviewed"
    SAFETY_MEASURE_ADDED = "safety_measure_added"
    SAFETY_MEASURE_DONE = "safety_measure_done"
    PLAN_ACTION_ADDED = "plan_action_added"
    PLAN_ACTION_CHANGED = "plan_action_changed"
    # Practical support (decision 0047): the kind's code and the unit's code, never a note.
    PRACTICAL_TASK_ADDED = "practical_task_added"
    PRACTICAL_TASK_DONE = "practical_task_done"
    DECISION_MADE = "decision_made"
    DECISION_ENDED = "decision_ended"
    PLACEMENT_STARTED = "placement_started"
    CHILD_PLACED = "child_placed"
    CHILD_SCHOOLING_STARTED = "child_schooling_started"
    PLACEMENT_ENDED = "placement_ended"
    # The cost per night set or corrected after the placement was recorded: the placement's
    # public id and the cost.
    PLACEMENT_COST_CHANGED = "placement_cost_changed"
    FOLLOW_UP_RECORDED = "follow_up_recorded"
    SHIS_REFERRAL = "shis_referral"
    HOUSING_PLAN_OPENED = "housing_plan_opened"
    HOUSING_STEP_CHANGED = "housing_step_changed"
    HOUSING_CONTRACT_RECORDED = "housing_contract_recorded"
    SIP_HELD = "sip_held"
    CLOSED = "closed"
    # A child's protected identity: inherited from the parent, or lowered by the lead unit.
    PROTECTION_RAISED = "protection_raised"
    PROTECTION_LOWERED = "protection_lowered"

    OPENING_REQUESTED = "opening_requested"
    OPENING_ACCEPTED = "opening_accepted"
    OPENING_REFUSED = "opening_refused"

    # The hand-over to another district (decision 0049): unit and district codes, never the
    # reason.
    TRANSFER_PROPOSED = "transfer_proposed"
    TRANSFER_WITHDRAWN = "transfer_withdrawn"
    TRANSFER_DECLINED = "transfer_declined"
    TRANSFER_ACCEPTED = "transfer_accepted"

    # Who the threat is (decision 0039): the threat person's row by its public id, never a name.
    THREAT_PERSON_ADDED = "threat_person_added"
    THREAT_PERSON_ENDED = "threat_person_ended"
    HONOUR_CONTEXT_SET = "honour_context_set"
    HONOUR_CONTEXT_CLEARED = "honour_context_cleared"
    # A manager of the lead unit decided to invite a unit that has a threat person as a client.
    THREAT_INVITATION_DECIDED = "threat_invitation_decided"

    # Applications and decisions as the law asks (decision 0041): codes and public ids only.
    APPLICATION_RECORDED = "application_recorded"
    APPLICATION_DECIDED = "application_decided"
    DECISION_COMMUNICATED = "decision_communicated"
    DECISION_APPEALED = "decision_appealed"
    DECISION_APPEAL_DECIDED = "decision_appeal_decided"
    DECISION_REEXAMINED = "decision_reexamined"
    # The delivery of the decision letter the lead unit chose for a protected person.
    DECISION_LETTER_DELIVERY_CHOSEN = "decision_letter_delivery_chosen"

    # The journal (decision 0040): the note's public id and the version's number (the unit is
    # the event's), never the text.
    JOURNAL_NOTE_WRITTEN = "journal_note_written"
    JOURNAL_NOTE_CORRECTED = "journal_note_corrected"

    # Socialjouren's after-hours decision (decision 0042) marked reviewed by the lead unit.
    AFTER_HOURS_DECISION_REVIEWED = "after_hours_decision_reviewed"

    # The child's own track (decision 0045): the child's and the guardian's public ids, a code.
    CHILD_PLACEMENT_ENDED = "child_placement_ended"
    GUARDIAN_CONSENT_RECORDED = "guardian_consent_recorded"

    # The child's matters (decision 0044): the child's and the report's public ids, codes and
    # dates, never a name, a school or what the concern is.
    CHILD_RECORD_CHANGED = "child_record_changed"
    CHILD_GUARDIAN_LINKED = "child_guardian_linked"
    REPORT_OF_CONCERN_RECORDED = "report_of_concern_recorded"
    REPORT_OF_CONCERN_ACCEPTED = "report_of_concern_accepted"
    REPORT_OF_CONCERN_DECLINED = "report_of_concern_declined"
    REPORT_OF_CONCERN_OUTCOME = "report_of_concern_outcome"

    # A move out of the city closed the case (decision 0050): the receiving municipality's
    # name (a public authority, no personal data) and whether a summary may be sent.
    CASE_MOVED_MUNICIPALITY = "case_moved_municipality"


LABELS = {
    EventKind.OPENED: _("Case opened"),
    EventKind.REOPENED_FROM: _("Case opened again after an earlier case"),
    EventKind.ACCOUNT_WRITTEN: _("The person's account written"),
    EventKind.ACCOUNT_CONFIRMED: _("The account from the earlier case confirmed"),
    EventKind.ADDRESS_RECORDED: _("The person's address recorded"),
    EventKind.CONSENT_RECORDED: _("Consent recorded"),
    EventKind.CONSENT_WITHDRAWN: _("Consent withdrawn"),
    EventKind.UNIT_INVITED: _("Unit invited"),
    EventKind.UNIT_JOINED: _("Unit joined the case"),
    EventKind.UNIT_DECLINED: _("Unit declined the invitation"),
    EventKind.UNIT_LEFT: _("Unit's part ended"),
    EventKind.MEETING_HELD: _("Joint meeting"),
    EventKind.ASSESSMENT_RECORDED: _("Needs assessment recorded"),
    EventKind.RISK_ASSESSED: _("Risk assessment"),
    EventKind.RISK_LEVEL_RAISED: _("Risk level raised"),
    EventKind.CIRCUMSTANCES_CHANGED: _("Changed circumstances: the risk to be assessed again"),
    EventKind.SAFETY_PLAN_WRITTEN: _("Safety plan written"),
    EventKind.SAFETY_PLAN_CHANGED: _("Safety plan changed"),
    EventKind.SAFETY_PLAN_REVIEWED: _("Safety plan reviewed"),
    EventKind.SAFETY_MEASURE_ADDED: _("Safety measure added"),
    EventKind.SAFETY_MEASURE_DONE: _("Safety measure done"),
    EventKind.PLAN_ACTION_ADDED: _("Plan action added"),
    EventKind.PLAN_ACTION_CHANGED: _("Plan action changed"),
    EventKind.PRACTICAL_TASK_ADDED: _("Practical support task added"),
    EventKind.PRACTICAL_TASK_DONE: _("Practical support task done"),
    EventKind.DECISION_MADE: _("Decision on an intervention"),
    EventKind.DECISION_ENDED: _("Decision ended"),
    EventKind.PLACEMENT_STARTED: _("Placement in protected housing started"),
    EventKind.CHILD_PLACED: _("Child placed with the parent"),
    EventKind.CHILD_SCHOOLING_STARTED: _("Child's schooling started"),
    EventKind.PLACEMENT_ENDED: _("Placement ended"),
    EventKind.PLACEMENT_COST_CHANGED: _("Cost per night of a placement changed"),
    EventKind.FOLLOW_UP_RECORDED: _("Follow-up"),
    EventKind.SHIS_REFERRAL: _("Referral to SHIS Bostäder"),
    EventKind.HOUSING_PLAN_OPENED: _("Housing plan opened"),
    EventKind.HOUSING_STEP_CHANGED: _("Housing plan step changed"),
    EventKind.HOUSING_CONTRACT_RECORDED: _("Contract for permanent housing recorded"),
    EventKind.SIP_HELD: _("SIP with the region"),
    EventKind.CLOSED: _("Case closed"),
    EventKind.PROTECTION_RAISED: _("A child's protected identity raised to the parent's"),
    EventKind.PROTECTION_LOWERED: _("A child's protected identity lowered"),
    EventKind.OPENING_REQUESTED: _("Opening sent for acceptance"),
    EventKind.OPENING_ACCEPTED: _("Opening accepted"),
    EventKind.OPENING_REFUSED: _("Opening refused"),
    EventKind.TRANSFER_PROPOSED: _("Hand-over to another district proposed"),
    EventKind.TRANSFER_WITHDRAWN: _("Hand-over to another district withdrawn"),
    EventKind.TRANSFER_DECLINED: _("Hand-over to another district declined"),
    EventKind.TRANSFER_ACCEPTED: _("Case handed over to another district"),
    EventKind.THREAT_PERSON_ADDED: _("Threat person recorded"),
    EventKind.THREAT_PERSON_ENDED: _("Threat person no longer current"),
    EventKind.HONOUR_CONTEXT_SET: _("Honour-related context: yes"),
    EventKind.HONOUR_CONTEXT_CLEARED: _("Honour-related context: no"),
    EventKind.THREAT_INVITATION_DECIDED: _(
        "The lead unit's manager decided to invite a unit that has a threat person as a client"
    ),
    EventKind.APPLICATION_RECORDED: _("Application recorded"),
    EventKind.APPLICATION_DECIDED: _("Application decided"),
    EventKind.DECISION_COMMUNICATED: _("Decision communicated"),
    EventKind.DECISION_APPEALED: _("Decision appealed"),
    EventKind.DECISION_APPEAL_DECIDED: _("Court's outcome of an appeal"),
    EventKind.DECISION_REEXAMINED: _("Decision re-examined"),
    EventKind.DECISION_LETTER_DELIVERY_CHOSEN: _("Delivery of the decision letter chosen"),
    EventKind.JOURNAL_NOTE_WRITTEN: _("Journal note written"),
    EventKind.JOURNAL_NOTE_CORRECTED: _("Journal note corrected"),
    EventKind.AFTER_HOURS_DECISION_REVIEWED: _(
        "Socialjouren's after-hours decision reviewed by the lead unit"
    ),
    EventKind.CHILD_PLACEMENT_ENDED: _("The child's own placement ended"),
    EventKind.GUARDIAN_CONSENT_RECORDED: _("A guardian's consent to the child's support recorded"),
    EventKind.CHILD_RECORD_CHANGED: _("A child's school or preschool recorded"),
    EventKind.CHILD_GUARDIAN_LINKED: _("A child's guardian recorded"),
    EventKind.REPORT_OF_CONCERN_RECORDED: _(
        "Report of concern about a child recorded and passed on to children and young people"
    ),
    EventKind.REPORT_OF_CONCERN_ACCEPTED: _("Report of concern accepted"),
    EventKind.REPORT_OF_CONCERN_DECLINED: _("Report of concern declined"),
    EventKind.REPORT_OF_CONCERN_OUTCOME: _("Outcome of a report of concern recorded"),
    EventKind.CASE_MOVED_MUNICIPALITY: _("The person moved to another municipality"),
}


def case_event_record(
    *,
    case: Case,
    kind: str,
    day: datetime.date,
    actor: User | None = None,
    unit=None,
    **data: Any,
) -> CaseEvent:
    return case_event_record_on(None, case=case, kind=kind, day=day, actor=actor, unit=unit, **data)


def case_event_record_on(
    ground: AccessGround | None,
    /,
    *,
    case: Case,
    kind: str,
    day: datetime.date,
    actor: User | None = None,
    unit=None,
    **data: Any,
) -> CaseEvent:
    """Record the event, and the access log's change entry for it: on ``ground`` if given
    (Socialjouren's after-hours decision is made under emergency access, decision 0042), else
    the own unit's, or the system's without an actor."""
    if kind not in LABELS:
        raise ValueError(f"unknown event kind {kind!r}")
    clean = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in data.items()
    }
    event = CaseEvent.objects.create(
        case=case, kind=kind, day=day, actor=actor, unit=unit, data=clean
    )
    # Every change to a case is an access to the person's data: the log gets its entry in the
    # same transaction, so a change that is rolled back leaves no entry either.
    access_log_record(
        actor=actor,
        kind=AccessKind.CHANGE,
        case=case,
        unit=unit,
        ground=ground or (AccessGround.OWN_UNIT if actor is not None else AccessGround.SYSTEM),
    )
    return event
