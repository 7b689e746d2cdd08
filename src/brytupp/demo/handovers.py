"""Cases handed over to another district in the demo (decision 0049), through the services.

- **One received in the past.** A case of its own, planned here (the base plan's open cases
  of Farsta all run on until today, and a hand-over ends the work of Farsta's units): a woman
  came to Farsta's RVT some months ago, told her story, got support talks and a place in
  protected housing with a housing plan. The case is written as it stood on the day Farsta
  proposed to hand it over (Django's clock and the writers' "today" set to that day: what a
  case worker records "now" is dated then), because she is moving to Södermalm. A few days
  later Södermalm's RVT receives it (``sodermalm.rvt`` responsible): Farsta's part ends, its
  open work becomes Södermalm's, and Södermalm works on in it — a journal note, the change of
  address done, an errand still open.
- **One waiting for ``sodermalm.rvt``'s answer today.** Two days ago Farsta's RVT proposed to
  hand over one of its open cases (one ``farsta.rvt`` is responsible for, when there is one):
  ``sodermalm.rvt``'s start page shows it, and the answer page.

Each proposal records the person's consent to the hand-over. One ``random.Random`` of its own,
so the rest of the demo is as it was. Every text is made up.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import (
    Case,
    CaseAcceptance,
    CaseSource,
    CaseTransfer,
    CaseUnit,
    ConsentForm,
    JournalKind,
    NeedArea,
    TransferStatus,
)
from brytupp.cases.transfers import case_transfer_accept, case_transfer_propose
from brytupp.interventions.models import Intervention
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Gender, IdentityKind
from brytupp.plans.models import PracticalTaskKind
from brytupp.plans.tasks import practical_task_add, practical_task_done

from . import texts
from .identities import (
    FICTITIOUS_LAST_NAMES,
    PlannedPerson,
    birth_date_for_age,
    pick_first_name,
)
from .journey import (
    LEAD,
    Journey,
    PlannedAssessment,
    PlannedDecision,
    PlannedFollowUp,
    PlannedPlacement,
    Worker,
    unit_code,
)
from .plan import PlannedCase
from .staff import login_valid_from

DAY = datetime.timedelta(days=1)
ClockOn = Callable[[datetime.date], contextlib.AbstractContextManager[object]]

FROM, TO = "farsta", "sodermalm"
PROPOSER_LOGIN, RECEIVER_LOGIN = "farsta.rvt", "sodermalm.rvt"
# The past hand-over was proposed between these many days ago, the case opened between these
# many days before that.
PROPOSED_DAYS_AGO = (110, 50)
OPENED_DAYS_BEFORE = (200, 120)
ANSWERED_WITHIN_DAYS = 4
WAITING_DAYS_AGO = 2
RECEIVED_REASON = (
    "Personen har fått ett förstahandskontrakt på Södermalm och flyttar dit från det skyddade "
    "boendet. Stödsamtalen bör fortsätta (syntetiskt)."
)
WAITING_REASON = (
    "Personen har flyttat till en andrahandslägenhet på Södermalm. Riskbedömningen gjordes "
    "förra veckan (syntetiskt)."
)
FIRST_NOTE = "Första samtalet efter flytten; personen har fått nycklarna (syntetiskt)."


@dataclass(frozen=True)
class PlannedHandover:
    journey: Journey
    proposed: datetime.date
    answered: datetime.date


def handover_plan(*, today: datetime.date, seed: int) -> PlannedHandover:
    """The case Farsta hands over to Södermalm in the past, and when (see the module's
    docstring). Everything in it happened by the day it is proposed."""
    rng = random.Random(f"hand-over:{seed}")  # noqa: S311 - synthetic demo data
    proposed = today - rng.randint(PROPOSED_DAYS_AGO[1], PROPOSED_DAYS_AGO[0]) * DAY
    opened = proposed - rng.randint(OPENED_DAYS_BEFORE[1], OPENED_DAYS_BEFORE[0]) * DAY
    person = PlannedPerson(
        first_name=pick_first_name(rng, Gender.FEMALE),
        last_name=rng.choice(FICTITIOUS_LAST_NAMES),
        gender=Gender.FEMALE,
        birth_date=birth_date_for_age(rng, age=rng.randint(26, 48), today=today),
        identity_kind=IdentityKind.PERSONNUMMER,
    )
    case = PlannedCase(person=person, district=FROM, source=CaseSource.SELF, opened=opened)
    login = PROPOSER_LOGIN if opened >= login_valid_from(today) else ""
    talks = opened + rng.randint(3, 10) * DAY
    placed = opened + rng.randint(7, 21) * DAY
    provider = rng.choice(texts.PROTECTED_HOUSING_PROVIDERS)
    short_term, long_term = texts.NEEDS[LEAD][NeedArea.HOUSING]
    journey = Journey(
        case=case,
        lead=Worker(unit_code(FROM, LEAD), opened, login=login, pick=rng.randrange(1000)),
        account=rng.choice(texts.ACCOUNTS),
        assessments=[PlannedAssessment(LEAD, NeedArea.HOUSING, short_term, long_term)],
        decisions=[
            PlannedDecision(
                LEAD, Intervention.STODSAMTAL_INDIVIDUELLT, talks, talks, talks + 179 * DAY
            )
        ],
        placements=[
            PlannedPlacement(
                start=placed,
                provider=provider,
                decisions=[
                    PlannedDecision(
                        LEAD,
                        Intervention.SKYDDAT_BOENDE,
                        placed,
                        placed,
                        provider_name=provider,
                    )
                ],
                follow_ups=[
                    PlannedFollowUp(
                        LEAD,
                        placed + rng.randint(2, 6) * DAY,
                        improved_situation=True,
                        note=texts.FOLLOW_UP_NOTES[1],
                    )
                ],
            )
        ],
    )
    answered = proposed + rng.randint(1, ANSWERED_WITHIN_DAYS) * DAY
    return PlannedHandover(journey, proposed, answered)


def handover_receive(
    *,
    case: Case,
    planned: PlannedHandover,
    proposer: User,
    receiver: User,
    units: dict[str, Unit],
    today: datetime.date,
    clock_on: ClockOn,
) -> CaseTransfer:
    """Farsta proposes on the planned day, Södermalm receives it, and works on in the case
    until ``today``."""
    received = planned.answered
    with clock_on(planned.proposed):
        transfer = case_transfer_propose(
            actor=proposer,
            case=case,
            to_unit=units[f"{TO}-rvt"],
            reason=RECEIVED_REASON,
            consent_given=planned.proposed,
            consent_form=ConsentForm.WRITTEN,
        )
    with clock_on(received):
        case_transfer_accept(actor=receiver, transfer=transfer, responsible=receiver)
    talked = min(today, received + 3 * DAY)
    with clock_on(talked):
        journal_note_write(
            actor=receiver, case=case, kind=JournalKind.SAMTAL, date=talked, text=FIRST_NOTE
        )
    kinds = {kind.code: kind for kind in PracticalTaskKind.objects.all()}
    unit = units[f"{TO}-rvt"]
    with clock_on(talked):
        moved = practical_task_add(
            actor=receiver,
            case=case,
            support=kinds["address_change"],
            responsible_unit=unit,
            due=talked + 14 * DAY,
            assignee=receiver,
        )
        practical_task_add(
            actor=receiver,
            case=case,
            support=kinds["bankid"],
            responsible_unit=unit,
            due=today + 10 * DAY,
        )
    done = min(today, talked + 9 * DAY)
    with clock_on(done):
        practical_task_done(actor=receiver, task=moved, done=done)
    return transfer


def handover_waiting(
    *, units: dict[str, Unit], logins: dict[str, User], today: datetime.date, clock_on: ClockOn
) -> CaseTransfer | None:
    """Farsta's RVT proposed two days ago to hand an open case it leads, of a person without a
    protected identity or a case in Södermalm, to Södermalm's RVT; the newest of those
    ``farsta.rvt`` is responsible for (else of any of its case workers)."""
    farsta, sodermalm = units[f"{FROM}-rvt"], units[f"{TO}-rvt"]
    in_sodermalm = Case.objects.filter(district=sodermalm.district).values("person_id")
    waiting = CaseTransfer.objects.filter(status=TransferStatus.PROPOSED).values("case_id")
    parts = (
        CaseUnit.objects.filter(
            unit=farsta,
            case__lead_unit=farsta,
            case__closed__isnull=True,
            case__acceptance=CaseAcceptance.ACCEPTED,
            case__person__protected_identity="none",
            responsible__isnull=False,
        )
        .exclude(case__person_id__in=in_sodermalm)
        .exclude(case_id__in=waiting)
        .select_related("case", "responsible")
        .order_by("-case__opened", "-case_id")
    )
    proposer = logins[PROPOSER_LOGIN]
    part = parts.filter(responsible=proposer).first() or parts.first()
    if part is None:
        return None
    day = today - WAITING_DAYS_AGO * DAY
    with clock_on(max(day, part.case.opened)):
        return case_transfer_propose(
            actor=part.responsible,
            case=part.case,
            to_unit=sodermalm,
            reason=WAITING_REASON,
            consent_given=max(day, part.case.opened),
            consent_form=ConsentForm.ORAL,
        )
