"""The error pages: a page not found under the public pages is a public page (no cookie)."""

from __future__ import annotations

from django.views.defaults import page_not_found

PUBLIC_PREFIX = "/hjalp/"


def not_found(request, exception):
    if request.path.startswith(PUBLIC_PREFIX):
        from brytupp.public.views import not_found as public_not_found

        return public_not_found(request)
    return page_not_found(request, exception)
