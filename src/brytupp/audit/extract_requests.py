"""Four eyes on the register extract of a person with protected identity (decision 0023).

The extract names the units that accessed the person, and so tells the district of their case.
An administrator who finds a protected person by number therefore only records a request;
a second person (another system administrator, or a manager of a unit with a current part in
the person's open case) approves or refuses it, and only then, for a limited time, may the
requester alone produce the extract. Deciding is logged as an export on the person.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies

from .models import AccessGround, AccessKind, AccessOutcome, ExtractRequest, ExtractRequestStatus
from .services import access_log_record


def extract_request_make(*, actor, person) -> ExtractRequest:
    """A pending request by ``actor`` for ``person``'s extract; an earlier pending request of
    theirs for the same person is reused, so asking twice makes one request."""
    if not policies.register_extract.allows(actor):
        raise ValidationError(_("You may not ask for register extracts."))
    with transaction.atomic():
        existing = (
            ExtractRequest.objects.select_for_update()
            .filter(person=person, requested_by=actor, status=ExtractRequestStatus.PENDING)
            .first()
        )
        if existing is not None:
            return existing
        return ExtractRequest.objects.create(person=person, requested_by=actor)


def _decide(*, actor, request_id, status: str, reason: str = "") -> ExtractRequest:
    with transaction.atomic():
        request = policies.register_extract_approvals.get_or_404(
            actor,
            queryset=ExtractRequest.objects.select_for_update().select_related("person"),
            public_id=request_id,
        )
        request.status = status
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.refusal_reason = reason
        request.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
        access_log_record(
            actor=actor,
            kind=AccessKind.EXPORT,
            person=request.person,
            ground=AccessGround.OVERSIGHT,
            outcome=(
                AccessOutcome.ALLOWED
                if status == ExtractRequestStatus.APPROVED
                else AccessOutcome.REFUSED
            ),
        )
    return request


def extract_request_approve(*, actor, request_id) -> ExtractRequest:
    """Approve a pending request the actor may decide (404 otherwise), logged."""
    return _decide(actor=actor, request_id=request_id, status=ExtractRequestStatus.APPROVED)


def extract_request_refuse(*, actor, request_id, reason: str) -> ExtractRequest:
    """Refuse a pending request the actor may decide (404 otherwise), with a reason, logged."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    return _decide(
        actor=actor, request_id=request_id, status=ExtractRequestStatus.REFUSED, reason=reason
    )


def extract_request_to_decide_list(*, actor) -> list[ExtractRequest]:
    """The pending requests the actor may decide, oldest first. They show the person's opaque
    id only, as log review does."""
    return list(
        policies.register_extract_approvals.queryset(actor)
        .select_related("requested_by", "person")
        .only("public_id", "requested_at", "requested_by__username", "person__public_id")
        .order_by("requested_at")
    )


def extract_request_to_decide_count(*, actor) -> int:
    if not policies.register_extract_approvals.allows(actor):
        return 0
    return policies.register_extract_approvals.queryset(actor).count()


def extract_request_to_decide_get(*, actor, request_id) -> ExtractRequest:
    return policies.register_extract_approvals.get_or_404(
        actor,
        queryset=ExtractRequest.objects.select_related("requested_by", "person"),
        public_id=request_id,
    )


def extract_request_own_list(*, actor) -> list[ExtractRequest]:
    """The actor's own requests, newest first, with whether each opens the extract now."""
    if not policies.register_extract.allows(actor):
        return []
    requests = list(
        ExtractRequest.objects.filter(requested_by=actor)
        .select_related("person")
        .order_by("-requested_at")[:100]
    )
    cutoff = timezone.now() - policies.EXTRACT_APPROVAL_VALID
    for request in requests:
        request.opens_now = (
            request.status == ExtractRequestStatus.APPROVED and request.decided_at > cutoff
        )
        request.expires_at = (
            request.decided_at + policies.EXTRACT_APPROVAL_VALID if request.decided_at else None
        )
    return requests
