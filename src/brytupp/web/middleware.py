"""Session lifetime and the response headers that django-csp and Django's own settings do not
set.

Session lifetime: 15 minutes idle (Django's cookie age, renewed on every request) and
8 hours after sign-in at most, whatever the activity; and no longer than the user's last
"sign out everywhere".
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

SIGNED_IN_AT = "brytupp_signed_in_at"
SESSION_EPOCH = "brytupp_session_epoch"


def session_mark_signed_in(request) -> None:
    request.session[SIGNED_IN_AT] = int(time.time())
    request.session[SESSION_EPOCH] = request.user.session_epoch


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            too_old = (
                started is None or time.time() - started > settings.BRYTUPP_SESSION_MAX_SECONDS
            )
            signed_out_elsewhere = request.session.get(SESSION_EPOCH) != request.user.session_epoch
            if too_old or signed_out_elsewhere:
                logout(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response, and ``Cache-Control: no-store`` on every
    response to a signed-in user: any such page may show a person, and neither the browser
    nor a proxy may keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.BRYTUPP_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
