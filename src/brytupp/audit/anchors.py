"""Anchors: the head of the access log's chain, copied outside the database.

The chain shows any entry changed, removed or reordered, but not a log rebuilt from scratch
with consistent hashes, nor a log whose last entries were cut off: both are valid chains. An
anchor is the last entry's seq and hash at a moment, written as one JSON line to a place the
database's administrators cannot rewrite (syslog shipped to another system, a file on another
volume): ``brytupp audit anchor``. ``brytupp audit verify --anchors FILE`` then requires every
anchored entry to be in the chain with the anchored hash.

One line: ``{"seq":1042,"entry_hash":"…","at":"2026-11-23T21:00:00.123456+00:00",
"anchored_at":"2026-11-23T21:05:00.000001+00:00"}`` (times in UTC; ``at`` is null for an
empty log). Anything before the first ``{`` on a line is ignored, so lines read back from
syslog with its prefix still parse.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .chain import Anchor, chain_head

HASH = re.compile(r"[0-9a-f]{64}")


class AnchorError(ValueError):
    pass


def _utc(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def anchor_take() -> Anchor:
    """The chain's head now."""
    return chain_head()


def anchor_line(anchor: Anchor) -> str:
    return json.dumps(
        {
            "seq": anchor.seq,
            "entry_hash": anchor.entry_hash,
            "at": _utc(anchor.at),
            "anchored_at": _utc(anchor.anchored_at),
        },
        separators=(",", ":"),
    )


def anchor_append(anchor: Anchor, path: Path) -> None:
    """Append the anchor's line to ``path`` and flush it to disk."""
    with path.open("a", encoding="utf-8") as file:
        file.write(anchor_line(anchor) + "\n")
        file.flush()
        os.fsync(file.fileno())


def _moment(value, name: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise AnchorError(f"{name} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise AnchorError(f"{name} has no time zone")
    return moment


def anchor_parse(line: str) -> Anchor:
    start = line.find("{")
    try:
        fields = json.loads(line[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        fields = None
    if not isinstance(fields, dict):
        raise AnchorError("not a JSON object")
    seq, digest = fields.get("seq"), fields.get("entry_hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise AnchorError("seq is not a whole number")
    if not isinstance(digest, str) or not HASH.fullmatch(digest):
        raise AnchorError("entry_hash is not 64 hexadecimal digits")
    at = fields.get("at")
    return Anchor(
        seq=seq,
        entry_hash=digest,
        at=None if at is None else _moment(at, "at"),
        anchored_at=_moment(fields.get("anchored_at"), "anchored_at"),
    )


def anchors_read(lines: Iterable[str], *, source: str = "anchors") -> list[Anchor]:
    """Every anchor in ``lines``, blank lines skipped; a malformed line raises AnchorError
    naming its number."""
    anchors = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            anchors.append(anchor_parse(line))
        except AnchorError as error:
            raise AnchorError(f"{source}, line {number}: {error}") from None
    return anchors
