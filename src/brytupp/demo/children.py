"""The child's matters in the demo's cases (decisions 0044 and 0045), written through the
services as the case workers would have recorded them.

- Reports of concern: in about half the cases of a parent with children the lead unit (the
  RVT) made one, in some the unit received one (from a school, the police, health care),
  dated across the demo's years, at least one made in every period of the effect-goal trend
  (``reports_of_concern_rvt``). Barn och unga accepted most a few days later and recorded an
  outcome in most of those; the reports of the last two weeks in open cases still wait (its
  start page, *Orosanmälningar att ta emot*: one in Farsta always, for ``farsta.bou``); one
  was declined, with its reason.
- The child's own decision: in Farsta, where ``farsta.chef`` holds the unit's delegation for
  protected housing, most children placed since the chef's membership began get an
  application of their own, granted (bifall) by the chef; the child's placement then runs on
  that decision and ends with the parent's (``children_placed_with_own_decision``).
- In open cases: a school or preschool for most children, the child's voice as a journal note
  for some, and for some a child's support once each guardian's consent is recorded — in two
  cases the other parent is registered, linked as a guardian and as the case's threat person,
  and not asked, for that reason.

Each case draws from its own ``random.Random`` (the planning of the reports from one of its
own), so the rest of the demo is as it was. Every name and text is made up.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import Case, JournalKind, ThreatRelation
from brytupp.cases.threats import threat_person_add
from brytupp.children.models import ReportDirection, ReporterKind, ReportOutcome, SchoolKind
from brytupp.children.services import (
    child_guardian_link,
    child_part_accept,
    child_part_decline,
    child_record_change,
    report_of_concern_record,
    report_outcome_record,
)
from brytupp.interventions.child_track import (
    child_support_start,
    guardian_consent_record,
    placement_child_end,
)
from brytupp.interventions.decisions import DecisionTerms, application_decide, application_record
from brytupp.interventions.models import (
    ApplicationKind,
    ChildSupportForm,
    DecisionOutcome,
    Intervention,
    LegalGround,
    NotAskedReason,
    Placement,
    PlacementChild,
)
from brytupp.organisation.models import UnitKind, User
from brytupp.people.models import Person

from .identities import PlannedPerson, random_day, years_before
from .journey import Journey, Worker, unit_code
from .plan import trend_windows

DAY = datetime.timedelta(days=1)
REPORT_SHARE = 0.5  # of cases of a parent with children: the lead unit made a report
RECEIVED_SHARE = 0.2  # the lead unit received one
WAITING_DAYS = 14  # a report this recent, in an open case, still waits for barn och unga
OUTCOME_SHARE = 0.75  # of accepted reports: the outcome is recorded
OWN_DECISION_SHARE = 0.75  # of children placed in Farsta since the chef's membership began
OWN_DECISION_UNIT = "farsta-rvt"
OWN_DECISION_MAKER = "farsta.chef"
SCHOOL_SHARE = 0.7  # of children in open cases
VOICE_SHARE = 0.4
SUPPORT_SHARE = 0.3
THREAT_GUARDIANS = 2  # open cases whose child's other guardian is the threat person

MADE_CONCERNS = (
    "Barnet har sett våldet i hemmet och berättar om mardrömmar (syntetiskt).",
    "Barnet var hemma när pappan hotade mamman; polis kallades (syntetiskt).",
    "Barnet har slutat gå till förskolan efter flytten till skyddat boende (syntetiskt).",
)
RECEIVED_CONCERNS = (
    (ReporterKind.SKOLA, "Klassläraren", "Barnet är ofta trött och säger att det är bråk hemma."),
    (ReporterKind.POLIS, "Polisen, Söderort", "Barnet var på plats vid ett larm om misshandel."),
    (ReporterKind.VARD, "BVC", "Mamman berättade om hot; barnet verkar oroligt (syntetiskt)."),
)
DECLINE_REASON = "Barnet är redan aktuellt hos oss i en pågående utredning (syntetiskt)."
VOICES = (
    "Barnet säger att det tycker om nya skolan men saknar sin kompis (syntetiskt).",
    "Barnet vill inte träffa pappan just nu; ritade sitt nya rum (syntetiskt).",
    "Barnet berättade att det är lugnare att sova nu (syntetiskt).",
)
SCHOOLS = ("Påhittade skolan", "Exempelskolan", "Låtsasskolan", "Demoskolan")
PRESCHOOLS = ("Förskolan Påhittet", "Förskolan Exemplet", "Förskolan Demo")


@dataclass
class PlannedReport:
    child: PlannedPerson
    date: datetime.date
    direction: str
    reporter_kind: str
    reporter: str
    concern: str
    pick: int
    # "wait", "accept" (``answered``, and an outcome if ``outcome``) or "decline".
    answer: str = "wait"
    answered: datetime.date | None = None
    outcome: str = ""
    outcome_date: datetime.date | None = None


def reports_plan(journeys: list[Journey], *, today: datetime.date, seed: int):
    """The reports of concern of every case, by ``id`` of the planned case."""
    rng = random.Random(f"reports-of-concern:{seed}")  # noqa: S311 - synthetic demo data
    plans: dict[int, list[PlannedReport]] = {}
    with_children = [j for j in journeys if j.case.person.children]
    for journey in with_children:
        end = journey.last_day or today
        if rng.random() < REPORT_SHARE:
            _report_add(rng, plans, journey, journey.case.opened, end, made=True)
        if rng.random() < RECEIVED_SHARE:
            _report_add(rng, plans, journey, journey.case.opened, end, made=False)
    # Every period of the effect-goal trend has a report made.
    for first, last in trend_windows(today):
        if any(
            r.direction == ReportDirection.MADE and first <= r.date <= last
            for reports in plans.values()
            for r in reports
        ):
            continue
        spans = [
            (j, max(first, j.case.opened), min(last, j.last_day or today)) for j in with_children
        ]
        spans = [(j, since, until) for j, since, until in spans if since <= until]
        rng.shuffle(spans)
        for journey, since, until in spans:
            if _report_add(rng, plans, journey, since, until, made=True):
                break
    # One waiting in Farsta, for farsta.bou's start page.
    farsta = [j for j in with_children if j.district == "farsta" and j.case.is_open]
    if farsta and not any(
        _waits(report, journey, today)
        for journey in farsta
        for report in plans.get(id(journey.case), [])
    ):
        journey = rng.choice(farsta)
        since = max(journey.case.opened, today - (WAITING_DAYS - 1) * DAY)
        _report_add(rng, plans, journey, since, today, made=True)
    for journey in with_children:
        for report in plans.get(id(journey.case), []):
            _answer_plan(rng, report, journey, today)
    # One declined: the first accepted report of an open case.
    for journey in with_children:
        accepted = [r for r in plans.get(id(journey.case), []) if r.answer == "accept"]
        if journey.case.is_open and accepted:
            accepted[0].answer, accepted[0].outcome, accepted[0].outcome_date = "decline", "", None
            break
    return plans


def _report_add(rng, plans, journey: Journey, since, until, *, made: bool) -> bool:
    day = random_day(rng, since, until)
    born = [child for child in journey.case.person.children if child.birth_date <= day]
    if not born:
        return False
    report = PlannedReport(
        child=rng.choice(born),
        date=day,
        direction=ReportDirection.MADE if made else ReportDirection.RECEIVED,
        reporter_kind=ReporterKind.SOCIALTJANST,
        reporter="",
        concern=rng.choice(MADE_CONCERNS),
        pick=rng.randrange(1000),
    )
    if not made:
        report.reporter_kind, report.reporter, report.concern = rng.choice(RECEIVED_CONCERNS)
    plans.setdefault(id(journey.case), []).append(report)
    plans[id(journey.case)].sort(key=lambda r: r.date)
    return True


def _waits(report: PlannedReport, journey: Journey, today: datetime.date) -> bool:
    """A report this recent, in an open case, still waits for barn och unga's answer."""
    return journey.case.is_open and report.date > today - WAITING_DAYS * DAY


def _answer_plan(rng, report: PlannedReport, journey: Journey, today: datetime.date) -> None:
    end = journey.last_day or today
    if _waits(report, journey, today):
        return
    report.answer = "accept"
    report.answered = min(report.date + rng.randint(1, 7) * DAY, end)
    outcome_date = report.answered + rng.randint(14, 60) * DAY
    if outcome_date <= end and rng.random() < OUTCOME_SHARE:
        report.outcome = rng.choice((ReportOutcome.INLEDD_UTREDNING, ReportOutcome.INGEN_UTREDNING))
        report.outcome_date = outcome_date


def legal_ground_on(day: datetime.date) -> LegalGround:
    """The newest ground of bistånd in force on ``day``."""
    grounds = LegalGround.objects.filter(valid_from__lte=day).order_by("-valid_from", "pk")
    return next(g for g in grounds if g.valid_to is None or g.valid_to >= day)


class ChildMattersWriter:
    """Writes the child's matters of one case after another (see the module docstring)."""

    def __init__(
        self,
        *,
        today: datetime.date,
        reports: dict[int, list[PlannedReport]],
        persons: dict[int, Person],
        staff_user: Callable[[Worker], User],
        chef: User | None,
        register_other_parent: Callable[[Person], tuple[Person, str]],
        clock_on,
    ) -> None:
        self.today = today
        self.reports = reports
        self.persons = persons
        self.staff_user = staff_user
        self.chef = chef
        self.register_other_parent = register_other_parent
        self.clock_on = clock_on
        self.chef_since = years_before(today, 2)
        self.threat_guardians = 0

    # --- the child's own decision ------------------------------------------------------------

    def own_decisions(
        self,
        *,
        case: Case,
        placement: Placement,
        lead: User,
        ends: bool,
        end: datetime.date | None,
        provider: str,
        seed: int,
    ) -> list[PlacementChild]:
        """In Farsta, the children placed with the parent get a decision of their own, decided
        on the day of the placement by the unit manager under the unit's delegation; not when
        the placement runs until the case closes (the child would stay placed)."""
        if (
            self.chef is None
            or case.lead_unit.code != OWN_DECISION_UNIT
            or placement.start < self.chef_since
            or not ends
        ):
            return []
        rng = random.Random(f"own-decision:{seed}:{placement.start}")  # noqa: S311
        own = []
        for placed in placement.children.select_related("child").order_by("pk"):
            if rng.random() >= OWN_DECISION_SHARE:
                continue
            application = application_record(
                actor=lead,
                case=case,
                kind=ApplicationKind.APPLICATION,
                received=placement.start,
                asked="Skyddat boende för barnet tillsammans med föräldern (syntetiskt).",
                intervention=Intervention.SKYDDAT_BOENDE,
                child=placed.child,
            )
            application_decide(
                actor=lead,
                application=application,
                decided=placement.start,
                terms=DecisionTerms(
                    outcome=DecisionOutcome.BIFALL,
                    legal_ground=legal_ground_on(placement.start),
                    start=placement.start,
                    end=end,
                    provider_name=provider,
                ),
                decision_maker=self.chef,
            )
            own.append(placed)
        return own

    def own_placements_end(
        self, *, lead: User, own: list[PlacementChild], end: datetime.date, end_reason: str
    ) -> None:
        """The child leaves with the parent: the child's own end, on the same day."""
        for placed in own:
            placed.refresh_from_db()
            placement_child_end(actor=lead, placed=placed, end=end, end_reason=end_reason)

    # --- reports of concern ------------------------------------------------------------------

    def reports_write(self, *, case: Case, planned_case, lead: User) -> None:
        for planned in self.reports.get(id(planned_case), []):
            child = self.persons[id(planned.child)]
            with self.clock_on(planned.date):
                report = report_of_concern_record(
                    actor=lead,
                    case=case,
                    child=child,
                    direction=planned.direction,
                    reporter_kind=planned.reporter_kind,
                    reporter=planned.reporter,
                    date=planned.date,
                    concern=planned.concern,
                )
            if planned.answer == "wait":
                continue
            worker = self.staff_user(
                Worker(
                    unit_code(planned_case.district, UnitKind.BARN_UNGA),
                    planned.date,
                    pick=planned.pick,
                )
            )
            answer_day = planned.answered or planned.date
            with self.clock_on(answer_day):
                if planned.answer == "decline":
                    child_part_decline(actor=worker, part=report.routing, reason=DECLINE_REASON)
                    continue
                child_part_accept(actor=worker, part=report.routing)
            if planned.outcome and planned.outcome_date is not None:
                with self.clock_on(planned.outcome_date):
                    report_outcome_record(
                        actor=worker,
                        report=report,
                        outcome=planned.outcome,
                        date=planned.outcome_date,
                    )

    # --- open cases: school, the child's voice, the child's support --------------------------

    def open_case_write(self, *, case: Case, lead: User, children: list[Person], seed: int):
        rng = random.Random(f"child-matters:{seed}")  # noqa: S311 - synthetic demo data
        for child in children:
            if child.birth_date > self.today:
                continue
            if rng.random() < SCHOOL_SHARE:
                self._school(rng, case, lead, child)
            if rng.random() < VOICE_SHARE:
                journal_note_write(
                    actor=lead,
                    case=case,
                    kind=JournalKind.BARNETS_ROST,
                    child=child,
                    date=random_day(rng, max(case.opened, self.today - 60 * DAY), self.today),
                    text=rng.choice(VOICES),
                )
            if rng.random() < SUPPORT_SHARE:
                self._support(rng, case, lead, child)

    def _school(self, rng, case: Case, lead: User, child: Person) -> None:
        age = (self.today - child.birth_date).days // 365
        if age < 1:
            kind, names = SchoolKind.INGEN, ("",)
        elif age < 6:
            kind, names = SchoolKind.FORSKOLA, PRESCHOOLS
        elif age < 16:
            kind, names = SchoolKind.GRUNDSKOLA, SCHOOLS
        else:
            kind, names = SchoolKind.GYMNASIESKOLA, SCHOOLS
        child_record_change(
            actor=lead, case=case, child=child, school_kind=kind, school_name=rng.choice(names)
        )

    def _support(self, rng, case: Case, lead: User, child: Person) -> None:
        start = random_day(rng, max(case.opened, self.today - 90 * DAY), self.today)
        guardian_consent_record(
            actor=lead, case=case, child=child, guardian=case.person, given=start
        )
        # A protected child's other parent would share the protection: not them.
        if self.threat_guardians < THREAT_GUARDIANS and not child.is_protected:
            self.threat_guardians += 1
            other, number = self.register_other_parent(child)
            child_guardian_link(actor=lead, case=case, child=child, identity_number=number)
            threat_person_add(
                actor=lead,
                case=case,
                relation=ThreatRelation.FORMER_PARTNER,
                identity_number=number,
            )
            guardian_consent_record(
                actor=lead,
                case=case,
                child=child,
                guardian=other,
                not_asked_reason=NotAskedReason.THREAT_PERSON,
            )
        child_support_start(
            actor=lead,
            case=case,
            child=child,
            support_form=rng.choice((ChildSupportForm.INDIVIDUAL, ChildSupportForm.GROUP)),
            start=start,
            provider_name="Barngruppen Trappan (påhittad)",
        )
