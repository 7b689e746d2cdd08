"""The demo's synthetic data: Stockholm's organisation, staff, persons and cases.

Everything is made up and reproducible: one ``random.Random`` with a fixed seed makes every
choice, and every date counts back from the ``today`` it is given, so the demo always looks
current. Nothing is written except through the services real use goes through
(``person_register``, ``case_open``, ``consent_record``, ``decision_make``, …), so the demo
data obey the same rules as real data and every case has its timeline.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import random
from dataclasses import dataclass
from unittest import mock

from django.db import transaction

from brytupp.assessments.services import screening_record
from brytupp.audit.chain import synthetic_time
from brytupp.cases.account import case_account_confirm
from brytupp.cases.closing import (
    ActionEnding,
    DecisionEnding,
    PlacementEnding,
    case_close_ending,
)
from brytupp.cases.joint import meeting_record, needs_assessment_record
from brytupp.cases.models import Case, CaseUnitStatus
from brytupp.cases.opening import case_opening_accept, case_opening_submit, person_holding_case
from brytupp.cases.running import case_running
from brytupp.cases.services import (
    case_account_write,
    case_open,
    case_unit_accept,
    case_unit_decline,
    case_unit_invite,
    consent_record,
    consent_withdraw,
    person_address_record,
)
from brytupp.housing.services import shis_referral_record
from brytupp.interventions.models import (
    FOLLOW_UP_WITHIN_DAYS,
    SCHOOLING_WITHIN_DAYS,
    SUPPORT_TALKS,
    LegalGround,
)
from brytupp.interventions.services import (
    ChildPlaced,
    child_schooling_record,
    decision_make,
    follow_up_record,
    placement_end,
    placement_start,
)
from brytupp.organisation.models import (
    District,
    Membership,
    Partner,
    Role,
    Unit,
    UnitKind,
    User,
)
from brytupp.organisation.services import organisation_load_stockholm
from brytupp.people.models import Gender, IdentityKind, Person
from brytupp.people.services import guardian_link, person_register
from brytupp.plans.kinds import practical_task_kinds_ensure
from brytupp.plans.models import ActionStatus
from brytupp.plans.services import plan_action_add, plan_action_status_set, sip_record

from .access_month import LOCAL_TZ, access_month_generate, history_entered_at
from .children import ChildMattersWriter, PlannedReport, reports_plan
from .contact_requests import contact_requests_generate
from .handovers import (
    RECEIVER_LOGIN,
    PlannedHandover,
    handover_plan,
    handover_receive,
    handover_waiting,
)
from .identities import (
    FICTITIOUS_LAST_NAMES,
    MALE_FIRST_NAMES,
    IdentityNumbers,
    PlannedPerson,
    years_before,
)
from .journal import journal_notes_write
from .journey import (
    EKB,
    LEAD,
    Journey,
    JourneyPlan,
    JourneyPlanner,
    PlannedDecision,
    PlannedFollowUp,
    PlannedPlacement,
    Worker,
    unit_code,
)
from .local_process import local_process_generate
from .plan import Plan, PlannedCase, Planner
from .risk import risk_and_safety_write
from .road_home import RoadHomeWriter, Taking, placement_cost
from .staff import (
    DEMO_LOGINS,
    demo_case_workers_create,
    demo_colleagues_create,
    demo_logins_create,
)

DEMO_SEED = 20230701

DEMO_STREETS = ("Påhittade gatan", "Exempelvägen", "Låtsasgränd", "Demotorget")
# Why an invited unit declined, as a case worker would write it to the lead unit.
DECLINE_REASONS = (
    "Personen har redan en pågående insats hos oss; vi samordnar via den handläggaren.",
    "Behovet ligger utanför vårt uppdrag. Kontakta Vuxenenheten i stället.",
    "Personen vill inte ha kontakt med vår enhet just nu, enligt samtal i dag.",
)


@dataclass(frozen=True)
class DemoSummary:
    persons: int
    children: int
    cases: int
    open_cases: int
    users: int
    # The case journey.
    consents: int
    consents_withdrawn: int
    invitations_pending: int
    invitations_declined: int
    accounts: int
    meetings: int
    needs_assessments: int
    plan_actions: int
    decisions: int
    decisions_short_protected_housing: int
    placements: int
    placements_ongoing: int
    placed_children: int
    follow_ups: int
    shis_referrals: int
    sips: int
    screenings: int
    # What is overdue today.
    plan_actions_overdue: int
    placement_follow_ups_overdue: int
    schoolings_overdue: int
    sip_follow_ups_overdue: int


@transaction.atomic
def demo_generate(*, today: datetime.date, password: str, seed: int = DEMO_SEED) -> DemoSummary:
    """Create the whole demo in one transaction; the database must hold no demo data yet.
    The log entries of making it are dated before the months reviewed, and a month of work
    follows them (``access_month``)."""
    with synthetic_time(history_entered_at(today)):
        summary = _demo_data_generate(today=today, password=password, seed=seed)
    access_month_generate(today=today, seed=seed)
    contact_requests_generate(
        today=today
    )  # sent today, after the month of work (``demo.contact_requests``)
    return summary


def _demo_data_generate(*, today: datetime.date, password: str, seed: int) -> DemoSummary:
    rng = random.Random(seed)
    organisation_load_stockholm()
    _demo_legal_ground_create()
    practical_task_kinds_ensure()  # emptied with the rest by --reset (decision 0047)
    users = demo_logins_create(today=today, password=password)
    users += demo_colleagues_create(rng, today=today)
    local_process_generate()  # every district's local process (``demo.local_process``)
    districts = {
        district.code: district.valid_from
        for district in District.objects.filter(
            municipality__code="stockholm", valid_to__isnull=True
        )
    }
    plan = Planner(rng, today=today, districts=districts).plan()
    # Drawn after the persons and cases, so that the journey adds to the same base plan.
    users += demo_case_workers_create(rng, today=today)
    journeys = JourneyPlanner(rng, today=today, plan=plan).plan()
    # The case handed over from Farsta to Södermalm, planned on its own (``demo.handovers``).
    handover = handover_plan(today=today, seed=seed)
    plan.persons.append(handover.journey.case.person)
    plan.cases.append(handover.journey.case)
    journeys.journeys.append(handover.journey)
    reports = reports_plan(journeys.journeys, today=today, seed=seed)
    # The rng only makes up identity numbers from here.
    writer = _Writer(rng, reports)
    opened = writer.write(plan, journeys, today=today, handover=handover)
    summary = _summary(plan, journeys, users=len(users), today=today)
    # The cases opened through acceptance (decision 0016) come on top of the plan's; all open.
    # So do the children's other parents linked as threat persons (``demo.children``), and
    # the consents to the hand-overs (``demo.handovers``).
    return dataclasses.replace(
        summary,
        cases=summary.cases + opened,
        open_cases=summary.open_cases + opened,
        persons=summary.persons + writer.children.threat_guardians,
        consents=summary.consents + writer.handovers,
    )


# The new Act's ground is not in Stockholm's data (decision 0041: its provision is the city's to
# enter); the demo's case workers need one to decide, so the demo has a placeholder, labelled
# as one.
DEMO_LEGAL_GROUND = {
    "code": "demo-sol-2025-400-bistand",
    "law": "Socialtjänstlagen (2025:400)",
    "provision": "Demo – stadens förteckning",
    "label": "Bistånd (demoexempel: paragrafen anges av staden)",
    "valid_from": datetime.date(2025, 7, 1),
}


def _demo_legal_ground_create() -> None:
    LegalGround.objects.get_or_create(
        code=DEMO_LEGAL_GROUND["code"],
        defaults={key: value for key, value in DEMO_LEGAL_GROUND.items() if key != "code"},
    )


def _summary(plan: Plan, journey_plan: JourneyPlan, *, users: int, today) -> DemoSummary:
    journeys = journey_plan.journeys
    consents = [c for j in journeys for c in j.consents]
    parts = [p for j in journeys for p in j.parts]
    decisions = [d for j in journeys for d in j.all_decisions()]
    placements = [p for j in journeys for p in j.placements]
    open_journeys = [j for j in journeys if j.case.is_open]
    week = datetime.timedelta(days=FOLLOW_UP_WITHIN_DAYS)
    school_week = datetime.timedelta(days=SCHOOLING_WITHIN_DAYS)
    ongoing = [p for j in open_journeys for p in j.placements if p.end is None]
    return DemoSummary(
        persons=len(plan.persons) + len(plan.children),
        children=len(plan.children),
        cases=len(plan.cases),
        open_cases=sum(case.is_open for case in plan.cases),
        users=users,
        consents=len(consents),
        consents_withdrawn=sum(c.withdrawn is not None for c in consents),
        invitations_pending=sum(p.status == CaseUnitStatus.INVITED for p in parts),
        invitations_declined=sum(p.status == CaseUnitStatus.DECLINED for p in parts),
        accounts=sum(bool(j.account) for j in journeys),
        meetings=sum(len(j.meetings) for j in journeys),
        needs_assessments=sum(len(j.assessments) for j in journeys),
        plan_actions=sum(len(j.actions) for j in journeys),
        decisions=len(decisions),
        decisions_short_protected_housing=sum(d.is_short_protected_housing for d in decisions),
        placements=len(placements),
        placements_ongoing=sum(p.end is None for p in placements),
        placed_children=sum(len(p.children) for p in placements),
        follow_ups=sum(len(j.all_follow_ups()) for j in journeys),
        shis_referrals=sum(len(j.referrals) for j in journeys),
        sips=sum(len(j.sips) for j in journeys),
        screenings=len(journey_plan.screenings),
        plan_actions_overdue=sum(
            a.status == ActionStatus.PLANNED and a.due < today
            for j in open_journeys
            for a in j.actions
        ),
        placement_follow_ups_overdue=sum(
            not p.follow_ups and p.start + week < today for p in ongoing
        ),
        schoolings_overdue=sum(
            c.schooling_start is None and p.start + school_week < today
            for p in ongoing
            for c in p.children
        ),
        sip_follow_ups_overdue=sum(
            s.next_follow_up is not None and s.next_follow_up < today
            for j in open_journeys
            for s in j.sips
        ),
    )


class _Writer:
    """Writes the plans through the services, in the order real work would happen."""

    def __init__(self, rng: random.Random, reports: dict[int, list[PlannedReport]]) -> None:
        self.rng = rng
        self.reports = reports
        self.persons: dict[int, Person] = {}
        self.cases: dict[int, Case] = {}
        self.districts = {district.code: district for district in District.objects.all()}
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self.partners = {partner.code: partner for partner in Partner.objects.all()}
        # Support talks are given by the RVC that serves the person's district.
        self.rvc_of = {
            district_id: unit
            for unit in Unit.objects.filter(kind=UnitKind.RVC)
            for district_id in unit.served_districts.values_list("id", flat=True)
        }
        self.staff = _Staff()

    def write(
        self,
        plan: Plan,
        journey_plan: JourneyPlan,
        *,
        today: datetime.date,
        handover: PlannedHandover | None = None,
    ) -> int:
        """Write everything; return how many cases were opened through acceptance."""
        self.today = today
        self.road = RoadHomeWriter(today=today, clock_on=_clock_on)
        self.handovers = 0
        numbers = self.numbers = IdentityNumbers(self.rng)
        self.children = ChildMattersWriter(
            today=today,
            reports=self.reports,
            persons=self.persons,
            staff_user=self.staff.user,
            chef=self.staff.logins.get("farsta.chef"),
            register_other_parent=self._other_parent,
            clock_on=_clock_on,
        )
        for planned in plan.persons:
            guardian = self.persons[id(planned)] = _register(planned, numbers)
            for planned_child in planned.children:
                child = self.persons[id(planned_child)] = _register(planned_child, numbers)
                guardian_link(child=child, guardian=guardian)
        # An earlier case always comes before its re-opening.
        for journey in journey_plan.journeys:
            if handover is not None and journey is handover.journey:
                self.cases[id(journey.case)] = self._case_handed_over(journey, handover)
            else:
                self.cases[id(journey.case)] = self._case(journey)
        opened = self._opening_requests(today)
        if handover_waiting(
            units=self.units, logins=self.staff.logins, today=today, clock_on=_clock_on
        ):
            self.handovers += 1
        for screening in journey_plan.screenings:
            worker = screening.worker
            screening_record(
                actor=self.staff.user(worker) if worker else None,
                unit=self.units[unit_code(screening.district, screening.kind)],
                date=screening.date,
                asked=screening.asked,
                outcome=screening.outcome,
            )
        return opened

    def _opening_requests(self, today: datetime.date) -> int:
        """Södermalm's RVT opens cases for two persons whom Farsta's RVT holds (decision 0016):
        Farsta accepts one, the other waits on its start page."""
        farsta, sodermalm = self.units["farsta-rvt"], self.units["sodermalm-rvt"]
        requester = self.staff.logins["sodermalm.rvt"]
        held = [
            case
            for case in Case.objects.filter(lead_unit=farsta, closed__isnull=True)
            .select_related("person")
            .order_by("opened", "pk")
            if person_holding_case(case.person) == case
            and not case.person.cases.filter(district=sodermalm.district, closed__isnull=True)
        ]
        for number, holding in enumerate(held[:2]):
            opened = case_opening_submit(
                actor=requester,
                person=holding.person,
                district=sodermalm.district,
                lead_unit=sodermalm,
                source="other_unit",
                opened=today,
                reason="Personen har flyttat till Södermalm och söker stöd här.",
            )
            if number == 0:
                case_opening_accept(
                    actor=self.staff.logins["farsta.rvt"], request=opened.opening_request
                )
        return len(held[:2])

    @contextlib.contextmanager
    def _as_of(self, day: datetime.date):
        """Write as on ``day``: Django's clock and the writers' "today" set to it."""
        today = self.today
        self.today = self.road.today = day
        try:
            with _clock_on(day):
                yield
        finally:
            self.today = self.road.today = today

    def _case_handed_over(self, journey: Journey, handover: PlannedHandover) -> Case:
        """The case as it stood when Farsta proposed to hand it over, then received by
        Södermalm (``demo.handovers``)."""
        with self._as_of(handover.proposed):
            case = self._case(journey)
        handover_receive(
            case=case,
            planned=handover,
            proposer=self.staff.user(journey.lead),
            receiver=self.staff.logins[RECEIVER_LOGIN],
            units=self.units,
            today=self.today,
            clock_on=_clock_on,
        )
        self.handovers += 1
        return case

    def _ekb(self, journey: Journey) -> Taking | None:
        """Economic support taking part until the end, from the day it joined."""
        part = journey.part(EKB)
        consent = journey.covering(EKB)
        if part is None or part.answered is None or (consent and consent.withdrawn):
            return None
        return Taking(self._unit(journey, EKB), part.answered)

    # --- one case ------------------------------------------------------------------------------

    def _unit(self, journey: Journey, kind: str) -> Unit:
        return self.units[unit_code(journey.district, kind)]

    def _case(self, journey: Journey) -> Case:
        planned: PlannedCase = journey.case
        lead = self.staff.user(journey.lead)
        case = case_open(
            actor=lead,
            person=self.persons[id(planned.person)],
            district=self.districts[planned.district],
            lead_unit=self._unit(journey, LEAD),
            source=planned.source,
            opened=planned.opened,
            previous_case=self.cases[id(planned.previous)] if planned.previous else None,
        )
        # Who acts for each unit: the lead's responsible, and each joined unit's.
        actors = {LEAD: lead}
        consents = self._consents_and_parts(journey, case, actors)
        if journey.account:
            # Today, as a case worker would record it now; in a closed case (one the person
            # came back after) on the day it opened, when it was open.
            with _clock_on(planned.opened) if planned.closed else contextlib.nullcontext():
                self._account(journey, case, lead)
        for assessment in journey.assessments:
            needs_assessment_record(
                actor=actors[assessment.kind],
                case=case,
                area=assessment.area,
                short_term=assessment.short_term,
                long_term=assessment.long_term,
            )
        for meeting in journey.meetings:
            meeting_record(
                actor=lead,
                case=case,
                held=meeting.held,
                units=[self._unit(journey, kind) for kind in meeting.kinds],
                minutes=meeting.minutes,
                person_present=meeting.person_present,
                partners=[self.partners[code] for code in meeting.partners],
            )
        for decision in journey.decisions:
            self._decision(case, decision, actors)
        for placement in journey.placements:
            self._placement(journey, case, placement, actors)
        for action in journey.actions:
            written = plan_action_add(
                actor=actors[action.kind],
                case=case,
                description=action.description,
                responsible_unit=self._unit(journey, action.kind),
                due=action.due,
            )
            if action.status != ActionStatus.PLANNED:
                plan_action_status_set(
                    actor=actors[action.kind], action=written, status=action.status
                )
        for referral in journey.referrals:
            shis_referral_record(
                actor=actors[referral.kind],
                case=case,
                date=referral.date,
                kind=referral.referral_kind,
            )
        for sip in journey.sips:
            names = [self._unit(journey, kind).name for kind in sip.kinds]
            sip_record(
                actor=lead,
                case=case,
                date=sip.date,
                participants=names + sip.region,
                responsible="Region Stockholm" if sip.responsible_region else names[0],
                next_follow_up=sip.next_follow_up,
            )
        for follow_up in journey.follow_ups:
            self._follow_up(case, follow_up, actors)
        risk_and_safety_write(
            case=case,
            lead=lead,
            children=[self.persons[id(child)] for child in planned.person.children],
            closed=planned.closed,
            today=self.today,
            seed=len(self.cases),
        )
        if planned.closed is None:
            journal_notes_write(case=case, lead=lead, today=self.today, seed=len(self.cases))
            self.road.practical_tasks_write(
                case=case,
                lead=lead,
                lead_unit=self._unit(journey, LEAD),
                ekb=self._ekb(journey),
                with_children=bool(planned.person.children),
                in_farsta=journey.district == "farsta",
                seed=str(len(self.cases)),
            )
            self.children.open_case_write(
                case=case,
                lead=lead,
                children=[self.persons[id(child)] for child in planned.person.children],
                seed=len(self.cases),
            )
        self.children.reports_write(case=case, planned_case=planned, lead=lead)
        # Withdrawn last: until then the units it covered could record their part.
        for planned_consent, consent in consents:
            if planned_consent.withdrawn is not None:
                consent_withdraw(actor=lead, consent=consent, withdrawn=planned_consent.withdrawn)
        if planned.closed:
            self._close(case, lead, closed=planned.closed, reason=planned.closure_reason)
        return case

    def _account(self, journey: Journey, case: Case, lead: User) -> None:
        if journey.account_confirmed:
            # The earlier case's account, carried to this one when it opened (case_open).
            case_account_confirm(actor=lead, case=case)
        else:
            case_account_write(actor=lead, case=case, account=journey.account)
        # A visibly made-up address, so that its masking can be seen in the demo.
        street = DEMO_STREETS[len(self.cases) % len(DEMO_STREETS)]
        person_address_record(
            actor=lead, case=case, address=f"{street} {len(self.cases) % 40 + 1}, Demostad"
        )

    @staticmethod
    def _close(case: Case, lead: User, *, closed: datetime.date, reason: str) -> None:
        """Close as the closing page does: what still runs ends on the closing day (a
        placement as completed, an open plan action as cancelled)."""
        running = case_running(case, on=closed)
        case_close_ending(
            actor=lead,
            case=case,
            closed=closed,
            reason=reason,
            placements=[
                PlacementEnding(placement=placement, end=closed, end_reason="completed")
                for placement in running.placements
            ],
            decisions=[
                DecisionEnding(decision=decision, end=closed) for decision in running.decisions
            ],
            actions=[
                ActionEnding(action=action, status=ActionStatus.CANCELLED)
                for action in running.actions
            ],
        )

    def _consents_and_parts(self, journey: Journey, case: Case, actors: dict[str, User]):
        lead = actors[LEAD]
        consents = []
        for planned in journey.consents:
            consent = consent_record(
                actor=lead,
                case=case,
                given=planned.given,
                form=planned.form,
                purpose=planned.purpose,
                units=[self._unit(journey, kind) for kind in planned.kinds],
                partners=[self.partners[code] for code in planned.partners],
            )
            consents.append((planned, consent))
        for planned in sorted(journey.parts, key=lambda part: (part.invited, part.kind)):
            part = case_unit_invite(
                actor=lead,
                case=case,
                unit=self._unit(journey, planned.kind),
                invited=planned.invited,
            )
            if planned.status == CaseUnitStatus.ACTIVE:
                worker = actors[planned.kind] = self.staff.user(planned.worker)
                case_unit_accept(
                    actor=worker, part=part, joined=planned.answered, responsible=worker
                )
            elif planned.status == CaseUnitStatus.DECLINED:
                case_unit_decline(
                    actor=self.staff.user(planned.worker),
                    part=part,
                    day=planned.answered,
                    reason=DECLINE_REASONS[len(self.cases) % len(DECLINE_REASONS)],
                )
        return consents

    def _decision(self, case: Case, planned: PlannedDecision, actors: dict[str, User]):
        decision = decision_make(
            actor=actors[planned.kind],
            case=case,
            intervention=planned.intervention,
            decided=planned.decided,
            start=planned.start,
            end=planned.end,
            provider=self.rvc_of.get(case.district_id)
            if planned.intervention in SUPPORT_TALKS
            else None,
            provider_name=planned.provider_name,
        )
        if planned.follow_up is not None:
            self._follow_up(case, planned.follow_up, actors, decision=decision)
        return decision

    def _follow_up(self, case: Case, planned: PlannedFollowUp, actors, **target) -> None:
        follow_up_record(
            actor=actors[planned.kind],
            case=case,
            date=planned.date,
            goal_achieved=planned.goal_achieved,
            improved_situation=planned.improved_situation,
            note=planned.note,
            **target,
        )

    def _other_parent(self, child: Person) -> tuple[Person, str]:
        """The child's other parent, registered to be linked as guardian and threat person."""
        planned = PlannedPerson(
            first_name=MALE_FIRST_NAMES[self.numbers.issued % len(MALE_FIRST_NAMES)],
            last_name=FICTITIOUS_LAST_NAMES[self.numbers.issued % len(FICTITIOUS_LAST_NAMES)],
            gender=Gender.MALE,
            birth_date=years_before(child.birth_date, 31),
            identity_kind=IdentityKind.PERSONNUMMER,
        )
        number = self.numbers.issue(planned)
        return _register_numbered(planned, number), number

    def _placement(self, journey: Journey, case: Case, planned: PlannedPlacement, actors) -> None:
        closes = journey.case.closed is not None
        decisions = [self._decision(case, d, actors) for d in planned.decisions]
        lead = actors[LEAD]
        seed = f"{len(self.cases)}:{planned.start.isoformat()}"
        cost = placement_cost(seed)
        placement = placement_start(
            actor=lead,
            case=case,
            start=planned.start,
            provider=planned.provider,
            decision=decisions[0],
            children=[ChildPlaced(child=self.persons[id(c.child)]) for c in planned.children],
            cost_per_night=cost.at_start,
        )
        own = self.children.own_decisions(
            case=case,
            placement=placement,
            lead=lead,
            ends=planned.end is not None or not closes,
            end=planned.end,
            provider=planned.provider,
            seed=len(self.cases),
        )
        placed = {p.child_id: p for p in placement.children.select_related("child", "placement")}
        for child in planned.children:
            if child.schooling_start is not None:
                child_schooling_record(
                    actor=lead,
                    placed=placed[self.persons[id(child.child)].pk],
                    schooling_start=child.schooling_start,
                    schooling_kind=child.schooling_kind,
                )
        for follow_up in planned.follow_ups:
            self._follow_up(case, follow_up, actors, placement=placement)
        last_day = planned.end or journey.case.closed or self.today
        self.road.cost_later_write(placement=placement, lead=lead, cost=cost, last_day=last_day)
        self.road.housing_plan_write(
            placement=placement,
            lead=lead,
            lead_unit=self._unit(journey, LEAD),
            ekb=self._ekb(journey),
            last_day=last_day,
            next_housing_type=planned.next_housing_type,
            next_housing_contract_months=planned.next_housing_contract_months,
            ongoing_in_open_case=planned.end is None and not closes,
            in_farsta=journey.district == "farsta",
            seed=seed,
        )
        if planned.end is not None:
            placement_end(
                actor=lead,
                placement=placement,
                end=planned.end,
                end_reason=planned.end_reason,
                next_housing_type=planned.next_housing_type,
                next_housing_contract_months=planned.next_housing_contract_months,
            )
            self.children.own_placements_end(
                lead=lead, own=own, end=planned.end, end_reason=planned.end_reason
            )


class _Staff:
    """The users who act in the demo: the logins by name, and each unit's current case
    workers, always the same ``User`` objects (their memberships are read once)."""

    def __init__(self) -> None:
        logins = {login.username for login in DEMO_LOGINS}
        self.logins = {user.username: user for user in User.objects.filter(username__in=logins)}
        self.workers: dict[str, list[tuple[datetime.date, User]]] = {}
        memberships = (
            Membership.objects.filter(role=Role.HANDLAGGARE, valid_to__isnull=True)
            .exclude(user__username__in=logins)
            .select_related("user", "unit")
            .order_by("unit__code", "user_id")
        )
        for membership in memberships:
            self.workers.setdefault(membership.unit.code, []).append(
                (membership.valid_from, membership.user)
            )

    def user(self, worker: Worker) -> User:
        if worker.login:
            return self.logins[worker.login]
        members = self.workers[worker.unit]
        # Someone who was in the unit by then, if anyone was.
        members = [user for since, user in members if since <= worker.since] or [
            user for _since, user in members
        ]
        return members[worker.pick % len(members)]


def _clock_on(day: datetime.date) -> contextlib.AbstractContextManager[object]:
    """Django's clock at noon on ``day`` (Stockholm), for the services that date what they
    record by it (``timezone.localdate()``); the log's entries keep the demo's own time."""
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=LOCAL_TZ)
    return mock.patch("django.utils.timezone.now", return_value=noon)


def _register(planned: PlannedPerson, numbers: IdentityNumbers) -> Person:
    return _register_numbered(planned, numbers.issue(planned))


def _register_numbered(planned: PlannedPerson, identity_number: str) -> Person:
    # A system job: each registration is logged without a user (ground system).
    return person_register(
        actor=None,
        birth_date=planned.birth_date,
        gender=planned.gender,
        first_name=planned.first_name,
        last_name=planned.last_name,
        identity_number=identity_number,
        protected_identity=planned.protected_identity,
    )
