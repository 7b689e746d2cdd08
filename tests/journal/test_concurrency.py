"""Two corrections of one journal note at once (decision 0029): each in its own thread and
connection, both opened at version 1. One is signed as version 2; the later is told "Changed
by someone else since you opened it", sees the note as it reads now, and keeps its text."""

import pytest
from django.urls import reverse

from brytupp.audit.append_only import access_log_erase_all
from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent, JournalNoteVersion
from tests import factories
from tests.cases_work.test_concurrent_writes import hidden, race, signed_in

from .conftest import RVT_TEXT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def access_log_erased_before_flush(transactional_db):
    yield
    access_log_erase_all()


def test_two_corrections_at_once_the_later_sees_changed_since_you_opened_it(world):
    note = world["rvt_note"]
    url = reverse("cases:journal_note_correct", args=[world["case"].public_id, note.public_id])
    first = signed_in(world["rvt_worker"])
    second = signed_in(factories.staff("handlaggare", world["rvt"]))

    def read_as(client):
        return lambda: hidden(client.get(url).content.decode(), "version")

    def post_as(client, text):
        return lambda version: client.post(
            url, {"text": text, "reason": f"Rättelse {text[-1]}", "version": version}
        )

    outcomes = race(
        (read_as(first), post_as(first, "Rättad text A")),
        (read_as(second), post_as(second, "Rättad text B")),
    )

    assert sorted(o.status_code for o in outcomes) == [200, 302]
    versions = list(
        JournalNoteVersion.objects.filter(note=note)
        .order_by("number")
        .values_list("number", "text")
    )
    assert [number for number, _ in versions] == [1, 2]
    assert versions[0] == (1, RVT_TEXT)
    saved = versions[1][1]
    mine = "Rättad text B" if saved == "Rättad text A" else "Rättad text A"
    later = next(o for o in outcomes if o.status_code == 200).content.decode()
    assert "Changed by someone else since you opened it." in later
    assert f'<p class="govuk-body">{saved}</p>' in later  # the note as it reads now
    assert f">{mine}</textarea>" in later  # mine kept in the field
    assert hidden(later, "version") == "2"
    corrected = CaseEvent.objects.filter(case=world["case"], kind=EventKind.JOURNAL_NOTE_CORRECTED)
    assert corrected.count() == 1

    client = first if later == outcomes[0].content.decode() else second
    again = client.post(url, {"text": mine, "reason": "Min rättelse", "version": "2"})
    assert again.status_code == 302
    assert JournalNoteVersion.objects.filter(note=note).order_by("-number").first().text == mine
