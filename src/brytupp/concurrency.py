"""Two users at once: the mechanics every service uses so that no write is lost or doubled
(decision 0029).

- ``versioned_update``: an edit in place (a text, a status) writes only if the row still has
  the version the form was opened at, and raises ``ChangedSinceOpened`` otherwise.
- ``locked``: a state transition (closing, accepting, withdrawing) re-reads its row under
  ``SELECT ... FOR UPDATE`` before it checks the state, so the second of two racing
  transitions sees the first one's outcome.
- ``advisory_lock_try``: one whole-system job at a time (the import).

Idempotent create forms (one token a rendered form) are in ``govuk.forms.submit``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)

VERSION_FIELD = "version"


class ChangedSinceOpened(ValidationError):
    """Someone else saved the row after the form was opened: nothing was written.

    ``current`` is what the other writer saved, as label -> text for the user to merge with;
    ``version`` is the row's version now, for the form to be sent again against.
    """

    def __init__(self, *, current: Mapping[str, str], version: int):
        super().__init__(_("Changed by someone else since you opened it."))
        self.current = dict(current)
        self.version = version


def versioned_update(
    instance: M,
    *,
    opened: int | None,
    fields: Mapping[str, object],
    shown: Callable[[M], Mapping[str, str]],
) -> M:
    """Write ``fields`` to ``instance``'s row and add one to its version, only if the row
    still has the version ``opened``; otherwise raise ``ChangedSinceOpened`` with what
    ``shown`` makes of the row as it is now. ``opened=None`` (the system's writers) writes
    whatever the version. Call it inside the service's transaction.

    One ``UPDATE ... WHERE version = opened``: of two racing writers the second waits for
    the first's row lock, then finds the version changed and writes nothing.
    """
    model = type(instance)
    rows = model._default_manager.filter(pk=instance.pk)
    if opened is not None:
        rows = rows.filter(**{VERSION_FIELD: opened})
    if not rows.update(**fields, **{VERSION_FIELD: F(VERSION_FIELD) + 1}):
        instance.refresh_from_db()
        raise ChangedSinceOpened(current=shown(instance), version=getattr(instance, VERSION_FIELD))
    instance.refresh_from_db(fields=[*fields, VERSION_FIELD])
    return instance


def locked(instance: M) -> M:
    """``instance`` re-read from its row, locked until the transaction ends (call it inside
    one): the state a transition checks is the committed one, and stays so until it writes."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
    return instance


def advisory_lock_key(name: str) -> int:
    """The number PostgreSQL knows the advisory lock ``name`` by."""
    return zlib.crc32(name.encode("utf-8"))


def advisory_lock_try(name: str) -> bool:
    """Take the transaction-level advisory lock called ``name`` if no one holds it; it is
    released when the transaction ends. ``False`` at once when another transaction has it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [advisory_lock_key(name)])
        (taken,) = cursor.fetchone()
    return bool(taken)
