"""The reasons given for a reveal or an emergency access, shown beside their log entries in
log review (issue 10, finding 6).

Each ``IdentityReveal`` and ``EmergencyAccess`` row keeps the ``seq`` of the entry written
with it, so the reason is found by that link, never by matching times. The reason is free
text that may describe the person's situation: it is read only here, for the reviewers of
``policies.log_review_reasons`` (the case's lead unit's manager and the system
administrator); another reviewer of the entry learns that a reason was given, not its text.
It never goes into a log line or a URL.
"""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from brytupp.access import policies
from brytupp.access.models import EmergencyAccess
from brytupp.people.models import IdentityReveal

from .models import AccessGround, AccessKind


def _reason_of_entry():
    reveal = IdentityReveal.objects.filter(access_log_seq=OuterRef("seq")).values("reason")[:1]
    grant = EmergencyAccess.objects.filter(access_log_seq=OuterRef("seq")).values("reason")[:1]
    return Coalesce(Subquery(reveal), Subquery(grant), output_field=TextField())


def with_reasons(queryset: QuerySet, actor) -> QuerySet:
    """Annotate ``has_reason`` on the entries written with a reveal or an emergency access, and
    ``reason`` (its text) where the actor may read it; both are read only for those entries."""
    from brytupp.cases.models import Case as CaseRecord

    linked = Q(kind=AccessKind.REVEAL) | Q(ground=AccessGround.EMERGENCY)
    readable = CaseRecord.objects.filter(
        public_id=OuterRef("case_public_id"),
        pk__in=policies.log_review_reasons.queryset(actor).values("pk"),
    )
    has_reason = ExpressionWrapper(
        Q(Exists(IdentityReveal.objects.filter(access_log_seq=OuterRef("seq"))))
        | Q(Exists(EmergencyAccess.objects.filter(access_log_seq=OuterRef("seq")))),
        output_field=BooleanField(),
    )
    return queryset.annotate(
        has_reason=Case(
            When(linked, then=has_reason), default=Value(False), output_field=BooleanField()
        ),
        reason=Case(
            When(linked & Exists(readable), then=_reason_of_entry()),
            default=Value(None),
            output_field=TextField(),
        ),
    )
