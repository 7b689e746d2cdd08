"""The state a journal page may write, the words of a response, and who is who."""

from __future__ import annotations

import html
import re

from brytupp.access.services import emergency_access_grant
from brytupp.cases.models import CaseEvent, JournalNote, JournalNoteVersion
from tests import factories


def state() -> dict:
    """Every row a journal page may write (the access log aside)."""
    return {
        "notes": list(JournalNote.objects.order_by("pk").values()),
        "versions": list(JournalNoteVersion.objects.order_by("pk").values()),
        "events": list(CaseEvent.objects.order_by("pk").values()),
    }


def words(response) -> str:
    """The response's text without its tags, with runs of white space made one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _emergency(world):
    worker = factories.staff("handlaggare", world["socialjour"])
    emergency_access_grant(actor=worker, case=world["case"], reason="Akut skyddsbehov i natt")
    return worker


ROLES = {
    "lead unit's case worker": lambda w: w["rvt_worker"],
    "lead unit's manager": lambda w: factories.staff("enhetschef", w["rvt"]),
    "unit with consent": lambda w: w["children_worker"],
    "unit whose consent ran out": lambda w: w["ekb_worker"],
    "unit not covered": lambda w: factories.staff("handlaggare", w["uncovered"]),
    "invited unit": lambda w: factories.staff("handlaggare", w["addiction"]),
    "emergency access": _emergency,
    "Socialjouren without emergency access": lambda w: factories.staff(
        "handlaggare", w["socialjour"]
    ),
    "another district's unit": lambda w: factories.staff("handlaggare", w["elsewhere"]),
    "analyst": lambda w: factories.staff(
        "analytiker", factories.UnitFactory(district=None, kind="stab")
    ),
}
