"""``brytupp demo --no-serve``: data made once, logins printed, password set on every start."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from brytupp.cases.models import Case
from brytupp.demo.identities import FICTITIOUS_LAST_NAMES
from brytupp.demo.staff import DEMO_LOGINS
from brytupp.organisation.models import User
from brytupp.people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def static_root(settings, tmp_path):
    settings.BRYTUPP_DEMO = True
    settings.STATIC_ROOT = tmp_path / "static"
    return settings.STATIC_ROOT


LOGIN_TABLE = """Demo logins
  User name        Role                    Unit
  farsta.rvt       Case worker             Relationsvåldsteamet Farsta
  farsta.ekb       Case worker             Ekonomiskt bistånd Farsta
  sodermalm.rvt    Case worker             Relationsvåldsteamet Södermalm
  farsta.chef      Unit manager            Relationsvåldsteamet Farsta
  farsta.process   District process owner  Stab och ledning Farsta
  socialjouren     Case worker             Socialjouren
  stad.analytiker  Analyst                 Socialförvaltningen, stab och uppföljning
  stad.forvaltare  System administrator    Socialförvaltningen, stab och uppföljning
"""


def _demo(*args) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, int, int]:
    return Person.objects.count(), Case.objects.count(), User.objects.count()


def _generated_line() -> str:
    """The command counts back from the real today, so its numbers are read from the data."""
    cases = Case.objects.all()
    return (
        f"Generated {cases.count()} cases ({cases.filter(closed__isnull=True).count()} open), "
        f"{Person.objects.count()} persons "
        f"({Person.objects.filter(guardianships__isnull=False).distinct().count()} children) "
        f"and {User.objects.count()} staff users in "
    )


def test_demo_prints_the_logins_the_password_and_the_address(static_root):
    output = _demo("--password", "prova-demo", "--port", "8123")

    assert _generated_line() in output
    assert LOGIN_TABLE in output
    assert "Password for every demo login: prova-demo" in output
    assert "Sign in at: http://127.0.0.1:8123/logga-in/" in output
    assert all(name not in output for name in FICTITIOUS_LAST_NAMES)
    assert User.objects.get(username="farsta.rvt").check_password("prova-demo")
    assert static_root.is_dir()


def test_second_start_keeps_the_data_and_sets_the_new_password():
    _demo("--password", "first-password")
    before = _counts()

    output = _demo("--password", "second-password")

    assert _counts() == before
    assert before[1] >= 290
    assert f"Demo data already exist ({before[1]} cases): kept." in output
    assert "Password for every demo login: second-password" in output
    assert all(
        User.objects.get(username=login.username).check_password("second-password")
        for login in DEMO_LOGINS
    )


@pytest.mark.django_db(transaction=True)  # PostgreSQL cannot TRUNCATE inside the test's
def test_reset_empties_the_database_and_generates_anew():  # transaction: deferred FK checks
    _demo()
    before = _counts()
    factories.UserFactory(username="not.from.the.demo")

    output = _demo("--reset")

    assert "Database emptied (--reset)." in output
    assert _generated_line() in output
    assert _counts() == before
    assert not User.objects.filter(username="not.from.the.demo").exists()


def test_demo_refuses_to_run_without_the_demo_settings(settings):
    settings.BRYTUPP_DEMO = False

    with pytest.raises(CommandError, match="only with the demo settings"):
        _demo("--reset")

    assert _counts() == (0, 0, 0)
