"""What the case page shows of the child's own track (decision 0045): kept apart from
``child_track_read`` so that the case page imports nothing that writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from brytupp.access import policies
from brytupp.people.presentation import placed_child_display_name

if TYPE_CHECKING:
    from brytupp.organisation.models import User


def child_matters_only(actor: User, case, items: list) -> list:
    """The case page's applications or decisions, less those about a child whose matters the
    actor does not read (ekonomiskt bistånd sees the person's, not the child's); each kept
    one about a child gets ``child_name``, masked as the case page masks the child."""
    readable: dict[int, bool] = {}
    kept = []
    for item in items:
        child = item.child
        if child is not None:
            if child.pk not in readable:
                readable[child.pk] = policies.child_matters_readable(actor, case, child)
            if not readable[child.pk]:
                continue
            item.child_name = placed_child_display_name(child, parent=case.person)
        kept.append(item)
    return kept


def placed_children_doors(actor: User, case, placements: list) -> None:
    """Each child placed gets ``own_door``: still placed on the child's own decision after
    the parent's placement ended, and the actor writes the child's matters (the door to the
    child's own end)."""
    for placement in placements:
        for placed in placement.children.all():
            placed.own_door = placed.placed_on_own and policies.child_matters_readable(
                actor, case, placed.child
            )
