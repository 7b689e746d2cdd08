"""Security headers on every response, and no-store on every page a signed-in user sees."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
COMMON = {
    "Content-Security-Policy": CSP,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def directives(policy: str) -> set[str]:
    # django-csp does not keep the order of the directives; their set is what counts.
    return {part.strip() for part in policy.split(";")}


def assert_common_headers(response):
    headers = {name: response.get(name) for name in COMMON}
    assert directives(headers.pop("Content-Security-Policy") or "") == directives(CSP)
    assert headers == {name: value for name, value in COMMON.items() if name in headers}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_the_sign_in_page_carries_every_header(client):
    response = client.get(reverse("web:login"))

    assert response.status_code == 200
    assert_common_headers(response)
    assert "no-store" in cache_control(response)


def test_a_signed_in_page_carries_every_header_and_is_never_stored(client, rvt):
    factories.sign_in(client, factories.staff("handlaggare", rvt))

    response = client.get(reverse("web:work"))

    assert response.status_code == 200
    assert_common_headers(response)
    assert {"no-store", "private"} <= cache_control(response)


def test_a_missing_page_carries_every_header(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_common_headers(response)


def test_a_missing_page_for_a_signed_in_user_is_never_stored(client, rvt):
    factories.sign_in(client, factories.staff("handlaggare", rvt))

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_common_headers(response)
    assert "no-store" in cache_control(response)


def test_a_public_page_for_an_anonymous_visitor_is_not_marked_no_store(client):
    response = client.get("/no-such-page/")

    assert "no-store" not in cache_control(response)


def test_no_template_has_inline_script_or_style():
    """The policy allows no inline script or style; keep it that way."""
    import re
    from pathlib import Path

    import brytupp

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    templates = Path(brytupp.__file__).resolve().parent.glob("**/templates/**/*.html")
    offenders = [str(path) for path in templates if inline.search(path.read_text())]

    assert offenders == []
