"""A small valid file of interchange format v1, one record of every type, to break one rule
at a time."""

from __future__ import annotations

import json

# Line numbers below are 1-based positions in BASE.
BASE = [
    {"type": "district", "code": "d1", "name": "Norrby"},
    {"type": "unit", "code": "d1-rvt", "kind": "rvt", "name": "RVT Norrby", "district": "d1"},
    {
        "type": "unit",
        "code": "d1-ekb",
        "kind": "ekonomiskt_bistand",
        "name": "EKB",
        "district": "d1",
    },
    {
        "type": "person",
        "id": "p1",
        "birth_date": "1958-02-24",
        "gender": "female",
        "personnummer": "19580224-3724",
    },
    {"type": "person", "id": "p2", "birth_date": "2015-05-05", "gender": "male"},
    {
        "type": "case",
        "id": "c1",
        "person": "p1",
        "district": "d1",
        "lead_unit": "d1-rvt",
        "opened": "2024-01-10",
        "source": "self",
    },
    {"type": "case_unit", "id": "cu1", "case": "c1", "unit": "d1-ekb", "joined": "2024-01-12"},
    {"type": "consent", "id": "co1", "case": "c1", "given": "2024-01-11", "scope": ["d1-ekb"]},
    {
        "type": "screening",
        "id": "sc1",
        "unit": "d1-ekb",
        "date": "2024-01-05",
        "asked": True,
        "outcome": "positive",
        "person": "p1",
    },
    {
        "type": "risk_assessment",
        "id": "ra1",
        "case": "c1",
        "date": "2024-01-10",
        "instrument": "freda_farlighet",
        "level": "high",
    },
    {
        "type": "decision",
        "id": "de1",
        "case": "c1",
        "intervention": "skyddat_boende",
        "decided": "2024-01-10",
        "start": "2024-01-10",
        "end": "2024-01-24",
        "provider": "d1-ekb",
    },
    {
        "type": "placement",
        "id": "pl1",
        "case": "c1",
        "start": "2024-01-10",
        "end": "2024-02-10",
        "end_reason": "completed",
        "next_housing": {"type": "first_hand", "contract_months": 12},
        "children": [{"person": "p2", "schooling_start": "2024-01-15"}],
    },
    {
        "type": "follow_up",
        "id": "fu1",
        "case": "c1",
        "date": "2024-01-15",
        "placement": "pl1",
        "decision": "de1",
        "goal_achieved": True,
    },
    {"type": "shis_referral", "id": "sh1", "case": "c1", "date": "2024-03-01", "kind": "mellanbo"},
    {
        "type": "sip",
        "id": "sip1",
        "case": "c1",
        "date": "2024-03-02",
        "participants": ["psykiatri"],
        "responsible": "RVT",
        "next_follow_up": "2024-06-01",
    },
]


def text(records: list) -> str:
    return "\n".join(
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    )


def changed(line: int, **fields) -> list:
    """BASE with fields of one line (1-based) set; a value of ``...`` removes the field."""
    records = [dict(r) for r in BASE]
    for name, value in fields.items():
        if value is ...:
            records[line - 1].pop(name, None)
        else:
            records[line - 1][name] = value
    return records
