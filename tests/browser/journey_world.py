"""The synthetic world of the case-journey browser tests, and shortcuts that bring a case to
the point where a journey starts, through the same services the pages call.

Everything here is obviously synthetic: a district called Testdistrikt, case workers with
made-up names, a person called Testa Exempelsson with a reserve identity and her child born on
2017-01-01 (the date of Skatteverket's test number 20170101-2393).
"""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

from django.utils import timezone, translation
from django.utils.translation import gettext

from brytupp.cases import joint
from brytupp.cases import services as case_services
from brytupp.interventions import services as interventions
from brytupp.organisation.models import Role, UnitKind
from brytupp.people import services as people_services
from tests import factories

PERSON = SimpleNamespace(first="Testa", last="Exempelsson", born="1985-03-15")
CHILD = SimpleNamespace(first="Lilla", last="Exempelsson", born="2017-01-01")
ACCOUNT = (
    "Testa berättar att hon har levt med våld i nära relation i flera år.\n"
    "Hon vill flytta med sin dotter och behöver hjälp med boende och ekonomi."
)
PURPOSE = "Att ekonomiskt bistånd kan planera stödet tillsammans med RVT."
SHORT_TERM = "Pengar till mat och resor under den första månaden."
LONG_TERM = "Egen försörjning efter flytten."


def sv(message) -> str:
    """The message as the Swedish pages show it: translated when the catalogue has it, else
    the English source, just as the page falls back. A lazy message is resolved in Swedish."""
    with translation.override("sv"):
        return gettext(message) if isinstance(message, str) else str(message)


def any_of(*messages: str) -> re.Pattern:
    """A pattern matching the Swedish or English text of each message (for text that the
    catalogue may not have yet)."""
    texts = {text for message in messages for text in (message, sv(message))}
    return re.compile("|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True)))


def today() -> datetime.date:
    return timezone.localdate()


def world() -> SimpleNamespace:
    """Testdistrikt with an RVT and an ekonomiskt-bistånd unit, Provdistrikt with its own RVT,
    and a case worker in each unit: A (RVT), B (ekonomiskt bistånd), C (Provdistrikt's RVT)."""
    district = factories.DistrictFactory(code="testdistrikt", name="Testdistrikt")
    other_district = factories.DistrictFactory(code="provdistrikt", name="Provdistrikt")
    rvt = factories.UnitFactory(
        district=district,
        kind=UnitKind.RVT,
        code="testdistrikt-rvt",
        name="Relationsvåldsteamet Testdistrikt",
    )
    ekb = factories.UnitFactory(
        district=district,
        kind=UnitKind.EKONOMISKT_BISTAND,
        code="testdistrikt-ekb",
        name="Ekonomiskt bistånd Testdistrikt",
    )
    other_rvt = factories.UnitFactory(
        district=other_district,
        kind=UnitKind.RVT,
        code="provdistrikt-rvt",
        name="Relationsvåldsteamet Provdistrikt",
    )
    a = factories.staff(
        Role.HANDLAGGARE, rvt, username="test.rvt", first_name="Agda", last_name="Testhandläggare"
    )
    b = factories.staff(
        Role.HANDLAGGARE, ekb, username="test.ekb", first_name="Berit", last_name="Testbistånd"
    )
    c = factories.staff(
        Role.HANDLAGGARE,
        other_rvt,
        username="test.annan",
        first_name="Cecilia",
        last_name="Testandradotter",
    )
    return SimpleNamespace(
        district=district, other_district=other_district, rvt=rvt, ekb=ekb,
        other_rvt=other_rvt, a=a, b=b, c=c,
    )  # fmt: skip


# --- shortcuts: each brings the case one stage further, as the journey before it would ---------


def opened(w):
    person = people_services.person_register(
        actor=None,
        first_name=PERSON.first,
        last_name=PERSON.last,
        birth_date=datetime.date.fromisoformat(PERSON.born),
        gender="female",
    )
    return case_services.case_open(
        actor=w.a, person=person, district=w.district, lead_unit=w.rvt, source="self",
        opened=today(),
    )  # fmt: skip


def shared_with_ekb(w, case):
    """The account written, consent covering ekonomiskt bistånd, and the unit invited."""
    case_services.case_account_write(actor=w.a, case=case, account=ACCOUNT)
    case_services.consent_record(
        actor=w.a, case=case, given=today(), form="written", purpose=PURPOSE, units=[w.ekb]
    )
    return case_services.case_unit_invite(actor=w.a, case=case, unit=w.ekb, invited=today())


def ekb_joined(w, case, part):
    case_services.case_unit_accept(actor=w.b, part=part, joined=today(), responsible=w.b)
    joint.needs_assessment_record(
        actor=w.b, case=case, area="economy", short_term=SHORT_TERM, long_term=LONG_TERM
    )


def placed_and_moved_on(w, case):
    """A 14-day decision on protected housing, a placement with the child, the child's
    schooling, a follow-up, and the placement ended with a second-hand contract."""
    decision = interventions.decision_make(
        actor=w.a, case=case, intervention="skyddat_boende", decided=today(), start=today(),
        end=today() + datetime.timedelta(days=13),
    )  # fmt: skip
    child = people_services.person_register(
        actor=None,
        first_name=CHILD.first,
        last_name=CHILD.last,
        birth_date=datetime.date.fromisoformat(CHILD.born),
        gender="female",
    )
    people_services.guardian_link(child=child, guardian=case.person)
    placement = interventions.placement_start(
        actor=w.a, case=case, start=today(), provider="Testboendet", decision=decision,
        children=[interventions.ChildPlaced(child=child)],
    )  # fmt: skip
    interventions.child_schooling_record(
        actor=w.a, placed=placement.children.get(), schooling_start=today(),
        schooling_kind="school",
    )  # fmt: skip
    interventions.follow_up_record(
        actor=w.a, case=case, date=today(), placement=placement, goal_achieved=True,
        improved_situation=True, note="Uppföljning efter första veckan.",
    )  # fmt: skip
    interventions.placement_end(
        actor=w.a, placement=placement, end=today(), end_reason="completed",
        next_housing_type="second_hand", next_housing_contract_months=12,
    )  # fmt: skip
    return placement
