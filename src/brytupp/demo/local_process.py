"""Every current district's local process in the demo (decision 0051): who offers each item of
the palette and how a person reaches them, written through ``local_offer_set`` as the process
owners would have.

The district's RVT gives counselling, the support in the legal process and the support towards
a permanent home; the RVC that serves the district the support talks; the district's economic
assistance the financial support and its open interventions the practical support; Region
Stockholm the contact with health care. Two gaps stay, so that the city's page and Likställighet
show them: no group talks in Skärholmen, no practical support in Hässelby-Vällingby. Farsta's
process owner (the demo login ``farsta.process``) wrote Farsta's, and changed the counselling's
phone once, so its history has two versions; the others are the system's.

Every contact is made up: phone numbers in the 08-123 45 xx series, addresses on an
"Exempelgatan", e-mail addresses at example.se. Nothing is drawn from the demo's random
generator, so the rest of the demo is as it was.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from brytupp.interventions.models import PALETTE, Intervention
from brytupp.localprocess.services import local_offer_set
from brytupp.organisation.models import District, Partner, Unit, UnitKind, User

PROCESS_OWNER = "farsta.process"
OWNERS_DISTRICT = "farsta"
# (district code, item) that no one offers.
GAPS = frozenset(
    {
        ("skarholmen", Intervention.STODSAMTAL_GRUPP),
        ("hasselby-vallingby", Intervention.PRAKTISKT_STOD),
    }
)
# Which kind of the district's units offers an item; the rest are the RVC's or a partner's.
DISTRICT_UNIT_KIND = {
    Intervention.RADGIVNING: UnitKind.RVT,
    Intervention.RATTSPROCESS: UnitKind.RVT,
    Intervention.STADIGVARANDE_BOENDE: UnitKind.RVT,
    Intervention.EKONOMISKT_STOD: UnitKind.EKONOMISKT_BISTAND,
    Intervention.PRAKTISKT_STOD: UnitKind.OPPNA_INSATSER,
}
RVC_ITEMS = (Intervention.STODSAMTAL_INDIVIDUELLT, Intervention.STODSAMTAL_GRUPP)
HEALTH_CARE_PARTNER = "region-stockholm"

HOURS = {
    UnitKind.RVT: "Måndag–fredag 8.00–16.30. Telefontid 9.00–11.00.",
    UnitKind.EKONOMISKT_BISTAND: "Måndag–fredag 8.30–16.00. Telefontid 9.00–10.30.",
    UnitKind.OPPNA_INSATSER: "Måndag–torsdag 8.00–17.00, fredag 8.00–15.00.",
    UnitKind.RVC: "Måndag–fredag 8.00–16.00. Grupper tisdag och torsdag kväll.",
}
SAFE_CONTACT = {
    UnitKind.RVT: (
        "Ring och be att bli uppringd: vi ringer från dolt nummer och presenterar oss inte "
        "förrän du bekräftat att du kan prata. Tolk bokas av oss."
    ),
    UnitKind.EKONOMISKT_BISTAND: (
        "Säg att det gäller våld i nära relation, så får du en handläggare direkt. Inga brev "
        "till en adress du delar med den som utsätter dig."
    ),
    UnitKind.OPPNA_INSATSER: "Vi kan träffas på en annan plats än hemma. Tolk bokas av oss.",
    UnitKind.RVC: (
        "Du kan komma utan att ha bokat tid. Säg till om du vill vara anonym; vi ringer upp "
        "från dolt nummer."
    ),
}
PARTNER_CONTACT = {
    "phone": "08-123 45 99",
    "email": "vardkontakt@example.se",
    "visiting_address": "Vårdcentralen i stadsdelen",
    "hours": "Dygnet runt via 1177 (exempel).",
    "safe_contact": "Be om att få prata med vårdpersonal i enrum.",
    "waiting_days": None,
}
WAIT = {UnitKind.RVT: 3, UnitKind.EKONOMISKT_BISTAND: 5, UnitKind.OPPNA_INSATSER: 10}
RVC_WAIT = {Intervention.STODSAMTAL_INDIVIDUELLT: 14, Intervention.STODSAMTAL_GRUPP: 30}


def _contact(unit: Unit, number: int) -> dict:
    """Made-up contacts of ``unit``: the ``number``-th phone number of the 08-123 45 xx
    series and an address on Exempelgatan."""
    return {
        "phone": f"08-123 45 {number:02d}",
        "email": f"{unit.code}@example.se",
        "visiting_address": f"Exempelgatan {number}, Stockholm",
        "hours": HOURS[UnitKind(unit.kind)],
        "safe_contact": SAFE_CONTACT[UnitKind(unit.kind)],
    }


class _Numbers:
    """One phone number for each unit, in the order they are first needed."""

    def __init__(self) -> None:
        self.taken: dict[int, int] = {}

    def of(self, unit: Unit) -> int:
        return self.taken.setdefault(unit.pk, len(self.taken) + 1)


def _rvc_of(district: District, today: datetime.date) -> Unit | None:
    return district.serving_units.valid_on(today).filter(kind=UnitKind.RVC).order_by("code").first()


def local_process_generate() -> int:
    """Write every current district's local process; the number of answers written."""
    today = timezone.localdate()
    owner = User.objects.filter(username=PROCESS_OWNER).first()
    health_care = Partner.objects.get(code=HEALTH_CARE_PARTNER)
    numbers = _Numbers()
    written = 0
    for district in District.objects.valid_on(today).order_by("code"):
        units = {u.kind: u for u in Unit.objects.valid_on(today).filter(district=district)}
        rvc = _rvc_of(district, today)
        actor = owner if district.code == OWNERS_DISTRICT else None
        for item in PALETTE:
            if item in RVC_ITEMS:
                unit = rvc
                wait = RVC_WAIT[item]
            elif item in DISTRICT_UNIT_KIND:
                unit = units.get(DISTRICT_UNIT_KIND[item])
                wait = WAIT[DISTRICT_UNIT_KIND[item]]
            else:  # the contact with health care
                local_offer_set(
                    actor=actor,
                    district=district,
                    item=item,
                    partner=health_care,
                    **PARTNER_CONTACT,
                )
                written += 1
                continue
            if (district.code, item) in GAPS or unit is None:
                local_offer_set(
                    actor=actor,
                    district=district,
                    item=item,
                    phone="",
                    email="",
                    visiting_address="",
                    hours="",
                    safe_contact="",
                    waiting_days=None,
                )
            else:
                contact = _contact(unit, numbers.of(unit))
                local_offer_set(
                    actor=actor,
                    district=district,
                    item=item,
                    unit=unit,
                    waiting_days=wait,
                    **contact,
                )
                if actor is not None and item == Intervention.RADGIVNING:
                    # The telephone hours moved: the history has two versions.
                    local_offer_set(
                        actor=actor,
                        district=district,
                        item=item,
                        unit=unit,
                        waiting_days=wait,
                        **{**contact, "hours": "Måndag–fredag 8.00–16.30. Telefontid 13.00–15.00."},
                        version=1,
                    )
            written += 1
    return written
