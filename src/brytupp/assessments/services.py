"""Writes of screenings, risk assessments and changed circumstances."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.concurrency import locked
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Person

from . import instruments
from .models import (
    LEVEL_ORDER,
    POLICE_INSTRUMENTS,
    STRUCTURED_INSTRUMENTS,
    CircumstanceChange,
    RiskAssessment,
    RiskInstrument,
    RiskLevel,
    Screening,
    ScreeningOutcome,
)


@transaction.atomic
def screening_record(
    *,
    actor: User,
    unit: Unit,
    date: datetime.date,
    asked: bool,
    outcome: str = "",
    person: Person | None = None,
    answers: dict | None = None,
    told_of_help: bool | None = None,
    not_asked_reason: str = "",
    not_asked_note: str = "",
) -> Screening:
    """Record one screening opportunity: whether the unit asked, and what came of it.

    With ``answers`` (the page: FREDA-kortfrågor, ``instruments.KORTFRAGOR``) every question
    is answered and the outcome follows from them: violence disclosed when any answer is yes,
    declined when every question was declined. Whether the person was told of the help on
    offer is stated when the questions were asked; when they were not, the reason is.
    """
    require_not_future(date, "date")
    version = ""
    if answers is not None:
        form = instruments.KORTFRAGOR
        version = form.version
        if asked:
            answers = _answers_required(
                answers,
                form.item_codes(),
                instruments.SHORT_ANSWERS,
                _("Answer every question, with Did not want to answer where the person did not."),
            )
            outcome = _screening_outcome(answers)
            if told_of_help is None:
                raise ValidationError(
                    {"told_of_help": _("Say whether the person was told of the help on offer.")}
                )
        else:
            answers = {}
            if not not_asked_reason:
                raise ValidationError(
                    {"not_asked_reason": _("Say why the questions were not asked.")}
                )
    if asked and not outcome:
        raise ValidationError({"outcome": _("State the outcome of the questions.")})
    if not asked and outcome:
        raise ValidationError(
            {"outcome": _("There is no outcome when the questions were not asked.")}
        )
    screening = Screening(
        unit=unit,
        date=date,
        asked=asked,
        outcome=outcome,
        person=person,
        recorded_by=actor,
        instrument_version=version,
        answers=answers or {},
        told_of_help=told_of_help if asked else None,
        not_asked_reason="" if asked else not_asked_reason,
        not_asked_note="" if asked else not_asked_note.strip(),
    )
    screening.full_clean()
    screening.save()
    if person is not None:
        access_log_record(actor=actor, kind=AccessKind.CHANGE, person=person, unit=unit)
    return screening


def _screening_outcome(answers: dict) -> str:
    values = set(answers.values())
    if "yes" in values:
        return ScreeningOutcome.POSITIVE
    if values == {"declined"}:
        return ScreeningOutcome.DECLINED
    return ScreeningOutcome.NEGATIVE


# --- risk assessments ------------------------------------------------------------------------

REASSESS_WITHIN_DAYS = 30


def _answers_required(answers: dict, codes: list[str], allowed, message) -> dict:
    """Every item answered with one of the allowed answers; nothing else kept."""
    allowed_codes = {code for code, _label in allowed}
    missing = [code for code in codes if answers.get(code) not in allowed_codes]
    if missing:
        raise ValidationError({"answers": message})
    return {code: answers[code] for code in codes}


def _described_forms(answers: dict) -> dict:
    """FREDA-beskrivning: for each form of violence how often; when it happened, how long ago
    it was last and whether children were present."""
    described = {}
    for code, _label in instruments.VIOLENCE_FORMS:
        given = answers.get(code) or {}
        frequency = given.get("frequency")
        if frequency not in dict(instruments.FREQUENCIES):
            raise ValidationError(
                {"answers": _("Say how often for every form of violence, also when never.")}
            )
        if frequency == "never":
            described[code] = {"frequency": frequency}
            continue
        last, children = given.get("last"), given.get("children")
        if last not in dict(instruments.LAST_TIMES) or children not in dict(
            instruments.CHILDREN_PRESENT
        ):
            raise ValidationError(
                {
                    "answers": _(
                        "For every form of violence that happened, say when it was last and "
                        "whether children were present."
                    )
                }
            )
        described[code] = {"frequency": frequency, "last": last, "children": children}
    return described


def _reassess_by(
    *, level: str, date: datetime.date, asked: datetime.date | None
) -> datetime.date | None:
    """A level above low is assessed again within 30 days; the case worker may set it sooner,
    and for a low level set a date or none."""
    latest = date + datetime.timedelta(days=REASSESS_WITHIN_DAYS)
    if asked is not None and asked < date:
        raise ValidationError(
            {"reassess_by": _("The date to reassess by is before the assessment.")}
        )
    if level in (RiskLevel.MEDIUM, RiskLevel.HIGH):
        if asked is not None and asked > latest:
            raise ValidationError(
                {
                    "reassess_by": _(
                        "A level above low is assessed again within 30 days: by %(latest)s "
                        "at the latest."
                    )
                    % {"latest": latest.isoformat()}
                }
            )
        return asked or latest
    return asked


def participating_unit(actor: User, case: Case) -> Unit:
    """The unit of the actor's current part in the case (``policies.acting_part``), which
    records the row; refused for a user with no part, whoever calls (the pages let only a unit
    taking part this far)."""
    unit = acting_unit(actor, case)
    if unit is None:
        raise ValidationError(_("Only a unit taking part in the case can record this."))
    return unit


def require_describing(actor: User, case: Case) -> None:
    """Refused unless the actor's unit reads the descriptions of violence in the case
    (``policies.violence_description_writer``): what it writes it must be able to read back."""
    if not policies.violence_description_writer(actor, case):
        raise ValidationError(
            _(
                "Only the lead unit and the units the person's consent names for the "
                "description of violence record this."
            )
        )


def current_level(case: Case) -> RiskAssessment | None:
    """The case's latest structured assessment with a level: the case's current risk level."""
    return (
        RiskAssessment.objects.filter(case=case, instrument__in=STRUCTURED_INSTRUMENTS)
        .exclude(level="")
        .order_by("-date", "-pk")
        .first()
    )


@transaction.atomic
def risk_assessment_record(
    *,
    actor: User,
    case: Case,
    instrument: str,
    date: datetime.date,
    level: str = "",
    answers: dict | None = None,
    instrument_result: str = "",
    judgement: str = "",
    reference: str = "",
    reassess_by: datetime.date | None = None,
) -> RiskAssessment:
    """Record a risk assessment as the instrument asks (``assessments.instruments``); refused
    with nothing saved when incomplete. A new assessment never changes an earlier one. A level
    that rises above the case's current one is an event every unit taking part sees."""
    case = locked(case)
    require_open(case)
    require_not_future(date, "date")
    answers = answers or {}
    judgement = judgement.strip()
    version = ""
    score = None
    if instrument == RiskInstrument.FREDA_FARLIGHET:
        form = instruments.CURRENT[instrument]
        answers = _answers_required(
            answers,
            form.item_codes(),
            instruments.ITEM_ANSWERS,
            _("Answer every item of the form, with Don't know where the answer is not known."),
        )
        score = sum(1 for answer in answers.values() if answer == "yes")
        version = form.version
    elif instrument == RiskInstrument.FREDA_BESKRIVNING:
        answers = _described_forms(answers)
        version = instruments.CURRENT[instrument].version
        level = ""
    elif instrument == RiskInstrument.PATRIARK:
        answers = {}
        version = instruments.CURRENT[instrument].version
        if not instrument_result:
            raise ValidationError(
                {"instrument_result": _("State the result of the PATRIARK assessment.")}
            )
    elif instrument in POLICE_INSTRUMENTS:
        answers = {}
        if not reference.strip():
            raise ValidationError({"reference": _("State the police's reference.")})
    else:
        raise ValidationError({"instrument": _("Choose an instrument.")})
    if instrument in STRUCTURED_INSTRUMENTS and not judgement:
        raise ValidationError({"judgement": _("Write your own judgement of the risk.")})
    if instrument != RiskInstrument.FREDA_BESKRIVNING and not level:
        raise ValidationError({"level": _("Choose the risk level.")})
    before = current_level(case) if instrument in STRUCTURED_INSTRUMENTS else None
    unit = participating_unit(actor, case)
    if instrument not in POLICE_INSTRUMENTS:
        require_describing(actor, case)
    assessment = RiskAssessment(
        case=case,
        date=date,
        instrument=instrument,
        instrument_version=version,
        level=level,
        unit=unit,
        recorded_by=actor,
        recorded_at=timezone.now(),
        answers=answers,
        score=score,
        instrument_result=instrument_result if instrument == RiskInstrument.PATRIARK else "",
        judgement=judgement,
        reference=reference.strip() if instrument in POLICE_INSTRUMENTS else "",
        reassess_by=_reassess_by(level=level, date=date, asked=reassess_by)
        if instrument in STRUCTURED_INSTRUMENTS
        else None,
    )
    assessment.full_clean()
    assessment.save()
    case_event_record(
        case=case,
        kind=EventKind.RISK_ASSESSED,
        day=date,
        actor=actor,
        unit=unit,
        instrument=instrument,
        level=level,
    )
    if instrument in STRUCTURED_INSTRUMENTS and level_raised(before, assessment):
        case_event_record(
            case=case,
            kind=EventKind.RISK_LEVEL_RAISED,
            day=date,
            actor=actor,
            unit=unit,
            level=level,
            earlier=before.level if before is not None else "",
        )
    return assessment


def level_raised(before: RiskAssessment | None, now: RiskAssessment) -> bool:
    """A level above low that is higher than the case's current one, or the first one. Only an
    assessment at least as recent as the current one changes the current level."""
    if now.level not in (RiskLevel.MEDIUM, RiskLevel.HIGH):
        return False
    if before is None:
        return True
    if now.date < before.date:
        return False
    return LEVEL_ORDER[RiskLevel(now.level)] > LEVEL_ORDER[RiskLevel(before.level)]


@transaction.atomic
def circumstance_change_record(
    *, actor: User, case: Case, date: datetime.date, what: str
) -> CircumstanceChange:
    """Changed circumstances: the risk is to be assessed again from this day (Att göra)."""
    require_open(case)
    require_not_future(date, "date")
    unit = participating_unit(actor, case)
    change = CircumstanceChange(
        case=case, date=date, what=what.strip(), unit=unit, recorded_by=actor
    )
    change.full_clean()
    change.save()
    case_event_record(
        case=case, kind=EventKind.CIRCUMSTANCES_CHANGED, day=date, actor=actor, unit=unit
    )
    return change
