"""``brytupp demo --no-serve``: data made once, logins printed, password set on every start."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from brytupp.assessments.models import Screening
from brytupp.audit.append_only import access_log_erase_all
from brytupp.cases.models import Case, CaseUnit, Consent, Meeting, NeedsAssessment
from brytupp.demo.identities import FICTITIOUS_LAST_NAMES
from brytupp.demo.staff import DEMO_LOGINS
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
from brytupp.organisation.models import User
from brytupp.people.models import Person
from brytupp.plans.models import PlanAction, Sip
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


def _generated_line() -> str:
    """The command counts back from the real today, so its numbers are read from the data."""
    cases = Case.objects.all()
    return (
        f"Generated {cases.count()} cases ({cases.filter(closed__isnull=True).count()} open), "
        f"{Person.objects.count()} persons "
        f"({Person.objects.filter(guardianships__isnull=False).distinct().count()} children) "
        f"and {User.objects.count()} staff users in "
    )


def _journey_printed(output: str) -> dict[str, str]:
    lines = output.split("The case journey:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines)


def _journey_counted() -> dict[str, str]:
    """What the command should print about the case journey, read from the data."""
    today = timezone.localdate()
    open_cases = Case.objects.filter(closed__isnull=True)
    ongoing = Placement.objects.filter(end__isnull=True)
    late = today - datetime.timedelta(days=7)
    # The plan's: not the children's own decisions and support nor Socialjouren's after hours.
    decisions = Decision.objects.filter(child__isnull=True).exclude(decided_by__code="socialjouren")
    short = sum(decision.is_short_protected_housing for decision in decisions)
    unfollowed = ongoing.filter(start__lt=late, follow_ups__isnull=True).count()
    unschooled = PlacementChild.objects.filter(
        placement__in=ongoing, placement__start__lt=late, schooling_start__isnull=True
    ).count()
    overdue_actions = PlanAction.objects.filter(
        case__in=open_cases, status="planned", due__lt=today
    ).count()
    overdue_sips = Sip.objects.filter(case__in=open_cases, next_follow_up__lt=today).count()
    parts = CaseUnit.objects.all()
    return {
        "Consents": f"{Consent.objects.count()} "
        f"({Consent.objects.filter(withdrawn__isnull=False).count()} withdrawn)",
        "Invitations": f"{parts.filter(status='invited').count()} waiting, "
        f"{parts.filter(status='declined').count()} declined",
        "Accounts": str(Case.objects.exclude(account="").count()),
        "Joint meetings": str(Meeting.objects.count()),
        "Needs assessments": str(NeedsAssessment.objects.count()),
        "Plan actions": f"{PlanAction.objects.count()} ({overdue_actions} overdue)",
        "Decisions": f"{decisions.count()} ({short} on protected housing for 14 days or less)",
        "Placements": f"{Placement.objects.count()} ({ongoing.count()} ongoing, "
        f"{unfollowed} follow-ups overdue)",
        "Children placed": f"{PlacementChild.objects.count()} ({unschooled} schooling overdue)",
        "Follow-ups": str(FollowUp.objects.count()),
        "SHIS referrals": str(ShisReferral.objects.count()),
        "SIPs": f"{Sip.objects.count()} ({overdue_sips} follow-ups overdue)",
        "Screenings": str(Screening.objects.count()),
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
    """One generation serves the reset and the second start: generating is the slowest step
    of the suite (that the demo generates the same data for a day is test_plan.py's)."""
    # What --reset must empty: data the demo did not make, a case among them.
    factories.UserFactory(username="not.from.the.demo")
    earlier_case = factories.case(unit=factories.UnitFactory())

    output = _demo("--reset", "--password", "prova-demo", "--port", "8123")

    assert "Database emptied (--reset)." in output
    assert not User.objects.filter(username="not.from.the.demo").exists()
    assert not Case.objects.filter(public_id=earlier_case.public_id).exists()
    assert _generated_line() in output
    assert _journey_printed(output) == _journey_counted()
    assert LOGIN_TABLE in output
    assert "Password for every demo login: prova-demo" in output
    assert "Sign in at: http://127.0.0.1:8123/logga-in/" in output
    assert all(name not in output for name in FICTITIOUS_LAST_NAMES)
    assert User.objects.get(username="farsta.rvt").check_password("prova-demo")
    assert static_root.is_dir()
    before = _counts()

    output = _demo("--password", "second-password")

    assert _counts() == before
    assert before[1] >= 290
    assert "Database emptied" not in output
    assert f"Demo data already exist ({before[1]} cases): kept." in output
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
