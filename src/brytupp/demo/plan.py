"""The demo's persons and cases, planned in memory before anything is written.

Planning first keeps the random choices in one place and lets the few promises the demo makes
be checked and enforced on plain data: every district has cases, the Farsta case workers
(RVT and ekonomiskt bistånd) see several open cases, one of those they share has a person with
protected identity, and Farsta's RVT has two open cases of protected persons.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from brytupp.cases.models import CaseSource, ClosureReason
from brytupp.followup.selectors import trend_periods
from brytupp.followup.stored import TREND_YEARS
from brytupp.interventions.models import SCHOOL_AGE_FROM
from brytupp.organisation.models import UnitKind
from brytupp.people.models import ProtectedIdentity

from .identities import (
    FICTITIOUS_LAST_NAMES,
    PROTECTION_CYCLE,
    PlannedPerson,
    birth_date_for_age,
    pick_first_name,
    pick_gender,
    pick_identity_kind,
    random_day,
    years_before,
)

DAY = datetime.timedelta(days=1)
# The older a case, the likelier it is closed; by this age almost every case is.
CLOSED_BY_AGE_DAYS = 3 * 365
PERSONS_PER_DISTRICT = 30
PERSONS_IN = {"farsta": 46, "sodermalm": 42}
CHILDREN = 60
REOPENED_SHARE = 0.12
# Days before today a first case must open to leave room for its closure and re-opening.
REOPENING_ROOM = 240 + 14
PROTECTED_SHARE = 0.06
FARSTA_OPEN_WITH_EKB = 6
# Open cases of protected persons that Farsta's RVT leads: the masking on its lists, and the
# reveals its manager reviews (``access_month``).
FARSTA_OPEN_PROTECTED = 2

SOURCES = {
    CaseSource.SELF: 30,
    CaseSource.POLICE: 24,
    CaseSource.SOCIALJOUR: 15,
    CaseSource.HEALTHCARE: 12,
    CaseSource.CIVIL_SOCIETY: 5,
    CaseSource.OTHER_UNIT: 4,
    CaseSource.SCHOOL: 3,
    CaseSource.RVC_FRI_YTA: 3,
    CaseSource.OTHER_MUNICIPALITY: 2,
    CaseSource.OTHER: 2,
}
CLOSURE_REASONS = {
    ClosureReason.GOALS_MET: 45,
    ClosureReason.PERSON_DECLINED: 18,
    ClosureReason.NO_CONTACT: 15,
    ClosureReason.MOVED: 12,
    ClosureReason.OTHER: 10,
}
# How often another unit of the district joins a case (samhandläggning).
JOIN_SHARES = {
    UnitKind.EKONOMISKT_BISTAND: 0.30,
    UnitKind.BARN_UNGA: 0.06,
    UnitKind.VUXEN_BEROENDE: 0.08,
}
BARN_UNGA_WITH_CHILDREN = 0.6


@dataclass
class PlannedCase:
    person: PlannedPerson
    district: str
    source: str
    opened: datetime.date
    closed: datetime.date | None = None
    closure_reason: str = ""
    previous: PlannedCase | None = None
    joins: dict[str, datetime.date] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass
class Plan:
    persons: list[PlannedPerson]
    cases: list[PlannedCase]
    # Each district's first day, None for one that has always been.
    districts: dict[str, datetime.date | None] = field(default_factory=dict)

    @property
    def children(self) -> list[PlannedPerson]:
        return [child for person in self.persons for child in person.children]


def trend_windows(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The periods of the effect-goal trend as its page opens — this year up to today and the
    same days of the four years before — and the same days of the year before the oldest,
    which its change in referrals compares with; oldest first."""
    return trend_periods(datetime.date(today.year, 1, 1), today, TREND_YEARS + 1)


def history_start(today: datetime.date) -> datetime.date:
    """The demo's first day: 1 January five years before this year, the first of
    ``trend_windows``, so that every year the trend shows, and the year before, has cases."""
    return trend_windows(today)[0][0]


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Planner:
    """Plans persons and cases for the districts given as ``{code: valid_from or None}``."""

    def __init__(
        self,
        rng: random.Random,
        *,
        today: datetime.date,
        districts: dict[str, datetime.date | None],
    ) -> None:
        self.rng = rng
        self.today = today
        self.districts = districts
        self.earliest = history_start(today)
        self.protected = 0

    def plan(self) -> Plan:
        persons: list[PlannedPerson] = []
        cases: list[PlannedCase] = []
        for code in sorted(self.districts):
            count = PERSONS_IN.get(code, PERSONS_PER_DISTRICT) + self.rng.randint(-2, 2)
            for _ in range(count):
                episode = self._episode(code)
                persons.append(episode[0].person)
                cases.extend(episode)
        self._plan_children(cases)
        for case in cases:
            self._plan_joins(case)
        self._keep_farsta_promises(cases)
        return Plan(persons=persons, cases=cases, districts=dict(self.districts))

    # --- persons ---------------------------------------------------------------------------

    def _adult(self, *, first_opened: datetime.date) -> PlannedPerson:
        """An adult aged 18–80 today who was at least 18 when their first case opened."""
        rng = self.rng
        gender = pick_gender(rng, adult=True)
        adult_since_opening = 19 + (self.today - first_opened).days // 365
        age = min(80, max(adult_since_opening, round(rng.triangular(18, 80, 34))))
        latest = years_before(first_opened, 18)
        birth_date = birth_date_for_age(rng, age=age, today=self.today, latest=latest)
        return PlannedPerson(
            first_name=pick_first_name(rng, gender),
            last_name=rng.choice(FICTITIOUS_LAST_NAMES),
            gender=gender,
            birth_date=birth_date,
            identity_kind=pick_identity_kind(rng),
            protected_identity=self._protection(),
        )

    def _protection(self) -> str:
        if self.rng.random() >= PROTECTED_SHARE:
            return ProtectedIdentity.NONE
        return self._next_protection_level()

    def _next_protection_level(self) -> str:
        level = PROTECTION_CYCLE[self.protected % len(PROTECTION_CYCLE)]
        self.protected += 1
        return level

    def _plan_children(self, cases: list[PlannedCase]) -> None:
        """Give sixty children to guardians aged 20–55: first a child of school age in each
        period of the effect-goal trend (``_plan_school_children``), then Farsta's open cases
        first."""
        rng = self.rng
        seen: set[int] = set()
        candidates = []
        for case in cases:
            person = case.person
            if id(person) not in seen and self._may_be_guardian(person):
                seen.add(id(person))
                candidates.append(case)
        planned = self._plan_school_children(
            [case for case in cases if self._may_be_guardian(case.person)]
        )
        rng.shuffle(candidates)
        candidates.sort(key=lambda case: not (case.district == "farsta" and case.is_open))
        for case in candidates:
            if planned >= CHILDREN:
                break
            count = min(CHILDREN - planned, rng.choices((1, 2, 3), weights=(6, 3, 1))[0])
            for _ in range(count):
                case.person.children.append(self._child(case.person))
            planned += count

    def _may_be_guardian(self, person: PlannedPerson) -> bool:
        return 20 <= (self.today - person.birth_date).days // 365 <= 55

    def _plan_school_children(self, cases: list[PlannedCase]) -> int:
        """In each period of ``trend_windows``, a person whose case is open then has a child
        of school age then: a child placed with the parent can be counted in every year of the
        trend (schooling within a week, ``JourneyPlanner``). Return how many children."""
        planned = 0
        for first, last in trend_windows(self.today):
            open_then = []
            for case in cases:
                # The last day a placement may start in the period: a week before the closure.
                start_by = min(last, case.closed - 7 * DAY if case.closed else self.today)
                if max(first, case.opened) <= start_by:
                    # Born by then, the child is of school age on that day.
                    open_then.append((case, years_before(start_by, SCHOOL_AGE_FROM) - DAY))
            if any(
                child.birth_date <= born_by
                for case, born_by in open_then
                for child in case.person.children
            ):
                continue  # a child of an earlier period's serves this one too
            candidates = [
                (case, born_by)
                for case, born_by in open_then
                if years_before(case.person.birth_date, -18) <= born_by
            ]
            if candidates:
                case, born_by = self.rng.choice(candidates)
                case.person.children.append(self._child(case.person, born_by=born_by))
                planned += 1
        return planned

    def _child(
        self, guardian: PlannedPerson, *, born_by: datetime.date | None = None
    ) -> PlannedPerson:
        """A child aged 0–17 today, born when the guardian was at least 18, and by
        ``born_by`` when given."""
        rng = self.rng
        gender = pick_gender(rng, adult=False)
        first = max(years_before(self.today, 18) + DAY, years_before(guardian.birth_date, -18))
        last = self.today - datetime.timedelta(days=30)
        birth_date = random_day(rng, first, min(last, born_by or last))
        last_name = guardian.last_name if rng.random() < 0.7 else rng.choice(FICTITIOUS_LAST_NAMES)
        return PlannedPerson(
            first_name=pick_first_name(rng, gender),
            last_name=last_name,
            gender=gender,
            birth_date=birth_date,
            identity_kind=pick_identity_kind(rng),
            # A protected address protects the household: the child shares the level.
            protected_identity=guardian.protected_identity,
        )

    # --- cases -----------------------------------------------------------------------------

    def _opening_day(self, district: str, *, room: int = 0) -> datetime.date:
        """A day since ``history_start``, not before the district existed, and at least
        ``room`` days before today."""
        first = max(self.earliest, self.districts[district] or self.earliest)
        return random_day(self.rng, first, self.today - datetime.timedelta(days=room))

    def _episode(self, district: str) -> list[PlannedCase]:
        """One person's cases: one, or a closed one and a later re-opening."""
        reopens = self.rng.random() < REOPENED_SHARE
        opened = self._opening_day(district, room=REOPENING_ROOM if reopens else 0)
        person = self._adult(first_opened=opened)
        first = PlannedCase(person=person, district=district, source=self._source(), opened=opened)
        if not reopens:
            self._maybe_close(first)
            return [first]
        reopened = self._reopening(first)
        self._maybe_close(reopened)
        return [first, reopened]

    def _source(self) -> str:
        return weighted(self.rng, SOURCES)

    def _reopening(self, first: PlannedCase) -> PlannedCase:
        """Close ``first`` and open a later case: mostly within twelve months of the closure
        (the case worker is warned then), otherwise later when there is room before today."""
        rng = self.rng
        closed = first.opened + datetime.timedelta(days=rng.randint(30, 240))
        room = (self.today - closed).days
        if room >= 400 and rng.random() < 0.4:
            gap = rng.randint(400, min(700, room))
        else:
            gap = rng.randint(14, min(330, room))
        first.closed = closed
        first.closure_reason = weighted(rng, CLOSURE_REASONS)
        return PlannedCase(
            person=first.person,
            district=first.district,
            source=self._source(),
            opened=closed + datetime.timedelta(days=gap),
            previous=first,
        )

    def _maybe_close(self, case: PlannedCase) -> None:
        """The older the case, the likelier it is closed; never after today."""
        age = (self.today - case.opened).days
        if age < 30 or self.rng.random() >= 0.15 + 0.8 * min(age, CLOSED_BY_AGE_DAYS) / (
            CLOSED_BY_AGE_DAYS
        ):
            return
        case.closed = case.opened + datetime.timedelta(days=self.rng.randint(30, min(age, 540)))
        case.closure_reason = weighted(self.rng, CLOSURE_REASONS)

    def _plan_joins(self, case: PlannedCase) -> None:
        for kind, share in JOIN_SHARES.items():
            if kind == UnitKind.BARN_UNGA and case.person.children and case.is_open:
                share = BARN_UNGA_WITH_CHILDREN
            if self.rng.random() < share:
                case.joins[kind] = self._join_day(case)

    def _join_day(self, case: PlannedCase) -> datetime.date:
        """On or after the opening, within two months, not after the closure or today."""
        last = min(case.closed or self.today, case.opened + datetime.timedelta(days=60))
        return random_day(self.rng, case.opened, last)

    def _keep_farsta_promises(self, cases: list[PlannedCase]) -> None:
        """Farsta's ekonomiskt bistånd takes part in several open cases, and one of them has a
        person with protected identity (so the demo shows the masking); Farsta's RVT has
        ``FARSTA_OPEN_PROTECTED`` open cases of protected persons, the oldest first (a month
        of work in them is reviewed, ``access_month``)."""
        open_farsta = [case for case in cases if case.district == "farsta" and case.is_open]
        ekb = UnitKind.EKONOMISKT_BISTAND
        missing = FARSTA_OPEN_WITH_EKB - sum(ekb in case.joins for case in open_farsta)
        for case in [case for case in open_farsta if ekb not in case.joins][: max(0, missing)]:
            case.joins[ekb] = self._join_day(case)
        shared = [case for case in open_farsta if ekb in case.joins]
        if not any(case.person.is_protected for case in shared):
            self._protect(shared[0].person)
        protected = {id(case.person) for case in open_farsta if case.person.is_protected}
        missing = FARSTA_OPEN_PROTECTED - len(protected)
        by_age = sorted(open_farsta, key=lambda case: case.opened)
        for case in [case for case in by_age if id(case.person) not in protected][
            : max(0, missing)
        ]:
            self._protect(case.person)

    def _protect(self, person: PlannedPerson) -> None:
        person.protected_identity = self._next_protection_level()
        # A protected address protects the household: the children share the level.
        for child in person.children:
            child.protected_identity = person.protected_identity
