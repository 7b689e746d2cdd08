"""``brytupp demo --no-serve``: data made once, logins printed, password set on every start."""

import dataclasses
import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from brytupp.audit.append_only import access_log_erase_all
from brytupp.cases.models import Case
from brytupp.demo.management.commands import demo as demo_command
from brytupp.demo.staff import DEMO_LOGINS, demo_logins_create
from brytupp.demo.synthetic import DemoSummary
from brytupp.organisation.models import User
from brytupp.organisation.services import organisation_load_stockholm
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
  farsta.bou       Case worker             Barn och unga Farsta
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


def _summary() -> DemoSummary:
    """Each count a number of its own, so that a count printed under the wrong label shows."""
    return DemoSummary(
        **{field.name: 100 + number for number, field in enumerate(dataclasses.fields(DemoSummary))}
    )


def _generate_logins_only(*, today, password):
    """Stands in for the demo's generation, the slowest step of the suite, which
    tests/demo/generated checks once for every test there: the organisation and the logins,
    and a summary of made-up counts."""
    organisation_load_stockholm()
    demo_logins_create(today=today, password=password)
    return _summary()


def _journey_printed(output: str) -> dict[str, str]:
    lines = output.split("The case journey:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines)


def _journey_expected(s: DemoSummary) -> dict[str, str]:
    return {
        "Consents": f"{s.consents} ({s.consents_withdrawn} withdrawn)",
        "Invitations": f"{s.invitations_pending} waiting, {s.invitations_declined} declined",
        "Accounts": str(s.accounts),
        "Joint meetings": str(s.meetings),
        "Needs assessments": str(s.needs_assessments),
        "Plan actions": f"{s.plan_actions} ({s.plan_actions_overdue} overdue)",
        "Decisions": f"{s.decisions} ({s.decisions_short_protected_housing} on protected "
        "housing for 14 days or less)",
        "Placements": f"{s.placements} ({s.placements_ongoing} ongoing, "
        f"{s.placement_follow_ups_overdue} follow-ups overdue)",
        "Children placed": f"{s.placed_children} ({s.schoolings_overdue} schooling overdue)",
        "Follow-ups": str(s.follow_ups),
        "SHIS referrals": str(s.shis_referrals),
        "SIPs": f"{s.sips} ({s.sip_follow_ups_overdue} follow-ups overdue)",
        "Screenings": str(s.screenings),
    }


@pytest.fixture
def access_log_erased_before_flush(transactional_db):
    """The demo's services write the access log, which refuses the TRUNCATE of the test's
    teardown while it holds entries: erase it first (torn down before the flush)."""
    yield
    access_log_erase_all()


@pytest.mark.usefixtures("access_log_erased_before_flush")
@pytest.mark.django_db(transaction=True)  # PostgreSQL cannot TRUNCATE inside the test's
def test_reset_generates_anew_prints_the_logins_and_a_second_start_keeps_the_data(  # txn
    static_root,
):
    """The command around the generation: what it empties, prints and keeps. The generation
    itself is stood in for (``_generate_logins_only``)."""
    # What --reset must empty: data the demo did not make, a case among them.
    factories.UserFactory(username="not.from.the.demo")
    earlier_case = factories.case(unit=factories.UnitFactory())

    with mock.patch.object(demo_command, "demo_generate", _generate_logins_only) as generate:
        output = _demo("--reset", "--password", "prova-demo", "--port", "8123")

    assert "Database emptied (--reset)." in output
    assert not User.objects.filter(username="not.from.the.demo").exists()
    assert not Case.objects.filter(public_id=earlier_case.public_id).exists()
    assert Person.objects.count() == 0
    s = _summary()
    assert (
        f"Generated {s.cases} cases ({s.open_cases} open), {s.persons} persons "
        f"({s.children} children) and {s.users} staff users in "
    ) in output
    assert _journey_printed(output) == _journey_expected(s)
    assert LOGIN_TABLE in output
    assert "Password for every demo login: prova-demo" in output
    assert "Sign in at: http://127.0.0.1:8123/logga-in/" in output
    assert User.objects.get(username="farsta.rvt").check_password("prova-demo")
    assert static_root.is_dir()
    before = _counts()

    with mock.patch.object(demo_command, "demo_generate") as generate:
        output = _demo("--password", "second-password")

    generate.assert_not_called()
    assert _counts() == before
    assert "Database emptied" not in output
    assert "Demo data already exist (0 cases): kept." in output
    assert LOGIN_TABLE in output
    assert "Password for every demo login: second-password" in output
    assert all(
        User.objects.get(username=login.username).check_password("second-password")
        for login in DEMO_LOGINS
    )


def test_demo_refuses_to_run_without_the_demo_settings(settings):
    settings.BRYTUPP_DEMO = False

    with pytest.raises(CommandError, match="only with the demo settings"):
        _demo("--reset")

    assert _counts() == (0, 0, 0)
