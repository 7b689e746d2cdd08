"""``/healthz``: the load balancer's probe — is this server able to reach its database?

The middleware stands first, so the probe is answered before anything else looks at the
request: no redirect to HTTPS (load balancers often probe over plain HTTP), no check of the
``Host`` header against ``ALLOWED_HOSTS`` (they often probe by address), no session, no
access-log entry, no request id. The body is one word; nothing about the server, the
database or its error is told (docs/decisions/0028).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse

HEALTH_PATH = "/healthz"

logger = logging.getLogger(__name__)


def database_reachable() -> bool:
    """True when ``SELECT 1`` succeeds on the application's connection."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        # The class only: a driver's message may name the host or the role.
        logger.warning("Health check: the database is unreachable (%s).", type(error).__name__)
        return False


def _plain(body: str, status: int) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _plain("method not allowed\n", 405)
            response["Allow"] = "GET, HEAD"
            return response
        if database_reachable():
            return _plain("ok\n", 200)
        return _plain("unavailable\n", 503)
