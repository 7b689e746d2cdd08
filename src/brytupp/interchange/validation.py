"""Checking one line of interchange format v1: shape, types, codes, dates, identity numbers.

``line_check`` turns a line into a clean record (a dict of Python values, references still
the producer's ids) and a list of problems, each ``(field, what is wrong)``. References to
other records are checked by ``ImportState`` (``state.py``) because they need what came before.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any

from brytupp.assessments.models import RiskInstrument, RiskLevel, ScreeningOutcome
from brytupp.cases.models import Case, CaseSource, ClosureReason
from brytupp.housing.models import HousingType, ShisReferralKind
from brytupp.interventions.models import Intervention, PlacementEndReason
from brytupp.organisation.models import District, Unit, UnitKind
from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number
from brytupp.people.models import Gender
from brytupp.plans.models import SIP_PARTICIPANT_MAX_LENGTH, SIP_PARTICIPANTS_MAX, Sip
from brytupp.text_length import max_length_of

# The types in the order their records are written: a record refers only to earlier types.
TYPES = (
    "district",
    "unit",
    "person",
    "case",
    "case_unit",
    "consent",
    "screening",
    "risk_assessment",
    "decision",
    "placement",
    "follow_up",
    "shis_referral",
    "sip",
)


def _codes(choices) -> frozenset[str]:
    return frozenset(choices.values)


# Field kinds: ("text", max_length), ("date",), ("bool",), ("int",), ("code", codes),
# ("ref", type), ("refs", type) a list of references, ("strings", count, max_length),
# ("next_housing",), ("children",). Text limits are the model fields' (decision 0030); every
# ``id`` is an ``external_id``, of the same length on every model.
TEXT_ID = ("text", max_length_of(Case, "external_id"))
REQUIRED, OPTIONAL = True, False
SPEC: dict[str, dict[str, tuple[bool, tuple]]] = {
    "district": {
        "code": (REQUIRED, ("text", max_length_of(District, "code"))),
        "name": (REQUIRED, ("text", max_length_of(District, "name"))),
    },
    "unit": {
        "code": (REQUIRED, ("text", max_length_of(Unit, "code"))),
        "kind": (REQUIRED, ("code", _codes(UnitKind))),
        "name": (REQUIRED, ("text", max_length_of(Unit, "name"))),
        "district": (OPTIONAL, ("ref", "district")),
    },
    "person": {
        "id": (REQUIRED, TEXT_ID),
        "birth_date": (REQUIRED, ("date",)),
        "gender": (REQUIRED, ("code", _codes(Gender))),
        "personnummer": (OPTIONAL, ("text", 13)),
        "protected_identity": (OPTIONAL, ("bool",)),
    },
    "case": {
        "id": (REQUIRED, TEXT_ID),
        "person": (REQUIRED, ("ref", "person")),
        "district": (REQUIRED, ("ref", "district")),
        "lead_unit": (REQUIRED, ("ref", "unit")),
        "opened": (REQUIRED, ("date",)),
        "source": (REQUIRED, ("code", _codes(CaseSource))),
        "closed": (OPTIONAL, ("date",)),
        "closure_reason": (OPTIONAL, ("code", _codes(ClosureReason))),
    },
    "case_unit": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "unit": (REQUIRED, ("ref", "unit")),
        "joined": (REQUIRED, ("date",)),
        "left": (OPTIONAL, ("date",)),
    },
    "consent": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "given": (REQUIRED, ("date",)),
        "scope": (REQUIRED, ("refs", "unit")),
        "withdrawn": (OPTIONAL, ("date",)),
        # The units that may read the description of violence: some of ``scope`` (0039).
        "violence_description_scope": (OPTIONAL, ("refs", "unit")),
    },
    "screening": {
        "id": (REQUIRED, TEXT_ID),
        "unit": (REQUIRED, ("ref", "unit")),
        "date": (REQUIRED, ("date",)),
        "asked": (REQUIRED, ("bool",)),
        "outcome": (OPTIONAL, ("code", _codes(ScreeningOutcome))),
        "person": (OPTIONAL, ("ref", "person")),
    },
    "risk_assessment": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "date": (REQUIRED, ("date",)),
        "instrument": (REQUIRED, ("code", _codes(RiskInstrument))),
        "level": (OPTIONAL, ("code", _codes(RiskLevel))),
    },
    "decision": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "intervention": (REQUIRED, ("code", _codes(Intervention))),
        "decided": (REQUIRED, ("date",)),
        "start": (REQUIRED, ("date",)),
        "end": (OPTIONAL, ("date",)),
        "provider": (OPTIONAL, ("ref", "unit")),
    },
    "placement": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "start": (REQUIRED, ("date",)),
        "end": (OPTIONAL, ("date",)),
        "end_reason": (OPTIONAL, ("code", _codes(PlacementEndReason))),
        "next_housing": (OPTIONAL, ("next_housing",)),
        "children": (REQUIRED, ("children",)),
    },
    "follow_up": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "date": (REQUIRED, ("date",)),
        "placement": (OPTIONAL, ("ref", "placement")),
        "decision": (OPTIONAL, ("ref", "decision")),
        "goal_achieved": (OPTIONAL, ("bool",)),
        "improved_situation": (OPTIONAL, ("bool",)),
    },
    "shis_referral": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "date": (REQUIRED, ("date",)),
        "kind": (REQUIRED, ("code", _codes(ShisReferralKind))),
    },
    "sip": {
        "id": (REQUIRED, TEXT_ID),
        "case": (REQUIRED, ("ref", "case")),
        "date": (REQUIRED, ("date",)),
        "participants": (
            OPTIONAL,
            ("strings", SIP_PARTICIPANTS_MAX, SIP_PARTICIPANT_MAX_LENGTH),
        ),
        "responsible": (OPTIONAL, ("text", max_length_of(Sip, "responsible"))),
        "next_follow_up": (OPTIONAL, ("date",)),
    },
}
HOUSING_TYPES = _codes(HousingType)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# 12 digits, 12 with a hyphen (as the example data set writes them), or 10 with - or +.
_PERSONNUMMER = re.compile(r"^(\d{8}-?\d{4}|\d{6}[-+]\d{4})$")
# Pairs (start, end) of dates where the end may not come before the start.
ORDERED = {
    "case": ("opened", "closed"),
    "case_unit": ("joined", "left"),
    "consent": ("given", "withdrawn"),
    "decision": ("start", "end"),
    "placement": ("start", "end"),
}


class Reference(str):
    """A producer's id that must name an earlier record of ``type``."""

    type: str

    def __new__(cls, value: str, type_: str):
        ref = super().__new__(cls, value)
        ref.type = type_
        return ref


@dataclass
class Checked:
    type: str | None
    record: dict[str, Any]
    problems: list[tuple[str, str]] = field(default_factory=list)
    # (field, Reference) for every reference in the record, checked by the state.
    references: list[tuple[str, Reference]] = field(default_factory=list)
    # The record's id (districts and units: code), "" if it has none.
    key: str = ""
    # The line has no \u escape and no lone surrogate: no text in it can hold NUL or one.
    plain: bool = False


def line_check(text: str) -> Checked:
    try:
        raw = json.loads(text)
    except ValueError as error:
        return Checked(None, {}, [("line", f"not valid JSON ({error})")])
    except RecursionError:
        return Checked(None, {}, [("line", "not valid JSON (nested too deeply)")])
    if not isinstance(raw, dict):
        return Checked(None, {}, [("line", "not a JSON object")])
    type_ = raw.get("type")
    if type_ is None:
        return Checked(None, {}, [("type", "missing")])
    if not isinstance(type_, str) or type_ not in SPEC:
        return Checked(None, {}, [("type", f"unknown type {shown(type_)}")])
    checked = Checked(type_, {}, plain=_plain(text))
    spec = SPEC[type_]
    for name in raw:
        if name != "type" and name not in spec:
            checked.problems.append(_unknown_field("", name))
    for name, (required, kind) in spec.items():
        value = raw.get(name)
        if value is None:
            if required:
                checked.problems.append((name, "missing"))
            continue
        clean = _value(checked, name, kind, value)
        if clean is not None:
            checked.record[name] = clean
    _record_rules(checked)
    checked.key = checked.record.get("code" if type_ in ("district", "unit") else "id", "")
    return checked


def _plain(text: str) -> bool:
    if "\\u" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _value(checked: Checked, name: str, kind: tuple, value: Any) -> Any:
    problems = checked.problems
    match kind[0]:
        case "text":
            if not isinstance(value, str):
                problems.append((name, "must be a string"))
            elif not checked.plain and (unreadable := _unreadable(value)):
                problems.append((name, unreadable))
            elif not value.strip():
                problems.append((name, "must not be empty"))
            elif len(value) > kind[1]:
                problems.append((name, f"too long (at most {kind[1]} characters)"))
            else:
                return value
        case "date":
            return _date(problems, name, value)
        case "bool":
            if isinstance(value, bool):
                return value
            problems.append((name, "must be true or false"))
        case "code":
            if not isinstance(value, str):
                problems.append((name, "must be a string"))
            elif value not in kind[1]:
                problems.append((name, f"unknown code {shown(value)}"))
            else:
                return value
        case "ref":
            return _reference(checked, name, kind[1], value)
        case "refs":
            if not isinstance(value, list):
                problems.append((name, "must be a list"))
                return None
            refs = [_reference(checked, f"{name}[{i}]", kind[1], v) for i, v in enumerate(value)]
            return [ref for ref in refs if ref is not None]
        case "strings":
            if not isinstance(value, list):
                problems.append((name, "must be a list"))
            elif bad := [i for i, v in enumerate(value) if not isinstance(v, str)]:
                problems.append((f"{name}[{bad[0]}]", "must be a string"))
            elif not checked.plain and (bad := [i for i, v in enumerate(value) if _unreadable(v)]):
                problems.append((f"{name}[{bad[0]}]", _unreadable(value[bad[0]])))
            elif len(value) > kind[1]:
                problems.append((name, f"too many (at most {kind[1]})"))
            elif bad := [i for i, v in enumerate(value) if len(v) > kind[2]]:
                problems.append((f"{name}[{bad[0]}]", f"too long (at most {kind[2]} characters)"))
            else:
                return value
        case "next_housing":
            return _next_housing(problems, value)
        case "children":
            return _children(checked, value)
    return None


def _unreadable(value: str) -> str | None:
    """Text the database cannot hold: the NUL character or a lone surrogate."""
    if "\x00" in value:
        return "must not contain the character NUL"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "not valid Unicode"
    return None


def shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:60]


def _date(problems: list, name: str, value: Any) -> datetime.date | None:
    if not isinstance(value, str):
        problems.append((name, "must be a date as a string YYYY-MM-DD"))
        return None
    if _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append((name, f"{shown(value)} is not a date that exists (YYYY-MM-DD)"))
    return None


def _reference(checked: Checked, name: str, type_: str, value: Any) -> Reference | None:
    if not isinstance(value, str):
        checked.problems.append((name, "must be a string"))
        return None
    if not checked.plain and (unreadable := _unreadable(value)):
        checked.problems.append((name, unreadable))
        return None
    ref = Reference(value, type_)
    checked.references.append((name, ref))
    return ref


def _next_housing(problems: list, value: Any) -> dict | None:
    if not isinstance(value, dict):
        problems.append(("next_housing", "must be an object"))
        return None
    ok = True
    for name in value:
        if name not in ("type", "contract_months"):
            problems.append(_unknown_field("next_housing", name))
            ok = False
    housing_type, months = value.get("type"), value.get("contract_months")
    if housing_type is None:
        problems.append(("next_housing.type", "missing"))
        ok = False
    elif not isinstance(housing_type, str) or housing_type not in HOUSING_TYPES:
        problems.append(("next_housing.type", f"unknown code {shown(housing_type)}"))
        ok = False
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= 32767
    ):
        problems.append(("next_housing.contract_months", "must be a whole number, 0 or more"))
        ok = False
    return {"type": housing_type, "contract_months": months} if ok else None


FIELD_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")


def _unknown_field(where: str, name: str) -> tuple[str, str]:
    """An unknown field, named in the problem only when its name looks like a field name: a
    key of the file is echoed into the report, so any other key (text, punctuation, what
    could be personal data) is only counted as there."""
    if FIELD_NAME.fullmatch(name):
        return (f"{where}.{name}" if where else name, "unknown field")
    return (where or "record", "a field whose name is not a field name of the format")


def _children(checked: Checked, value: Any) -> list | None:
    problems = checked.problems
    if not isinstance(value, list):
        problems.append(("children", "must be a list"))
        return None
    children, seen = [], set()
    for i, child in enumerate(value):
        where = f"children[{i}]"
        if not isinstance(child, dict):
            problems.append((where, "must be an object"))
            continue
        for name in child:
            if name not in ("person", "schooling_start"):
                problems.append(_unknown_field(where, name))
        person = child.get("person")
        if person is None:
            problems.append((f"{where}.person", "missing"))
            continue
        ref = _reference(checked, f"{where}.person", "person", person)
        schooling = child.get("schooling_start")
        if schooling is not None:
            schooling = _date(problems, f"{where}.schooling_start", schooling)
        if ref is not None:
            if ref in seen:
                problems.append((f"{where}.person", "the same child is listed twice"))
            seen.add(ref)
            children.append({"person": ref, "schooling_start": schooling})
    return children


def _record_rules(checked: Checked) -> None:
    """Rules within one record: date order, fields required together, the identity number."""
    record, problems, type_ = checked.record, checked.problems, checked.type
    if type_ in ORDERED:
        start, end = ORDERED[type_]
        if start in record and end in record and record[end] < record[start]:
            problems.append((end, f"before {start} ({record[start].isoformat()})"))
    if type_ == "case":
        _together(checked.problems, checked.record, "closed", "closure_reason")
    elif type_ == "placement":
        _together(checked.problems, checked.record, "end", "end_reason")
        if "next_housing" in record and "end" not in record:
            problems.append(("next_housing", "only allowed when end is set"))
    elif type_ == "screening":
        if record.get("asked") is False and "outcome" in record:
            problems.append(("outcome", "only allowed when asked is true"))
    elif type_ == "person" and "personnummer" in record:
        _personnummer(checked)
    elif type_ == "consent" and "violence_description_scope" in record:
        outside = [
            i
            for i, code in enumerate(record["violence_description_scope"])
            if code not in record.get("scope", ())
        ]
        if outside and "scope" in record:
            problems.append((f"violence_description_scope[{outside[0]}]", "not in scope"))


def _together(problems: list, record: dict, when: str, then: str) -> None:
    """``then`` is required exactly when ``when`` is set. A field that failed its own check is
    not in ``record``: its problem is reported already."""
    if any(name in (when, then) for name, _ in problems):
        return
    if when in record and then not in record:
        problems.append((then, f"required when {when} is set"))
    elif then in record and when not in record:
        problems.append((then, f"only allowed when {when} is set"))


def _personnummer(checked: Checked) -> None:
    raw = checked.record["personnummer"]
    if not _PERSONNUMMER.match(raw):
        checked.problems.append(
            ("personnummer", "must be 12 digits YYYYMMDDNNNN or 10 digits YYMMDD-NNNN")
        )
        return
    try:
        number = parse_identity_number(raw)
    except InvalidIdentityNumber as error:
        checked.problems.append(("personnummer", str(error.message)))
        return
    birth_date = checked.record.get("birth_date")
    if birth_date is not None and number.birth_date != birth_date:
        checked.problems.append(("personnummer", "does not agree with birth_date"))
    checked.record["personnummer"] = number.value
    checked.record["identity_kind"] = number.kind
