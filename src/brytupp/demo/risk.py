"""Risk and safety in the demo's cases: structured risk assessments, descriptions of violence,
the police's references, safety plans with measures and reviews, changed circumstances.

Each case draws from its own ``random.Random`` (seeded with the case's number), so adding this
work left every other part of the demo as it was. Most cases get FREDA-farlighetsbedömning
within two weeks of opening, some later and some never — the gap the city's audit found, which
the follow-up figure ``risk_assessment_within_14_days`` shows per district. Open cases at a
level above low get a safety plan, some with a child's own; a few levels were raised in the last
days, so the banner and Att göra have something to show. Open cases record who the threat is
(the former partner, or in a few honour-related cases a family, with PATRIARK). Every text is
made up.
"""

from __future__ import annotations

import datetime
import random

from brytupp.assessments import instruments
from brytupp.assessments.models import MeasureKind, RiskInstrument
from brytupp.assessments.safety import (
    safety_measure_add,
    safety_measure_done,
    safety_plan_change,
    safety_plan_review,
    safety_plan_write,
)
from brytupp.assessments.services import circumstance_change_record, risk_assessment_record
from brytupp.cases.models import Case, ThreatRelation
from brytupp.cases.threats import case_honour_context_set, threat_person_add, threat_person_end
from brytupp.organisation.models import User
from brytupp.people.models import Person

DAY = datetime.timedelta(days=1)
# Days from opening to the first structured assessment; ``None``: never assessed.
FIRST_ASSESSED_AFTER = (0, 0, 1, 2, 3, 3, 5, 7, 8, 10, 12, 14, 15, 21, 30, None)
JUDGEMENTS = {
    "low": "Inga tecken på upptrappning. Personen bor skyddat hos en väninna (syntetiskt).",
    "medium": "Upprepade hot via sms efter separationen; risken ökar vid kontakt (syntetiskt).",
    "high": "Hot om att döda, strypgrepp tidigare och separation nyss: hög risk (syntetiskt).",
}
YES_ANSWERS = {"low": (0, 4), "medium": (4, 9), "high": (9, 15)}
MEASURES = (
    (MeasureKind.ALARM, "Trygghetslarm beställt via polisen (syntetiskt)."),
    (MeasureKind.PROTECTED_DATA, "Ansökan om skyddade personuppgifter hos Skatteverket."),
    (MeasureKind.ROUTES, "Ny väg till arbetet; inga fasta tider (syntetiskt)."),
    (MeasureKind.POLICE_CONTACT, "Kontaktperson hos polisen; ring 112 vid fara."),
    (MeasureKind.CONTACT_BAN, "Ansökan om kontaktförbud stöds (syntetiskt)."),
    (MeasureKind.SAFE_CONTACT, "Kontakt bara via det nya mobilnumret."),
)
CHILD_MEASURES = (
    (MeasureKind.SCHOOL_INFORMED, "Skolan informerad; barnet lämnas inte ut (syntetiskt)."),
    (MeasureKind.CHILD_PICKUP, "Bara mormor och personen själv får hämta barnet."),
)


def risk_and_safety_write(
    *,
    case: Case,
    lead: User,
    children: list[Person],
    closed: datetime.date | None,
    today: datetime.date,
    seed: int,
) -> None:
    """Write the case's risk work through the services, as the lead unit would have done it,
    before the case closes on ``closed`` (if it does)."""
    rng = random.Random(f"risk-and-safety:{seed}")  # noqa: S311 - synthetic demo data
    honour = closed is None and _threats(case, lead, rng, today=today)
    last_day = min(closed or today, today)
    after = rng.choice(FIRST_ASSESSED_AFTER)
    if after is None:
        return
    first = min(case.opened + after * DAY, last_day)
    level = rng.choices(("low", "medium", "high"), weights=(30, 45, 25))[0]
    _farlighet(case, lead, rng, date=first, level=level)
    if rng.random() < 0.3:
        _beskrivning(case, lead, rng, date=first)
    if honour:
        risk_assessment_record(
            actor=lead,
            case=case,
            instrument=RiskInstrument.PATRIARK,
            date=first,
            instrument_result=level,
            judgement="Familjen har hotat om att föra personen utomlands (syntetiskt).",
            level=level,
        )
    if rng.random() < 0.15:
        risk_assessment_record(
            actor=lead,
            case=case,
            instrument=rng.choice((RiskInstrument.B_SAFER, RiskInstrument.SARA_SV)),
            date=first,
            reference=f"{rng.randint(1000, 9999)}-K{rng.randint(100000, 999999)}-{first:%y}",
            level=rng.choice(("medium", "high")),
        )
    if closed is not None:
        return
    if level != "low" and (today - first).days > 20 and rng.random() < 0.6:
        # Reassessed lately, within its 30 days or just after; now and then the level rose.
        later = today - rng.randint(0, 12) * DAY
        higher = "high" if level == "medium" and rng.random() < 0.4 else level
        _farlighet(case, lead, rng, date=later, level=higher)
    if rng.random() < 0.08:
        circumstance_change_record(
            actor=lead,
            case=case,
            date=today - rng.randint(0, 6) * DAY,
            what="Förövaren släpps från häktet i veckan (syntetiskt).",
        )
    if level != "low" or rng.random() < 0.3:
        _plan(case, lead, rng, today=today, child=None)
        for child in children:
            if rng.random() < 0.5:
                _plan(case, lead, rng, today=today, child=child)


def _threats(case, lead, rng, *, today: datetime.date) -> bool:
    """Who the threat is, in an open case: most often the (former) partner, in some cases
    a family (honour-related violence). Returns whether the case has an honour context."""
    if rng.random() < 0.08:
        case_honour_context_set(actor=lead, case=case, honour_context=True)
        for relation, description in rng.sample(HONOUR_FAMILY, 2):
            threat_person_add(actor=lead, case=case, relation=relation, description=description)
        return True
    if rng.random() < 0.05:
        # Recorded by mistake, and corrected the same day.
        case_honour_context_set(actor=lead, case=case, honour_context=True)
        case_honour_context_set(actor=lead, case=case, honour_context=False)
    if rng.random() < 0.75:
        threat = threat_person_add(
            actor=lead,
            case=case,
            relation=rng.choice((ThreatRelation.FORMER_PARTNER, ThreatRelation.PARTNER)),
            description="Ex-partnern, inte registrerad här (syntetiskt)",
        )
        if rng.random() < 0.05:
            threat_person_end(
                actor=lead,
                threat=threat,
                ended=today,
                reason="Avliden enligt polisen (syntetiskt).",
            )
    return False


HONOUR_FAMILY = (
    (ThreatRelation.PARENT, "Fadern (syntetiskt)"),
    (ThreatRelation.SIBLING, "Äldre bror (syntetiskt)"),
    (ThreatRelation.OTHER_RELATIVE, "Farbror (syntetiskt)"),
    (ThreatRelation.PARTNERS_FAMILY, "Svärmor (syntetiskt)"),
)


def _farlighet(case, lead, rng, *, date: datetime.date, level: str) -> None:
    low, high = YES_ANSWERS[level]
    yes = set(rng.sample(instruments.FARLIGHET.item_codes(), rng.randint(low, high)))
    answers = {
        code: "yes" if code in yes else rng.choices(("no", "unknown"), weights=(9, 1))[0]
        for code in instruments.FARLIGHET.item_codes()
    }
    risk_assessment_record(
        actor=lead,
        case=case,
        instrument=RiskInstrument.FREDA_FARLIGHET,
        date=date,
        answers=answers,
        judgement=JUDGEMENTS[level],
        level=level,
    )


def _beskrivning(case, lead, rng, *, date: datetime.date) -> None:
    answers = {}
    for code, _label in instruments.VIOLENCE_FORMS:
        frequency = rng.choice(instruments.FREQUENCIES)[0]
        answers[code] = (
            {"frequency": frequency}
            if frequency == "never"
            else {
                "frequency": frequency,
                "last": rng.choice(instruments.LAST_TIMES)[0],
                "children": rng.choice(instruments.CHILDREN_PRESENT)[0],
            }
        )
    risk_assessment_record(
        actor=lead,
        case=case,
        instrument=RiskInstrument.FREDA_BESKRIVNING,
        date=date,
        answers=answers,
        judgement="Våldet har trappats upp under det senaste året (syntetiskt).",
    )


def _plan(case, lead, rng, *, today: datetime.date, child: Person | None) -> None:
    plan = safety_plan_write(
        actor=lead,
        case=case,
        child=child,
        threats="Ex-partnern söker upp personen vid bostaden och arbetet (syntetiskt).",
        review_on=today + rng.randint(0, 40) * DAY,
    )
    if rng.random() < 0.15:
        safety_plan_change(
            actor=lead,
            plan=plan,
            threats=plan.threats + " Har nu också hotat via en släkting (syntetiskt).",
            review_on=plan.review_on,
            version=plan.version,
        )
    choices = CHILD_MEASURES if child is not None else MEASURES
    for kind, description in rng.sample(choices, min(len(choices), rng.randint(1, 3))):
        measure = safety_measure_add(
            actor=lead,
            plan=plan,
            kind=kind,
            description=description,
            responsible_unit=case.lead_unit,
            due=today + rng.randint(1, 20) * DAY,
        )
        if rng.random() < 0.4:
            safety_measure_done(actor=lead, measure=measure, done_on=today)
    if rng.random() < 0.25:
        safety_plan_review(
            actor=lead,
            plan=plan,
            reviewed_on=today,
            note="Planen följd; larmet fungerar (syntetiskt).",
            next_review_on=today + rng.randint(14, 45) * DAY,
        )
