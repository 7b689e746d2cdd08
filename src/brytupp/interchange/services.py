"""Importing a file of interchange format v1: stream, check, write in batches, all or nothing.

``interchange_import`` reads line by line, checks each batch of lines (shape, then the
references, looked up once per type and batch), and writes each valid batch with one upsert
per type, all inside one transaction. After the first problem nothing more is written (the
transaction will be rolled back) but every line is still checked, so that every problem is
reported. Memory holds one batch and the id -> primary key maps, whatever the file's size.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.concurrency import advisory_lock_try
from brytupp.followup.stored import figures_store_empty
from brytupp.organisation.models import User

from .initial import Rebuild, structures_drop, structures_restore, tables_analyze
from .models import ImportRun
from .reading import LineSource
from .state import MODELS, ImportState, Line
from .writers import batch_write

BATCH_LINES = 5000
PROBLEM_CAP = 100
# An import of this many records or more ends with the tables' statistics gathered.
ANALYZE_AFTER = 10_000
# The advisory lock one import holds until its transaction ends (decision 0029).
IMPORT_LOCK = "brytupp.interchange.import"


class ImportBusy(Exception):
    """Another import is running: this one read nothing and wrote nothing."""

    def __init__(self) -> None:
        super().__init__("Another import is running; try again when it has finished.")


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODELS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODELS, 0))
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    sha256: str = ""
    lines: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def records(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {t: {"created": self.created[t], "updated": self.updated[t]} for t in MODELS}

    def problem_lines(self) -> list[str]:
        more = self.problem_count - len(self.problems)
        return self.problems + ([f"... and {more} more"] if more > 0 else [])


def interchange_import(
    *,
    path: str | os.PathLike | None = None,
    stream: Iterable[bytes] | None = None,
    file_name: str = "",
    dry_run: bool = False,
    actor: User | None = None,
    lower_protection: bool = False,
    initial: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import a file (``path``) or a binary stream; return the counts and the problems.

    Nothing is kept unless every line is valid and ``dry_run`` is false. A kept import is
    recorded as an ``ImportRun`` and one access-log entry of the kind ``import``.
    ``progress`` is called with the number of bytes read since the last call. A person's
    protected identity is lowered only by a line saying ``false``, with ``lower_protection``
    and an ``actor`` (``protection.py``).

    ``initial``: the database holds no records yet (refused with ``InitialRefused`` if it
    does): the tables' secondary indexes and foreign keys are dropped while loading and made
    again after the last line, in the same transaction (``initial.py``).

    One import at a time, dry runs included (they read what a running import may change): a
    second raises ``ImportBusy`` at once, before it reads a line.
    """
    if path is not None:
        with open(path, "rb") as handle:
            return interchange_import(
                stream=handle,
                file_name=file_name or os.path.basename(path),
                dry_run=dry_run,
                actor=actor,
                lower_protection=lower_protection,
                initial=initial,
                progress=progress,
            )
    assert stream is not None, "a path or a stream"
    source = LineSource(stream, BATCH_LINES)
    started = timezone.now()
    result = ImportResult(dry_run=dry_run)
    with translation.override("en"), transaction.atomic():
        if not advisory_lock_try(IMPORT_LOCK):
            raise ImportBusy()
        if not dry_run:
            # An import touches every year: empty the store of figures at once, so that the
            # triggers of every batch find it empty and cost nothing (decision 0031).
            # Readers keep the stored figures until the import commits.
            figures_store_empty()
        rebuild = structures_drop() if initial and not dry_run else None
        state = ImportState(actor=actor, may_lower=lower_protection and actor is not None)
        _run(source, state, result, progress)
        if rebuild is not None and result.ok:
            _restore(rebuild, result)
        if result.ok and not dry_run and (rebuild is not None or result.records >= ANALYZE_AFTER):
            tables_analyze()
        if not result.ok or dry_run:
            transaction.set_rollback(True)
        else:
            _record(result, file_name=file_name, actor=actor, started=started)
    return result


def _run(source: LineSource, state: ImportState, result: ImportResult, progress) -> None:
    for items, size in source.batches():
        if progress is not None:
            progress(size)
        batch = []
        for item in items:
            if isinstance(item, int):
                state.problem(item, "line", "not UTF-8", PROBLEM_CAP)
            else:
                batch.append(item)
        _batch(state, batch, result)
    result.sha256, result.lines = source.sha256, source.lines
    result.problems, result.problem_count = state.problems, state.problem_count


def _batch(state: ImportState, batch: list[Line], result: ImportResult) -> None:
    if not batch:
        return
    valid = state.resolve(
        batch, PROBLEM_CAP, writing=state.problem_count == 0 and not result.dry_run
    )
    for line in valid:
        assert line.checked.type is not None  # resolve() returns only lines with a known type
        counts = result.updated if line.existing else result.created
        counts[line.checked.type] += 1
    if state.problem_count == 0 and not result.dry_run:
        try:
            with transaction.atomic():
                batch_write(state, valid)
        except IntegrityError as error:
            # A rule of the database that the lines could not be checked against alone (a
            # unit's part in a case already in the database, for one).
            constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
            state.problem(
                batch[0].number,
                "line",
                f"conflicts with records in the database ({constraint or 'a unique rule'}); "
                f"in lines {batch[0].number}-{batch[-1].number}",
                PROBLEM_CAP,
            )
    state.end_batch()


def _restore(rebuild: Rebuild, result: ImportResult) -> None:
    try:
        with transaction.atomic():
            structures_restore(rebuild)
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        result.problems.append(
            f"FILE: the records break a rule of the database ({constraint or 'a constraint'})"
        )
        result.problem_count += 1


def _record(result: ImportResult, *, file_name: str, actor: User | None, started) -> None:
    ImportRun.objects.create(
        file_name=file_name[:255],
        sha256=result.sha256,
        user=actor,
        started_at=started,
        finished_at=timezone.now(),
        dry_run=False,
        counts=result.counts(),
    )
    access_log_record(
        actor=actor,
        kind=AccessKind.IMPORT,
        ground=AccessGround.SYSTEM,
    )


def interchange_import_text(text: str, **options) -> ImportResult:
    """Import from a string (tests and the shell)."""
    return interchange_import(stream=io.BytesIO(text.encode("utf-8")), **options)
