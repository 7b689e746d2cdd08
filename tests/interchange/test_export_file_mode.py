"""The export file holds personal data: only its owner may read it (0600), whatever the
umask; an existing file is refused, never truncated (issue 10, finding 9)."""

from __future__ import annotations

import io
import os
import stat

import pytest
from django.core.management import CommandError, call_command

from brytupp.interchange.services import interchange_import_text

from .records import BASE, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_umask():
    """A umask that would let everyone read a new file."""
    before = os.umask(0)
    yield
    os.umask(before)


def test_the_export_file_is_created_readable_by_its_owner_only(tmp_path, open_umask):
    interchange_import_text(text(BASE))
    path = tmp_path / "export.jsonl"

    call_command("export", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text().splitlines()) == 15


def test_an_existing_file_is_refused_and_left_as_it_was(tmp_path, open_umask):
    path = tmp_path / "there.jsonl"
    path.write_text("kept\n")
    path.chmod(0o644)

    with pytest.raises(CommandError, match="exists already: name a new file"):
        call_command("export", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert (path.read_text(), stat.S_IMODE(path.stat().st_mode)) == ("kept\n", 0o644)
