"""Who reaches the work lists, and that a unit without a current part sees nothing of a case."""

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.services import consent_withdraw
from tests import factories
from tests.worklists import given
from tests.worklists.given import TODAY

pytestmark = pytest.mark.django_db

PAGES = ["web:work", "web:unit_cases", "web:todo"]
NAMES = ("Synlig", "Öppensdotter", "Hemlig", "Skyddadsdotter")


@pytest.fixture
def busy(worker, district, rvt):
    """Two cases of the RVT, one about a protected person, each with something of every
    kind due; the economic support unit was covered by a consent that is now withdrawn."""
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand")
    visible = factories.case(
        person_=factories.person(first_name="Synlig", last_name="Öppensdotter"),
        unit=rvt,
        opened=TODAY - given.days(60),
        actor=worker,
    )
    protected = factories.case(
        person_=factories.person(
            first_name="Hemlig",
            last_name="Skyddadsdotter",
            protected_identity="skyddad_folkbokforing",
        ),
        unit=rvt,
        opened=TODAY - given.days(60),
        actor=worker,
    )
    for case in (visible, protected):
        given.join(case, ekb, actor=worker)
        given.placement(case, started_days_ago=10, actor=worker, children=1)
        given.decision(case, ends_in_days=3, actor=worker)
        given.action(case, rvt, due_in_days=1, actor=worker)
        given.action(case, ekb, due_in_days=1, actor=worker)
        given.sip(case, held_days_ago=5, follow_up_in_days=1, actor=worker)
        for each in case.consents.all():
            consent_withdraw(actor=worker, consent=each, withdrawn=TODAY)
    return {"ekb": ekb, "visible": visible, "protected": protected}


@pytest.mark.parametrize("page", PAGES)
def test_the_case_worker_sees_the_cases_with_the_protected_person_masked(signed_in, busy, page):
    body = signed_in.get(reverse(page)).content.decode()

    assert "Synlig Öppensdotter" in body
    assert "Protected identity" in body
    assert "Hemlig" not in body
    assert "Skyddadsdotter" not in body


@pytest.mark.parametrize("page", PAGES)
def test_a_unit_whose_consent_was_withdrawn_sees_no_row_and_no_name(client, busy, page):
    ekb_worker = factories.staff("handlaggare", busy["ekb"])
    factories.sign_in(client, ekb_worker)

    response = client.get(reverse(page))

    body = response.content.decode()
    assert response.status_code == 200
    assert "<table" not in body
    for name in (*NAMES, "Protected identity"):
        assert name not in body
    assert AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).count() == 0


@pytest.mark.parametrize("page", PAGES)
def test_a_case_worker_of_another_district_sees_no_row_and_no_name(client, busy, page):
    outsider = factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))
    factories.sign_in(client, outsider)

    body = client.get(reverse(page)).content.decode()

    assert "<table" not in body
    for name in (*NAMES, "Protected identity"):
        assert name not in body
    assert AccessLogEntry.objects.exclude(kind=AccessKind.CHANGE).count() == 0


@pytest.mark.parametrize(
    ("role", "reached"),
    [
        ("handlaggare", {"web:work", "web:unit_cases", "web:todo"}),
        ("enhetschef", {"web:unit_cases", "web:todo"}),
        ("implementerare", set()),
        ("analytiker", set()),
        ("systemforvaltare", set()),
    ],
)
def test_role_page_matrix(client, busy, rvt, role, reached):
    factories.sign_in(client, factories.staff(role, rvt))

    for page in PAGES:
        response = client.get(reverse(page))
        assert response.status_code == (200 if page in reached else 404), page
        if page not in reached:
            body = response.content.decode()
            assert not any(name in body for name in NAMES)


def test_the_unit_manager_sees_the_units_cases_and_what_is_due(client, busy, rvt):
    factories.sign_in(client, factories.staff("enhetschef", rvt))

    cases = client.get(reverse("web:unit_cases")).content.decode()
    todo = client.get(reverse("web:todo")).content.decode()

    assert "2 open cases" in cases
    assert "My cases" not in cases  # no tabs: the manager has no list of their own
    assert "10 items to do" in todo


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("web:todo"))

    assert response.status_code == 302
    assert response["Location"] == "/logga-in/?next=/att-gora/"
