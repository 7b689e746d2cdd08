"""What an import remembers between batches, kept in the database rather than in memory.

Every id defined on a line read so far, and the few facts later lines are checked against (a
case's person and lead unit, a unit's current part in a case, an identity number's holder),
go into a temporary table, ``_import_seen``, at the end of each batch. A batch asks that
table once for what it needs, and the records' own tables once per type for the primary
keys its references name; so Python holds one batch whatever the file's size. The table is
needed besides the records' tables because after the first problem (or in a dry run)
nothing is written, yet every later line is still checked against the earlier ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL

from brytupp.assessments.models import RiskAssessment, Screening
from brytupp.cases.models import Case, CaseAcceptance, CaseUnit, Consent
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement
from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person
from brytupp.people.sealing import search_digest
from brytupp.plans.models import Sip

from .protection import inherited_protection, protection_problem
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
# Kinds of rows in ``_import_seen`` besides the record types: a unit's current part in a case
# (key: the JSON array [case, unit]) and an identity number's digest (a: the holder's id).
# A person's open case in a district (key: the JSON array [person, district]; a: the case's id),
# kept because the database allows one (``case_one_open_per_person_district``).
PART, DIGEST, OPEN_CASE = "part", "digest", "open_case"
SEEN_TABLE = "_import_seen"


def key_field(type_: str) -> str:
    return "code" if type_ in ("district", "unit") else "external_id"


@dataclass
class Line:
    number: int
    checked: Checked
    existing: bool = False  # the record's id is already in the database: an update


@dataclass
class Seen:
    """What a batch learnt from ``_import_seen`` (rows of earlier batches) and adds to it."""

    rows: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)
    new: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)

    def __contains__(self, kind_key: tuple[str, str]) -> bool:
        return kind_key in self.new or kind_key in self.rows

    def get(self, kind_key: tuple[str, str]) -> tuple[str | None, str | None] | None:
        return self.new.get(kind_key, self.rows.get(kind_key))

    def add(self, kind_key: tuple[str, str], a: str | None = None, b: str | None = None) -> None:
        if kind_key not in self.rows and kind_key not in self.new:
            self.new[kind_key] = (a, b)


@dataclass
class ImportState:
    # The batch's references and records: id -> primary key, per type. Districts and units
    # are kept across batches (an organisation's size, not the file's).
    pks: dict[str, dict[str, int]] = field(default_factory=dict)
    # Per batch: a case's person and lead unit, by the case's id.
    case_person: dict[str, str | None] = field(default_factory=dict)
    case_lead: dict[str, str] = field(default_factory=dict)
    # Per batch: the stored protected identity of the batch's persons already in the database,
    # and which of them have it from a protected parent (``protection.py``).
    person_level: dict[str, str] = field(default_factory=dict)
    inherited: set[str] = field(default_factory=set)
    # Who runs the import, and whether they said --lower-protection (with --user).
    actor: object = None
    may_lower: bool = False
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    _table: bool = False

    def problem(self, number: int, name: str, message: str, cap: int) -> None:
        self.problem_count += 1
        if len(self.problems) < cap:
            self.problems.append(f"LINE {number}: {name}: {message}")

    def resolve(self, lines: list[Line], cap: int, *, writing: bool) -> list[Line]:
        """Check the batch's ids and references in line order; return the valid lines.

        ``writing``: every earlier batch was written. Then an id that is not in its table was
        not defined on an earlier line either, and ``_import_seen`` need not be asked."""
        self._begin()
        pending: dict[str, set[str]] = {}
        for line in lines:
            checked = line.checked
            if checked.type is None:
                continue
            for _, ref in checked.references:
                pending.setdefault(ref.type, set()).add(ref)
            if checked.key:
                pending.setdefault(checked.type, set()).add(checked.key)
        found = {type_: self._lookup(type_, ids) for type_, ids in pending.items()}
        for type_, pks in found.items():
            self.pks.setdefault(type_, {}).update(pks)
        asked: set[tuple[str, str]] = set()
        for line in lines:
            checked, record = line.checked, line.checked.record
            if checked.type is None:
                continue
            for _, ref in checked.references:
                if ref not in found[ref.type]:
                    asked.add((ref.type, ref))
            if checked.key and (not writing or checked.key in found[checked.type]):
                asked.add((checked.type, checked.key))
            if checked.type == "case_unit" and "case" in record and "unit" in record:
                asked.add((PART, _part(record)))
            elif checked.type == "case" and _opens(record):
                asked.add((OPEN_CASE, _open_key(record)))
            elif checked.type == "person" and "personnummer" in record:
                record["digest"] = search_digest(record["personnummer"])
                asked.add((DIGEST, record["digest"]))
        seen = Seen(rows=self._seen_rows(asked))
        in_db = self._digests_in_db(lines)
        self.inherited = inherited_protection(
            {
                line.checked.key
                for line in lines
                if line.checked.type == "person"
                and self.person_level.get(line.checked.key, "none") != "none"
                and "protected_identity" not in line.checked.record
            }
        )

        self._open_cases_in_db(lines, seen)
        valid = []
        for line in lines:
            self._check_line(line, seen, found, in_db)
            for name, message in line.checked.problems:
                self.problem(line.number, name, message, cap)
            if not line.checked.problems:
                valid.append(line)
        self._seen_add(seen.new)
        return valid

    def end_batch(self) -> None:
        """Forget the batch's records (but not the organisation's)."""
        for type_ in list(self.pks):
            if type_ not in ("district", "unit"):
                del self.pks[type_]
        self.case_person.clear()
        self.case_lead.clear()
        self.person_level.clear()
        self.inherited.clear()

    def _begin(self) -> None:
        if self._table:
            return
        with connection.cursor() as cursor:
            # Dropped first: an earlier import in the same outer transaction (a test's) left it.
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{SEEN_TABLE}")
            cursor.execute(
                f"CREATE TEMP TABLE {SEEN_TABLE} "
                "(kind text, key text, a text, b text, PRIMARY KEY (kind, key)) ON COMMIT DROP"
            )
        self._table = True

    def _seen_rows(self, asked: set[tuple[str, str]]) -> dict:
        if not asked:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.kind, s.key, s.a, s.b FROM {SEEN_TABLE} s "  # noqa: S608 - a constant
                "JOIN jsonb_to_recordset(%s::jsonb) AS q (kind text, key text) USING (kind, key)",
                (json.dumps([{"kind": kind, "key": key} for kind, key in asked]),),
            )
            return {(kind, key): (a, b) for kind, key, a, b in cursor.fetchall()}

    def _seen_add(self, new: dict) -> None:
        if not new:
            return
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            with cursor.copy(f"COPY {SEEN_TABLE} (kind, key, a, b) FROM STDIN") as copy:
                for (kind, key), (a, b) in new.items():
                    copy.write_row((kind, key, a, b))

    def _lookup(self, type_: str, ids: set[str]) -> dict[str, int]:
        model = MODELS[type_]
        rows = model.objects.filter(**{f"{key_field(type_)}__in": texts(ids)})
        if type_ == "case":
            found = {}
            for key, pk, person, lead in rows.values_list(
                "external_id", "pk", "person__external_id", "lead_unit__code"
            ):
                found[key] = pk
                self.case_person[key] = person
                self.case_lead[key] = lead
            return found
        if type_ == "person":
            found = {}
            for key, pk, level in rows.values_list("external_id", "pk", "protected_identity"):
                found[key] = pk
                self.person_level[key] = level
            return found
        return dict(rows.values_list(key_field(type_), "pk"))

    def _check_line(self, line: Line, seen: Seen, found: dict[str, dict[str, int]], in_db) -> None:
        checked = line.checked
        if checked.type is None:
            return
        record, problems, type_ = checked.record, checked.problems, checked.type
        key = checked.key
        if key and (type_, key) in seen:
            problems.append(("code" if key_field(type_) == "code" else "id", "used twice"))
        for name, ref in checked.references:
            if (ref.type, ref) not in seen and ref not in found.get(ref.type, ()):
                problems.append(
                    (name, f"no {ref.type} {shown(ref)} on an earlier line or in the database")
                )
        if problems:
            # Later lines may still refer to it: their own problems are what gets reported.
            if key:
                seen.add((type_, key))
            return
        line.existing = key in found.get(type_, {})
        if type_ == "person":
            self._check_person(line, seen, in_db)
        elif type_ == "placement":
            adult = self._case_fact(seen, record["case"])[0]
            for i, child in enumerate(record["children"]):
                if child["person"] == adult:
                    problems.append(
                        (f"children[{i}].person", "the same person as the placement's adult")
                    )
        elif type_ == "case_unit" and "left" not in record:
            part = (PART, _part(record))
            if part in seen:
                problems.append(("unit", "already takes part in the case (on an earlier line)"))
            else:
                seen.add(part)
        if type_ == "case_unit" and not problems:
            # For the writer: is this the case's lead unit?
            self.case_lead[record["case"]] = self._case_fact(seen, record["case"])[1]
        if type_ == "case" and _opens(record):
            holder = seen.get((OPEN_CASE, _open_key(record)))
            if holder is not None and holder[0] != key:
                problems.append(
                    ("district", "the person already has an open case in this district")
                )
            else:
                seen.add((OPEN_CASE, _open_key(record)), key)
        if type_ == "case" and not problems:
            seen.add((type_, key), record["person"], record["lead_unit"])
        else:
            seen.add((type_, key))

    def _case_fact(self, seen: Seen, case: str) -> tuple[str | None, str | None]:
        """(person, lead unit) of a case: as its line in the file had them, else as stored."""
        fact = seen.get(("case", case))
        if fact is not None and fact != (None, None):
            return fact
        return self.case_person.get(case), self.case_lead.get(case)

    def _open_cases_in_db(self, lines: list[Line], seen: Seen) -> None:
        """The batch's persons' open cases in the database, as if seen on an earlier line."""
        persons = {
            line.checked.record["person"]
            for line in lines
            if line.checked.type == "case" and _opens(line.checked.record)
        }
        if not persons:
            return
        # Only accepted cases hold the district (``case_one_open_per_person_district``): a
        # pending one may stand beside the imported case until its holder answers.
        rows = Case.objects.filter(
            closed__isnull=True,
            acceptance=CaseAcceptance.ACCEPTED,
            person__external_id__in=texts(persons),
        ).values_list("person__external_id", "district__code", "external_id")
        for person, district, case in rows:
            kind_key = (OPEN_CASE, json.dumps([person, district]))
            if kind_key not in seen:
                seen.rows[kind_key] = (case or "", None)

    def _digests_in_db(self, lines: list[Line]) -> dict[str, str]:
        """The batch's identity numbers already in the database -> the holder's id ("" for a
        person registered here, without one)."""
        digests = [
            line.checked.record["digest"] for line in lines if "digest" in line.checked.record
        ]
        if not digests:
            return {}
        rows = Person.objects.filter(identity_number_digest__in=texts(digests))
        return {d: e or "" for d, e in rows.values_list("identity_number_digest", "external_id")}

    def _check_person(self, line: Line, seen: Seen, in_db: dict[str, str]) -> None:
        record = line.checked.record
        if line.existing:
            problem = protection_problem(
                record,
                self.person_level.get(record["id"], "none"),
                inherited=record["id"] in self.inherited,
                may_lower=self.may_lower,
            )
            if problem:
                line.checked.problems.append(("protected_identity", problem))
        if "digest" not in record:
            return
        digest = record["digest"]
        holder = seen.get((DIGEST, digest))
        other = holder[0] if holder is not None else in_db.get(digest)
        if other is not None and other != record["id"]:
            holder = f"person {shown(other)}" if other else "a person in the database"
            line.checked.problems.append(("personnummer", f"the same as {holder}"))
            return
        seen.add((DIGEST, digest), record["id"])


def texts(values) -> RawSQL:
    """A subquery of the values for ``__in``: one JSON parameter, which PostgreSQL parses far
    faster than psycopg adapts a list of thousands of strings (or Django thousands of
    parameters)."""
    return RawSQL("SELECT jsonb_array_elements_text(%s::jsonb)", (json.dumps(list(values)),))


def _part(record: dict) -> str:
    return json.dumps([record["case"], record["unit"]], ensure_ascii=False)


def _opens(record: dict) -> bool:
    return not record.get("closed") and "person" in record and "district" in record


def _open_key(record: dict) -> str:
    return json.dumps([record["person"], record["district"]])
