"""``/healthz``: 200 when the database answers, 503 when it does not; nothing else told, nothing
kept. The probe through gunicorn, and after the database dropped the connection, is in
test_production_server.py."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import override_settings

from brytupp.audit.models import AccessLogEntry
from brytupp.web import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_is_reachable(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_healthz_sets_no_cookie_and_writes_no_access_log_entry(client):
    before = (AccessLogEntry.objects.count(), Session.objects.count())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.cookies == {}
    assert "X-Request-Id" not in response
    assert (AccessLogEntry.objects.count(), Session.objects.count()) == before


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["brytupp.example.org"])
def test_healthz_answers_over_plain_http_and_to_any_host(client):
    # Load balancers probe over HTTP and by address; every other page redirects or refuses.
    probe = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    page = client.get("/logga-in/", HTTP_HOST="brytupp.example.org")
    other_host = client.get("/logga-in/", HTTP_HOST="10.0.0.7:8000")

    assert (probe.status_code, probe.content) == (200, b"ok\n")
    assert (page.status_code, page["Location"]) == (301, "https://brytupp.example.org/logga-in/")
    assert other_host.status_code == 400


def test_healthz_answers_503_and_nothing_more_when_the_database_fails(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" failed: role "x"')

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert response["Cache-Control"] == "no-store"


def test_the_database_check_is_false_when_select_fails(monkeypatch):
    assert health.database_reachable() is True

    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", refuse)

    assert health.database_reachable() is False


def test_healthz_answers_only_get_and_head(client):
    head = client.head("/healthz")
    post = client.post("/healthz")

    assert head.status_code == 200
    assert (post.status_code, post["Allow"]) == (405, "GET, HEAD")


def test_a_path_beside_healthz_is_an_ordinary_page(client):
    assert client.get("/healthz/").status_code == 404
    assert client.get("/healthzx").status_code == 404
