"""Writes of applications and decisions as the law asks (issue 15, decision 0041).

An application (ansökan) or a matter the unit initiates (aktualisering) is recorded by the
unit that received it, which takes part in the case. Its decision names the outcome, the
legal ground (valid on the day of the decision), the reasons (required for an avslag and a
delvis bifall), the decision maker and the line of the unit's delegationsordning that let
them decide (``policies.delegation_held``). A bifall or delvis bifall grants the intervention
through ``services.decision_make`` in the same transaction. The appeal instructions are copied
when the decision is made, from ``APPEAL_INSTRUCTIONS``, if the ground can be appealed and
the outcome is not a full bifall.

A decision is never edited but for the day it was communicated: a re-examination
(omprövning) or a court's change is a new decision that replaces it, and the earlier one is
kept, marked replaced. One decision of an application is in force at a time: every service
that makes one locks the application's row first (decision 0029), and the database holds it
too. Each refusal raises ``ValidationError`` and writes nothing; a user whose unit may not
record them finds nothing (404).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.concurrency import locked
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Person

from .child_track import child_of_case_checked, childs_placement_link, guardian_consents_required
from .models import (
    GRANTING_OUTCOMES,
    REFUSING_OUTCOMES,
    AppealOutcome,
    Application,
    ApplicationDecision,
    ApplicationKind,
    ChildSupportForm,
    DecisionAppeal,
    DecisionOutcome,
    DecisionStatus,
    Delegation,
    Intervention,
    LegalGround,
)
from .services import decision_make

# The standard appeal instructions (överklagandehänvisning) of a decision that can be
# appealed: the text given to the person, so in Swedish whatever the user's language, copied
# onto the decision when it is made so that a later change of the text leaves it as it was.
APPEAL_INSTRUCTIONS = (
    "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten. "
    "Skriv i överklagandet vilket beslut du överklagar, hur du vill att beslutet ska ändras "
    "och varför. Skriv under överklagandet och ange namn, personnummer, adress och "
    "telefonnummer. Skicka eller lämna överklagandet till den nämnd som har fattat beslutet, "
    "inte till förvaltningsrätten. Överklagandet måste ha kommit in inom tre veckor från den "
    "dag du fick del av beslutet. Nämnden prövar först om beslutet ska ändras och skickar "
    "annars överklagandet vidare till förvaltningsrätten. Vill du ha hjälp kan du kontakta "
    "din handläggare."
)


@dataclass(frozen=True)
class DecisionTerms:
    """What a decision says. For a bifall or delvis bifall, the intervention granted (the
    application's unless given) and its period, as ``decision_make`` takes them."""

    outcome: str
    legal_ground: LegalGround
    reasons: str = ""
    intervention: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    provider: Unit | None = None
    provider_name: str = ""
    # For support granted to a child (decision 0045): its form.
    child_support_form: str = ""


def _require_unit(actor: User, unit: Unit, case: Case) -> None:
    """Only a user of the unit, while it takes part in the case: 404 for anyone else."""
    if not policies.unit_decides_in_case(actor, unit, case):
        raise Http404


def _require_follow_up(actor: User, application: Application) -> Unit:
    """Only a user of the unit that follows the application up (the lead unit for
    Socialjouren's after-hours decision, decision 0042): 404 for anyone else. That unit."""
    case = application.case
    if not policies.application_followed_up_by(actor, application, case):
        raise Http404
    return policies.application_follow_up_unit(application, case)


@transaction.atomic
def application_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    received: datetime.date,
    asked: str,
    intervention: str = "",
    unit: Unit | None = None,
    child: Person | None = None,
) -> Application:
    """Record an application or a matter initiated by the unit, received by ``unit`` (the
    actor's unit in the case unless given). ``child``: a child of the case the application is
    about (decision 0045): the child's own decision."""
    unit = unit or acting_unit(actor, case)
    if unit is None:
        raise Http404
    _require_unit(actor, unit, case)
    require_open(case)
    child_of_case_checked(case, child, actor=actor)
    if kind not in ApplicationKind.values:
        raise ValidationError({"kind": _("Choose whether it is an application or initiated.")})
    require_not_future(received, "received")
    if received < case.opened:
        raise ValidationError(
            {"received": _("An application cannot be received before the case was opened.")}
        )
    asked = asked.strip()
    if not asked:
        raise ValidationError({"asked": _("Write what is asked.")})
    application = Application(
        case=case,
        kind=kind,
        received=received,
        asked=asked,
        intervention=intervention,
        unit=unit,
        child=child,
        recorded_by=actor,
    )
    application.full_clean()
    application.save()
    case_event_record(
        case=case,
        kind=EventKind.APPLICATION_RECORDED,
        day=received,
        actor=actor,
        unit=unit,
        application=str(application.public_id),
        application_kind=kind,
        intervention=intervention,
        **({"child": str(child.public_id)} if child is not None else {}),
    )
    return application


def _terms_checked(
    application: Application, *, decided: datetime.date, terms: DecisionTerms
) -> tuple[str, str]:
    """The refusals every decision makes before it writes; returns the reasons, stripped,
    and the intervention the decision is about ('' when the application names none)."""
    if terms.outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    require_not_future(decided, "decided")
    if decided < application.received:
        raise ValidationError(
            {"decided": _("A decision cannot be made before the application was received.")}
        )
    if not terms.legal_ground.valid_on(decided):
        raise ValidationError(
            {
                "legal_ground": _("The legal ground %(ground)s is not in force on %(day)s.")
                % {"ground": terms.legal_ground, "day": decided.isoformat()}
            }
        )
    reasons = terms.reasons.strip()
    if terms.outcome in REFUSING_OUTCOMES and not reasons:
        raise ValidationError(
            {"reasons": _("Write the reasons: an avslag or a delvis bifall must give them.")}
        )
    intervention = terms.intervention or application.intervention
    if terms.outcome in GRANTING_OUTCOMES:
        if not intervention:
            raise ValidationError({"intervention": _("Choose the intervention granted.")})
        if terms.start is None:
            raise ValidationError({"start": _("Give the day the intervention starts.")})
    elif terms.start is not None or terms.end is not None:
        raise ValidationError({"start": _("An avslag grants nothing: leave the period empty.")})
    return reasons, intervention


def _delegation(
    maker: User,
    application: Application,
    *,
    intervention: str,
    outcome: str,
    on,
    unit: Unit | None = None,
) -> Delegation:
    """The line of ``unit``'s delegationsordning (the receiving unit's unless given) under
    which ``maker`` decides; refused when none."""
    unit = unit or application.unit
    delegation = policies.delegation_held(maker, unit, intervention, outcome, on)
    if delegation is None:
        raise ValidationError(
            {
                "decision_maker": _(
                    "%(maker)s has no delegation in %(unit)s on %(day)s to decide this "
                    "intervention with this outcome."
                )
                % {
                    "maker": maker.get_full_name() or maker.username,
                    "unit": unit.name,
                    "day": on.isoformat(),
                }
            }
        )
    return delegation


def _decision_write(
    *,
    actor: User,
    application: Application,
    decided: datetime.date,
    terms: DecisionTerms,
    reasons: str,
    intervention: str,
    decision_maker: User | None,
    delegation,
    replaces: ApplicationDecision | None = None,
    appeal: DecisionAppeal | None = None,
    ground: AccessGround | None = None,
    deciding_unit: Unit | None = None,
) -> ApplicationDecision:
    """The decision row, and the intervention it grants. The checks are made. ``ground``: the
    access log's for the grant's event (Socialjouren's after hours: emergency, decision 0042)."""
    granted = None
    child = application.child
    if terms.outcome in GRANTING_OUTCOMES:
        assert terms.start is not None  # checked by _terms_checked
        support_form = ""
        if child is not None and intervention == Intervention.STOD_BARN:
            guardian_consents_required(application.case, child)
            support_form = terms.child_support_form or ChildSupportForm.OTHER
        granted = decision_make(
            actor=actor,
            case=application.case,
            intervention=intervention,
            decided=decided,
            start=terms.start,
            end=terms.end,
            provider=terms.provider,
            provider_name=terms.provider_name,
            decided_by=deciding_unit or application.unit,
            ground=ground,
            child=child,
            child_support_form=support_form,
        )
    # A court's decision brings the court's own instructions (to the next instance).
    appealable = (
        appeal is None and terms.legal_ground.appealable and terms.outcome != DecisionOutcome.BIFALL
    )
    decision = ApplicationDecision(
        application=application,
        decided=decided,
        outcome=terms.outcome,
        legal_ground=terms.legal_ground,
        reasons=reasons,
        decision_maker=decision_maker,
        delegation=delegation,
        appeal_instructions=APPEAL_INSTRUCTIONS if appealable else "",
        granted=granted,
        replaces=replaces,
        appeal=appeal,
        recorded_by=actor,
    )
    decision.full_clean(validate_constraints=False)
    decision.save()
    childs_placement_link(decision)
    return decision


def _no_decision_in_force(application: Application) -> None:
    if application.decisions.filter(status=DecisionStatus.IN_FORCE).exists():
        raise ValidationError(
            _(
                "The application is already decided. A decision in force is changed only by "
                "re-examining it."
            )
        )


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: Application,
    decided: datetime.date,
    terms: DecisionTerms,
    decision_maker: User | None = None,
) -> ApplicationDecision:
    """Decide an application with no decision in force; ``decision_maker`` (the actor unless
    given) must hold a delegation for it on the day of the decision."""
    case = application.case
    _require_unit(actor, application.unit, case)
    # The second of two decisions at once waits here, then finds the first one in force.
    locked(application)
    require_open(case)
    _no_decision_in_force(application)
    reasons, intervention = _terms_checked(application, decided=decided, terms=terms)
    maker = decision_maker or actor
    delegation = _delegation(
        maker, application, intervention=intervention, outcome=terms.outcome, on=decided
    )
    decision = _decision_write(
        actor=actor,
        application=application,
        decided=decided,
        terms=terms,
        reasons=reasons,
        intervention=intervention,
        decision_maker=maker,
        delegation=delegation,
    )
    _decided_event(actor, decision, kind=EventKind.APPLICATION_DECIDED)
    return decision


def _decided_event(
    actor: User, decision: ApplicationDecision, *, kind: str, unit: Unit | None = None
) -> None:
    application = decision.application
    case_event_record(
        case=application.case,
        kind=kind,
        day=decision.decided,
        actor=actor,
        unit=unit or application.unit,
        application=str(application.public_id),
        decision=str(decision.public_id),
        outcome=decision.outcome,
        legal_ground=decision.legal_ground.code,
        granted=str(decision.granted.public_id) if decision.granted else None,
        replaces=str(decision.replaces.public_id) if decision.replaces else None,
    )


@transaction.atomic
def decision_communicated_set(
    *, actor: User, decision: ApplicationDecision, communicated: datetime.date
) -> ApplicationDecision:
    """Record the day the person was told of the decision; recorded once."""
    application = decision.application
    unit = _require_follow_up(actor, application)
    locked(decision)
    if decision.communicated is not None:
        raise ValidationError(
            _("The decision was already communicated on %(day)s.")
            % {"day": decision.communicated.isoformat()}
        )
    require_not_future(communicated, "communicated")
    if communicated < decision.decided:
        raise ValidationError(
            {"communicated": _("A decision cannot be communicated before it was made.")}
        )
    decision.communicated = communicated
    decision.save(update_fields=["communicated"])
    case_event_record(
        case=application.case,
        kind=EventKind.DECISION_COMMUNICATED,
        day=communicated,
        actor=actor,
        unit=unit,
        decision=str(decision.public_id),
    )
    return decision


def _require_in_force(decision: ApplicationDecision) -> None:
    if decision.status != DecisionStatus.IN_FORCE:
        raise ValidationError(
            _("The decision is no longer in force: it was %(status)s.")
            % {"status": decision.get_status_display().lower()}
        )


@transaction.atomic
def decision_appeal_record(
    *,
    actor: User,
    decision: ApplicationDecision,
    lodged: datetime.date,
    court: str,
    note: str = "",
) -> DecisionAppeal:
    """Record that the decision was appealed; one appeal of a decision is pending at a time."""
    application = decision.application
    unit = _require_follow_up(actor, application)
    locked(decision)
    _require_in_force(decision)
    if not decision.legal_ground.appealable:
        raise ValidationError(_("A decision on this legal ground cannot be appealed."))
    require_not_future(lodged, "lodged")
    if lodged < decision.decided:
        raise ValidationError({"lodged": _("An appeal cannot be lodged before the decision.")})
    court = court.strip()
    if not court:
        raise ValidationError({"court": _("Name the court.")})
    if decision.appeals.filter(outcome=AppealOutcome.PENDING).exists():
        raise ValidationError(_("An appeal of this decision is already pending."))
    appeal = DecisionAppeal(
        decision=decision, lodged=lodged, court=court, note=note.strip(), recorded_by=actor
    )
    appeal.full_clean(validate_constraints=False)
    appeal.save()
    case_event_record(
        case=application.case,
        kind=EventKind.DECISION_APPEALED,
        day=lodged,
        actor=actor,
        unit=unit,
        decision=str(decision.public_id),
        appeal=str(appeal.public_id),
    )
    return appeal


@transaction.atomic
def decision_appeal_outcome_set(
    *,
    actor: User,
    appeal: DecisionAppeal,
    outcome: str,
    outcome_date: datetime.date,
    note: str = "",
    terms: DecisionTerms | None = None,
) -> DecisionAppeal:
    """Record the court's outcome. Changed: the court's decision (``terms``) replaces the
    appealed one, which is kept. Set aside: the appealed decision is no longer in force and
    the application is decided again. Upheld: the decision stands."""
    decision = appeal.decision
    application = decision.application
    unit = _require_follow_up(actor, application)
    locked(application)
    locked(appeal)
    locked(decision)
    if appeal.outcome != AppealOutcome.PENDING:
        raise ValidationError(_("The appeal's outcome is already recorded."))
    if outcome not in AppealOutcome.values or outcome == AppealOutcome.PENDING:
        raise ValidationError({"outcome": _("Choose the court's outcome.")})
    require_not_future(outcome_date, "outcome_date")
    if outcome_date < appeal.lodged:
        raise ValidationError(
            {"outcome_date": _("The outcome cannot come before the appeal was lodged.")}
        )
    if outcome == AppealOutcome.CHANGED and terms is None:
        raise ValidationError(_("Record what the court decided."))
    if outcome != AppealOutcome.CHANGED and terms is not None:
        raise ValidationError(_("Only a changed decision has new terms."))
    if outcome != AppealOutcome.UPHELD:
        _require_in_force(decision)
    appeal.outcome, appeal.outcome_date = outcome, outcome_date
    if note.strip():
        appeal.note = note.strip()
    appeal.full_clean(validate_constraints=False)
    appeal.save(update_fields=["outcome", "outcome_date", "note"])
    case_event_record(
        case=application.case,
        kind=EventKind.DECISION_APPEAL_DECIDED,
        day=outcome_date,
        actor=actor,
        unit=unit,
        decision=str(decision.public_id),
        appeal=str(appeal.public_id),
        appeal_outcome=outcome,
    )
    if outcome == AppealOutcome.ANNULLED:
        decision.status = DecisionStatus.ANNULLED
        decision.save(update_fields=["status"])
    elif outcome == AppealOutcome.CHANGED:
        assert terms is not None
        _court_change(actor, appeal, decision, terms=terms, decided=outcome_date, unit=unit)
    return appeal


def _court_change(
    actor: User,
    appeal: DecisionAppeal,
    decision: ApplicationDecision,
    *,
    terms: DecisionTerms,
    decided: datetime.date,
    unit: Unit,
) -> ApplicationDecision:
    """The court's decision, replacing the appealed one. The court judges the matter as it was
    decided: a ground in force on the appealed decision's day is accepted as well as one in
    force on the court's."""
    on = decided if terms.legal_ground.valid_on(decided) else decision.decided
    reasons, intervention = _terms_checked(decision.application, decided=on, terms=terms)
    return _replace(
        actor,
        decision,
        decided=decided,
        terms=terms,
        reasons=reasons,
        intervention=intervention,
        maker=None,
        delegation=None,
        appeal=appeal,
        unit=unit,
    )


def _replace(
    actor: User,
    decision: ApplicationDecision,
    *,
    decided: datetime.date,
    terms: DecisionTerms,
    reasons: str,
    intervention: str,
    maker: User | None,
    delegation: Delegation | None,
    appeal: DecisionAppeal | None,
    unit: Unit,
) -> ApplicationDecision:
    """The new decision (a re-examination's or the court's) in force, the earlier one kept,
    marked replaced; ``unit``: the unit that follows the application up and grants."""
    decision.status = DecisionStatus.REPLACED
    decision.save(update_fields=["status"])
    new = _decision_write(
        actor=actor,
        application=decision.application,
        decided=decided,
        terms=terms,
        reasons=reasons,
        intervention=intervention,
        decision_maker=maker,
        delegation=delegation,
        replaces=decision,
        appeal=appeal,
        deciding_unit=unit,
    )
    _decided_event(actor, new, kind=EventKind.DECISION_REEXAMINED, unit=unit)
    return new


@transaction.atomic
def decision_reexamine(
    *,
    actor: User,
    decision: ApplicationDecision,
    decided: datetime.date,
    terms: DecisionTerms,
    decision_maker: User | None = None,
) -> ApplicationDecision:
    """Re-examine (ompröva) a decision in force: the new decision, made under a delegation as
    any other, replaces it; the earlier one is kept, marked replaced. The intervention the
    earlier one granted is not ended by this: that is ``services.decision_end``'s."""
    application = decision.application
    unit = _require_follow_up(actor, application)
    locked(application)
    locked(decision)
    require_open(application.case)
    _require_in_force(decision)
    if decided < decision.decided:
        raise ValidationError(
            {"decided": _("A re-examination cannot come before the decision it re-examines.")}
        )
    if decision.appeals.filter(outcome=AppealOutcome.PENDING).exists():
        raise ValidationError(
            _("An appeal of the decision is pending: record the court's outcome first.")
        )
    reasons, intervention = _terms_checked(application, decided=decided, terms=terms)
    maker = decision_maker or actor
    delegation = _delegation(
        maker, application, intervention=intervention, outcome=terms.outcome, on=decided, unit=unit
    )
    return _replace(
        actor,
        decision,
        decided=decided,
        terms=terms,
        reasons=reasons,
        intervention=intervention,
        maker=maker,
        delegation=delegation,
        appeal=None,
        unit=unit,
    )
