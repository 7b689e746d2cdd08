"""What an import remembers between lines: producer id -> primary key per type, and the few
facts that later lines are checked against. Ints and strings only, so memory grows with the
number of records but never holds a record.

References are checked per batch: a reference to an id not defined on an earlier line is
looked up in the database once per type and batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models.expressions import RawSQL

from brytupp.assessments.models import RiskAssessment, Screening
from brytupp.cases.models import Case, CaseUnit, Consent
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement
from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person
from brytupp.people.sealing import search_digest
from brytupp.plans.models import Sip

from .validation import Checked, shown

MODELS = {
    "district": District,
    "unit": Unit,
    "person": Person,
    "case": Case,
    "case_unit": CaseUnit,
    "consent": Consent,
    "screening": Screening,
    "risk_assessment": RiskAssessment,
    "decision": Decision,
    "placement": Placement,
    "follow_up": FollowUp,
    "shis_referral": ShisReferral,
    "sip": Sip,
}


def key_field(type_: str) -> str:
    return "code" if type_ in ("district", "unit") else "external_id"


@dataclass
class Line:
    number: int
    checked: Checked
    existing: bool = False  # the record's id is already in the database: an update


@dataclass
class ImportState:
    # Known ids per type -> primary key (None while defined in the file but not yet written).
    pks: dict[str, dict[str, int | None]] = field(default_factory=dict)
    # Ids defined on lines read so far, per type.
    defined: dict[str, set[str]] = field(default_factory=dict)
    case_person: dict[str, str | None] = field(default_factory=dict)
    case_lead: dict[str, str] = field(default_factory=dict)
    current_parts: set[tuple[str, str]] = field(default_factory=set)
    digests: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, number: int, name: str, message: str, cap: int) -> None:
        self.problem_count += 1
        if len(self.problems) < cap:
            self.problems.append(f"LINE {number}: {name}: {message}")

    def resolve(self, lines: list[Line], cap: int) -> list[Line]:
        """Check the batch's ids and references in line order; return the valid lines."""
        pending: dict[str, set[str]] = {}
        for line in lines:
            checked = line.checked
            if checked.type is None:
                continue
            defined = self.defined.setdefault(checked.type, set())
            for _, ref in checked.references:
                if ref not in self.defined.get(ref.type, ()):
                    pending.setdefault(ref.type, set()).add(ref)
            key = checked.key
            if key and key not in defined:
                pending.setdefault(checked.type, set()).add(key)
            line.checked.record["_defined_before"] = bool(key) and key in defined
            defined.add(key)
        found = {type_: self._lookup(type_, ids) for type_, ids in pending.items()}
        in_db = self._digests_in_db(lines)
        valid = []
        for line in lines:
            self._check_line(line, found, in_db)
            for name, message in line.checked.problems:
                self.problem(line.number, name, message, cap)
            if not line.checked.problems:
                valid.append(line)
        return valid

    def _lookup(self, type_: str, ids: set[str]) -> dict[str, int]:
        model = MODELS[type_]
        # One array parameter rather than thousands of IN parameters to compile and send.
        rows = model.objects.filter(
            **{f"{key_field(type_)}__in": RawSQL("SELECT unnest(%s::text[])", (list(ids),))}
        )
        if type_ == "case":
            found = {}
            for key, pk, person, lead in rows.values_list(
                "external_id", "pk", "person__external_id", "lead_unit__code"
            ):
                found[key] = pk
                self.case_person.setdefault(key, person)
                self.case_lead.setdefault(key, lead)
            return found
        return dict(rows.values_list(key_field(type_), "pk"))

    def _check_line(self, line: Line, found: dict[str, dict[str, int]], in_db) -> None:
        checked = line.checked
        if checked.type is None:
            return
        record, problems, type_ = checked.record, checked.problems, checked.type
        key = checked.key
        pks = self.pks.setdefault(type_, {})
        if record.pop("_defined_before"):
            problems.append(("code" if key_field(type_) == "code" else "id", "used twice"))
        for name, ref in checked.references:
            if ref in self.pks.get(ref.type, {}) or ref in found.get(ref.type, {}):
                self.pks.setdefault(ref.type, {}).setdefault(ref, found.get(ref.type, {}).get(ref))
            else:
                problems.append(
                    (name, f"no {ref.type} {shown(ref)} on an earlier line or in the database")
                )
        if problems:
            if key:
                pks.setdefault(key, None)
            return
        line.existing = key in found.get(type_, {})
        if type_ == "person":
            self._check_person(line, in_db)
        elif type_ == "placement":
            adult = self.case_person.get(record["case"])
            for i, child in enumerate(record["children"]):
                if child["person"] == adult:
                    problems.append(
                        (f"children[{i}].person", "the same person as the placement's adult")
                    )
        elif type_ == "case_unit":
            part = (record["case"], record["unit"])
            if "left" not in record and part in self.current_parts:
                problems.append(("unit", "already takes part in the case (on an earlier line)"))
            elif "left" not in record:
                self.current_parts.add(part)
        if problems:
            # Later lines may still refer to it: their own problems are what gets reported.
            if key:
                pks.setdefault(key, None)
            return
        pks[key] = found.get(type_, {}).get(key, pks.get(key))
        if type_ == "case":
            self.case_person[key] = record["person"]
            self.case_lead[key] = record["lead_unit"]

    def _digests_in_db(self, lines: list[Line]) -> dict[str, str]:
        """The batch's identity numbers already in the database -> the holder's id ("" for a
        person registered here, without one)."""
        for line in lines:
            record = line.checked.record
            if line.checked.type == "person" and "personnummer" in record:
                record["digest"] = search_digest(record["personnummer"])
        digests = [
            line.checked.record["digest"] for line in lines if "digest" in line.checked.record
        ]
        if not digests:
            return {}
        rows = Person.objects.filter(identity_number_digest__in=digests)
        return {d: e or "" for d, e in rows.values_list("identity_number_digest", "external_id")}

    def _check_person(self, line: Line, in_db: dict[str, str]) -> None:
        record = line.checked.record
        if "digest" not in record:
            return
        digest = record["digest"]
        other = self.digests.get(digest, in_db.get(digest))
        if other is not None and other != record["id"]:
            holder = f"person {shown(other)}" if other else "a person in the database"
            line.checked.problems.append(("personnummer", f"the same as {holder}"))
            return
        self.digests[digest] = record["id"]
