"""The reasons given for a reveal or an emergency access, shown beside their log entries in
log review (issue 10, finding 6).

Each ``IdentityReveal`` and ``EmergencyAccess`` row keeps the ``seq`` of the entry written
with it, so the reason is found by that link, never by matching times. The reason is free
text that may describe the person's situation: it is read only here, for the reviewers of
``policies.log_review_reasons`` (the case's lead unit's manager and the system
administrator); another reviewer of the entry learns that a reason was given, not its text.
It never goes into a log line or a URL.

Read for the rows shown only (a page, the month's list), by three small queries: a subquery per
entry of the month would make PostgreSQL's plan costly enough to compile it (JIT) for seconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from brytupp.access import policies
from brytupp.access.models import EmergencyAccess
from brytupp.people.models import IdentityReveal

from .models import AccessGround, AccessKind, AccessLogEntry

WITHHELD = ""  # a reason exists, its text is not for this reviewer


def reasons_for(*, actor, entries: Iterable[AccessLogEntry]) -> dict[int, str]:
    """The reason of each reveal or emergency-access entry among ``entries`` that has one, by
    ``seq``: its text where the actor may read it, ``WITHHELD`` otherwise."""
    seqs = [
        e.seq for e in entries if e.kind == AccessKind.REVEAL or e.ground == AccessGround.EMERGENCY
    ]
    if not seqs:
        return {}
    linked = [
        *IdentityReveal.objects.filter(access_log_seq__in=seqs).values_list(
            "access_log_seq", "case_id", "reason"
        ),
        *EmergencyAccess.objects.filter(access_log_seq__in=seqs).values_list(
            "access_log_seq", "case_id", "reason"
        ),
    ]
    readable = set(
        policies.log_review_reasons.queryset(actor)
        .filter(pk__in={case_id for _seq, case_id, _reason in linked})
        .values_list("pk", flat=True)
    )
    return {seq: reason if case_id in readable else WITHHELD for seq, case_id, reason in linked}
