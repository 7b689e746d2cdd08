"""The state a threat-person page may write, the text of a response, and who is who."""

from __future__ import annotations

import html
import re

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.models import Case, CaseEvent, CaseUnit, Consent, ThreatPerson
from tests import factories


def state() -> dict:
    """Every row a threat-person page or the invite page may write (the access log aside)."""
    return {
        "threat_persons": list(ThreatPerson.objects.order_by("pk").values()),
        "cases": list(Case.objects.order_by("pk").values("pk", "honour_context", "version")),
        "parts": list(CaseUnit.objects.order_by("pk").values()),
        "events": list(CaseEvent.objects.order_by("pk").values()),
        "consents": list(Consent.objects.order_by("pk").values()),
    }


def text(response) -> str:
    """The response's text, unescaped, with runs of white space made one space."""
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def words(response) -> str:
    """The response's text without its tags, with runs of white space made one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def log_seq() -> int:
    last = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return last or 0


ROLES = {
    "RVT case worker (lead unit)": lambda w: w["rvt_worker"],
    "RVT unit manager (lead unit)": lambda w: factories.staff("enhetschef", w["rvt"]),
    "case worker of a unit taking part by consent": lambda w: factories.staff(
        "handlaggare", w["children"]
    ),
    "manager of the unit taking part by consent": lambda w: factories.staff(
        "enhetschef", w["children"]
    ),
    "case worker of a unit without consent": lambda w: factories.staff(
        "handlaggare", w["addiction"]
    ),
    "manager of the unit without consent": lambda w: factories.staff("enhetschef", w["addiction"]),
    "EB case worker with the threat person as client": lambda w: w["ekb_worker"],
    "EB unit manager": lambda w: factories.staff("enhetschef", w["ekb"]),
    "Socialjouren without emergency access": lambda w: factories.staff(
        "handlaggare", w["socialjour"]
    ),
    "city analyst": lambda w: factories.staff(
        "analytiker", factories.UnitFactory(district=None, kind="stab")
    ),
}
LEAD = {"RVT case worker (lead unit)", "RVT unit manager (lead unit)"}
TAKING_PART = LEAD | {
    "case worker of a unit taking part by consent",
    "manager of the unit taking part by consent",
}
