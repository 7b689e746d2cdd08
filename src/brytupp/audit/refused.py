"""Refused requests to a case or a person (finding 7 of the insider issue).

Every page of a case or a person carries its id in the URL (``case_id``, ``person_id``), and
every refusal of one ends as the same 404: the page's rule refused the user
(``AccessRuleMiddleware``), the case is not visible to them (``Rule.get_or_404``), or it does
not exist. This middleware, wrapped around all of them, is the one place that sees every such
404, so a new page of a case is covered the day it is added. It writes one entry with outcome
and ground ``refused`` and the ids from the URL (the case's person's id when the case exists),
nothing else; the response is not touched, so an existing case and a made-up id answer the
same 404. A signed-out user is sent to sign in before any rule is asked, and is not logged.
"""

from __future__ import annotations

import uuid

from .models import AccessGround, AccessKind, AccessOutcome
from .services import access_log_record_ids

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _url_ids(request) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(person id, case id) named by the resolved URL (a child's page's ``child_id`` is its
    person); the converters make them UUIDs."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    # A child's page names the child (decision 0044): the person the refused read was about.
    # A contact request (decision 0054) is a person not yet in the register: its id too.
    case_id = kwargs.get("case_id")
    person_id = (
        kwargs.get("person_id") or kwargs.get("child_id") or kwargs.get("contact_request_id")
    )
    return (
        person_id if isinstance(person_id, uuid.UUID) else None,
        case_id if isinstance(case_id, uuid.UUID) else None,
    )


def refused_request_record(request) -> None:
    """Log a refused request to a case or person URL; any other request is left alone."""
    from brytupp.cases.models import Case

    person_id, case_id = _url_ids(request)
    if person_id is None and case_id is None:
        return
    if case_id is not None and person_id is None:
        person_id = (
            Case.objects.filter(public_id=case_id).values_list("person__public_id", flat=True)
        ).first()
    access_log_record_ids(
        actor=request.user,
        kind=AccessKind.VIEW if request.method in SAFE_METHODS else AccessKind.CHANGE,
        person_public_id=person_id,
        case_public_id=case_id,
        ground=AccessGround.REFUSED,
        outcome=AccessOutcome.REFUSED,
    )


class RefusedAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 404 and getattr(user, "is_authenticated", False):
            refused_request_record(request)
        return response
