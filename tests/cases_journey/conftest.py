"""A district with an open case, its account and a consent that covers one other unit.

Synthetic data only: the person is "Testa Exempelsson" with Skatteverket's test number
19121212-1212.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from brytupp.cases.services import case_account_write, case_open, consent_record
from tests import factories

from .data import ACCOUNT, DAY, IDENTITY_NUMBER, PURPOSE, TODAY


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages in English, so they are asserted by their msgid."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def journey(db):
    district = factories.DistrictFactory(code="norrby", name="Norrby")
    unit = factories.UnitFactory
    rvt = unit(district=district, kind="rvt", code="norrby-rvt", name="Relationsvåldsteamet Norrby")
    ekb = unit(
        district=district,
        kind="ekonomiskt_bistand",
        code="norrby-ekonomiskt-bistand",
        name="Ekonomiskt bistånd Norrby",
    )
    barn = unit(district=district, kind="barn_unga", code="norrby-barn-unga", name="Barn Norrby")
    stab = unit(district=district, kind="stab", code="norrby-stab", name="Stab Norrby")
    worker = factories.staff("handlaggare", rvt, first_name="Rut", last_name="Rvtsson")
    ekb_worker = factories.staff("handlaggare", ekb, first_name="Eko", last_name="Bidragsson")
    person = factories.person(
        first_name="Testa",
        last_name="Exempelsson",
        birth_date=datetime.date(1912, 12, 12),
        identity_number=IDENTITY_NUMBER,
    )
    case = case_open(
        actor=worker,
        person=person,
        district=district,
        lead_unit=rvt,
        source="police",
        opened=TODAY - 30 * DAY,
    )
    case_account_write(actor=worker, case=case, account=ACCOUNT)
    consent = consent_record(
        actor=worker,
        case=case,
        given=TODAY - 20 * DAY,
        form="written",
        purpose=PURPOSE,
        units=[ekb],
    )
    return SimpleNamespace(
        district=district,
        rvt=rvt,
        ekb=ekb,
        barn=barn,
        stab=stab,
        worker=worker,
        ekb_worker=ekb_worker,
        person=person,
        case=case,
        consent=consent,
    )
