"""Session lifetime: 15 minutes idle (Django's cookie age, renewed on every request) and
8 hours after sign-in at most, whatever the activity."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SIGNED_IN_AT = "brytupp_signed_in_at"


def session_mark_signed_in(request) -> None:
    request.session[SIGNED_IN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None or time.time() - started > settings.BRYTUPP_SESSION_MAX_SECONDS:
                logout(request)
        return self.get_response(request)
