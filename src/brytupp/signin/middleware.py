"""Nothing is reachable between the password and the second factor but the two-factor pages."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve

from .two_factor import two_factor_device

OPEN_BEFORE_SECOND_FACTOR = {
    "web:two_factor_verify",
    "web:two_factor_setup",
    "web:logout",
    "web:login",
    "set_language",
}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.BRYTUPP_REQUIRE_TWO_FACTOR
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
        ):
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
