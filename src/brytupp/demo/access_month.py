"""The demo's access log: a month of everyday work to review (loggkontroll).

Everything the generator writes goes through the services and is logged as real work is. In
one go, those entries would all carry the minute the demo was made: a review list of one
burst — all of it "outside office hours" when the demo is made in the evening — like no month
anyone reviews. So the demo dates them, and adds the work of a month:

- the generator's own entries are dated 10:00 on the last weekday before last month
  (``history_entered_at``): the day the history was entered, before the months reviewed;
- from the first day of last month until yesterday (``PeriodOfWork``), each case worker
  responsible for open cases works most weekdays: reads their list of cases some mornings,
  opens a few of their cases and records something in some; now and then someone works in
  the evening; units search before opening a case, sometimes finding a person another unit
  holds; about once a week a protected identity is revealed, with a reason; Socialjouren opens
  cases with emergency access at night, with a reason, and last night decided protected
  housing in one of Farsta's cases under such an access (decision 0042: flagged to the lead
  unit, not yet reviewed); and one afternoon a case worker of another district tries three of
  Farsta's cases and is refused each time.

The times come from the log's demo clock (``audit.chain.synthetic_time``, decision 0035), in
the order of time, so the chain verifies. Reveals and emergency accesses go through their
services with Django's clock set to the same moment, so that their own rows carry it too (an
emergency access of last month has long expired). Reproducible: one ``random.Random``.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from unittest import mock

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from brytupp.access.models import EmergencyAccess
from brytupp.access.services import emergency_access_grant
from brytupp.audit.chain import synthetic_time
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome
from brytupp.audit.services import (
    access_log_record,
    access_log_record_ids,
    access_log_record_many,
)
from brytupp.cases.models import CaseAcceptance, CaseUnit, CaseUnitStatus
from brytupp.interventions.after_hours import after_hours_decide
from brytupp.interventions.decisions import DecisionTerms
from brytupp.interventions.models import ApplicationKind, DecisionOutcome, Intervention
from brytupp.organisation.models import User
from brytupp.people.models import IdentityReveal, Person
from brytupp.people.services import identity_reveal

from .children import legal_ground_on

LOCAL_TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
# A case worker is away (leave, courses, sick) on about one weekday in seven.
AWAY = 0.15
LIST_READ = 0.35  # mornings the work list is read
VIEWS_A_DAY = (1, 3)
RECORDED = 0.3  # a case opened, something recorded in it
EVENING = 0.02  # a worker's day that runs on past 18:00
SEARCHES_A_DAY = 3  # city-wide, before opening a case
REVEALS_A_WEEK = 1
EMERGENCY_ACCESSES = 4
REVEAL_REASONS = (
    "Ska skicka beslutet med post och behöver adressen.",
    "Behöver ringa personen inför mötet i morgon.",
    "Kontrollerar identiteten inför utbetalningen.",
    "Samordnar flytten till nytt boende och behöver adressen.",
    "Behöver personnumret till bostadsansökan.",
)
AFTER_HOURS_REASON = "Polisen ringer i natt: personen behöver skyddat boende direkt (syntetiskt)."
EMERGENCY_REASONS = (
    "Polisen ringer om akut skyddsbehov i natt.",
    "Personen ringer från akuten och behöver skyddat boende i natt.",
    "Barnet är inte hämtat från förskolan och mamman nås inte.",
    "Personen har flytt hemifrån och söker akut boende.",
)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LOCAL_TZ)


def _month_before(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def history_entered_at(today: datetime.date) -> datetime.datetime:
    """When the generator's own entries are dated: 10:00 on the last weekday before last
    month, in office hours and in neither month a reviewer opens first."""
    day = _month_before(today) - datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return _at(day, 10)


@dataclass(frozen=True)
class PeriodOfWork:
    """From the first day of last month until yesterday."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def before(cls, today: datetime.date) -> PeriodOfWork:
        return cls(_month_before(today), today - datetime.timedelta(days=1))

    def days(self) -> list[datetime.date]:
        count = (self.last - self.first).days + 1
        return [self.first + datetime.timedelta(days=n) for n in range(count)]

    def weekdays(self) -> list[datetime.date]:
        return [day for day in self.days() if day.weekday() < 5]


@dataclass(order=True)
class _Access:
    at: datetime.datetime
    order: int  # keeps the plan's order among accesses of the same minute
    write: Callable[[], object] = field(compare=False)
    # Reveals and emergency accesses date their own rows by Django's clock.
    dates_its_rows: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class AccessMonthSummary:
    first: datetime.date
    last: datetime.date
    entries: int
    reveals: int
    emergency_accesses: int
    refused: int


class _Planner:
    def __init__(self, rng: random.Random, period: PeriodOfWork) -> None:
        self.rng = rng
        self.period = period
        self.plan: list[_Access] = []
        self.users: dict[int, User] = {}  # one object per user: memberships read once
        parts = (
            CaseUnit.objects.filter(
                status=CaseUnitStatus.ACTIVE,
                responsible__isnull=False,
                case__closed__isnull=True,
                case__acceptance=CaseAcceptance.ACCEPTED,
                case__opened__lt=period.first,
            )
            .select_related("case__person", "case__lead_unit", "unit", "responsible")
            .order_by("responsible_id", "case_id", "unit_id")
        )
        self.parts_of: dict[int, list[CaseUnit]] = {}
        for part in parts:
            user = self.users.setdefault(part.responsible_id, part.responsible)
            self.parts_of.setdefault(user.pk, []).append(part)

    def add(self, at: datetime.datetime, write, *, dates_its_rows: bool = False) -> None:
        self.plan.append(_Access(at, len(self.plan), write, dates_its_rows))

    def _office_time(self, day: datetime.date) -> datetime.datetime:
        return _at(day, 8, 30) + datetime.timedelta(minutes=self.rng.randrange(8 * 60))

    def everyday_work(self) -> None:
        for day in self.period.weekdays():
            for user_id, parts in self.parts_of.items():
                if self.rng.random() < AWAY:
                    continue
                self._workday(day, self.users[user_id], parts)

    def _workday(self, day: datetime.date, user: User, parts: list[CaseUnit]) -> None:
        if self.rng.random() < LIST_READ:
            cases = [part.case for part in parts[:25]]
            morning = _at(day, 8) + datetime.timedelta(minutes=self.rng.randrange(60))
            self.add(
                morning,
                lambda: access_log_record_many(actor=user, kind=AccessKind.LIST_ROW, cases=cases),
            )
        for _n in range(self.rng.randint(*VIEWS_A_DAY)):
            part = self.rng.choice(parts)
            at = self._office_time(day)
            self._view(at, user, part)
            if self.rng.random() < RECORDED:
                later = at + datetime.timedelta(minutes=self.rng.randint(2, 20))
                self._view(later, user, part, kind=AccessKind.CHANGE)
        if self.rng.random() < EVENING:
            evening = _at(day, 18) + datetime.timedelta(minutes=self.rng.randrange(150))
            self._view(evening, user, self.rng.choice(parts))

    def _view(self, at, user: User, part: CaseUnit, kind=AccessKind.VIEW) -> None:
        case = part.case
        ground = (
            AccessGround.OWN_UNIT if part.unit_id == case.lead_unit_id else AccessGround.CONSENT
        )
        self.add(
            at,
            lambda: access_log_record(
                actor=user, kind=kind, case=case, ground=ground, unit=part.unit
            ),
        )

    def searches(self) -> None:
        """Searches before opening a case (a hit on a registered person), by case workers of
        any unit: some find a person another unit holds, which its manager sees."""
        people = list(Person.objects.filter(guardianships__isnull=True).order_by("pk"))
        searchers = sorted(self.users.values(), key=lambda user: user.pk)
        for day in self.period.weekdays():
            for _n in range(SEARCHES_A_DAY):
                user, person = self.rng.choice(searchers), self.rng.choice(people)
                self.add(
                    self._office_time(day),
                    lambda user=user, person=person: access_log_record(
                        actor=user,
                        kind=AccessKind.SEARCH_HIT,
                        person=person,
                        ground=AccessGround.CASE_OPENING,
                    ),
                )

    def _protected_leads(self) -> list[CaseUnit]:
        return [
            part
            for parts in self.parts_of.values()
            for part in parts
            if part.case.person.is_protected and part.unit_id == part.case.lead_unit_id
        ]

    def _last_month(self) -> list[datetime.date]:
        """The weekdays of last month, the whole month a reviewer reads first."""
        return [day for day in self.period.weekdays() if day.month == self.period.first.month]

    def reveals(self) -> None:
        """About one a week, by the lead unit's responsible case worker: two of Farsta's in
        last month, whose reasons its manager reads, then others over the period (a person's
        identity is revealed again another week when there are fewer persons than weeks)."""
        leads = sorted(self._protected_leads(), key=lambda part: part.pk)
        if not leads:
            return
        farsta = [part for part in leads if part.unit.code.startswith("farsta-")][:2]
        others = [part for part in leads if part not in farsta] or leads
        count = max(1, len(self.period.weekdays()) // 5) * REVEALS_A_WEEK
        later = self.rng.sample(others, min(len(others), count))
        later += [self.rng.choice(others) for _n in range(count - len(later))]
        chosen = [(part, self._last_month()) for part in farsta]
        chosen += [(part, self.period.weekdays()) for part in later]
        for number, (part, days) in enumerate(chosen):
            user, case = self.users[part.responsible_id], part.case
            reason = REVEAL_REASONS[number % len(REVEAL_REASONS)]
            self.add(
                self._office_time(self.rng.choice(days)),
                lambda user=user, case=case, reason=reason: identity_reveal(
                    actor=user, case=case, reason=reason
                ),
                dates_its_rows=True,
            )

    def emergency_accesses(self, jour: User | None) -> None:
        """Socialjouren at night or at the weekend, on cases led elsewhere; one of Farsta's,
        in last month (its manager reads the reason)."""
        if jour is None:
            return
        cases = sorted(
            {part.case for parts in self.parts_of.values() for part in parts},
            key=lambda case: (not case.lead_unit.code.startswith("farsta-"), case.pk),
        )
        chosen = cases[:1] + self.rng.sample(cases[1:], EMERGENCY_ACCESSES - 1)
        # Not its last night, which may run into this month.
        last_month = [day for day in self.period.days() if day.month == self.period.first.month][
            :-1
        ]
        for number, case in enumerate(chosen):
            days = last_month if number == 0 else self.period.days()
            night = _at(self.rng.choice(days), 22) + datetime.timedelta(
                minutes=self.rng.randrange(4 * 60)
            )
            reason = EMERGENCY_REASONS[number % len(EMERGENCY_REASONS)]
            self.add(
                night,
                lambda case=case, reason=reason: emergency_access_grant(
                    actor=jour, case=case, reason=reason
                ),
                dates_its_rows=True,
            )

    def after_hours_decision(self, jour: User | None, *, today: datetime.date) -> None:
        """Last night, Socialjouren opened one of Farsta's cases (farsta.rvt's, if it has one)
        and granted protected housing for the night and the days until the lead unit takes
        over: flagged to Farsta's RVT, not yet reviewed. Its own ``random.Random``, so the rest
        of the month is as it was."""
        farsta = [
            part
            for parts in self.parts_of.values()
            for part in parts
            if part.unit.code == "farsta-rvt" and part.unit_id == part.case.lead_unit_id
        ]
        if jour is None or not farsta:
            return
        farsta.sort(key=lambda part: (part.responsible.username != "farsta.rvt", part.case_id))
        case = farsta[0].case
        night = _at(today - datetime.timedelta(days=1), 23) + datetime.timedelta(
            minutes=random.Random(f"after-hours:{today}").randrange(50)  # noqa: S311
        )
        self.add(night, lambda: after_hours_decision_make(jour, case), dates_its_rows=True)

    def refused_attempts(self) -> None:
        """One afternoon of last month a case worker of another district tries three of
        Farsta's cases."""
        farsta = [
            part.case
            for parts in self.parts_of.values()
            for part in parts
            if part.unit.code == "farsta-rvt" and part.unit_id == part.case.lead_unit_id
        ]
        outsiders = [
            user
            for user_id, user in sorted(self.users.items())
            if all(
                part.unit.district_id != farsta[0].district_id for part in self.parts_of[user_id]
            )
        ]
        if len(farsta) < 3 or not outsiders:
            return
        user, day = self.rng.choice(outsiders), self.rng.choice(self._last_month())
        start = _at(day, 14) + datetime.timedelta(minutes=self.rng.randrange(60))
        for number, case in enumerate(self.rng.sample(farsta, 3)):
            self.add(
                start + datetime.timedelta(minutes=2 * number),
                lambda case=case: access_log_record_ids(
                    actor=user,
                    kind=AccessKind.VIEW,
                    person_public_id=case.person.public_id,
                    case_public_id=case.public_id,
                    ground=AccessGround.REFUSED,
                    outcome=AccessOutcome.REFUSED,
                ),
            )


def after_hours_decision_make(jour: User, case) -> None:
    """Socialjouren's emergency access and its decision at once, through their services."""
    emergency_access_grant(actor=jour, case=case, reason=AFTER_HOURS_REASON)
    today = timezone.localdate()
    after_hours_decide(
        actor=jour,
        case=case,
        kind=ApplicationKind.APPLICATION,
        asked="Skyddat boende i natt för personen och barnen (syntetiskt).",
        intervention=Intervention.SKYDDAT_BOENDE,
        terms=DecisionTerms(
            outcome=DecisionOutcome.BIFALL,
            legal_ground=legal_ground_on(today),
            start=today,
            end=today + datetime.timedelta(days=3),
            provider_name="Jourboendet (påhittat)",
        ),
    )


def _write(access: _Access) -> None:
    with synthetic_time(access.at):
        if not access.dates_its_rows:
            access.write()
            return
        # A case worker not yet in the unit that day would have been refused: left out.
        with (
            mock.patch("django.utils.timezone.now", return_value=access.at),
            contextlib.suppress(Http404, ValidationError),
        ):
            access.write()


def access_month_generate(*, today: datetime.date, seed: int) -> AccessMonthSummary:
    """Write the month of work (see the module docstring) into the access log, in order of
    time; run after the demo's data are made and before anyone signs in."""
    rng = random.Random(seed)
    period = PeriodOfWork.before(today)
    planner = _Planner(rng, period)
    planner.everyday_work()
    planner.searches()
    planner.reveals()
    planner.emergency_accesses(User.objects.filter(username="socialjouren").first())
    planner.refused_attempts()
    planner.after_hours_decision(User.objects.filter(username="socialjouren").first(), today=today)
    before = AccessLogEntry.objects.count()
    for access in sorted(planner.plan):
        _write(access)
    return AccessMonthSummary(
        first=period.first,
        last=period.last,
        entries=AccessLogEntry.objects.count() - before,
        reveals=IdentityReveal.objects.count(),
        emergency_accesses=EmergencyAccess.objects.count(),
        refused=AccessLogEntry.objects.filter(
            outcome=AccessOutcome.REFUSED, at__gte=_at(period.first, 0)
        ).count(),
    )
