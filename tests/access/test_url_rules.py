"""Deny by default: every view declares its rule, and a view that does not is refused."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from brytupp.access.declare import rule_for_view
from brytupp.access.policies import Rule
from tests import factories


def walk(patterns, namespaces=(), prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback, namespaces


def test_every_url_declares_an_access_rule():
    routes = list(walk(get_resolver().url_patterns))
    undeclared = [
        route for route, view, namespaces in routes if rule_for_view(view, namespaces) is None
    ]

    assert len(routes) > 20  # the walk reached our pages and the admin's
    assert undeclared == []
    assert all(isinstance(rule_for_view(view, ns), Rule) for _r, view, ns in routes)


def test_only_sign_in_sign_out_and_language_are_public():
    public = sorted(
        route
        for route, view, namespaces in walk(get_resolver().url_patterns)
        if not rule_for_view(view, namespaces).login_required
    )

    assert public == ["logga-in/", "logga-ut/", "sprak/"]


@pytest.mark.django_db
@pytest.mark.urls("tests.access.undeclared_urls")
def test_a_view_without_a_rule_is_refused_even_for_an_administrator(client, rvt):
    admin = factories.staff("systemforvaltare", rvt)
    factories.sign_in(client, admin)

    response = client.get("/undeclared/")

    assert response.status_code == 404
    assert b"4711" not in response.content
