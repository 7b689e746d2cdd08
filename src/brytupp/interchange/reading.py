"""Reading a file of the format: lines decoded and checked on their own, in batches.

The first half of an import (``validation.line_check`` on every line: JSON, types, codes,
dates) needs nothing from the database. A batch holds a ``Line`` per line with content and
the number of each line that is not UTF-8, in line order. Checking the lines in a second
process that read ahead while this one wrote was tried and measured no faster (decision
0032), so it is done here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from .state import Line
from .validation import line_check

# A batch's items: a checked line, or the number of a line that is not UTF-8.
Item = Line | int


class LineSource:
    """Batches of checked lines from a binary stream, read in this process."""

    def __init__(self, stream: Iterable[bytes], batch_lines: int) -> None:
        self.stream, self.batch_lines = stream, batch_lines
        self.sha256, self.lines = "", 0

    def batches(self) -> Iterator[tuple[list[Item], int]]:
        """(items, bytes read for them); afterwards ``sha256`` and ``lines`` are set."""
        digest = hashlib.sha256()
        for items, size, lines in _batches(self.stream, self.batch_lines, digest):
            self.lines = lines
            yield items, size
        self.sha256 = digest.hexdigest()


def _batches(stream: Iterable[bytes], batch_lines: int, digest) -> Iterator[tuple[list, int, int]]:
    items: list[Item] = []
    size = lines = checked = 0
    for lines, raw in enumerate(stream, start=1):  # noqa: B007 - the count is yielded
        digest.update(raw)
        size += len(raw)
        if isinstance(raw, str):
            text: str | None = raw
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                items.append(lines)
                continue
        if not text.strip():
            continue
        items.append(Line(lines, line_check(text)))
        checked += 1
        if checked >= batch_lines:
            yield items, size, lines
            items, size, checked = [], 0, 0
    yield items, size, lines
