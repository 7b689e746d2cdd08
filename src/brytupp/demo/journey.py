"""The case journey of the demo's cases, planned in memory before anything is written.

Every case of the base plan (:mod:`.plan`) gets a journey: who opened it and is responsible,
the person's consents, the units invited (taking part, declined or still invited), and then
the work: the person's account, joint meetings, needs assessments, plan actions, decisions,
placements in protected housing with the children placed with the parent, follow-ups, SHIS
referrals and SIPs. Screenings in the districts' units come with them.

Planning runs in two passes. The first settles consent and the parts of every case, and keeps
the promises the demo logins rely on (``farsta.ekb`` takes part in cases, has an invitation to
answer and has lost one case when the person withdrew their consent). The second plans the
work within what the first allows: a unit works in a case only while a consent covers it.
Then come the promises on the work: every district decides on the whole palette in the last
twelve months, places someone in protected housing, a re-opened case confirms the account
carried from its earlier case, and every year of the effect-goal trend has its figures.

Dates count back from ``today`` and nothing that happened is after it; only what is planned
ahead (a plan action's due date, a decision's end, a SIP's next follow-up) may lie later.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from brytupp.cases.models import CaseUnitStatus, ClosureReason, ConsentForm
from brytupp.housing.models import HousingType, ShisReferralKind
from brytupp.interventions.models import (
    FOLLOW_UP_WITHIN_DAYS,
    PALETTE,
    SCHOOL_AGE_FROM,
    SCHOOL_AGE_TO,
    SCHOOLING_WITHIN_DAYS,
    SHORT_PROTECTED_HOUSING_DAYS,
    Intervention,
    PlacementEndReason,
    SchoolingKind,
)
from brytupp.organisation.models import UnitKind
from brytupp.plans.models import ActionStatus

from . import texts
from .identities import PlannedPerson, random_day, years_before
from .plan import Plan, PlannedCase, trend_windows, weighted
from .staff import login_valid_from

DAY = datetime.timedelta(days=1)
LEAD = UnitKind.RVT
EKB = UnitKind.EKONOMISKT_BISTAND
JOINING = (UnitKind.EKONOMISKT_BISTAND, UnitKind.BARN_UNGA, UnitKind.VUXEN_BEROENDE)
# The demo logins that carry case work, by the district and kind of their unit.
CASE_LOGINS = {
    ("farsta", UnitKind.RVT): "farsta.rvt",
    ("farsta", UnitKind.EKONOMISKT_BISTAND): "farsta.ekb",
    ("sodermalm", UnitKind.RVT): "sodermalm.rvt",
}
# An RVT login opens three in four of its district's cases since its membership began
# (the other units' logins take every part): about a third of the district's cases, whose
# history is longer than the logins' two years.
LOGIN_LEAD_TURNS = 4

REGION = "region-stockholm"
SHIS = "shis-bostader"
POLICE = "polisen"
HOUSING_AGENCY = "bostadsformedlingen"

# Consent and parts.
ORAL_SHARE = 0.35
DECLINED_SHARE = 0.07
PENDING_SHARE = 0.09
PENDING_WITHIN_DAYS = 21
WITHDRAWN_SHARE = 0.07
WITHDRAWAL_ROOM_DAYS = 14  # a consent is withdrawn at least this long after the last join
SIP_SHARE = {True: 0.14, False: 0.05}  # by whether the case is open
SHIS_SHARE = {True: 0.14, False: 0.06}
REGION_WITHOUT_SIP_SHARE = 0.1
POLICE_SHARE = 0.2  # of cases the police brought in

# Work.
ACCOUNT_SHARE = 0.85
# Of re-opened cases whose earlier case has the account: the lead unit confirms it (else the
# carried account waits for confirmation, or a new account is written instead).
ACCOUNT_CONFIRMED_SHARE = 0.7
ASSESSMENT_TWO_AREAS_SHARE = 0.3
LEAD_ASSESSMENT_SHARE = 0.4
MEETINGS_OPEN = {1: 6, 2: 3, 3: 1}
MEETING_SHARE_CLOSED = 0.25
ACTIONS_JOINT = {1: 5, 2: 4, 3: 1}
LONE_ACTION_SHARE = 0.35
LEAD_DECISIONS = {True: {0: 3, 1: 6, 2: 1}, False: {0: 6, 1: 4}}
LEAD_INTERVENTIONS = {
    Intervention.RADGIVNING: 28,
    Intervention.STODSAMTAL_INDIVIDUELLT: 24,
    Intervention.STODSAMTAL_GRUPP: 8,
    Intervention.RATTSPROCESS: 12,
    Intervention.STADIGVARANDE_BOENDE: 10,
    Intervention.PRAKTISKT_STOD: 8,
    Intervention.HALSO_SJUKVARD: 6,
    Intervention.KONTAKTPERSON: 4,
}
# What the joining units decide, and how often.
PART_INTERVENTIONS = {
    UnitKind.EKONOMISKT_BISTAND: (
        0.65,
        {Intervention.EKONOMISKT_STOD: 9, Intervention.TILLFALLIGT_BOENDE: 2},
    ),
    UnitKind.BARN_UNGA: (0.5, {Intervention.STOD_BARN: 1}),
    UnitKind.VUXEN_BEROENDE: (
        0.5,
        {
            Intervention.PRAKTISKT_STOD: 3,
            Intervention.HALSO_SJUKVARD: 3,
            Intervention.KONTAKTPERSON: 1,
            Intervention.SYSSELSATTNING: 1,
        },
    ),
}
DECISION_FOLLOW_UP_SHARE = 0.2
CLOSING_FOLLOW_UP_SHARE = 0.4

# Protected housing, by whether the case is open and whether the person has children.
PLACEMENT_SHARE = {
    (True, True): 0.6,
    (True, False): 0.08,
    (False, True): 0.35,
    (False, False): 0.05,
}
ONGOING_SHARE = 0.45
SHORT_DECISIONS_SHARE = 0.2  # of placements; the district's first always
SHORT_DECISIONS_IN_A_ROW = 2
PLACED_CHILD_SHARE = 0.85
SCHOOL_AGE = 6
PLACEMENT_END_REASONS = {
    PlacementEndReason.COMPLETED: 55,
    PlacementEndReason.ABORTED: 12,
    PlacementEndReason.RETURNED_TO_PERPETRATOR: 10,
    PlacementEndReason.MOVED_OTHER_MUNICIPALITY: 8,
    PlacementEndReason.OTHER: 15,
}
# Permanent housing after protected housing, in turn so that every kind appears.
PERMANENT_HOUSING = (
    HousingType.SECOND_HAND,
    HousingType.SHIS,
    HousingType.PRIORITY_ALLOCATION,
    HousingType.FIRST_HAND,
    HousingType.LODGER,
)
PERMANENT_SHARE = 0.65  # of completed placements
OTHER_HOUSING = {
    HousingType.TEMPORARY: 30,
    HousingType.RELATIVES: 30,
    HousingType.SECOND_HAND: 20,  # with a contract too short to count as permanent
    HousingType.UNKNOWN: 20,
}
SHIS_KINDS = {
    ShisReferralKind.MELLANBO: 40,
    ShisReferralKind.AVTALAT_BOENDE: 35,
    ShisReferralKind.GENOMGANGSBOSTAD: 25,
}

# Screenings: every kind of district unit asks, in Farsta, Södermalm and four more districts.
SCREENING_DISTRICTS = ("farsta", "sodermalm")
SCREENING_MORE_DISTRICTS = 4
SCREENING_KINDS = (
    UnitKind.RVT,
    UnitKind.BARN_UNGA,
    UnitKind.VUXEN_BEROENDE,
    UnitKind.SOCIALPSYKIATRI,
    UnitKind.FUNKTIONSNEDSATTNING,
    UnitKind.ALDREOMSORG,
    UnitKind.EKONOMISKT_BISTAND,
    UnitKind.FAMILJERATT,
    UnitKind.OPPNA_INSATSER,
    UnitKind.UTFORARE,
)
SCREENING_ASKED = {UnitKind.RVT: 0.95, UnitKind.ALDREOMSORG: 0.6, UnitKind.UTFORARE: 0.65}
SCREENING_ASKED_OTHERWISE = 0.82
SCREENING_OUTCOMES = {"negative": 72, "positive": 20, "declined": 8}


def unit_code(district: str, kind: str) -> str:
    return f"{district}-{kind}"


def is_school_age(child: PlannedPerson, day: datetime.date) -> bool:
    """Of compulsory-school age on ``day``, as the effect goal counts it (``followup.figures``):
    born on or before ``day`` 6 years earlier and after ``day`` 18 years earlier."""
    return (
        years_before(day, SCHOOL_AGE_TO + 1)
        < child.birth_date
        <= years_before(day, SCHOOL_AGE_FROM)
    )


@dataclass(frozen=True)
class Worker:
    """Who acts from ``since`` on: a demo login by user name, or else the ``pick``-th
    (modulo their number) of the unit's current case workers who were members by then."""

    unit: str
    since: datetime.date
    login: str = ""
    pick: int = 0


@dataclass
class PlannedConsent:
    given: datetime.date
    form: str
    kinds: list[str]
    partners: list[str]
    purpose: str
    withdrawn: datetime.date | None = None


@dataclass
class PlannedPart:
    """A unit's part: invited, then taking part (``answered`` = joined), declined
    (``answered`` = the day it declined) or still invited."""

    kind: str
    invited: datetime.date
    status: str
    answered: datetime.date | None = None
    worker: Worker | None = None


@dataclass
class PlannedFollowUp:
    kind: str
    date: datetime.date
    goal_achieved: bool | None = None
    improved_situation: bool | None = None
    note: str = ""


@dataclass
class PlannedDecision:
    kind: str
    intervention: str
    decided: datetime.date
    start: datetime.date
    end: datetime.date | None = None
    provider_name: str = ""
    follow_up: PlannedFollowUp | None = None

    @property
    def is_short_protected_housing(self) -> bool:
        return (
            self.intervention == Intervention.SKYDDAT_BOENDE
            and self.end is not None
            and (self.end - self.start).days + 1 <= SHORT_PROTECTED_HOUSING_DAYS
        )


@dataclass
class PlannedChild:
    child: PlannedPerson
    schooling_start: datetime.date | None = None
    schooling_kind: str = ""


@dataclass
class PlannedPlacement:
    start: datetime.date
    provider: str
    decisions: list[PlannedDecision]
    children: list[PlannedChild] = field(default_factory=list)
    follow_ups: list[PlannedFollowUp] = field(default_factory=list)
    end: datetime.date | None = None
    end_reason: str = ""
    next_housing_type: str = ""
    next_housing_contract_months: int | None = None


@dataclass
class PlannedMeeting:
    held: datetime.date
    kinds: list[str]
    partners: list[str]
    person_present: bool
    minutes: str


@dataclass
class PlannedAssessment:
    kind: str
    area: str
    short_term: str
    long_term: str


@dataclass
class PlannedAction:
    kind: str
    description: str
    due: datetime.date
    status: str


@dataclass
class PlannedReferral:
    kind: str
    date: datetime.date
    referral_kind: str


@dataclass
class PlannedSip:
    date: datetime.date
    kinds: list[str]
    region: list[str]
    responsible_region: bool
    next_follow_up: datetime.date | None


@dataclass
class Journey:
    case: PlannedCase
    lead: Worker
    consents: list[PlannedConsent] = field(default_factory=list)
    parts: list[PlannedPart] = field(default_factory=list)
    wants_sip: bool = False
    wants_shis: bool = False
    # The person's account: written by the lead unit, or, with ``account_confirmed``, carried
    # from the earlier case and confirmed by it (decision 0034).
    account: str = ""
    account_confirmed: bool = False
    assessments: list[PlannedAssessment] = field(default_factory=list)
    meetings: list[PlannedMeeting] = field(default_factory=list)
    decisions: list[PlannedDecision] = field(default_factory=list)
    placements: list[PlannedPlacement] = field(default_factory=list)
    actions: list[PlannedAction] = field(default_factory=list)
    referrals: list[PlannedReferral] = field(default_factory=list)
    sips: list[PlannedSip] = field(default_factory=list)
    follow_ups: list[PlannedFollowUp] = field(default_factory=list)

    @property
    def district(self) -> str:
        return self.case.district

    @property
    def last_day(self) -> datetime.date | None:
        """The case's last day of work: its closure, or ``None`` while open."""
        return self.case.closed

    def part(self, kind: str, status: str = CaseUnitStatus.ACTIVE) -> PlannedPart | None:
        return next((p for p in self.parts if p.kind == kind and p.status == status), None)

    def covering(self, kind: str) -> PlannedConsent | None:
        return next((c for c in self.consents if kind in c.kinds), None)

    def covering_partner(self, partner: str) -> PlannedConsent | None:
        return next((c for c in self.consents if partner in c.partners), None)

    def all_decisions(self) -> list[PlannedDecision]:
        return self.decisions + [d for p in self.placements for d in p.decisions]

    def all_follow_ups(self) -> list[PlannedFollowUp]:
        return (
            self.follow_ups
            + [d.follow_up for d in self.all_decisions() if d.follow_up]
            + [f for p in self.placements for f in p.follow_ups]
        )


@dataclass
class PlannedScreening:
    district: str
    kind: str
    date: datetime.date
    asked: bool
    outcome: str
    worker: Worker | None


@dataclass
class JourneyPlan:
    journeys: list[Journey]
    screenings: list[PlannedScreening]


class JourneyPlanner:
    """Plans the journey of every case of ``plan`` and the screenings."""

    def __init__(self, rng: random.Random, *, today: datetime.date, plan: Plan) -> None:
        self.rng = rng
        self.today = today
        self.plan_ = plan
        self.short_placements: set[str] = set()  # districts with short decisions planned
        self.permanent = 0  # placements ended with a move to permanent housing
        self.logins_since = login_valid_from(today)
        self.login_turns: dict[str, int] = {}
        # Each planned case's journey, by ``id`` of the case: an earlier case's, for its
        # re-opening.
        self.journey_of: dict[int, Journey] = {}
        self.reopened = {id(case.previous) for case in plan.cases if case.previous}

    def plan(self) -> JourneyPlan:
        journeys = [self._parts(case) for case in self.plan_.cases]
        self.journey_of = {id(journey.case): journey for journey in journeys}
        self._keep_farsta_ekb_promises(journeys)
        for journey in journeys:
            self._work(journey)
        self._keep_account_promise(journeys)
        self._keep_palette_promise(journeys)
        self._keep_placement_promise(journeys)
        self._keep_trend_promise(journeys)
        return JourneyPlan(journeys=journeys, screenings=self._screenings())

    # --- helpers -------------------------------------------------------------------------------

    def _day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return random_day(self.rng, first, max(first, last))

    def _worker(self, district: str, kind: str, since: datetime.date) -> Worker:
        """The unit's demo login if it has one and was a member by ``since`` (for the RVT,
        see ``LOGIN_LEAD_TURNS``), else a colleague."""
        code = unit_code(district, kind)
        login = CASE_LOGINS.get((district, kind), "")
        if since < self.logins_since:
            login = ""
        elif login and kind == LEAD:
            self.login_turns[login] = turn = self.login_turns.get(login, 0) + 1
            if turn % LOGIN_LEAD_TURNS == 0:
                login = ""
        return Worker(code, since, login=login, pick=self.rng.randrange(1000))

    def _end(self, journey: Journey) -> datetime.date:
        return journey.last_day or self.today

    # --- pass one: consent and parts ----------------------------------------------------------

    def _parts(self, case: PlannedCase) -> Journey:
        rng = self.rng
        journey = Journey(case=case, lead=self._worker(case.district, LEAD, case.opened))
        if case.joins:
            given = self._day(case.opened, min(case.joins.values()))
            journey.consents.append(self._consent(given, sorted(case.joins)))
            for kind, joined in sorted(case.joins.items()):
                journey.parts.append(
                    PlannedPart(
                        kind=kind,
                        invited=self._day(given, joined),
                        status=CaseUnitStatus.ACTIVE,
                        answered=joined,
                        worker=self._worker(case.district, kind, joined),
                    )
                )
        if case.is_open:
            if rng.random() < WITHDRAWN_SHARE and not self._protected_farsta(journey):
                self._withdraw(journey)
            if rng.random() < DECLINED_SHARE:
                self._decline(journey)
            if rng.random() < PENDING_SHARE:
                self._invite(journey)
        journey.wants_sip = rng.random() < SIP_SHARE[case.is_open]
        journey.wants_shis = rng.random() < SHIS_SHARE[case.is_open]
        self._partners(journey)
        return journey

    def _consent(self, given: datetime.date, kinds: list[str], partners=()) -> PlannedConsent:
        rng = self.rng
        return PlannedConsent(
            given=given,
            form=ConsentForm.ORAL if rng.random() < ORAL_SHARE else ConsentForm.WRITTEN,
            kinds=list(kinds),
            partners=list(partners),
            purpose=rng.choice(texts.CONSENT_PURPOSES) if kinds else texts.PARTNER_CONSENT_PURPOSE,
        )

    def _free_kinds(self, journey: Journey) -> list[str]:
        taken = {part.kind for part in journey.parts}
        return [kind for kind in JOINING if kind not in taken]

    def _cover(self, journey: Journey, kind: str, day: datetime.date) -> None:
        """Make a consent in force on ``day`` cover ``kind``: the first consent when it is
        not withdrawn, else a new consent given that day."""
        first = journey.consents[0] if journey.consents else None
        usable = (
            first is not None and first.kinds and first.withdrawn is None and first.given <= day
        )
        if usable and self.rng.random() < 0.5:
            first.kinds.append(kind)
            return
        journey.consents.append(self._consent(day, [kind]))

    def _decline(self, journey: Journey, kind: str | None = None) -> None:
        free = self._free_kinds(journey)
        if not free:
            return
        kind = kind or self.rng.choice(free)
        first = journey.consents[0].given if journey.consents else journey.case.opened
        invited = self._day(first, self.today - DAY)
        self._cover(journey, kind, invited)
        answered = self._day(invited, min(self.today, invited + 10 * DAY))
        journey.parts.append(
            PlannedPart(
                kind=kind,
                invited=invited,
                status=CaseUnitStatus.DECLINED,
                answered=answered,
                worker=self._worker(journey.district, kind, answered),
            )
        )

    def _invite(self, journey: Journey, kind: str | None = None) -> bool:
        """An invitation still waiting for its answer, sent in the last three weeks."""
        free = self._free_kinds(journey)
        if kind is None and free:
            kind = self.rng.choice(free)
        if kind not in free:
            return False
        first = max(journey.case.opened, self.today - PENDING_WITHIN_DAYS * DAY)
        if journey.consents:
            first = max(first, journey.consents[0].given)
        invited = self._day(first, self.today)
        self._cover(journey, kind, invited)
        journey.parts.append(PlannedPart(kind=kind, invited=invited, status=CaseUnitStatus.INVITED))
        return True

    def _withdraw(self, journey: Journey) -> bool:
        """The person withdraws the consent the units joined under: they lose access."""
        if not journey.consents or not journey.parts:
            return False
        first = journey.consents[0]
        last_join = max(part.answered for part in journey.parts if part.kind in first.kinds)
        earliest = last_join + WITHDRAWAL_ROOM_DAYS * DAY
        if first.withdrawn is not None or earliest > self.today:
            return False
        first.withdrawn = self._day(earliest, self.today)
        return True

    def _protected_farsta(self, journey: Journey) -> bool:
        """Farsta's ekonomiskt bistånd keeps seeing its cases of protected persons (the demo
        shows the masking there)."""
        return journey.district == "farsta" and journey.case.person.is_protected

    def _partners(self, journey: Journey) -> None:
        """External partners a consent covers: the region for a SIP, SHIS for a referral."""
        rng = self.rng
        partners = []
        if journey.wants_sip or rng.random() < REGION_WITHOUT_SIP_SHARE:
            partners.append(REGION)
        if journey.wants_shis:
            partners.append(SHIS)
            if rng.random() < 0.3:
                partners.append(HOUSING_AGENCY)
        if journey.case.source == "police" and rng.random() < POLICE_SHARE:
            partners.append(POLICE)
        if not partners:
            return
        usable = [c for c in journey.consents if c.kinds]
        if usable:
            usable[0].partners.extend(partners)
        else:
            given = self._day(journey.case.opened, self._end(journey))
            journey.consents.append(self._consent(given, [], partners))
        journey.consents.sort(key=lambda consent: consent.given)

    def _keep_farsta_ekb_promises(self, journeys: list[Journey]) -> None:
        """``farsta.ekb`` has an invitation to answer and a case lost to a withdrawn consent."""
        farsta = [j for j in journeys if j.district == "farsta" and j.case.is_open]
        if not any(j.part(EKB, CaseUnitStatus.INVITED) for j in farsta):
            for journey in farsta:
                if self._invite(journey, EKB):
                    journey.consents.sort(key=lambda consent: consent.given)
                    break
        if not any(self._ekb_withdrawn(j) for j in farsta):
            for journey in farsta:
                if (
                    journey.part(EKB)
                    and not self._protected_farsta(journey)
                    and not any(p.status == CaseUnitStatus.INVITED for p in journey.parts)
                    and self._withdraw(journey)
                ):
                    break

    @staticmethod
    def _ekb_withdrawn(journey: Journey) -> bool:
        consent = journey.covering(EKB)
        return journey.part(EKB) is not None and consent is not None and bool(consent.withdrawn)

    # --- pass two: the work ------------------------------------------------------------------------

    def _until(self, journey: Journey, kind: str) -> datetime.date:
        """The last day ``kind`` may work in the case: until the case closes or today, and
        for a joining unit until its consent is withdrawn."""
        end = self._end(journey)
        if kind == LEAD:
            return end
        consent = journey.covering(kind)
        if consent is not None and consent.withdrawn is not None:
            return min(end, consent.withdrawn - DAY)
        return end

    def _partner_until(self, journey: Journey, partner: str) -> tuple[datetime.date, datetime.date]:
        consent = journey.covering_partner(partner)
        end = self._end(journey)
        if consent is None:
            return journey.case.opened, end
        if consent.withdrawn is not None:
            end = min(end, consent.withdrawn - DAY)
        return consent.given, end

    def _working(self, journey: Journey) -> list[PlannedPart]:
        """The joined units still covered by consent at the end (they can still record)."""
        return [
            part
            for part in journey.parts
            if part.status == CaseUnitStatus.ACTIVE
            and self._until(journey, part.kind) >= self._end(journey)
        ]

    def _work(self, journey: Journey) -> None:
        rng = self.rng
        is_open = journey.case.is_open
        joined = [p for p in journey.parts if p.status == CaseUnitStatus.ACTIVE]
        self._account(journey)
        if is_open:
            self._assessments(journey)
        if joined and (is_open or rng.random() < MEETING_SHARE_CLOSED):
            for _ in range(int(weighted(rng, MEETINGS_OPEN)) if is_open else 1):
                self._meeting(journey, joined)
            journey.meetings.sort(key=lambda meeting: meeting.held)
        self._decisions(journey)
        self._placement(journey)
        if is_open:
            self._actions(journey)
        if journey.wants_shis:
            self._referral(journey)
        if journey.wants_sip:
            self._sip(journey)
        if not is_open and rng.random() < CLOSING_FOLLOW_UP_SHARE:
            journey.follow_ups.append(self._closing_follow_up(journey))

    def _account(self, journey: Journey) -> None:
        """An open case has the person's account most often, and so had a closed case the
        person came back after (it is carried to the re-opened case). A re-opened case whose
        earlier case has an account mostly confirms it, else the carried account waits for
        the lead unit or a new account is written instead."""
        rng = self.rng
        case = journey.case
        if not case.is_open and id(case) not in self.reopened:
            return
        earlier = self.journey_of.get(id(case.previous)) if case.previous else None
        if case.is_open and earlier is not None and earlier.account:
            roll = rng.random()
            if roll < ACCOUNT_CONFIRMED_SHARE:
                journey.account, journey.account_confirmed = earlier.account, True
                return
            if roll < (1 + ACCOUNT_CONFIRMED_SHARE) / 2:
                return  # the carried account waits for the lead unit's confirmation
        if rng.random() < ACCOUNT_SHARE:
            journey.account = rng.choice(texts.ACCOUNTS)

    def _keep_account_promise(self, journeys: list[Journey]) -> None:
        """The lead unit of a re-opened case has confirmed the account carried from the
        earlier case: the open re-opened case opened last, when none has (the earlier case
        gets an account if it had none)."""
        if any(journey.account_confirmed for journey in journeys):
            return
        reopened = [j for j in journeys if j.case.previous is not None and j.case.is_open]
        if not reopened:
            return
        journey = max(reopened, key=lambda j: j.case.opened)
        earlier = self.journey_of[id(journey.case.previous)]
        earlier.account = earlier.account or self.rng.choice(texts.ACCOUNTS)
        journey.account, journey.account_confirmed = earlier.account, True

    def _assessments(self, journey: Journey) -> None:
        rng = self.rng
        kinds = [p.kind for p in self._working(journey)]
        if journey.account and rng.random() < LEAD_ASSESSMENT_SHARE:
            kinds.insert(0, LEAD)
        for kind in kinds:
            areas = texts.NEEDS[kind]
            count = 2 if rng.random() < ASSESSMENT_TWO_AREAS_SHARE else 1
            for area in rng.sample(sorted(areas), k=min(len(areas), count)):
                short_term, long_term = areas[area]
                journey.assessments.append(PlannedAssessment(kind, area, short_term, long_term))

    def _meeting(self, journey: Journey, joined: list[PlannedPart]) -> None:
        rng = self.rng
        first = min(part.answered for part in joined)
        last = min(self._until(journey, part.kind) for part in joined)
        held = self._day(first, max(first, last))
        kinds = [LEAD] + [p.kind for p in joined if p.answered <= held]
        region_from, region_until = self._partner_until(journey, REGION)
        partners = (
            [REGION]
            if journey.covering_partner(REGION)
            and region_from <= held <= region_until
            and rng.random() < 0.5
            else []
        )
        journey.meetings.append(
            PlannedMeeting(
                held=held,
                kinds=kinds,
                partners=partners,
                person_present=rng.random() < 0.8,
                minutes=rng.choice(texts.MINUTES),
            )
        )

    def _decision(
        self, journey: Journey, kind: str, intervention: str, first: datetime.date
    ) -> PlannedDecision:
        rng = self.rng
        last = self._until(journey, kind)
        decided = self._day(first, last)
        start = min(last, decided + rng.randint(0, 5) * DAY)
        end = None
        if intervention == Intervention.EKONOMISKT_STOD:
            end = start + rng.randint(30, 90) * DAY
        elif rng.random() >= 0.35:
            end = start + rng.randint(30, 240) * DAY
        if end is not None and journey.last_day is not None:
            end = max(start, min(end, journey.last_day))
        decision = PlannedDecision(kind, intervention, decided, start, end)
        follow_from = decided + 30 * DAY
        if follow_from <= last and rng.random() < DECISION_FOLLOW_UP_SHARE:
            decision.follow_up = self._follow_up(
                kind, self._day(follow_from, min(last, decided + 180 * DAY))
            )
        return decision

    def _follow_up(self, kind: str, day: datetime.date) -> PlannedFollowUp:
        rng = self.rng
        goal = rng.choices((True, False, None), weights=(55, 30, 15))[0]
        return PlannedFollowUp(
            kind=kind,
            date=day,
            goal_achieved=goal,
            improved_situation=rng.random() < (0.85 if goal else 0.45),
            note=rng.choice(texts.FOLLOW_UP_NOTES),
        )

    def _decisions(self, journey: Journey) -> None:
        rng = self.rng
        count = int(weighted(rng, LEAD_DECISIONS[journey.case.is_open]))
        for _ in range(count):
            intervention = weighted(rng, LEAD_INTERVENTIONS)
            journey.decisions.append(
                self._decision(journey, LEAD, intervention, journey.case.opened)
            )
        for part in journey.parts:
            if part.status != CaseUnitStatus.ACTIVE or part.kind not in PART_INTERVENTIONS:
                continue
            share, interventions = PART_INTERVENTIONS[part.kind]
            if self._until(journey, part.kind) >= part.answered and rng.random() < share:
                intervention = weighted(rng, interventions)
                journey.decisions.append(
                    self._decision(journey, part.kind, intervention, part.answered)
                )

    def _closing_follow_up(self, journey: Journey) -> PlannedFollowUp:
        rng = self.rng
        met = journey.case.closure_reason == ClosureReason.GOALS_MET
        goal = rng.random() < 0.85 if met else rng.choices((False, None), weights=(2, 1))[0]
        return PlannedFollowUp(
            kind=LEAD,
            date=journey.case.closed,
            goal_achieved=goal,
            improved_situation=rng.random() < (0.9 if met else 0.4),
            note=rng.choice(texts.FOLLOW_UP_NOTES),
        )

    # --- protected housing -------------------------------------------------------------------------

    def _placement(self, journey: Journey, *, surely: bool = False) -> None:
        rng = self.rng
        case = journey.case
        share = PLACEMENT_SHARE[(case.is_open, bool(case.person.children))]
        if rng.random() >= share and not surely:
            return
        end_of_case = self._end(journey)
        ongoing = case.is_open and rng.random() < ONGOING_SHARE
        if ongoing:
            start = self._day(max(case.opened, self.today - 120 * DAY), self.today)
            end = None
        else:
            if (end_of_case - case.opened).days < 7:
                return
            start = self._day(case.opened, end_of_case - 7 * DAY)
            end = self._day(start + 7 * DAY, min(end_of_case, start + 200 * DAY))
        self._place(journey, start, end)

    def _place(
        self,
        journey: Journey,
        start: datetime.date,
        end: datetime.date | None,
        *,
        completed: bool = False,
    ) -> PlannedPlacement:
        """Place the person from ``start`` until ``end`` (``None``: ongoing), with children;
        with ``completed`` the placement ends as completed."""
        rng = self.rng
        case = journey.case
        end_of_case = self._end(journey)
        provider = rng.choice(texts.PROTECTED_HOUSING_PROVIDERS)
        short = (
            journey.district not in self.short_placements or rng.random() < SHORT_DECISIONS_SHARE
        )
        if short:
            self.short_placements.add(journey.district)
        placement = PlannedPlacement(
            start=start,
            provider=provider,
            decisions=self._protected_housing_decisions(
                start, end, provider, short=short, closed=case.closed
            ),
        )
        for child in case.person.children:
            if child.birth_date <= start and rng.random() < PLACED_CHILD_SHARE:
                placement.children.append(self._placed_child(child, start, end))
        self._placement_follow_ups(placement, end_of_case)
        if end is not None:
            self._placement_end(placement, end, end_of_case, completed=completed)
        journey.placements.append(placement)
        return placement

    def _protected_housing_decisions(
        self,
        start: datetime.date,
        end: datetime.date | None,
        provider: str,
        *,
        short: bool,
        closed: datetime.date | None,
    ) -> list[PlannedDecision]:
        """Decisions covering the placement, one after the other: with ``short``, a few of
        a week or two at a time (the known problem the UI flags) before a longer one. None
        runs past the closure of the case."""
        rng = self.rng
        until = end or self.today
        decisions: list[PlannedDecision] = []
        period_start, decided = start, start
        while True:
            if short and len(decisions) < SHORT_DECISIONS_IN_A_ROW:
                days = rng.choice((7, 10, 14, 14))
            else:
                days = rng.randint(45, 120)
            period_end = period_start + (days - 1) * DAY
            if closed is not None:
                period_end = min(period_end, closed)
            decisions.append(
                PlannedDecision(
                    kind=LEAD,
                    intervention=Intervention.SKYDDAT_BOENDE,
                    decided=decided,
                    start=period_start,
                    end=period_end,
                    provider_name=provider,
                )
            )
            # The next decision is made on or just before the last day of this one.
            decided = max(period_start, period_end - rng.randint(0, 2) * DAY)
            if period_end >= until or decided > self.today:
                return decisions
            period_start = period_end + DAY

    def _placed_child(
        self, child: PlannedPerson, start: datetime.date, end: datetime.date | None
    ) -> PlannedChild:
        """Schooling for a child of school age: within the week, later, or not yet."""
        rng = self.rng
        placed = PlannedChild(child=child)
        age = (start - child.birth_date).days // 365
        if age < SCHOOL_AGE:
            return placed
        last = min(end or self.today, self.today)
        roll = rng.random()
        if roll < 0.5:
            day = start + rng.randint(1, SCHOOLING_WITHIN_DAYS) * DAY
        elif roll < 0.75:
            day = start + rng.randint(SCHOOLING_WITHIN_DAYS + 1, 40) * DAY
        else:
            return placed
        if day <= last:
            placed.schooling_start = day
            placed.schooling_kind = weighted(
                rng, {SchoolingKind.SCHOOL: 65, SchoolingKind.LARTEAMET: 35}
            )
        return placed

    def _placement_follow_ups(self, placement: PlannedPlacement, last: datetime.date) -> None:
        """The follow-up due within a week: in time, late, or missing."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.6:
            day = placement.start + rng.randint(1, FOLLOW_UP_WITHIN_DAYS) * DAY
        elif roll < 0.75:
            day = placement.start + rng.randint(FOLLOW_UP_WITHIN_DAYS + 1, 21) * DAY
        else:
            return
        if day <= min(last, placement.end or last):
            placement.follow_ups.append(
                PlannedFollowUp(kind=LEAD, date=day, note=rng.choice(texts.FOLLOW_UP_NOTES))
            )

    def _placement_end(
        self,
        placement: PlannedPlacement,
        end: datetime.date,
        last: datetime.date,
        *,
        completed: bool = False,
    ) -> None:
        rng = self.rng
        placement.end = end
        placement.end_reason = (
            PlacementEndReason.COMPLETED if completed else weighted(rng, PLACEMENT_END_REASONS)
        )
        reason = placement.end_reason
        if reason == PlacementEndReason.RETURNED_TO_PERPETRATOR:
            placement.next_housing_type = HousingType.WITH_PERPETRATOR
        elif reason == PlacementEndReason.MOVED_OTHER_MUNICIPALITY:
            placement.next_housing_type = rng.choice(("", HousingType.UNKNOWN))
        elif reason == PlacementEndReason.COMPLETED and rng.random() < PERMANENT_SHARE:
            placement.next_housing_type = PERMANENT_HOUSING[self.permanent % len(PERMANENT_HOUSING)]
            self.permanent += 1
            placement.next_housing_contract_months = rng.choice((6, 12, 12, 24, 36))
        else:
            placement.next_housing_type = weighted(rng, OTHER_HOUSING)
            if placement.next_housing_type == HousingType.SECOND_HAND:
                placement.next_housing_contract_months = rng.choice((2, 3, 4))
        # A follow-up after the placement: did the person reach the goal, feel safer?
        if rng.random() < 0.7:
            placement.follow_ups.append(
                self._follow_up(LEAD, self._day(end, min(last, end + 30 * DAY)))
            )

    def _keep_palette_promise(self, journeys: list[Journey]) -> None:
        """Every district decides on every intervention of the palette in the last twelve
        months (likställighet: the equality page compares the districts in a period)."""
        year_ago = self.today - 365 * DAY
        by_district: dict[str, list[Journey]] = {}
        for journey in journeys:
            by_district.setdefault(journey.district, []).append(journey)
        for district in sorted(by_district):
            district_journeys = by_district[district]
            made = {
                d.intervention
                for j in district_journeys
                for d in j.all_decisions()
                if d.decided > year_ago
            }
            open_ = [j for j in district_journeys if j.case.is_open] or district_journeys
            for intervention in PALETTE:
                if intervention in made:
                    continue
                journey = self.rng.choice(open_)
                kind, first = LEAD, journey.case.opened
                if intervention == Intervention.EKONOMISKT_STOD:
                    ekb = next((p for p in self._working(journey) if p.kind == EKB), None)
                    if ekb is not None:
                        kind, first = EKB, ekb.answered
                if journey.case.is_open:
                    first = max(first, year_ago + DAY)
                journey.decisions.append(self._decision(journey, kind, intervention, first))

    def _keep_placement_promise(self, journeys: list[Journey]) -> None:
        """Every district has placed someone in protected housing, its first placement
        with short decisions."""
        placed = {j.district for j in journeys if j.placements}
        for district in sorted({j.district for j in journeys} - placed):
            candidates = [j for j in journeys if j.district == district and j.case.is_open]
            # A parent with children first: the children come along.
            candidates.sort(key=lambda j: not j.case.person.children)
            for journey in candidates:
                self._placement(journey, surely=True)
                if journey.placements:
                    break

    # --- the effect-goal trend ---------------------------------------------------------------------

    def _keep_trend_promise(self, journeys: list[Journey]) -> None:
        """Every period of ``trend_windows`` has what three effect goals count and cases do
        not bring in every period by themselves: a placement ended as completed (permanent
        housing after it), a child of school age placed (schooling within a week) and a
        referral to SHIS Mellanbo (their change). The others count cases and screenings."""
        for first, last in trend_windows(self.today):
            self._child_placed_in(journeys, first, last)
            self._placement_completed_in(journeys, first, last)
            self._mellanbo_referral_in(journeys, first, last)

    def _free(self, journey: Journey, start: datetime.date, end: datetime.date | None) -> bool:
        """Whether no placement of the case overlaps a placement from ``start`` to ``end``."""
        until = end or self.today
        return all(until < p.start or (p.end or self.today) < start for p in journey.placements)

    def _placement_end_day(self, journey: Journey, start: datetime.date) -> datetime.date | None:
        """A placement's end a week to four months after ``start``, by the end of the case;
        ``None`` (ongoing) when the case is open and less than a week is left until today."""
        last = min(self._end(journey), start + 120 * DAY)
        return None if last < start + 7 * DAY else self._day(start + 7 * DAY, last)

    def _child_placed_in(self, journeys: list[Journey], first: datetime.date, last) -> None:
        if any(
            first <= placement.start <= last
            and any(is_school_age(c.child, placement.start) for c in placement.children)
            for journey in journeys
            for placement in journey.placements
        ):
            return
        candidates = []
        for journey in journeys:
            case = journey.case
            # The last day to start: a week before the closure, or today.
            start_by = min(last, case.closed - 7 * DAY if case.closed else self.today)
            for child in case.person.children:
                since = max(first, case.opened, years_before(child.birth_date, -SCHOOL_AGE_FROM))
                if since < start_by or (since == start_by and is_school_age(child, since)):
                    candidates.append((journey, child, since, start_by))
        self.rng.shuffle(candidates)
        for journey, child, since, start_by in candidates:
            start = self._day(since, start_by)
            end = self._placement_end_day(journey, start)
            if not is_school_age(child, start) or not self._free(journey, start, end):
                continue
            placement = self._place(journey, start, end)
            if all(placed.child is not child for placed in placement.children):
                placement.children.append(self._placed_child(child, start, end))
            return

    def _placement_completed_in(self, journeys: list[Journey], first: datetime.date, last) -> None:
        if any(
            placement.end is not None
            and first <= placement.end <= last
            and placement.end_reason == PlacementEndReason.COMPLETED
            for journey in journeys
            for placement in journey.placements
        ):
            return
        candidates = []
        for journey in journeys:
            since = max(first, journey.case.opened + 7 * DAY)
            until = min(last, self._end(journey))
            if since <= until:
                candidates.append((journey, since, until))
        self.rng.shuffle(candidates)
        for journey, since, until in candidates:
            end = self._day(since, until)
            start = self._day(max(journey.case.opened, end - 120 * DAY), end - 7 * DAY)
            if self._free(journey, start, end):
                self._place(journey, start, end, completed=True)
                return

    def _mellanbo_referral_in(self, journeys: list[Journey], first: datetime.date, last) -> None:
        """A referral by the lead unit on a day a consent covering SHIS is in force, else on
        a day the case is open, with the person's consent to share with SHIS given that day."""
        if any(
            referral.referral_kind == ShisReferralKind.MELLANBO and first <= referral.date <= last
            for journey in journeys
            for referral in journey.referrals
        ):
            return
        covered, open_then = [], []
        for journey in journeys:
            since, until = max(first, journey.case.opened), min(last, self._end(journey))
            if since > until:
                continue
            open_then.append((journey, since, until))
            if journey.covering_partner(SHIS) is not None:
                given, last_day = self._partner_until(journey, SHIS)
                if max(since, given) <= min(until, last_day):
                    covered.append((journey, max(since, given), min(until, last_day)))
        if not open_then:
            return
        journey, since, until = self.rng.choice(covered or open_then)
        day = self._day(since, until)
        if not covered:
            journey.consents.append(self._consent(day, [], [SHIS]))
            journey.consents.sort(key=lambda consent: consent.given)
        journey.referrals.append(PlannedReferral(LEAD, day, ShisReferralKind.MELLANBO))

    # --- plans, housing, SIP -----------------------------------------------------------------------

    def _actions(self, journey: Journey) -> None:
        rng = self.rng
        kinds = [LEAD] + [p.kind for p in self._working(journey)]
        if len(kinds) > 1:
            count = int(weighted(rng, ACTIONS_JOINT))
        elif journey.account and rng.random() < LONE_ACTION_SHARE:
            count = 1
        else:
            return
        for _ in range(count):
            kind = rng.choice(kinds)
            due = self._day(max(journey.case.opened, self.today - 75 * DAY), self.today + 60 * DAY)
            if due < self.today:
                status = weighted(
                    rng,
                    {ActionStatus.DONE: 50, ActionStatus.PLANNED: 40, ActionStatus.CANCELLED: 10},
                )
            else:
                status = weighted(
                    rng,
                    {ActionStatus.PLANNED: 60, ActionStatus.IN_PROGRESS: 35, ActionStatus.DONE: 5},
                )
            journey.actions.append(
                PlannedAction(kind, rng.choice(texts.ACTIONS[kind]), due, status)
            )

    def _referral(self, journey: Journey) -> None:
        first, last = self._partner_until(journey, SHIS)
        working = [p.kind for p in self._working(journey)]
        kind = EKB if EKB in working and self.rng.random() < 0.5 else LEAD
        if kind == EKB:
            first = max(first, journey.part(EKB).answered)
        journey.referrals.append(
            PlannedReferral(kind, self._day(first, last), weighted(self.rng, SHIS_KINDS))
        )

    def _sip(self, journey: Journey) -> None:
        rng = self.rng
        first, last = self._partner_until(journey, REGION)
        day = self._day(max(first, last - 200 * DAY), last)
        next_follow_up = None
        if journey.case.is_open:
            next_follow_up = day + rng.randint(30, 120) * DAY
        region = rng.sample(texts.SIP_REGION_PARTICIPANTS, k=rng.randint(1, 2))
        kinds = [LEAD] + [p.kind for p in self._working(journey) if p.answered <= day]
        journey.sips.append(
            PlannedSip(
                date=day,
                kinds=kinds,
                region=sorted(region),
                responsible_region=rng.random() < 0.4,
                next_follow_up=next_follow_up,
            )
        )

    # --- screenings --------------------------------------------------------------------------------

    def _screenings(self) -> list[PlannedScreening]:
        rng = self.rng
        districts = sorted({case.district for case in self.plan_.cases})
        more = [code for code in districts if code not in SCREENING_DISTRICTS]
        chosen = list(SCREENING_DISTRICTS) + sorted(rng.sample(more, SCREENING_MORE_DISTRICTS))
        screenings = []
        # The last twelve months, and fewer in each of the four years before: the effect
        # goal's trend has figures for every year it shows.
        years = [
            (self.today - (364 + 365 * back) * DAY, self.today - 365 * back * DAY, many)
            for back, many in enumerate(((2, 6), (1, 3), (1, 3), (1, 3), (1, 3)))
        ]
        for first, last, (fewest, most) in years:
            screenings.extend(self._screenings_of_a_year(chosen, first, last, fewest, most))
        return screenings

    def _screenings_of_a_year(
        self,
        districts: list[str],
        first: datetime.date,
        last: datetime.date,
        fewest: int,
        most: int,
    ) -> list[PlannedScreening]:
        rng = self.rng
        screenings = []
        for district in districts:
            since = max(first, self.plan_.districts.get(district) or first)
            if since > last:
                continue
            for kind in SCREENING_KINDS:
                has_staff = kind in (LEAD, *JOINING)
                for _ in range(rng.randint(fewest, most)):
                    asked = rng.random() < SCREENING_ASKED.get(kind, SCREENING_ASKED_OTHERWISE)
                    day = self._day(since, last)
                    screenings.append(
                        PlannedScreening(
                            district=district,
                            kind=kind,
                            date=day,
                            asked=asked,
                            outcome=weighted(rng, SCREENING_OUTCOMES) if asked else "",
                            worker=self._worker(district, kind, day) if has_staff else None,
                        )
                    )
        return screenings
