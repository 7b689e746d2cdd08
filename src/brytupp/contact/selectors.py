"""Reads of contact requests, each for the acting user (``policies.contact_requests``)."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record_contact_requests
from brytupp.organisation.models import District, Unit, UnitKind
from brytupp.sort_order import swedish_order

from .models import ContactRequest

# Handled requests stay in the list this long, without their details, so that a colleague
# sees what became of one.
HANDLED_SHOWN_FOR = datetime.timedelta(days=30)


def district_rvt(district: District) -> Unit | None:
    """The district's relationship violence team valid today: it takes the district's contact
    requests, and the public pages name it (a district without one takes none)."""
    return (
        Unit.objects.valid_on(timezone.localdate())
        .filter(district=district, kind=UnitKind.RVT)
        .order_by(swedish_order("name"))
        .first()
    )


def contact_requests_open_count(*, actor) -> int:
    """How many requests wait for the actor's RVT: a number, no personal data, not logged."""
    return policies.contact_requests.queryset(actor).filter(handled_at__isnull=True).count()


def contact_requests_open(*, actor) -> list[ContactRequest]:
    """The requests waiting for the actor's RVT, oldest first; each row shown is logged."""
    rows = list(
        policies.contact_requests.queryset(actor)
        .filter(handled_at__isnull=True)
        .select_related("district")
        .order_by("received_at", "pk")
    )
    if rows:
        access_log_record_contact_requests(actor=actor, kind=AccessKind.LIST_ROW, requests=rows)
    return rows


def contact_requests_handled(*, actor) -> QuerySet[ContactRequest]:
    """Requests handled in the last ``HANDLED_SHOWN_FOR``: their details are gone, nothing to
    log."""
    since = timezone.now() - HANDLED_SHOWN_FOR
    return (
        policies.contact_requests.queryset(actor)
        .filter(handled_at__gte=since)
        .select_related("district", "handled_by")
        .order_by("-handled_at", "-pk")
    )


def contact_request_get(*, actor, public_id: uuid.UUID) -> ContactRequest:
    """One request the actor may see, its reading logged; any other id is a 404."""
    request = policies.contact_requests.get_or_404(
        actor,
        queryset=ContactRequest.objects.select_related("district", "handled_by"),
        public_id=public_id,
    )
    access_log_record_contact_requests(actor=actor, kind=AccessKind.VIEW, requests=[request])
    return request
