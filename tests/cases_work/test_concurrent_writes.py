"""Two users at once (issue 12, decision 0029): writes that really race, each in its own thread
with its own database connection, a barrier making both read before either writes.

No write is lost (the later writer of the account or a plan action's status sees "Changed by
someone else since you opened it" and the other's text), none is doubled (one decision from a
double submit, one closed event from two closings, one open case per person and district) and
two imports at once end with one import and a clear message for the other.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.append_only import access_log_erase_all
from brytupp.cases import services as case_services
from brytupp.cases.events import EventKind
from brytupp.cases.models import Case, CaseEvent
from brytupp.concurrency import ChangedSinceOpened, advisory_lock_key
from brytupp.govuk.models import FormSubmission
from brytupp.interchange import services as interchange
from brytupp.interchange.models import ImportRun
from brytupp.interventions.models import Decision
from brytupp.plans.models import PlanAction
from brytupp.plans.services import plan_action_add, plan_action_status_set
from tests import factories
from tests.interchange.records import BASE, text

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def access_log_erased_before_flush(transactional_db):
    """The flush after a transactional test empties every table with TRUNCATE, which the
    append-only access log refuses while it holds entries: erase it first."""
    yield
    access_log_erase_all()


def race(*tasks: tuple[Callable[[], Any], Callable[[Any], Any]]) -> list[Any]:
    """Run each (read, write) in its own thread and connection: every read first, then, all at
    once past a barrier, every write. Each outcome is what its write returned or raised."""
    barrier = threading.Barrier(len(tasks), timeout=30)
    outcomes: list[Any] = [None] * len(tasks)

    def run(index: int, read, write) -> None:
        translation.activate("en")  # a thread starts in the default language
        try:
            state = read()
            barrier.wait()
            outcomes[index] = write(state)
        except Exception as error:  # noqa: BLE001 - the outcome the test asserts on
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, read, write))
        for index, (read, write) in enumerate(tasks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def signed_in(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    factories.sign_in(client, user)
    return client


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found is not None, f"no hidden field {name}"
    return found.group(1)


@pytest.fixture
def second_worker(setting):
    return factories.staff("handlaggare", setting["rvt"])


# --- the person's account: the later writer sees the conflict ---------------------------------


def test_two_writers_of_the_account_through_the_service_one_wins_the_other_is_told(setting):
    case, worker = setting["case"], setting["worker"]

    def read():
        return Case.objects.get(pk=case.pk)

    def write_as(text):
        def write(opened: Case):
            return case_services.case_account_write(
                actor=worker, case=opened, account=text, version=opened.version
            )

        return write

    outcomes = race((read, write_as("Berättelse A")), (read, write_as("Berättelse B")))

    written = [o for o in outcomes if isinstance(o, Case)]
    refused = [o for o in outcomes if isinstance(o, ChangedSinceOpened)]
    assert (len(written), len(refused)) == (1, 1)
    case.refresh_from_db()
    assert case.version == 2
    assert case.account == written[0].account
    assert refused[0].messages == ["Changed by someone else since you opened it."]
    assert refused[0].current == {"The person's account": case.account}
    assert refused[0].version == 2
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ACCOUNT_WRITTEN).count() == 1


def test_two_writers_of_the_account_through_the_pages(setting, second_worker):
    case = setting["case"]
    url = reverse("cases:account", args=[case.public_id])
    first, second = signed_in(setting["worker"]), signed_in(second_worker)

    def read_as(client):
        return lambda: hidden(client.get(url).content.decode(), "version")

    def post_as(client, text):
        return lambda version: client.post(url, {"account": text, "version": version})

    outcomes = race(
        (read_as(first), post_as(first, "Hon berättar A-versionen")),
        (read_as(second), post_as(second, "Hon berättar B-versionen")),
    )

    assert sorted(o.status_code for o in outcomes) == [200, 302]
    later = next(o for o in outcomes if o.status_code == 200)
    case.refresh_from_db()
    page = later.content.decode()
    mine = (
        "Hon berättar B-versionen" if "A-versionen" in case.account else "Hon berättar A-versionen"
    )
    assert "Changed by someone else since you opened it." in page
    assert f'<p class="govuk-body">{case.account}</p>' in page  # the other's text
    assert f">{mine}</textarea>" in page  # mine kept in the field
    assert hidden(page, "version") == "2"  # sent again, it overwrites on purpose
    assert case.version == 2

    client = first if later is outcomes[0] else second
    # Overwriting the other's account on purpose is a change of an account written: its reason.
    again = client.post(
        url, {"account": mine + " och mer", "version": "2", "reason": "Sammanfogat med A."}
    )
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.account, case.version) == (mine + " och mer", 3)


# --- a plan action's status ------------------------------------------------------------------


def test_two_writers_of_a_plan_actions_status_one_wins_the_other_is_told(setting, second_worker):
    case, rvt = setting["case"], setting["rvt"]
    action = plan_action_add(
        actor=setting["worker"],
        case=case,
        description="Ansöka om förtur",
        responsible_unit=rvt,
        due=TODAY,
    )
    url = reverse("cases:plan_action_status", args=[case.public_id, action.public_id])
    first, second = signed_in(setting["worker"]), signed_in(second_worker)

    def read_as(client):
        return lambda: hidden(client.get(url).content.decode(), "version")

    def post_as(client, status):
        return lambda version: client.post(url, {"status": status, "version": version})

    outcomes = race(
        (read_as(first), post_as(first, "done")), (read_as(second), post_as(second, "cancelled"))
    )

    assert sorted(o.status_code for o in outcomes) == [200, 302]
    action.refresh_from_db()
    assert action.version == 2
    later = next(o for o in outcomes if o.status_code == 200).content.decode()
    assert "Changed by someone else since you opened it." in later
    shown = {"done": "Done", "cancelled": "Cancelled"}[action.status]
    assert f'<p class="govuk-body">{shown}</p>' in later
    changed = CaseEvent.objects.filter(case=case, kind=EventKind.PLAN_ACTION_CHANGED)
    assert [event.data["status"] for event in changed] == [action.status]


def test_a_status_set_against_an_old_version_writes_nothing(setting):
    case, worker = setting["case"], setting["worker"]
    action = plan_action_add(
        actor=worker, case=case, description="Åtgärd", responsible_unit=setting["rvt"], due=TODAY
    )
    plan_action_status_set(actor=worker, action=action, status="in_progress", version=1)

    with pytest.raises(ChangedSinceOpened) as changed:
        plan_action_status_set(
            actor=worker, action=PlanAction.objects.get(pk=action.pk), status="done", version=1
        )

    action.refresh_from_db()
    assert (action.status, action.version) == ("in_progress", 2)
    assert changed.value.current == {"Status": "In progress"}


# --- a double submit: one decision ------------------------------------------------------------


def test_a_decision_submitted_three_times_at_once_is_made_once(setting):
    case, worker = setting["case"], setting["worker"]
    url = reverse("cases:decision_add", args=[case.public_id])
    client = signed_in(worker)
    token = hidden(client.get(url).content.decode(), "submission")
    day = TODAY.isoformat()
    data = {"intervention": "radgivning", "decided": day, "start": day, "submission": token}
    # Three tabs of one session: the same user, the same form.
    clients = []
    for _ in range(3):
        tab = Client()
        tab.cookies = client.cookies
        clients.append(tab)

    outcomes = race(
        *[((lambda: None), (lambda _state, tab=tab: tab.post(url, data))) for tab in clients]
    )

    assert [o.status_code for o in outcomes] == [302, 302, 302]
    assert {o.url for o in outcomes} == {reverse("cases:detail", args=[case.public_id])}
    assert Decision.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.DECISION_MADE).count() == 1
    assert FormSubmission.objects.filter(user=worker, token=token).count() == 1


def test_a_double_submit_after_the_first_shows_the_first_decision(setting):
    case, worker = setting["case"], setting["worker"]
    url = reverse("cases:decision_add", args=[case.public_id])
    client = signed_in(worker)
    token = hidden(client.get(url).content.decode(), "submission")
    day = TODAY.isoformat()
    data = {"intervention": "radgivning", "decided": day, "start": day, "submission": token}

    client.post(url, data)
    again = client.post(url, data, follow=True)

    assert again.status_code == 200
    assert Decision.objects.filter(case=case).count() == 1
    assert "The decision is recorded" in again.content.decode()


def test_a_token_is_the_users_own(setting, second_worker):
    case = setting["case"]
    url = reverse("cases:decision_add", args=[case.public_id])
    first, second = signed_in(setting["worker"]), signed_in(second_worker)
    token = hidden(first.get(url).content.decode(), "submission")
    day = TODAY.isoformat()
    data = {"intervention": "radgivning", "decided": day, "start": day, "submission": token}

    first.post(url, data)
    second.post(url, data)

    assert Decision.objects.filter(case=case).count() == 2


def test_a_refused_submit_keeps_its_token_free_for_the_corrected_one(setting):
    case, worker = setting["case"], setting["worker"]
    url = reverse("cases:decision_add", args=[case.public_id])
    client = signed_in(worker)
    token = hidden(client.get(url).content.decode(), "submission")
    day = TODAY.isoformat()
    early = (TODAY - timezone.timedelta(days=3)).isoformat()
    data = {"intervention": "radgivning", "decided": day, "start": day, "submission": token}

    refused = client.post(url, {**data, "end": early})
    assert refused.status_code == 200
    assert hidden(refused.content.decode(), "submission") == token
    assert FormSubmission.objects.count() == 0

    assert client.post(url, data).status_code == 302
    assert Decision.objects.filter(case=case).count() == 1


def test_old_tokens_are_pruned(setting):
    worker = setting["worker"]
    old = FormSubmission.objects.create(user=worker, token="00000000-0000-4000-8000-000000000001")
    FormSubmission.objects.filter(pk=old.pk).update(at=timezone.now() - timezone.timedelta(days=2))
    FormSubmission.objects.create(user=worker, token="00000000-0000-4000-8000-000000000002")
    out = io.StringIO()

    call_command("prune_form_submissions", stdout=out)

    assert out.getvalue() == "Deleted 1 form token(s).\n"
    assert [str(s.token) for s in FormSubmission.objects.all()] == [
        "00000000-0000-4000-8000-000000000002"
    ]


# --- closing once -----------------------------------------------------------------------------


def test_two_closings_at_once_close_once_with_one_closed_event(setting, second_worker):
    case = setting["case"]
    url = reverse("cases:close", args=[case.public_id])
    first, second = signed_in(setting["worker"]), signed_in(second_worker)
    data = {"closed": TODAY.isoformat(), "closure_reason": "goals_met"}

    outcomes = race(
        (lambda: first.get(url), lambda _page: first.post(url, data)),
        (lambda: second.get(url), lambda _page: second.post(url, data)),
    )

    assert sorted(o.status_code for o in outcomes) == [200, 302]
    later = next(o for o in outcomes if o.status_code == 200).content.decode()
    assert "The case is closed." in later
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CLOSED).count() == 1
    case.refresh_from_db()
    assert case.closed == TODAY


def test_three_closings_through_the_service_leave_one_closed_event(setting):
    case = setting["case"]

    def read():
        return Case.objects.get(pk=case.pk)

    def close(opened):
        return case_services.case_close(case=opened, closed=TODAY, reason="goals_met")

    outcomes = race((read, close), (read, close), (read, close))

    assert sum(isinstance(o, Case) for o in outcomes) == 1
    refusals = [o.messages for o in outcomes if isinstance(o, ValidationError)]
    assert refusals == [["The case is closed."]] * 2
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CLOSED).count() == 1


def test_two_withdrawals_of_one_consent_withdraw_once(setting):
    consent = setting["consent"]
    worker = setting["worker"]

    def read():
        return type(consent).objects.get(pk=consent.pk)

    def withdraw(opened):
        return case_services.consent_withdraw(actor=worker, consent=opened, withdrawn=TODAY)

    outcomes = race((read, withdraw), (read, withdraw))

    refusals = [o.messages for o in outcomes if isinstance(o, ValidationError)]
    assert refusals == [["The consent is already withdrawn."]]
    assert CaseEvent.objects.filter(kind=EventKind.CONSENT_WITHDRAWN).count() == 1


# --- one open case per person and district ----------------------------------------------------


def test_two_openings_at_once_open_one_case(setting):
    person, district, rvt = setting["person"], setting["district"], setting["rvt"]
    case_services.case_close(case=setting["case"], closed=TODAY, reason="goals_met")

    def open_case(_state):
        return case_services.case_open(
            person=person, district=district, lead_unit=rvt, source="self", opened=TODAY
        )

    outcomes = race(*[((lambda: None), open_case)] * 3)

    assert sum(isinstance(o, Case) for o in outcomes) == 1
    refusals = [o.messages for o in outcomes if isinstance(o, ValidationError)]
    assert refusals == [["The person already has an open case in this district."]] * 2
    assert Case.objects.filter(person=person, district=district, closed__isnull=True).count() == 1


# --- two imports at once ----------------------------------------------------------------------


def test_a_second_import_while_one_runs_fails_at_once_and_imports_nothing(tmp_path):
    path = tmp_path / "race.jsonl"
    path.write_text(text(BASE), encoding="utf-8")
    holder = connections.create_connection("default")
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            # Another import holds the lock in its own transaction.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [advisory_lock_key(interchange.IMPORT_LOCK)]
            )
        err = io.StringIO()
        with pytest.raises(CommandError) as busy:
            call_command("import", str(path), stderr=err)
        assert str(busy.value) == "Another import is running; try again when it has finished."
        assert ImportRun.objects.count() == 0
    finally:
        holder.rollback()
        holder.close()

    call_command("import", str(path), stdout=io.StringIO())
    assert ImportRun.objects.count() == 1


def test_two_imports_raced_one_imports_the_other_is_told(tmp_path):
    path = tmp_path / "race.jsonl"
    path.write_text(text(BASE), encoding="utf-8")
    started = threading.Event()
    release = threading.Event()
    real_run = interchange._run

    def slow_run(*args, **kwargs):
        started.set()
        release.wait(timeout=30)
        return real_run(*args, **kwargs)

    interchange._run = slow_run
    try:
        first: list[Any] = []

        def run_first():
            try:
                first.append(interchange.interchange_import(path=str(path)))
            finally:
                connections.close_all()

        thread = threading.Thread(target=run_first)
        thread.start()
        assert started.wait(timeout=30)
        with pytest.raises(interchange.ImportBusy):
            interchange.interchange_import(path=str(path))
        release.set()
        thread.join(timeout=60)
    finally:
        interchange._run = real_run
        release.set()

    assert first[0].ok
    assert ImportRun.objects.count() == 1


def test_two_invitations_of_one_unit_at_once_invite_it_once(setting, second_worker):
    case, worker = setting["case"], setting["worker"]
    housing = factories.UnitFactory(district=setting["district"], kind="barn_unga")
    case_services.consent_record(
        actor=worker, case=case, given=TODAY, form="written", purpose="Bostad", units=[housing]
    )

    def invite_as(actor):
        return lambda _state: case_services.case_unit_invite(
            actor=actor, case=case, unit=housing, invited=TODAY
        )

    outcomes = race(((lambda: None), invite_as(worker)), ((lambda: None), invite_as(second_worker)))

    refusals = [o.message_dict for o in outcomes if isinstance(o, ValidationError)]
    assert refusals == [{"unit": ["The unit is already invited or taking part."]}]
    assert case.case_units.filter(unit=housing, status="invited").count() == 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.UNIT_INVITED).count() == 1


def test_two_acceptances_of_one_invitation_accept_once(setting):
    case, worker = setting["case"], setting["worker"]
    housing = factories.UnitFactory(district=setting["district"], kind="barn_unga")
    first, second = factories.staff("handlaggare", housing), factories.staff("handlaggare", housing)
    case_services.consent_record(
        actor=worker, case=case, given=TODAY, form="written", purpose="Barn", units=[housing]
    )
    part = case_services.case_unit_invite(actor=worker, case=case, unit=housing, invited=TODAY)

    def read():
        return type(part).objects.get(pk=part.pk)

    def accept_as(actor):
        return lambda opened: case_services.case_unit_accept(
            actor=actor, part=opened, joined=TODAY, responsible=actor
        )

    outcomes = race((read, accept_as(first)), (read, accept_as(second)))

    refusals = [o.messages for o in outcomes if isinstance(o, ValidationError)]
    assert refusals == [["The invitation is no longer open."]]
    assert (
        CaseEvent.objects.filter(case=case, kind=EventKind.UNIT_JOINED, unit=housing).count() == 1
    )
