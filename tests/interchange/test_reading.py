"""Lines are read and checked in batches (``reading.py``): a file on disk gives what the same
bytes give as a stream, in any batch size, problems in the same order, the file's digest."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.apps import apps

from brytupp.interchange import services
from brytupp.interchange.services import interchange_import

from .records import BASE, text
from .test_import_batches import row_counts

pytestmark = pytest.mark.django_db


def _both(tmp_path, body: bytes, **options):
    """The import of ``body`` as a stream, rolled back; then as a file, kept if valid."""
    path = tmp_path / "file.jsonl"
    path.write_bytes(body)
    streamed = interchange_import(stream=io.BytesIO(body), dry_run=True, **options)
    from_file = interchange_import(path=str(path), **options)
    return streamed, from_file


@pytest.mark.parametrize("batch_lines", [1, 3, 5000])
def test_a_valid_file_gives_what_the_stream_gives(tmp_path, monkeypatch, batch_lines):
    monkeypatch.setattr(services, "BATCH_LINES", batch_lines)
    body = ("\n" + text(BASE) + "\n   \n").encode("utf-8")

    streamed, from_file = _both(tmp_path, body)

    assert from_file.problems == []
    assert from_file.counts() == streamed.counts()
    assert from_file.records == len(BASE) == 15
    assert from_file.lines == streamed.lines == 17
    assert from_file.sha256 == streamed.sha256 == hashlib.sha256(body).hexdigest()
    assert apps.get_model("cases", "Case").objects.filter(external_id="c1").count() == 1


@pytest.mark.parametrize("batch_lines", [1, 2, 5000])
def test_problems_are_the_same_and_in_the_same_order(tmp_path, monkeypatch, batch_lines):
    monkeypatch.setattr(services, "BATCH_LINES", batch_lines)
    lines = [json.dumps(r).encode("utf-8") for r in BASE]
    lines[3] = b'{"type": "person", "id": "p1", "birth_date": "1958-02-30", "gender": "x"}'
    lines.insert(6, b"\xff\xfe not utf-8")
    lines.append(b"{not json")
    body = b"\n".join(lines) + b"\n"
    before = row_counts()

    streamed, from_file = _both(tmp_path, body)

    assert from_file.problems == streamed.problems
    assert from_file.problem_count == streamed.problem_count == len(from_file.problems)
    assert set(from_file.problems[:3]) == {
        'LINE 4: birth_date: "1958-02-30" is not a date that exists (YYYY-MM-DD)',
        'LINE 4: gender: unknown code "x"',
        "LINE 7: line: not UTF-8",
    }
    assert from_file.problems[3:] == [
        "LINE 17: line: not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"
    ]
    assert row_counts() == before


def test_a_missing_file_is_told_before_the_import_starts(tmp_path):
    with pytest.raises(FileNotFoundError):
        interchange_import(path=str(tmp_path / "none.jsonl"))
