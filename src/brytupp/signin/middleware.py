"""How long a sign-in lasts, and what is reachable before its second factor.

Session lifetime: 15 minutes idle (Django's cookie age, renewed on every request) and
8 hours after sign-in at most, whatever the activity; and no longer than the user's last
"sign out everywhere".

Nothing is reachable between the password and the second factor but the two-factor pages.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import resolve

from .two_factor import second_factor_pending, two_factor_device

SIGNED_IN_AT = "brytupp_signed_in_at"
SESSION_EPOCH = "brytupp_session_epoch"

OPEN_BEFORE_SECOND_FACTOR = {
    "web:two_factor_verify",
    "web:two_factor_setup",
    "web:logout",
    "web:login",
    "set_language",
}


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


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor_pending(user) and not request.path.startswith(settings.STATIC_URL):
            match = resolve(request.path_info) if _resolvable(request.path_info) else None
            if match is None or match.view_name not in OPEN_BEFORE_SECOND_FACTOR:
                target = (
                    "web:two_factor_verify" if two_factor_device(user) else "web:two_factor_setup"
                )
                return redirect(target)
        return self.get_response(request)


def _resolvable(path: str) -> bool:
    from django.urls import Resolver404

    try:
        resolve(path)
    except Resolver404:
        return False
    return True
