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


def test_only_sign_in_sign_out_language_and_the_public_pages_are_public():
    public = sorted(
        route
        for route, view, namespaces in walk(get_resolver().url_patterns)
        if not rule_for_view(view, namespaces).login_required
    )

    # and the public information pages (decision 0052), which ask for and show no personal data
    public_pages = [route for route in public if route.startswith("hjalp/")]
    assert [route for route in public if route not in public_pages] == [
        "logga-in/",
        "logga-ut/",
        "sprak/",
    ]
    assert public_pages == sorted(
        ["hjalp/"]
        + [
            f"hjalp/<public_language:language>/{page}"
            for page in [
                "",
                "barn-och-unga/",
                "dolj-dina-spar/",
                "hedersrelaterat-vald/",
                "orolig-for-nagon/",
                "stadsdelar/",
                "stadsdelar/<slug:code>/",
                # the contact request (decision 0054): asks for what is needed to call back
                "stadsdelar/<slug:code>/kontakta-mig/",
                "stadsdelar/<slug:code>/folder-a4.pdf",
                "stadsdelar/<slug:code>/folder-a5.pdf",
                "tillganglighet/",
                "vuxen/",
            ]
        ]
    )


@pytest.mark.django_db
@pytest.mark.urls("tests.access.undeclared_urls")
def test_a_view_without_a_rule_is_refused_even_for_an_administrator(client, rvt):
    admin = factories.staff("systemforvaltare", rvt)
    factories.sign_in(client, admin)

    response = client.get("/undeclared/")

    assert response.status_code == 404
    assert b"4711" not in response.content


# The case journey's pages moved to their domains (issue 11): each keeps its path, its name
# and its rule, so no template or ``reverse()`` changed. Screening read-back has its own rule.
CASE_JOURNEY_ROUTES = {
    ("arenden/screening/", "cases:screening", "case_opening"),
    ("arenden/screening/<uuid:screening_id>/", "cases:screening_recorded", "own_screenings"),
    ("arenden/nytt/", "cases:open", "case_opening"),
    ("arenden/begaran/<uuid:request_id>/", "cases:opening_request", "opening_requests"),
    ("arenden/<uuid:case_id>/", "cases:detail", "cases"),
    ("arenden/<uuid:case_id>/berattelse/", "cases:account", "case_lead"),
    ("arenden/<uuid:case_id>/adress/", "cases:address", "person_address"),
    ("arenden/<uuid:case_id>/samtycke/nytt/", "cases:consent_add", "case_lead"),
    (
        "arenden/<uuid:case_id>/samtycke/<uuid:consent_id>/aterkalla/",
        "cases:consent_withdraw",
        "case_lead",
    ),
    ("arenden/<uuid:case_id>/enheter/bjud-in/", "cases:invite", "case_lead"),
    ("arenden/<uuid:case_id>/inbjudan/", "cases:invitation", "case_invitations"),
    ("arenden/<uuid:case_id>/avsluta/", "cases:close", "case_lead"),
    (
        "arenden/<uuid:case_id>/skyddade-uppgifter/",
        "cases:identity_reveal",
        "case_participation",
    ),
    (
        "arenden/<uuid:case_id>/barn/<uuid:person_id>/skydd/",
        "cases:child_protection_lower",
        "case_lead",
    ),
    ("nodatkomst/", "emergency_search", "emergency_access"),
    ("nodatkomst/<uuid:case_id>/", "emergency_grant", "emergency_access"),
}


def test_the_case_journey_keeps_its_paths_names_and_rules():
    routes = {
        (route, ":".join([*namespaces, view_name]), rule_for_view(view, namespaces).name)
        for route, view, namespaces, view_name in _named(get_resolver().url_patterns)
    }

    assert routes >= CASE_JOURNEY_ROUTES


def _named(patterns, namespaces=(), prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _named(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), pattern.callback, namespaces, pattern.name
