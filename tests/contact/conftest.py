import pytest

from brytupp.contact.services import contact_request_submit
from tests import factories

# Numbers the Swedish regulator keeps for fiction (070-174 06 05 to 070-174 06 99).
PHONE = "070-174 06 42"
OTHER_PHONE = "070-174 06 77"
CALL_NAME = "Mira"
NOTE = "Ring inte efter 15, då är han hemma."


def submit(district, *, address="192.0.2.10", **fields):
    """A contact request as the public page sends it; ``fields`` override the defaults."""
    values = {
        "language": "sv",
        "about": "self",
        "call_name": CALL_NAME,
        "phone": PHONE,
        "way": "call",
        "times": ["morning", "afternoon"],
        "may_say_who": False,
        "interpreter": "",
        "note": NOTE,
        **fields,
    }
    return contact_request_submit(district=district, address=address, **values)


@pytest.fixture
def world(district, rvt):
    """A district with its RVT and another unit, another district with its own RVT, and a
    member of staff in each role that must not see the district's requests."""
    other_district = factories.DistrictFactory(name="Stadsdel Annan")
    other_rvt = factories.UnitFactory(district=other_district, kind="rvt", name="RVT Annan")
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    stab = factories.UnitFactory(district=None, kind="stab", name="Stab Test")
    return {
        "district": district,
        "rvt": rvt,
        "other_district": other_district,
        "worker": factories.staff("handlaggare", rvt),
        "manager": factories.staff("enhetschef", rvt),
        "other_worker": factories.staff("handlaggare", other_rvt),
        "ekb_worker": factories.staff("handlaggare", ekb),
        "owner": factories.staff("implementerare", rvt),
        "analyst": factories.staff("analytiker", stab),
        "admin": factories.staff("systemforvaltare", stab),
    }
