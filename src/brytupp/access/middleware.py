"""Deny by default: refuse every view that declares no access rule."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .declare import rule_for_view


class AccessRuleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = rule_for_view(view_func, match.namespaces if match else ())
        if rule is None:
            raise Http404
        if rule.allows(request.user):
            return None
        if rule.login_required and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
