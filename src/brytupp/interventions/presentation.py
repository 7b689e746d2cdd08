"""How a placement's housing and a housing decision's provider are shown.

The name of a protected housing says where the person lives, so it is shown only by the access
rule ``policies.placement_location_withheld`` (decision 0021); every page, form and reveal
takes it from here, never from the model's fields.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from brytupp.access import policies

from .models import Decision, Placement


def housing_withheld_text() -> str:
    return _("Housing withheld")


def placement_location(placement: Placement, *, case, part) -> str:
    """The housing's name for a unit that may see it, the mask otherwise; "" if none is
    recorded."""
    if not placement.provider:
        return ""
    if policies.placement_location_withheld(case, part, decision=placement.decision):
        return housing_withheld_text()
    return placement.provider


def decision_provider(decision: Decision, *, case, part) -> str:
    """The provider of a decision; for a housing decision masked like the placement."""
    name = decision.provider.name if decision.provider_id else decision.provider_name
    if not name:
        return ""
    if policies.decision_provider_withheld(case, part, decision):
        return housing_withheld_text()
    return name


def placement_locations_revealed(*, case, part) -> list[str]:
    """For a reveal: the housing of each placement whose location the acting unit needs,
    newest first. Protection masks it on every page; the reveal is the one way to it."""
    placements = case.placements.select_related("decision").exclude(provider="")
    return [
        placement.provider
        for placement in placements.order_by("-start", "-pk")
        if policies.placement_location_needed(case, part, decision=placement.decision)
    ]
