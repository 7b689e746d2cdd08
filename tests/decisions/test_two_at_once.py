"""Two decisions at once on one application (decision 0029): each in its own thread and
database connection, both read the undecided application before either writes. The
application's row is locked first, so the second finds the first in force and is refused:
one decision in force, one granted intervention."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import translation

from brytupp.audit.append_only import access_log_erase_all
from brytupp.interventions.decisions import DecisionTerms, application_decide, application_record
from brytupp.interventions.models import Application, ApplicationDecision, Decision

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def access_log_erased_before_flush(transactional_db):
    """The flush after a transactional test empties every table with TRUNCATE, which the
    append-only access log refuses while it holds entries: erase it first."""
    yield
    access_log_erase_all()


def test_two_decisions_at_once_leave_one_in_force(world):
    application = application_record(
        actor=world["worker"],
        case=world["case"],
        kind="ansokan",
        received=TODAY - 10 * DAY,
        asked="Stödsamtal.",
        intervention="stodsamtal_individuellt",
    )
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[Any] = [None, None]

    def decide(index: int, actor, terms: DecisionTerms) -> None:
        translation.activate("en")
        try:
            opened = Application.objects.select_related("case", "unit").get(pk=application.pk)
            assert not opened.decisions.exists()
            barrier.wait()
            outcomes[index] = application_decide(
                actor=actor, application=opened, decided=TODAY - DAY, terms=terms
            )
        except Exception as error:  # noqa: BLE001 - the outcome the test asserts on
            outcomes[index] = error
        finally:
            connections.close_all()

    grant = DecisionTerms(outcome="bifall", legal_ground=world["current"], start=TODAY)
    refuse = DecisionTerms(outcome="avslag", legal_ground=world["current"], reasons="Skäl.")
    threads = [
        threading.Thread(target=decide, args=(0, world["worker"], grant)),
        threading.Thread(target=decide, args=(1, world["manager"], refuse)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    made = [o for o in outcomes if isinstance(o, ApplicationDecision)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(made), len(refused)) == (1, 1)
    assert refused[0].messages == [
        "The application is already decided. A decision in force is changed only by "
        "re-examining it."
    ]
    in_force = ApplicationDecision.objects.get(application=application)
    assert (in_force.pk, in_force.status) == (made[0].pk, "in_force")
    assert Decision.objects.filter(case=world["case"]).count() == (
        1 if in_force.outcome == "bifall" else 0
    )
