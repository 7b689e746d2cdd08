import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_case_row_shown_is_logged_without_personal_data(client, rvt):
    person = factories.person(first_name="Loggad", last_name="Radsson")
    case = factories.case(person_=person, unit=rvt)
    worker = factories.staff("handlaggare", rvt)
    factories.sign_in(client, worker)

    response = client.get(reverse("web:unit_cases"))

    entries = list(AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).values())
    assert len(entries) == 1
    entry = entries[0]
    assert entry["user_public_id"] == worker.public_id
    assert entry["unit_code"] == rvt.code
    assert entry["role"] == "handlaggare"
    assert entry["person_public_id"] == person.public_id
    assert entry["case_public_id"] == case.public_id
    assert (entry["kind"], entry["ground"], entry["outcome"]) == ("list_row", "own_unit", "allowed")
    assert entry["request_id"] == response["X-Request-Id"]
    assert "Radsson" not in repr(entries)


def test_a_refused_page_logs_no_row(client, rvt):
    factories.case(unit=rvt)
    analyst = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    factories.sign_in(client, analyst)

    assert client.get(reverse("web:work")).status_code == 404
    assert AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).count() == 0
