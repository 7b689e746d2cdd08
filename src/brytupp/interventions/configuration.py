"""The organisation's data for decisions, loaded with its configuration (``brytupp
load_organisation``): the legal grounds and the delegationsordning (decision 0041).

Both are matched, never overwritten: a ground by its code, a line of the delegationsordning
by everything it says. Loading the same configuration twice changes nothing, and a row that
decisions may point to keeps what it said; what an administrator changed in Django admin (a
ground's end, say) stays. A delegation line in the configuration is a template for every unit
of its kind.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from brytupp.organisation.models import Municipality, Unit

from .models import Delegation, LegalGround


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def decision_rules_load(*, configuration: dict, municipality: Municipality) -> dict[str, int]:
    """Create the configuration's legal grounds, and its delegation lines for each unit of the
    municipality of their kind, that do not exist yet. Returns how many the configuration
    holds: legal grounds, and delegation lines over every unit."""
    grounds = configuration.get("legal_grounds", [])
    for entry in grounds:
        LegalGround.objects.get_or_create(
            code=entry["code"],
            defaults={
                "law": entry["law"],
                "provision": entry["provision"],
                "label": entry["label"],
                "valid_from": _date(entry["valid_from"]),
                "valid_to": _date(entry.get("valid_to")),
                "appealable": entry.get("appealable", True),
            },
        )
    lines = 0
    for entry in configuration.get("delegations", []):
        units = Unit.objects.filter(municipality=municipality, kind=entry["unit_kind"])
        for unit in units.order_by("code"):
            for intervention in entry["interventions"]:
                Delegation.objects.get_or_create(
                    unit=unit,
                    role=entry["role"],
                    intervention=intervention,
                    may_refuse=entry["may_refuse"],
                    valid_from=_date(entry["valid_from"]),
                    valid_to=_date(entry.get("valid_to")),
                )
                lines += 1
    return {"legal_grounds": len(grounds), "delegations": lines}
