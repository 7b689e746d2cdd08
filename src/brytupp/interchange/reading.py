"""Reading a file of the format: lines decoded and checked on their own, in batches.

The first half of an import (``validation.line_check`` on every line: JSON, types, codes,
dates) needs nothing from the database, so for a file on disk it runs in a second process
that reads ahead while this one resolves references and the database writes the previous
batch (decision 0032). A stream (a test's text, an upload) is read here, line by line, the
same way. Both hand over batches in line order; what a batch holds is a ``Line`` per line
with content and the number of each line that is not UTF-8.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import traceback
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


class FileLineSource(LineSource):
    """The same batches, read and checked by a child process while this one goes on.

    The child is forked (it inherits the checked codes and touches no database connection),
    sends each batch through a pipe, whose buffer bounds how far it reads ahead, and ends
    with the file's digest. If this process stops early (a problem in the database, an
    interruption), the child is ended with it."""

    def __init__(self, path: str | os.PathLike, batch_lines: int) -> None:
        super().__init__((), batch_lines)
        os.stat(path)  # a missing file is told here, before the import starts
        self.path = path

    def batches(self) -> Iterator[tuple[list[Item], int]]:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=_read_and_send, args=(self.path, self.batch_lines, sender), daemon=True
        )
        child.start()
        sender.close()
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    raise RuntimeError(
                        "the process reading the file ended without a word"
                    ) from None
                kind = message[0]
                if kind == "batch":
                    _, items, size, self.lines = message
                    yield items, size
                elif kind == "end":
                    _, self.sha256, self.lines = message
                    return
                else:
                    raise RuntimeError(f"reading the file failed:\n{message[1]}")
        finally:
            receiver.close()
            if child.is_alive():
                child.terminate()
            child.join()


def _read_and_send(path, batch_lines: int, sender) -> None:
    try:
        digest = hashlib.sha256()
        lines = 0
        with open(path, "rb") as handle:
            for items, size, lines in _batches(handle, batch_lines, digest):
                sender.send(("batch", items, size, lines))
        sender.send(("end", digest.hexdigest(), lines))
    except BrokenPipeError:
        pass  # the importing process stopped reading: nothing to tell it
    except Exception:  # noqa: BLE001 - told to the importing process, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


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
