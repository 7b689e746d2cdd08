"""Writing a batch of checked records: one upsert per type (``INSERT … ON CONFLICT DO
UPDATE`` on the producer's id), then the case events those records stand for.

An event written here carries ``external_id`` = ``<type>:<id>:<kind>`` (a placed child's
events add the child's id), so importing the same record again updates its events instead
of adding new ones, and an event that no longer follows from the record (an end removed) is
deleted.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable
from types import SimpleNamespace

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from psycopg import sql

from brytupp.cases.events import EventKind
from brytupp.cases.models import CaseEvent, CaseUnit, CaseUnitStatus, ConsentForm
from brytupp.interventions.models import PlacementChild
from brytupp.organisation.models import Municipality
from brytupp.people.inheritance import protection_inherit
from brytupp.people.models import IdentityKind, Person, ProtectedIdentity, protection_rank
from brytupp.people.names import NAME_FIELDS, person_name_columns
from brytupp.people.sealing import seal

from .protection import lowerings_record, protection_level
from .state import MODELS, ImportState, Line, key_field

# The format has no consent form or purpose; these are recorded for an imported consent.
CONSENT_FORM = ConsentForm.ORAL
CONSENT_PURPOSE = "Samhandläggning (importerat samtycke)"
DEFAULT_MUNICIPALITY = {"code": "kommunen", "name": "Kommunen"}

Event = tuple[str, int, str, object, int | None, dict]


def batch_write(state: ImportState, lines: list[Line]) -> None:
    by_type: dict[str, list[Line]] = {}
    for line in lines:
        by_type.setdefault(line.checked.type, []).append(line)
    for type_ in MODELS:
        if type_ in by_type:
            WRITERS[type_](state, by_type[type_])


def _ref(state: ImportState, type_: str, key: str | None) -> int | None:
    return None if key is None else state.pks[type_][key]


def _upsert(state, type_: str, lines: list[Line], build: Callable) -> list[SimpleNamespace]:
    """Build one row per line, write them in one statement and remember their primary keys."""
    # Records new to the database are copied straight into their table; the others upserted.
    rows = [build(line.checked.record) for line in lines]
    done = {
        existing: iter(
            rows_upsert(
                MODELS[type_],
                key_field(type_),
                [row for row, line in zip(rows, lines, strict=True) if line.existing == existing],
                fresh=not existing,
            )
        )
        for existing in (False, True)
    }
    written = [next(done[line.existing]) for line in lines]  # in the lines' order
    pks = state.pks.setdefault(type_, {})
    for row in written:
        pks[getattr(row, key_field(type_))] = row.pk
    return written


def rows_upsert(model, key: str, rows: list[dict], *, fresh: bool = False) -> list[SimpleNamespace]:
    """``COPY`` the rows into a scratch table, then ``INSERT … ON CONFLICT (key) DO UPDATE``
    into the model's table. A new row gets a public id and a creation time; an existing row
    keeps them. Returns the rows with ``pk`` and ``public_id`` as stored.

    ``fresh`` rows are known not to exist: they get their ids from the table's sequence and
    are copied straight into the table, which is about twice as fast."""
    if not rows:
        return []
    updatable = [c for c in rows[0] if c != key]
    # A fresh row's public id comes with its id from the database (_rows_copy).
    _defaults_fill(model, rows, public_ids=not fresh)
    if fresh:
        return _rows_copy(model, rows)
    columns = list(rows[0])
    names = set(columns)
    table = model._meta.db_table
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    updates = sql.SQL(", ").join(
        sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in updatable
    )
    returning = [key, "id"] + (["public_id"] if "public_id" in names else [])
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(
            sql.SQL("CREATE TEMP TABLE _import_rows AS SELECT {} FROM {} WITH NO DATA").format(
                cols, sql.Identifier(table)
            )
        )
        copy_text(cursor, sql.Identifier("_import_rows"), columns, rows)
        cursor.execute(
            sql.SQL(
                "INSERT INTO {table} ({cols}) SELECT {cols} FROM _import_rows "
                "ON CONFLICT ({key}) DO UPDATE SET {updates} RETURNING {returning}"
            ).format(
                table=sql.Identifier(table),
                cols=cols,
                key=sql.Identifier(key),
                updates=updates,
                returning=sql.SQL(", ").join(map(sql.Identifier, returning)),
            )
        )
        stored = {found[0]: found[1:] for found in cursor.fetchall()}
        cursor.execute("DROP TABLE _import_rows")
    written = []
    for row in rows:
        pk, *public_id = stored[row[key]]
        row.update(pk=pk, public_id=public_id[0] if public_id else None)
        written.append(SimpleNamespace(**row))
    return written


def rows_insert(model, rows: list[dict]) -> None:
    """``COPY`` new rows straight into the model's table, their ids left to the table."""
    if rows:
        _defaults_fill(model, rows)
        with connection.cursor() as cursor:
            copy_text(cursor.cursor, sql.Identifier(model._meta.db_table), list(rows[0]), rows)


def _defaults_fill(model, rows: list[dict], *, public_ids: bool = True) -> None:
    """Columns the format does not carry get their default on insert and are left alone on
    update (a case's account written here, a person's address)."""
    given = set(rows[0])
    now, constant, public = timezone.now(), {}, False
    for field in model._meta.concrete_fields:
        if field.attname in given or field.attname == "id":
            continue
        if field.attname in ("created_at", "at"):
            constant[field.attname] = now
        elif field.attname == "public_id" and public_ids:
            public = True
        elif field.attname == "public_id":
            constant["public_id"] = None
        else:
            constant[field.attname] = field.get_default()
    for row in rows:
        row.update(constant)
        if public:
            row["public_id"] = uuid.uuid4()


def _rows_copy(model, rows: list[dict]) -> list[SimpleNamespace]:
    table = model._meta.db_table
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')), gen_random_uuid()::text "
            "FROM generate_series(1, %s)",
            (table, len(rows)),
        )
        public = "public_id" in rows[0]
        for row, (pk, public_id) in zip(rows, cursor.fetchall(), strict=True):
            row["id"] = pk
            if public:
                row["public_id"] = public_id
        copy_text(cursor, sql.Identifier(table), list(rows[0]), rows)
    written = []
    for row in rows:
        row["pk"] = row.pop("id")
        row.setdefault("public_id", None)
        written.append(SimpleNamespace(**row))
    return written


def copy_text(cursor, table: sql.Composable, columns: list[str], rows: list[dict]) -> None:
    """``COPY`` rows (dicts with ``columns`` as keys, in that order) in PostgreSQL's text
    format, written here: psycopg's ``write_row`` adapting value by value cost a third of
    the writing."""
    lines = "".join(
        "\t".join([_TEXT.get(type(v), _other)(v) for v in row.values()]) + "\n" for row in rows
    )
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(table, cols)) as copy:
        copy.write(lines.encode())


def _escaped(text: str) -> str:
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def _json(value) -> str:
    return _escaped(json.dumps(value, ensure_ascii=False, default=str))


def _other(value) -> str:
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, dict | list):
        return _json(value)
    return str(value)


_TEXT = {
    type(None): lambda _: "\\N",
    bool: lambda v: "t" if v else "f",
    int: str,
    str: _escaped,
    datetime.date: datetime.date.isoformat,
    datetime.datetime: datetime.datetime.isoformat,
    uuid.UUID: str,
    dict: _json,
    list: _json,
}


def _municipality() -> Municipality:
    found = Municipality.objects.order_by("pk").first()
    return found or Municipality.objects.create(**DEFAULT_MUNICIPALITY)


def _districts(state, lines):
    municipality = _municipality()
    _upsert(
        state,
        "district",
        lines,
        lambda r: dict(municipality_id=municipality.pk, code=r["code"], name=r["name"]),
    )


def _units(state, lines):
    municipality = _municipality()
    _upsert(
        state,
        "unit",
        lines,
        lambda r: dict(
            municipality_id=municipality.pk,
            code=r["code"],
            kind=r["kind"],
            name=r["name"],
            district_id=_ref(state, "district", r.get("district")),
        ),
    )


def _persons(state, lines):
    keys = [line.checked.record["id"] for line in lines if line.existing]
    before = {
        key: (digest, sealed, protected)
        for key, digest, sealed, protected in Person.objects.filter(
            external_id__in=keys
        ).values_list(
            "external_id", "identity_number_digest", "identity_number_sealed", "protected_identity"
        )
    }
    # The format carries no names, but a name kept here must follow the level (sealed when
    # protected, decision 0022): only then are the name columns written, for the stored rows.
    named = {
        person.external_id: person
        for person in Person.objects.filter(external_id__in=keys)
        .exclude(first_name="", last_name="", name_sealed="")
        .only("external_id", "birth_date", "protected_identity", *NAME_FIELDS)
    }

    def build(r):
        digest, sealed, protected = before.get(r["id"], (None, "", ProtectedIdentity.NONE))
        if "digest" in r and r["digest"] != digest:
            sealed = seal(r["personnummer"])
        row = dict(
            external_id=r["id"],
            birth_date=r["birth_date"],
            gender=r["gender"],
            identity_kind=r.get("identity_kind", IdentityKind.RESERVE),
            identity_number_digest=r.get("digest"),
            identity_number_sealed=sealed if "digest" in r else "",
            protected_identity=protection_level(r, protected),
        )
        if named and r["id"] in before:
            row.update(person_name_columns(named.get(r["id"]), row))
        return row

    persons = _upsert(state, "person", lines, build)
    # A lowering passed the checks (protection.py) only with --user and --lower-protection:
    # each is logged. A parent raised here raises the children placed with or linked to them.
    lowered, raised = [], []
    for person in persons:
        was = before.get(person.external_id, (None, None, ProtectedIdentity.NONE))[2]
        if protection_rank(person.protected_identity) < protection_rank(was):
            lowered.append((person.pk, person.public_id, was))
        elif protection_rank(person.protected_identity) > protection_rank(was):
            raised.append(person.pk)
    lowerings_record(actor=state.actor, lowered=lowered)
    protection_inherit(parent_ids=raised)


def _cases(state, lines):
    cases = _upsert(
        state,
        "case",
        lines,
        lambda r: dict(
            external_id=r["id"],
            person_id=_ref(state, "person", r["person"]),
            district_id=_ref(state, "district", r["district"]),
            lead_unit_id=_ref(state, "unit", r["lead_unit"]),
            source=r["source"],
            opened=r["opened"],
            closed=r.get("closed"),
            closure_reason=r.get("closure_reason", ""),
        ),
    )
    _lead_parts(cases, lines)
    events = []
    for case in cases:
        key = f"case:{case.external_id}:"
        events.append(
            (
                key + "opened",
                case.pk,
                EventKind.OPENED,
                case.opened,
                case.lead_unit_id,
                {"source": case.source},
            )
        )
        if case.closed:
            events.append(
                (
                    key + "closed",
                    case.pk,
                    EventKind.CLOSED,
                    case.closed,
                    case.lead_unit_id,
                    {"reason": case.closure_reason},
                )
            )
    _events_write(events, "case", lines)


def _lead_parts(cases, lines) -> None:
    """The lead unit takes part from the day the case opened, as ``case_open`` has it."""
    existing = [c.pk for c, line in zip(cases, lines, strict=True) if line.existing]
    have = set(
        CaseUnit.objects.filter(
            case_id__in=RawSQL("SELECT unnest(%s::bigint[])", (existing,))
        ).values_list("case_id", "unit_id")
        if existing
        else ()
    )
    rows_insert(
        CaseUnit,
        [
            dict(
                case_id=c.pk,
                unit_id=c.lead_unit_id,
                status=CaseUnitStatus.ACTIVE,
                joined=c.opened,
            )
            for c in cases
            if (c.pk, c.lead_unit_id) not in have
        ],
    )


def _case_units(state, lines):
    # A line for the case's lead unit is the lead unit's part, made when the case was: it
    # takes the line's id and is then updated like any existing part.
    for line in lines:
        record = line.checked.record
        if not line.existing and state.case_lead.get(record["case"]) == record["unit"]:
            CaseUnit.objects.filter(
                case_id=_ref(state, "case", record["case"]),
                unit_id=_ref(state, "unit", record["unit"]),
                external_id__isnull=True,
            ).update(external_id=record["id"])
            line.existing = True
    parts = _upsert(
        state,
        "case_unit",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            unit_id=_ref(state, "unit", r["unit"]),
            status=CaseUnitStatus.LEFT if r.get("left") else CaseUnitStatus.ACTIVE,
            joined=r["joined"],
            left=r.get("left"),
        ),
    )
    events = []
    for part in parts:
        key = f"case_unit:{part.external_id}:"
        events.append(
            (key + "joined", part.case_id, EventKind.UNIT_JOINED, part.joined, part.unit_id, {})
        )
        if part.left:
            events.append(
                (key + "left", part.case_id, EventKind.UNIT_LEFT, part.left, part.unit_id, {})
            )
    _events_write(events, "case_unit", lines)


def _consents(state, lines):
    consents = _upsert(
        state,
        "consent",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            given=r["given"],
            withdrawn=r.get("withdrawn"),
            form=CONSENT_FORM,
            purpose=CONSENT_PURPOSE,
        ),
    )
    through = MODELS["consent"].units.through
    existing = [c.pk for c, line in zip(consents, lines, strict=True) if line.existing]
    if existing:
        through.objects.filter(consent_id__in=existing).delete()
    rows = [
        {"consent_id": consent.pk, "unit_id": _ref(state, "unit", code)}
        for consent, line in zip(consents, lines, strict=True)
        for code in dict.fromkeys(line.checked.record["scope"])
    ]
    if rows:
        with connection.cursor() as cursor:
            copy_text(cursor.cursor, sql.Identifier(through._meta.db_table), list(rows[0]), rows)
    _consent_description_scopes(state, consents, lines, existing)
    events = []
    for consent, line in zip(consents, lines, strict=True):
        key, public = f"consent:{consent.external_id}:", str(consent.public_id)
        scope = sorted(set(line.checked.record["scope"]))
        events.append(
            (
                key + "recorded",
                consent.case_id,
                EventKind.CONSENT_RECORDED,
                consent.given,
                None,
                {"consent": public, "units": scope, "partners": []},
            )
        )
        if consent.withdrawn:
            events.append(
                (
                    key + "withdrawn",
                    consent.case_id,
                    EventKind.CONSENT_WITHDRAWN,
                    consent.withdrawn,
                    None,
                    {"consent": public},
                )
            )
    _events_write(events, "consent", lines)


def _consent_description_scopes(state, consents, lines, existing) -> None:
    """The units that may read the description of violence (``violence_description_scope``,
    decision 0039): replaced on update; a line without it shares it with the lead unit only."""
    through = MODELS["consent"].violence_description_units.through
    if existing:
        through.objects.filter(consent_id__in=existing).delete()
    rows = [
        {"consent_id": consent.pk, "unit_id": _ref(state, "unit", code)}
        for consent, line in zip(consents, lines, strict=True)
        for code in dict.fromkeys(line.checked.record.get("violence_description_scope", ()))
    ]
    if rows:
        with connection.cursor() as cursor:
            copy_text(cursor.cursor, sql.Identifier(through._meta.db_table), list(rows[0]), rows)


def _screenings(state, lines):
    _upsert(
        state,
        "screening",
        lines,
        lambda r: dict(
            external_id=r["id"],
            unit_id=_ref(state, "unit", r["unit"]),
            date=r["date"],
            asked=r["asked"],
            outcome=r.get("outcome", ""),
            person_id=_ref(state, "person", r.get("person")),
        ),
    )


def _risk_assessments(state, lines):
    assessments = _upsert(
        state,
        "risk_assessment",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            date=r["date"],
            instrument=r["instrument"],
            level=r.get("level", ""),
        ),
    )
    events = [
        (
            f"risk_assessment:{a.external_id}:assessed",
            a.case_id,
            EventKind.RISK_ASSESSED,
            a.date,
            None,
            {"instrument": a.instrument, "level": a.level},
        )
        for a in assessments
    ]
    _events_write(events, "risk_assessment", lines)


def _decisions(state, lines):
    decisions = _upsert(
        state,
        "decision",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            intervention=r["intervention"],
            decided=r["decided"],
            start=r["start"],
            end=r.get("end"),
            provider_id=_ref(state, "unit", r.get("provider")),
        ),
    )
    events = [
        (
            f"decision:{d.external_id}:made",
            d.case_id,
            EventKind.DECISION_MADE,
            d.decided,
            None,
            {"intervention": d.intervention, "start": _iso(d.start), "end": _iso(d.end)},
        )
        for d in decisions
    ]
    _events_write(events, "decision", lines)


def _iso(day):
    return None if day is None else day.isoformat()


def _placements(state, lines):
    def build(r):
        housing = r.get("next_housing") or {}
        return dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            start=r["start"],
            end=r.get("end"),
            end_reason=r.get("end_reason", ""),
            next_housing_type=housing.get("type") or "",
            next_housing_contract_months=housing.get("contract_months"),
        )

    placements = _upsert(
        state,
        "placement",
        lines,
        build,
    )
    children = [
        (
            placement,
            child["person"],
            _ref(state, "person", child["person"]),
            child["schooling_start"],
        )
        for placement, line in zip(placements, lines, strict=True)
        for child in line.checked.record["children"]
    ]
    public_ids = dict(
        Person.objects.filter(
            pk__in=RawSQL("SELECT unnest(%s::bigint[])", (list({c[2] for c in children}),))
        ).values_list("pk", "public_id")
    )
    _placement_children(placements, lines, children)
    # Placed with a protected parent, a child is protected at least as the parent is.
    protection_inherit(placement_ids=[p.pk for p in placements])
    events = []
    for p in placements:
        key = f"placement:{p.external_id}:"
        events.append(
            (
                key + "started",
                p.case_id,
                EventKind.PLACEMENT_STARTED,
                p.start,
                None,
                {"placement": str(p.public_id)},
            )
        )
        if p.end:
            events.append(
                (
                    key + "ended",
                    p.case_id,
                    EventKind.PLACEMENT_ENDED,
                    p.end,
                    None,
                    {
                        "end_reason": p.end_reason,
                        "next_housing_type": p.next_housing_type,
                        "next_housing_contract_months": p.next_housing_contract_months,
                    },
                )
            )
    for p, child_id, pk, schooling in children:
        key, child = f"placement:{p.external_id}:child:{child_id}:", str(public_ids[pk])
        events.append(
            (
                key + "placed",
                p.case_id,
                EventKind.CHILD_PLACED,
                p.start,
                None,
                {"child": child, "schooling_start": _iso(schooling)},
            )
        )
        if schooling:
            events.append(
                (
                    key + "schooling",
                    p.case_id,
                    EventKind.CHILD_SCHOOLING_STARTED,
                    schooling,
                    None,
                    {"child": child, "schooling_kind": ""},
                )
            )
    _events_write(events, "placement", lines)


def _placement_children(placements, lines, children) -> None:
    """A new placement's children are copied in; an existing one's are upserted, and those
    no longer listed removed."""
    again = {p.pk for p, line in zip(placements, lines, strict=True) if line.existing}
    kept = models.Q()
    for placement in placements:
        if placement.pk in again:
            kept |= models.Q(placement_id=placement.pk) & ~models.Q(
                child_id__in=[c[2] for c in children if c[0] is placement]
            )
    if again:
        PlacementChild.objects.filter(kept).delete()
    PlacementChild.objects.bulk_create(
        [
            PlacementChild(placement_id=p.pk, child_id=pk, schooling_start=s)
            for p, _, pk, s in children
            if p.pk in again
        ],
        update_conflicts=True,
        unique_fields=["placement", "child"],
        update_fields=["schooling_start"],
    )
    rows_insert(
        PlacementChild,
        [
            {"placement_id": p.pk, "child_id": pk, "schooling_start": s}
            for p, _, pk, s in children
            if p.pk not in again
        ],
    )


def _follow_ups(state, lines):
    follow_ups = _upsert(
        state,
        "follow_up",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            date=r["date"],
            placement_id=_ref(state, "placement", r.get("placement")),
            decision_id=_ref(state, "decision", r.get("decision")),
            goal_achieved=r.get("goal_achieved"),
            improved_situation=r.get("improved_situation"),
        ),
    )
    placement_ids = dict(
        MODELS["placement"]
        .objects.filter(pk__in={f.placement_id for f in follow_ups} - {None})
        .values_list("pk", "public_id")
    )
    decision_ids = dict(
        MODELS["decision"]
        .objects.filter(pk__in={f.decision_id for f in follow_ups} - {None})
        .values_list("pk", "public_id")
    )
    events = [
        (
            f"follow_up:{f.external_id}:recorded",
            f.case_id,
            EventKind.FOLLOW_UP_RECORDED,
            f.date,
            None,
            {
                "goal_achieved": f.goal_achieved,
                "improved_situation": f.improved_situation,
                "placement": _str(placement_ids.get(f.placement_id)),
                "decision": _str(decision_ids.get(f.decision_id)),
            },
        )
        for f in follow_ups
    ]
    _events_write(events, "follow_up", lines)


def _str(value):
    return None if value is None else str(value)


def _shis_referrals(state, lines):
    referrals = _upsert(
        state,
        "shis_referral",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            date=r["date"],
            kind=r["kind"],
        ),
    )
    events = [
        (
            f"shis_referral:{s.external_id}:referral",
            s.case_id,
            EventKind.SHIS_REFERRAL,
            s.date,
            None,
            {"referral_kind": s.kind},
        )
        for s in referrals
    ]
    _events_write(events, "shis_referral", lines)


def _sips(state, lines):
    sips = _upsert(
        state,
        "sip",
        lines,
        lambda r: dict(
            external_id=r["id"],
            case_id=_ref(state, "case", r["case"]),
            date=r["date"],
            participants=r.get("participants", []),
            responsible=r.get("responsible", ""),
            next_follow_up=r.get("next_follow_up"),
        ),
    )
    events = [
        (
            f"sip:{s.external_id}:held",
            s.case_id,
            EventKind.SIP_HELD,
            s.date,
            None,
            {"next_follow_up": _iso(s.next_follow_up)},
        )
        for s in sips
    ]
    _events_write(events, "sip", lines)


def _events_write(events: list[Event], type_: str, lines: list[Line]) -> None:
    """Upsert the events; for records that existed, delete their events that no longer
    follow from them (an end or a child removed)."""
    updated = {f"{type_}:{line.checked.key}:" for line in lines if line.existing}
    rows = [
        {
            "external_id": key,
            "case_id": case,
            "kind": kind,
            "day": day,
            "unit_id": unit,
            "data": data,
        }
        for key, case, kind, day, unit, data in events
    ]
    # A new record's events are new too; an existing record's are upserted.
    if not updated:
        rows_insert(CaseEvent, rows)
        return
    again = [_of_any(row["external_id"], updated) for row in rows]
    rows_insert(CaseEvent, [row for row, old in zip(rows, again, strict=True) if not old])
    rows_upsert(
        CaseEvent, "external_id", [row for row, old in zip(rows, again, strict=True) if old]
    )
    wanted = {event[0] for event in events}
    cases = {event[1] for event in events}
    stale = [
        pk
        for pk, key in CaseEvent.objects.filter(
            case_id__in=cases, external_id__startswith=f"{type_}:"
        ).values_list("pk", "external_id")
        if key not in wanted and _of_any(key, updated)
    ]
    CaseEvent.objects.filter(pk__in=stale).delete()


def _of_any(key: str, prefixes: set[str]) -> bool:
    return any(key[: i + 1] in prefixes for i, char in enumerate(key) if char == ":")


WRITERS = {
    "district": _districts,
    "unit": _units,
    "person": _persons,
    "case": _cases,
    "case_unit": _case_units,
    "consent": _consents,
    "screening": _screenings,
    "risk_assessment": _risk_assessments,
    "decision": _decisions,
    "placement": _placements,
    "follow_up": _follow_ups,
    "shis_referral": _shis_referrals,
    "sip": _sips,
}
