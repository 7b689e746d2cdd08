"""A unit manager's view of their unit (``min-enhet/``): the open cases each case worker is
responsible for, what is overdue, and the invitations waiting, sent and received, with their
age, and the stays in protected housing going on with their length, flagged over the city's
limit (decision 0047).

Only the units the manager manages today (``policies.managed_units``), and within them only
what the manager's own rules admit: the cases the unit takes part in
(``policies.case_participation``), the invitations it may answer (``policies.case_invitations``)
and those sent from the cases it leads (``policies.case_lead``). The caseload and the overdue
items are counts; an invitation is a row that names the person as every list does
(``person_display_name``: never a protected name) and is logged as a list row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record_many
from brytupp.cases.models import CaseUnit, CaseUnitStatus
from brytupp.followup.stays import stay_days, stay_limit_days, stay_over_limit
from brytupp.interventions.models import Placement
from brytupp.organisation.models import Membership, Role, Unit, User
from brytupp.people.presentation import person_display_name
from brytupp.sort_order import swedish_key

from .todo import TodoFilter, TodoKind, todo_items

# What is overdue for a unit: the kinds of "Att göra" that a day can pass for. A decision
# ending is not work left undone. The road to a home counts too: a practical-support task and
# a step of a housing plan past their due dates (decisions 0046, 0047).
OVERDUE_KINDS = (
    TodoKind.PLAN_ACTION,
    TodoKind.PLACEMENT_FOLLOW_UP,
    TodoKind.CHILD_SCHOOLING,
    TodoKind.SIP_FOLLOW_UP,
    TodoKind.PRACTICAL_TASK,
    TodoKind.HOUSING_STEP,
)


@dataclass(frozen=True)
class Caseload:
    """A case worker of the unit and the open cases they are responsible for in it."""

    user: User
    open_cases: int
    # Responsible for cases but no longer a case worker of the unit: their cases need one.
    left_the_unit: bool = False


@dataclass(frozen=True)
class WaitingInvitation:
    part: CaseUnit
    person_name: str
    days: int  # since the invitation was sent
    received: bool  # the unit was invited (else the unit invited another)

    @property
    def other_unit(self) -> Unit:
        """The unit that invited (received) or was invited (sent)."""
        return self.part.case.lead_unit if self.received else self.part.unit


@dataclass(frozen=True)
class Stay:
    """A placement in protected housing going on in a case the unit takes part in."""

    placement: Placement
    person_name: str
    days: int  # nights so far (``followup.stays``)
    limit: int  # the city's limit in days (``followup.stays.stay_limit_days``)

    @property
    def over_limit(self) -> bool:
        return stay_over_limit(self.days, self.limit)


@dataclass(frozen=True)
class UnitOverview:
    unit: Unit
    caseload: list[Caseload]
    without_responsible: int  # open cases the unit takes part in with no one responsible
    overdue: dict[str, int]  # by ``TodoKind``, every kind of ``OVERDUE_KINDS``
    received: list[WaitingInvitation]
    sent: list[WaitingInvitation]
    stays: list[Stay] = field(default_factory=list)  # the longest first

    @property
    def invitation_tables(self) -> list[tuple[list[WaitingInvitation], bool]]:
        """The invitations to the unit, then those from it, each with whether received."""
        return [(self.received, True), (self.sent, False)]

    @property
    def overdue_rows(self) -> list[tuple[str, str, int]]:
        return [(kind, TodoKind(kind).label, self.overdue[kind]) for kind in OVERDUE_KINDS]


def _caseload(actor: User, unit: Unit) -> tuple[list[Caseload], int]:
    parts = CaseUnit.objects.filter(
        unit=unit,
        status=CaseUnitStatus.ACTIVE,
        case__in=policies.case_participation.queryset(actor).filter(closed__isnull=True),
    )
    counts = dict(
        parts.values("responsible").annotate(n=Count("pk")).values_list("responsible", "n")
    )
    workers = {
        m.user_id: m.user
        for m in Membership.objects.in_force(timezone.localdate())
        .filter(unit=unit, role=Role.HANDLAGGARE, user__is_active=True)
        .select_related("user")
    }
    gone = User.objects.filter(pk__in=[pk for pk in counts if pk and pk not in workers])
    rows = [Caseload(user, counts.get(pk, 0)) for pk, user in workers.items()]
    rows += [Caseload(user, counts[user.pk], left_the_unit=True) for user in gone]
    rows.sort(
        key=lambda row: (
            -row.open_cases,
            swedish_key(row.user.last_name),
            swedish_key(row.user.first_name),
        )
    )
    return rows, counts.get(None, 0)


def _overdue(actor: User, unit: Unit, today: datetime.date) -> dict[str, int]:
    filters = TodoFilter(overdue=True, unit=unit)
    counted = todo_items(actor=actor, filters=filters, today=today).count_by_kind()
    return {kind: counted.get(kind, 0) for kind in OVERDUE_KINDS}


def _waiting(parts, *, received: bool, today: datetime.date) -> list[WaitingInvitation]:
    return [
        WaitingInvitation(
            part=part,
            person_name=person_display_name(
                part.case.person, masked=policies.case_masked(part.case)
            ),
            days=(today - part.invited).days if part.invited else 0,
            received=received,
        )
        for part in parts.filter(case__closed__isnull=True)
        .select_related("case__person", "case__lead_unit", "unit")
        .order_by("invited", "pk")
    ]


def _invitations(actor: User, unit: Unit, today: datetime.date):
    received = policies.case_invitations.queryset(actor).filter(unit=unit)
    sent = CaseUnit.objects.filter(
        status=CaseUnitStatus.INVITED,
        case__in=policies.case_lead.queryset(actor).filter(lead_unit=unit),
    ).exclude(unit=unit)
    return (
        _waiting(received, received=True, today=today),
        _waiting(sent, received=False, today=today),
    )


def _stays(actor: User, unit: Unit, today: datetime.date, limit: int) -> list[Stay]:
    """The placements going on in the open cases the unit takes part in, the longest first."""
    taking_part = CaseUnit.objects.filter(unit=unit, status=CaseUnitStatus.ACTIVE)
    cases = (
        policies.case_participation.queryset(actor)
        .filter(closed__isnull=True)
        .filter(pk__in=taking_part.values("case_id"))
    )
    placements = (
        Placement.objects.filter(case__in=cases, end__isnull=True, start__lte=today)
        .select_related("case__person")
        .order_by("start", "pk")
    )
    return [
        Stay(
            placement=placement,
            person_name=person_display_name(
                placement.case.person, masked=policies.case_masked(placement.case)
            ),
            days=stay_days(start=placement.start, end=None, today=today),
            limit=limit,
        )
        for placement in placements
    ]


def unit_overview_list(*, actor: User, today: datetime.date | None = None) -> list[UnitOverview]:
    """The manager's view of each unit they manage today, by name. The cases of the
    invitations shown are logged as list rows."""
    today = today or timezone.localdate()
    limit = stay_limit_days()
    overviews = []
    for unit in policies.managed_units.queryset(actor).order_by("name"):
        caseload, without_responsible = _caseload(actor, unit)
        received, sent = _invitations(actor, unit, today)
        overviews.append(
            UnitOverview(
                unit=unit,
                caseload=caseload,
                without_responsible=without_responsible,
                overdue=_overdue(actor, unit, today),
                received=received,
                sent=sent,
                stays=_stays(actor, unit, today, limit),
            )
        )
    shown = {row.part.case.pk: row.part.case for o in overviews for row in (*o.received, *o.sent)}
    shown |= {stay.placement.case.pk: stay.placement.case for o in overviews for stay in o.stays}
    access_log_record_many(actor=actor, kind=AccessKind.LIST_ROW, cases=list(shown.values()))
    return overviews
