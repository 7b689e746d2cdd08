"""Reads of the child's matters for lists: the reports of concern the user's units are to
receive (orosanmälningar att ta emot), on the start pages."""

from __future__ import annotations

from dataclasses import dataclass

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record_person_cases
from brytupp.organisation.models import User
from brytupp.people.presentation import placed_child_display_name

from .models import ChildPart

REPORTS_SHOWN = 20


@dataclass(frozen=True)
class ReportToReceive:
    part: ChildPart
    # Masked for a protected child, and for a child of a protected parent.
    child_name: str


@dataclass(frozen=True)
class ReportsToReceive:
    rows: list[ReportToReceive]
    count: int


def reports_to_receive(*, actor: User, limit: int = REPORTS_SHOWN) -> ReportsToReceive:
    """The invitations to the child's matters of the actor's units, oldest first, each row
    logged on the child and the case (one append, three queries however many rows); nothing
    for a case closed since."""
    queryset = (
        policies.child_invitations.queryset(actor)
        .filter(case__closed__isnull=True)
        .order_by("origin__recorded_at", "pk")
    )
    count = queryset.count()
    rows = [
        ReportToReceive(
            part=part, child_name=placed_child_display_name(part.child, parent=part.case.person)
        )
        for part in queryset[:limit]
    ]
    access_log_record_person_cases(
        actor=actor,
        kind=AccessKind.LIST_ROW,
        pairs=[(row.part.child, row.part.case) for row in rows],
    )
    return ReportsToReceive(rows=rows, count=count)
