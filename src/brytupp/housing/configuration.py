"""The city's default housing checklist, loaded with the organisation's configuration
(``brytupp load_organisation``, decision 0046).

A step is matched by its code, never overwritten: loading the same configuration twice changes
nothing, and what an administrator changed in Django admin (a label, an inactive step, a
district's own steps) stays.
"""

from __future__ import annotations

from django.db import transaction

from .models import HousingStepTemplate


@transaction.atomic
def housing_steps_load(*, configuration: dict) -> dict[str, int]:
    """Create the configuration's city steps that do not exist yet; returns how many it holds."""
    steps = configuration.get("housing_steps", [])
    for entry in steps:
        HousingStepTemplate.objects.get_or_create(
            code=entry["code"],
            district=None,
            defaults={"label": entry["label"], "kind": entry["kind"], "order": entry["order"]},
        )
    return {"housing_steps": len(steps)}
