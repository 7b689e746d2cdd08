"""The same rules hold when the lines a rule compares fall in different batches: what earlier
batches defined is remembered in the database, not in memory (``state.py``)."""

from __future__ import annotations

import pytest
from django.apps import apps

from brytupp.cases.models import CaseEvent
from brytupp.interchange import services
from brytupp.interchange.services import interchange_import_text

from .records import BASE, changed, text
from .test_rejections import CASES, rejected

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 2, 5], ids=lambda n: f"batches of {n}")
def small_batches(request, monkeypatch):
    monkeypatch.setattr(services, "BATCH_LINES", request.param)
    return request.param


def row_counts() -> dict[str, int]:
    # Each kept import adds its run and its access-log entry.
    kept = ("interchange.ImportRun", "audit.AccessLogEntry")
    return {
        m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.label not in kept
    }


@pytest.mark.parametrize("records, expected", CASES.values(), ids=CASES.keys())
def test_every_rejection_is_found_across_batches(small_batches, records, expected):
    problems = rejected(records)

    if expected is None:
        assert len(problems) == 1
        assert problems[0].startswith("LINE 14: line: not valid JSON (")
    else:
        assert problems == expected


def test_a_file_imported_again_in_small_batches_is_all_updates(small_batches):
    result = interchange_import_text(text(BASE))
    assert result.problems == []
    counts = row_counts()
    events = sorted(CaseEvent.objects.values_list("external_id", "kind", "day"))

    again = interchange_import_text(text(BASE))

    assert again.problems == []
    assert sum(again.created.values()) == 0 and sum(again.updated.values()) == len(BASE)
    assert row_counts() == counts
    assert sorted(CaseEvent.objects.values_list("external_id", "kind", "day")) == events
    assert len(events) == 12


def test_a_dry_run_in_small_batches_finds_the_earlier_batches_records(small_batches):
    before = row_counts()

    result = interchange_import_text(text(BASE), dry_run=True)

    assert result.problems == []
    assert sum(result.created.values()) == len(BASE)
    assert row_counts() == before


def test_after_a_problem_later_batches_are_still_checked_against_earlier_lines(small_batches):
    records = changed(4, gender="woman") + [
        {"type": "sip", "id": "sip2", "case": "c9", "date": "2024-04-02"}
    ]

    problems = rejected(records)

    assert problems == [
        'LINE 4: gender: unknown code "woman"',
        'LINE 16: case: no case "c9" on an earlier line or in the database',
    ]
