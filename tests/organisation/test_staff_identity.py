"""A staff member's own identity number is kept only as the keyed digest a person gets."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from brytupp.organisation.models import User
from brytupp.people.sealing import search_digest
from tests import factories

pytestmark = pytest.mark.django_db


def run(username, *args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("set_staff_identity", username, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def user(rvt):
    return factories.staff("handlaggare", rvt, username="anna_staff")


def test_the_number_is_read_from_standard_input_and_kept_as_a_digest(user, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("19811218-9876\n"))

    out = run("anna_staff")

    user.refresh_from_db()
    assert out == "anna_staff: identity number recorded.\n"
    assert user.identity_number_digest == search_digest("198112189876")
    stored = repr(list(User.objects.filter(pk=user.pk).values()))
    assert "9876" not in stored.replace(user.identity_number_digest, "")


def test_clear_forgets_the_number(user, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("198112189876\n"))
    run("anna_staff")

    out = run("anna_staff", "--clear")

    user.refresh_from_db()
    assert out == "anna_staff: identity number forgotten.\n"
    assert user.identity_number_digest is None


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("198112189875\n", "check digit"),
        ("\n", "No identity number given."),
    ],
)
def test_a_bad_number_changes_nothing(user, monkeypatch, stdin, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))

    with pytest.raises(CommandError) as raised:
        run("anna_staff")

    assert message in str(raised.value)
    user.refresh_from_db()
    assert user.identity_number_digest is None


def test_two_users_cannot_share_a_number(user, rvt, monkeypatch):
    other = factories.staff("handlaggare", rvt, username="bo_staff")
    monkeypatch.setattr("sys.stdin", io.StringIO("198112189876\n"))
    run("anna_staff")
    monkeypatch.setattr("sys.stdin", io.StringIO("198112189876\n"))

    with pytest.raises(CommandError, match="Another user already has this identity number."):
        run("bo_staff")

    other.refresh_from_db()
    assert other.identity_number_digest is None


def test_an_unknown_user_is_refused():
    with pytest.raises(CommandError, match="No user named 'nobody'."):
        run("nobody")
