"""A person held by two units of one district (the lead RVT and a unit taking part by
consent), an insider in another district's unit, and a manager of an unrelated unit. Every
name and number is made up."""

from __future__ import annotations

import datetime

from django.utils import timezone

from brytupp.cases.services import case_open, case_unit_join, consent_record
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
IDENTITY_NUMBER = "198503042387"


def holding_world(district, rvt) -> dict:
    consenting = factories.UnitFactory(district=district, kind="barn_unga", name="BoU Test")
    unrelated = factories.UnitFactory(district=district, kind="vuxen_beroende", name="Vux Test")
    far_district = factories.DistrictFactory()
    far_unit = factories.UnitFactory(district=far_district, kind="rvt", name="Fjärran RVT")
    lead_worker = factories.staff("handlaggare", rvt, username="lead_worker")
    person = factories.person(
        first_name="Fejka",
        last_name="Hållensson",
        birth_date=datetime.date(1985, 3, 4),
        identity_number=IDENTITY_NUMBER,
    )
    case = case_open(
        actor=lead_worker,
        person=person,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 30 * DAY,
    )
    consent_record(
        actor=lead_worker,
        case=case,
        given=TODAY - 29 * DAY,
        form="written",
        purpose="Samhandläggning",
        units=[consenting],
    )
    case_unit_join(case=case, unit=consenting, joined=TODAY - 29 * DAY, actor=lead_worker)
    return {
        "person": person,
        "case": case,
        "lead_worker": lead_worker,
        "lead_manager": factories.staff("enhetschef", rvt, username="lead_manager"),
        "consenting_manager": factories.staff("enhetschef", consenting, username="bou_manager"),
        "unrelated_manager": factories.staff("enhetschef", unrelated, username="vux_manager"),
        "insider": factories.staff("handlaggare", far_unit, username="insider"),
        "far_manager": factories.staff("enhetschef", far_unit, username="far_manager"),
        "administrator": factories.staff("systemforvaltare", far_unit, username="sysadmin"),
    }
