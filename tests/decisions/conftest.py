"""A case led by a district's RVT, with the unit for financial assistance taking part by
consent; the RVT's delegationsordning as data (decision 0041): its case workers may grant
individual support talks and temporary housing, its manager may decide everything, refusals
included. Two legal grounds: the old Act's bistånd, and a made-up ground of a made-up later
law, in force today. Every name is made up."""

import datetime

import pytest
from django.utils import timezone, translation

from brytupp.cases.services import case_open, case_unit_join, consent_record
from brytupp.interventions.models import Delegation, LegalGround
from brytupp.organisation.models import Role
from tests import factories

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# Since before the old Act's last day, so that a decision under it can be made in a test.
SINCE = datetime.date(2025, 1, 1)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their msgid, whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield


def member(role: str, unit, **user_fields):
    """A user whose membership has been in force since ``SINCE``."""
    user = factories.UserFactory(**user_fields)
    factories.MembershipFactory(user=user, unit=unit, role=role, valid_from=SINCE)
    return user


@pytest.fixture
def grounds():
    old = LegalGround.objects.create(
        code="sol-2001-453-4-1",
        law="Socialtjänstlagen (2001:453)",
        provision="4 kap. 1 §",
        label="Rätt till bistånd",
        valid_from=datetime.date(2002, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    current = LegalGround.objects.create(
        code="testlagen-1-1",
        law="Testlagen (2025:1)",
        provision="1 kap. 1 §",
        label="Bistånd i testlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    return {"old": old, "current": current}


@pytest.fixture
def world(district, rvt, grounds):
    ekb = factories.UnitFactory(
        district=district, kind="ekonomiskt_bistand", name="Ekonomiskt bistånd Test"
    )
    other_rvt = factories.UnitFactory(kind="rvt", name="Relationsvåldsteamet Annan")
    worker = member(Role.HANDLAGGARE, rvt, first_name="Hanna", last_name="Handläggarsson")
    manager = member(Role.ENHETSCHEF, rvt, first_name="Chefia", last_name="Chefsson")
    ekb_worker = member(Role.HANDLAGGARE, ekb)
    outsider = member(Role.ENHETSCHEF, other_rvt)
    lines = {
        "talks": Delegation.objects.create(
            unit=rvt,
            role=Role.HANDLAGGARE,
            intervention="stodsamtal_individuellt",
            valid_from=SINCE,
        ),
        "housing": Delegation.objects.create(
            unit=rvt, role=Role.HANDLAGGARE, intervention="tillfalligt_boende", valid_from=SINCE
        ),
        "manager": Delegation.objects.create(
            unit=rvt, role=Role.ENHETSCHEF, intervention="", may_refuse=True, valid_from=SINCE
        ),
        # The other RVT's manager may decide everything there, not here.
        "elsewhere": Delegation.objects.create(
            unit=other_rvt, role=Role.ENHETSCHEF, may_refuse=True, valid_from=SINCE
        ),
    }
    case = case_open(
        actor=worker,
        person=factories.person(first_name="Fejka", last_name="Sökandesson"),
        district=district,
        lead_unit=rvt,
        source="self",
        opened=datetime.date(2025, 5, 2),
    )
    consent = consent_record(
        actor=worker,
        case=case,
        given=datetime.date(2025, 5, 2),
        form="written",
        purpose="Samordnat stöd",
        units=[ekb],
    )
    case_unit_join(actor=ekb_worker, case=case, unit=ekb, joined=datetime.date(2025, 5, 3))
    return {
        "rvt": rvt,
        "ekb": ekb,
        "case": case,
        "consent": consent,
        "worker": worker,
        "manager": manager,
        "ekb_worker": ekb_worker,
        "outsider": outsider,
        "lines": lines,
        **grounds,
    }
