"""Two process owners at once (decision 0029): each write in its own thread and connection, a
barrier making both open the form before either saves. One answer is saved, one version is
added, and the other writer is told what the first saved."""

from __future__ import annotations

import pytest

from brytupp.audit.append_only import access_log_erase_all
from brytupp.concurrency import ChangedSinceOpened
from brytupp.localprocess.models import LocalOffer, LocalOfferVersion
from tests import factories
from tests.cases_work.test_concurrent_writes import race

from .conftest import offer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def access_log_erased_before_flush(transactional_db):
    yield
    access_log_erase_all()


@pytest.fixture
def owners(org):
    return org, org["owner"], factories.staff("implementerare", org["rvt"])


def write_as(owner, district, **fields):
    def write(opened_version):
        return offer(owner, district, "radgivning", version=opened_version, **fields)

    return write


@pytest.mark.parametrize("existing", [False, True], ids=["first answer", "a change"])
def test_of_two_owners_saving_at_once_one_is_saved_and_the_other_told(owners, existing):
    org, first, second = owners
    district = org["district"]
    if existing:
        offer(first, district, "radgivning", unit=org["rvt"])
    opened = LocalOffer.objects.filter(district=district).count()  # the version: 0 or 1

    outcomes = race(
        (lambda: opened, write_as(first, district, unit=org["rvc"], phone="08-123 45 11")),
        (lambda: opened, write_as(second, district, partner=org["partner"], phone="08-123 45 22")),
    )

    saved = [o for o in outcomes if isinstance(o, LocalOffer)]
    told = [o for o in outcomes if isinstance(o, ChangedSinceOpened)]
    assert (len(saved), len(told)) == (1, 1)
    current = LocalOffer.objects.get()
    assert current.version == opened + 1
    assert LocalOfferVersion.objects.count() == opened + 1
    assert told[0].version == current.version
    assert told[0].current["Phone"] == current.phone
