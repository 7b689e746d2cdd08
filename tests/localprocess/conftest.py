import pytest

from brytupp.localprocess.services import local_offer_set
from brytupp.organisation.models import Partner
from tests import factories

CONTACTS = {
    "phone": "08-123 45 01",
    "email": "rvt@example.se",
    "visiting_address": "Testgatan 1, Stockholm",
    "hours": "Mån–fre 8–16",
    "safe_contact": "Ring så ringer vi upp från dolt nummer.",
    "waiting_days": 3,
}


def offer(owner, district, item, **fields):
    """Set the district's answer for ``item`` as ``owner``: the contacts above unless given."""
    values = {"unit": None, "partner": None, **CONTACTS, **fields}
    return local_offer_set(actor=owner, district=district, item=item, **values)


@pytest.fixture
def org(district, rvt):
    """A district with its RVT and process owner, another district with its own, the city's
    staff unit with the city's process owner and an analyst, a city-wide RVC and a partner."""
    other_district = factories.DistrictFactory(name="Stadsdel Annan")
    other_rvt = factories.UnitFactory(
        district=other_district, kind="rvt", name="Relationsvåldsteamet Annan"
    )
    stab = factories.UnitFactory(district=None, kind="stab", name="Stab och uppföljning Test")
    rvc = factories.UnitFactory(district=None, kind="rvc", name="Relationsvåldscentrum Test")
    partner = Partner.objects.create(
        code="jouren-test", name="Kvinnojouren Test", kind="civil_society"
    )
    return {
        "district": district,
        "rvt": rvt,
        "other_district": other_district,
        "other_rvt": other_rvt,
        "stab": stab,
        "rvc": rvc,
        "partner": partner,
        "owner": factories.staff("implementerare", rvt, first_name="Ägare", last_name="Egen"),
        "other_owner": factories.staff("implementerare", other_rvt),
        "city_owner": factories.staff("implementerare", stab),
        "analyst": factories.staff("analytiker", stab),
        "manager": factories.staff("enhetschef", rvt),
        "worker": factories.staff("handlaggare", rvt),
        "admin": factories.staff("systemforvaltare", stab),
    }
