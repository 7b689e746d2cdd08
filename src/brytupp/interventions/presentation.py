"""How decisions and placements are shown: their periods, labels and warnings, a placement's
housing and a housing decision's provider.

The name of a protected housing says where the person lives, so it is shown only by the access
rule ``policies.placement_location_withheld`` (decision 0021); every page, form and reveal
takes it from here, never from the model's fields.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brytupp.access import policies
from brytupp.housing.models import is_permanent

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


def decision_period(decision: Decision) -> str:
    if decision.end is None:
        return _("from %(start)s until further notice") % {"start": decision.start.isoformat()}
    days = decision.period_days
    return ngettext(
        "%(start)s – %(end)s (%(days)s day)", "%(start)s – %(end)s (%(days)s days)", days
    ) % {"start": decision.start.isoformat(), "end": decision.end.isoformat(), "days": days}


def short_decision_warning(decision: Decision) -> str:
    days = decision.period_days
    return ngettext(
        "The decision on protected housing covers only %(days)s day. Plan the next decision "
        "with the person now, so that they are not left without protection when it runs out.",
        "The decision on protected housing covers only %(days)s days. Plan the next decision "
        "with the person now, so that they are not left without protection when it runs out.",
        days,
    ) % {"days": days}


def decision_label(decision: Decision) -> str:
    end = decision.end.isoformat() if decision.end else _("until further notice")
    return _("%(intervention)s, %(start)s – %(end)s") % {
        "intervention": decision.get_intervention_display(),
        "start": decision.start.isoformat(),
        "end": end,
    }


def placement_label(placement: Placement, *, case) -> str:
    """The placement's start and its housing, masked for a unit that may not know where the
    person lives (``case.acting_part``, set by ``case_get``)."""
    label = _("Placement from %(start)s") % {"start": placement.start.isoformat()}
    location = placement_location(placement, case=case, part=case.acting_part)
    return f"{label}, {location}" if location else label


def permanence_message(placement: Placement) -> str:
    if is_permanent(placement.next_housing_type, placement.next_housing_contract_months):
        return _("The housing the person moves to counts as permanent housing.")
    return _("The housing the person moves to does not count as permanent housing.")
