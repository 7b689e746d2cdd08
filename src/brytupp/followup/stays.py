"""The length of a stay in protected housing (issue 17, decision 0047).

A stay runs from the placement's start to its end, or to today while it goes on, counted in
nights (``end - start``: in on the 1st and out on the 2nd is one night). The city sets how
long a stay may run before the district should look at it: ``STAY_LIMIT_DAYS``, a constant
for now (Stockholm's 90 days), not yet a setting in ``organisation/data/stockholm.json``.
"""

from __future__ import annotations

import datetime

STAY_LIMIT_DAYS = 90


def stay_days(*, start: datetime.date, end: datetime.date | None, today: datetime.date) -> int:
    """The stay's length in nights, to its end or to ``today``."""
    return ((end or today) - start).days


def stay_over_limit(days: int) -> bool:
    return days > STAY_LIMIT_DAYS
