"""When a consent is in force is defined once (``ConsentQuerySet``): from the day it was
given, through the day it expires, until the day it is withdrawn. The filter, the annotation
and the case page's "In force" read that one definition."""

import datetime

import pytest
from django.utils import timezone

from brytupp.cases.models import Consent
from brytupp.cases.overview import case_overview
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def consents(rvt):
    worker = factories.staff("handlaggare", rvt)
    case = factories.case(unit=rvt, opened=TODAY - 30 * DAY)

    def consent(purpose, given, **dates):
        return Consent.objects.create(case=case, given=given, form="oral", purpose=purpose, **dates)

    consent("open-ended", TODAY - 10 * DAY)
    consent("expires today", TODAY - 10 * DAY, expires=TODAY)
    consent("withdrawn today", TODAY - 10 * DAY, withdrawn=TODAY)
    return worker, case


IN_FORCE = {
    -11: [],
    -10: ["expires today", "open-ended", "withdrawn today"],
    -1: ["expires today", "open-ended", "withdrawn today"],
    0: ["expires today", "open-ended"],
    1: ["open-ended"],
}


@pytest.mark.parametrize("offset", sorted(IN_FORCE))
def test_the_filter_and_the_annotation_agree_on_each_day(consents, offset):
    _worker, case = consents
    day = TODAY + offset * DAY

    filtered = sorted(
        Consent.objects.in_force(day).filter(case=case).values_list("purpose", flat=True)
    )
    annotated = sorted(
        c.purpose for c in Consent.objects.filter(case=case).with_in_force(day) if c.in_force
    )

    assert filtered == annotated == IN_FORCE[offset]


def test_the_case_page_marks_the_consents_in_force_today(consents):
    worker, case = consents

    overview = case_overview(actor=worker, public_id=case.public_id)

    assert sorted(c.purpose for c in overview.consent_in_force) == IN_FORCE[0]
    assert len(overview.consents) == 3
