"""Export in interchange format v1: every record the import reads, in an order where each
line refers only to earlier ones, streamed from the database in chunks (memory flat in the
number of records).

A record's ``id`` is the producer's id it was imported with, or otherwise our opaque
``public_id`` (a unit's part in a case, which has none, gets ``<case id>:<unit code>:<joined>``);
so an export of imported data can be imported again over it without duplicates.

Protected identity is masked in exports: a person with protected identity is written with
``protected_identity: true`` and without ``personnummer``. Each exported person is an access
to their data: one access-log entry of the kind ``export`` per person, written in batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.db.models import F, Q

from brytupp.assessments.models import RiskAssessment, Screening
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record_persons
from brytupp.cases.models import Case, CaseAcceptance, CaseUnit, CaseUnitStatus, Consent
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import Decision, FollowUp, Placement, PlacementChild
from brytupp.organisation.models import District, Unit
from brytupp.people.models import IdentityKind, Person, ProtectedIdentity
from brytupp.people.sealing import unseal
from brytupp.plans.models import Sip

CHUNK = 2000
LOG_BATCH = 2000


@dataclass
class ExportResult:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, type_: str) -> None:
        self.counts[type_] = self.counts.get(type_, 0) + 1


def _id(external_id, public_id) -> str:
    return external_id or str(public_id)


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _clean(record: dict) -> dict:
    """Optional fields that are empty are left out, as the format allows."""
    return {key: value for key, value in record.items() if value is not None}


class _Scope:
    """What an export covers: everything, or one district's cases and what they refer to."""

    def __init__(self, district: District | None):
        self.district = district

    def cases(self):
        # Only accepted cases: a pending case is not a case yet and a refused one never was
        # (decision 0016); the format has no acceptance, so the import would make them
        # ordinary cases, and a pending one beside an accepted one would be two in a district.
        cases = Case.objects.filter(acceptance=CaseAcceptance.ACCEPTED)
        return cases.filter(district=self.district) if self.district else cases

    def of_cases(self, model):
        return model.objects.filter(case__in=self.cases())

    def screenings(self):
        screenings = Screening.objects.all()
        return screenings.filter(unit__district=self.district) if self.district else screenings

    def persons(self):
        if not self.district:
            return Person.objects.all()
        return Person.objects.filter(
            Q(pk__in=self.cases().values("person_id"))
            | Q(
                pk__in=PlacementChild.objects.filter(placement__case__in=self.cases()).values(
                    "child_id"
                )
            )
            | Q(pk__in=self.screenings().exclude(person=None).values("person_id"))
        )

    def units(self):
        if not self.district:
            return Unit.objects.all()
        cases = self.cases()
        return Unit.objects.filter(
            Q(district=self.district)
            | Q(district__isnull=True)
            | Q(pk__in=cases.values("lead_unit_id"))
            | Q(pk__in=CaseUnit.objects.filter(case__in=cases).values("unit_id"))
            | Q(
                pk__in=Consent.units.through.objects.filter(consent__case__in=cases).values(
                    "unit_id"
                )
            )
            | Q(pk__in=Decision.objects.filter(case__in=cases).values("provider_id"))
        )

    def districts(self):
        if not self.district:
            return District.objects.all()
        return District.objects.filter(
            Q(pk=self.district.pk) | Q(pk__in=self.units().values("district_id"))
        )


def _lines(scope: _Scope, persons_seen: list) -> Iterator[tuple[str, dict]]:
    for d in scope.districts().order_by("code").iterator(CHUNK):
        yield "district", {"code": d.code, "name": d.name}
    for u in scope.units().select_related("district").order_by("code").iterator(CHUNK):
        yield (
            "unit",
            _clean(
                {
                    "code": u.code,
                    "kind": u.kind,
                    "name": u.name,
                    "district": u.district.code if u.district else None,
                }
            ),
        )
    person_ids = {}
    for p in scope.persons().order_by("pk").iterator(CHUNK):
        person_ids[p.pk] = _id(p.external_id, p.public_id)
        persons_seen.append(p.public_id)
        protected = p.protected_identity != ProtectedIdentity.NONE
        number = None
        if not protected and p.identity_kind != IdentityKind.RESERVE:
            number = unseal(p.identity_number_sealed)
        yield (
            "person",
            _clean(
                {
                    "id": person_ids[p.pk],
                    "birth_date": _iso(p.birth_date),
                    "gender": p.gender,
                    "personnummer": number,
                    "protected_identity": protected,
                }
            ),
        )
    yield from _case_lines(scope, person_ids)


def _case_lines(scope: _Scope, person_ids: dict) -> Iterator[tuple[str, dict]]:
    case_ids = {}
    cases = scope.cases().select_related("district", "lead_unit").order_by("pk")
    for c in cases.iterator(CHUNK):
        case_ids[c.pk] = _id(c.external_id, c.public_id)
        yield (
            "case",
            _clean(
                {
                    "id": case_ids[c.pk],
                    "person": person_ids[c.person_id],
                    "district": c.district.code,
                    "lead_unit": c.lead_unit.code,
                    "opened": _iso(c.opened),
                    "source": c.source,
                    "closed": _iso(c.closed),
                    "closure_reason": c.closure_reason if c.closed else None,
                }
            ),
        )
    parts = (
        scope.of_cases(CaseUnit)
        .filter(status__in=[CaseUnitStatus.ACTIVE, CaseUnitStatus.LEFT], joined__isnull=False)
        .exclude(unit_id=F("case__lead_unit_id"))  # the import makes the lead's part itself
        .select_related("unit")
        .order_by("pk")
    )
    for part in parts.iterator(CHUNK):
        case = case_ids[part.case_id]
        yield (
            "case_unit",
            _clean(
                {
                    "id": part.external_id or f"{case}:{part.unit.code}:{part.joined.isoformat()}",
                    "case": case,
                    "unit": part.unit.code,
                    "joined": _iso(part.joined),
                    "left": _iso(part.left),
                }
            ),
        )
    consents = (
        scope.of_cases(Consent)
        .prefetch_related("units", "violence_description_units")
        .order_by("pk")
    )
    for consent in consents.iterator(CHUNK):
        yield (
            "consent",
            _clean(
                {
                    "id": _id(consent.external_id, consent.public_id),
                    "case": case_ids[consent.case_id],
                    "given": _iso(consent.given),
                    "scope": sorted(unit.code for unit in consent.units.all()),
                    "withdrawn": _iso(consent.withdrawn),
                    "violence_description_scope": sorted(
                        unit.code for unit in consent.violence_description_units.all()
                    )
                    or None,
                }
            ),
        )
    for s in scope.screenings().select_related("unit").order_by("pk").iterator(CHUNK):
        yield (
            "screening",
            _clean(
                {
                    "id": _id(s.external_id, s.public_id),
                    "unit": s.unit.code,
                    "date": _iso(s.date),
                    "asked": s.asked,
                    "outcome": s.outcome or None,
                    "person": person_ids.get(s.person_id) if s.person_id else None,
                }
            ),
        )
    for r in scope.of_cases(RiskAssessment).order_by("pk").iterator(CHUNK):
        yield (
            "risk_assessment",
            _clean(
                {
                    "id": _id(r.external_id, r.public_id),
                    "case": case_ids[r.case_id],
                    "date": _iso(r.date),
                    "instrument": r.instrument,
                    "level": r.level or None,
                }
            ),
        )
    yield from _intervention_lines(scope, case_ids, person_ids)


def _intervention_lines(scope, case_ids: dict, person_ids: dict) -> Iterator[tuple[str, dict]]:
    decision_ids, placement_ids = {}, {}
    decisions = scope.of_cases(Decision).select_related("provider").order_by("pk")
    for d in decisions.iterator(CHUNK):
        decision_ids[d.pk] = _id(d.external_id, d.public_id)
        yield (
            "decision",
            _clean(
                {
                    "id": decision_ids[d.pk],
                    "case": case_ids[d.case_id],
                    "intervention": d.intervention,
                    "decided": _iso(d.decided),
                    "start": _iso(d.start),
                    "end": _iso(d.end),
                    "provider": d.provider.code if d.provider else None,
                }
            ),
        )
    placements = scope.of_cases(Placement).prefetch_related("children").order_by("pk")
    for p in placements.iterator(CHUNK):
        placement_ids[p.pk] = _id(p.external_id, p.public_id)
        housing = None
        if p.next_housing_type:
            housing = _clean(
                {"type": p.next_housing_type, "contract_months": p.next_housing_contract_months}
            )
        yield (
            "placement",
            _clean(
                {
                    "id": placement_ids[p.pk],
                    "case": case_ids[p.case_id],
                    "start": _iso(p.start),
                    "end": _iso(p.end),
                    "end_reason": p.end_reason if p.end else None,
                    "next_housing": housing,
                    "children": [
                        _clean(
                            {
                                "person": person_ids[child.child_id],
                                "schooling_start": _iso(child.schooling_start),
                            }
                        )
                        for child in sorted(p.children.all(), key=lambda child: child.pk)
                    ],
                }
            ),
        )
    for f in scope.of_cases(FollowUp).order_by("pk").iterator(CHUNK):
        yield (
            "follow_up",
            _clean(
                {
                    "id": _id(f.external_id, f.public_id),
                    "case": case_ids[f.case_id],
                    "date": _iso(f.date),
                    "placement": placement_ids.get(f.placement_id) if f.placement_id else None,
                    "decision": decision_ids.get(f.decision_id) if f.decision_id else None,
                    "goal_achieved": f.goal_achieved,
                    "improved_situation": f.improved_situation,
                }
            ),
        )
    for s in scope.of_cases(ShisReferral).order_by("pk").iterator(CHUNK):
        yield (
            "shis_referral",
            {
                "id": _id(s.external_id, s.public_id),
                "case": case_ids[s.case_id],
                "date": _iso(s.date),
                "kind": s.kind,
            },
        )
    for s in scope.of_cases(Sip).order_by("pk").iterator(CHUNK):
        yield (
            "sip",
            _clean(
                {
                    "id": _id(s.external_id, s.public_id),
                    "case": case_ids[s.case_id],
                    "date": _iso(s.date),
                    "participants": list(s.participants) if s.participants else None,
                    "responsible": s.responsible or None,
                    "next_follow_up": _iso(s.next_follow_up),
                }
            ),
        )


def interchange_export(*, out: IO[str], actor=None, district: District | None = None):
    """Write the records to ``out``, one JSON object a line; log each exported person."""
    result, persons = ExportResult(), []
    with transaction.atomic():  # one consistent snapshot
        for type_, record in _lines(_Scope(district), persons):
            out.write(json.dumps({"type": type_, **record}, ensure_ascii=False) + "\n")
            result.add(type_)
        _log_persons(actor, persons)
    return result


def _log_persons(actor, person_public_ids: list) -> None:
    ground = AccessGround.OVERSIGHT if actor is not None else AccessGround.SYSTEM
    for start in range(0, len(person_public_ids), LOG_BATCH):
        access_log_record_persons(
            actor=actor,
            kind=AccessKind.EXPORT,
            person_public_ids=person_public_ids[start : start + LOG_BATCH],
            ground=ground,
        )
