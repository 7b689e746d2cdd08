"""Every model change has its migration: a change without one fails here, not in production."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    out = io.StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:  # --check exits 1 when a migration is missing
        pytest.fail(f"A model change has no migration (exit {exit.code}):\n{out.getvalue()}")

    assert "No changes detected" in out.getvalue()
