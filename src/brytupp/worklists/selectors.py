"""Work lists: the cases a case worker or manager works on (the to-do list is ``todo``).

Every list starts from a queryset of ``access.policies``, takes the acting user, shows a
person only through ``person_display_name`` and logs each case row it shows
(``AccessKind.LIST_ROW``). Each list costs a fixed number of queries, however long it is.

- *My cases*: open cases where the user is the responsible case worker of their unit's part
  that takes part (``CaseUnit.responsible``).
- *The unit's cases*: open cases that the user's units may see (``policies.cases``: invited
  or taking part).
- *Invitations*: the user's units' open invitations (``policies.case_invitations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record_many
from brytupp.cases.models import Case, CaseUnit, CaseUnitStatus
from brytupp.organisation.models import Unit, User
from brytupp.people.presentation import person_display_name
from brytupp.sort_order import swedish_key, swedish_order

PER_PAGE = 25
INVITATIONS_SHOWN = 50
# A case list counts its rows up to this many: beyond, it says "more than" and pages through
# the newest. Counting every case a unit sees cost most of a list's time at a million cases
# (bench/load.py); no case worker pages through a thousand cases, they search.
LIST_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows; ``capped`` says whether there are more,
    and then only the first ``cap`` rows (the newest) are paged through."""

    cap = LIST_COUNT_CAP

    object_list: QuerySet

    @cached_property
    def rows_up_to_cap_and_one(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.rows_up_to_cap_and_one, self.cap)

    @property
    def capped(self) -> bool:
        return self.rows_up_to_cap_and_one > self.cap


def case_units(actor: User) -> list[Unit]:
    """The units in which the actor handles cases, each once, by name."""
    seen: dict[int, Unit] = {}
    for unit in policies.units_with_role(actor, *policies.CASE_ROLES):
        seen.setdefault(unit.pk, unit)
    return sorted(seen.values(), key=lambda unit: swedish_key(unit.name))


# --- case lists ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseListRow:
    case: Case
    person_name: str
    # The actor's units' current parts in the case, with their responsible case worker.
    my_parts: list[CaseUnit]


def _case_page(*, actor: User, queryset: QuerySet, page_number, per_page: int) -> Page:
    my_parts = (
        CaseUnit.objects.filter(
            unit_id__in=[unit.pk for unit in case_units(actor)],
            status__in=(CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE),
        )
        .select_related("unit", "responsible")
        .order_by(swedish_order("unit__name"), "pk")
    )
    queryset = (
        queryset.filter(closed__isnull=True)
        .select_related("person", "district", "lead_unit")
        .prefetch_related(Prefetch("case_units", queryset=my_parts, to_attr="my_parts"))
        .order_by("-opened", "-pk")
    )
    page = CappedPaginator(queryset, per_page).get_page(page_number)
    rows = [
        CaseListRow(
            case=case,
            person_name=person_display_name(case.person, masked=policies.case_masked(case)),
            my_parts=case.my_parts,
        )
        for case in page
    ]
    access_log_record_many(actor=actor, kind=AccessKind.LIST_ROW, cases=[row.case for row in rows])
    page.object_list = rows
    return page


def case_list_mine(*, actor: User, page_number: int | str = 1, per_page: int = PER_PAGE) -> Page:
    """Open cases where the actor is the responsible case worker of their unit's part."""
    responsible_parts = CaseUnit.objects.filter(
        unit_id__in=[unit.pk for unit in case_units(actor)],
        status=CaseUnitStatus.ACTIVE,
        responsible=actor,
    )
    queryset = policies.case_participation.queryset(actor).filter(
        pk__in=responsible_parts.values("case_id")
    )
    return _case_page(actor=actor, queryset=queryset, page_number=page_number, per_page=per_page)


def case_list_unit(*, actor: User, page_number: int | str = 1, per_page: int = PER_PAGE) -> Page:
    """Open cases the actor's units are invited to or take part in, newest first."""
    queryset = policies.cases.queryset(actor)
    return _case_page(actor=actor, queryset=queryset, page_number=page_number, per_page=per_page)


@dataclass(frozen=True)
class InvitationRow:
    part: CaseUnit
    person_name: str


@dataclass(frozen=True)
class Invitations:
    rows: list[InvitationRow]
    more: bool  # more open invitations than are shown


def invitation_list(*, actor: User, limit: int = INVITATIONS_SHOWN) -> Invitations:
    """The actor's units' open invitations to open cases, oldest first."""
    parts = list(
        policies.case_invitations.queryset(actor)
        .filter(case__closed__isnull=True)
        .select_related("case__person", "case__district", "case__lead_unit")
        .order_by("invited", "pk")[: limit + 1]
    )
    rows = [
        InvitationRow(part=part, person_name=person_display_name(part.case.person))
        for part in parts[:limit]
    ]
    access_log_record_many(
        actor=actor, kind=AccessKind.LIST_ROW, cases=[row.part.case for row in rows]
    )
    return Invitations(rows=rows, more=len(parts) > limit)
