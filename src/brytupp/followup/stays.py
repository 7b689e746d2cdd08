"""The length of a stay in protected housing (issue 17, decisions 0047 and 0048).

A stay runs from the placement's start to its end, or to today while it goes on, counted in
nights (``end - start``: in on the 1st and out on the 2nd is one night). The city sets how
long a stay may run before the district should look at it: ``Municipality.stay_limit_days``,
seeded from ``organisation/data/stockholm.json`` and set by the system administrator in Django
admin. One installation serves one city: the limit is the first municipality's (as the import
names it, ``interchange.writers``), or 90 days before any is loaded.
"""

from __future__ import annotations

import datetime

from brytupp.organisation.models import STAY_LIMIT_DAYS_DEFAULT, Municipality


def stay_limit_days() -> int:
    """The city's limit in days: one query, so a caller that loops reads it once."""
    limit = Municipality.objects.order_by("pk").values_list("stay_limit_days", flat=True).first()
    return STAY_LIMIT_DAYS_DEFAULT if limit is None else limit


def stay_days(*, start: datetime.date, end: datetime.date | None, today: datetime.date) -> int:
    """The stay's length in nights, to its end or to ``today``."""
    return ((end or today) - start).days


def stay_over_limit(days: int, limit: int) -> bool:
    return days > limit
