"""The child's page through the real views (decision 0044): who sees it, what it shows, and a
404 that holds nothing of the child for everyone else — the same as for a person who is not a
child of the case."""

import datetime

import pytest
from django.urls import reverse

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.services import case_open
from brytupp.cases.threats import threat_person_add
from brytupp.people.services import guardian_link
from tests import factories

from .conftest import CHILD_NUMBER, FATHER_NUMBER, TODAY, accepted, report

pytestmark = pytest.mark.django_db

# What a page that must show nothing of the child may not hold. The concern by its words, not
# its four digits alone: a request id or a nonce on any page may hold "4801".
CHILD_DATA = (
    "Lillan",
    "2017-01-01",
    "20170101",
    "Klassläraren",
    "bråk hemma 4801",
    "Barn och unga",
)


def page(world, child=None):
    child = child or world["child"]
    return reverse("cases:child", args=[world["case"].public_id, child.public_id])


def get(client, user, url):
    factories.sign_in(client, user)
    return client.get(url)


def assert_nothing_shown(response):
    assert response.status_code == 404
    body = response.content.decode()
    assert [value for value in CHILD_DATA if value in body] == []


def _threat_client_of(world, unit, worker, *, guardian: bool):
    father = factories.person(
        first_name="Pappa",
        last_name="Hotfullsson",
        birth_date=datetime.date(1901, 2, 3),
        gender="male",
        identity_number=FATHER_NUMBER,
    )
    if guardian:
        guardian_link(child=world["child"], guardian=father)
    case_open(
        actor=worker,
        person=father,
        district=unit.district,
        lead_unit=unit,
        source="self",
        opened=TODAY,
    )
    threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="partner",
        identity_number=FATHER_NUMBER,
    )


def _setup(world, who):
    """The user for each row of the matrix, after what gives or takes their access."""
    if who == "bu_by_report":
        accepted(world)
        return world["bu_worker"]
    if who == "bu_invited":
        report(world)
        return world["bu_worker"]
    if who == "threat_persons_unit":
        _threat_client_of(world, world["bu_consent"], world["bu_consent_worker"], guardian=False)
        return world["bu_consent_worker"]
    if who == "guardian_threat":
        accepted(world)
        _threat_client_of(world, world["bu"], world["bu_worker"], guardian=True)
        return world["bu_worker"]
    return world[who]


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("rvt_worker", True),
        ("bu_consent_worker", True),
        ("bu_by_report", True),
        ("bu_invited", False),
        ("ekb_worker", False),
        ("outsider_worker", False),
        ("threat_persons_unit", False),
        ("guardian_threat", False),
    ],
)
def test_who_sees_the_childs_page(client, world, who, shown):
    user = _setup(world, who)

    response = get(client, user, page(world))

    if shown:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Lillan Påhittadsson" in body
        assert "2017-01-01" in body
    else:
        assert_nothing_shown(response)


def test_not_a_child_of_the_case_is_the_same_404(client, world):
    stranger = factories.person(first_name="Främling", birth_date=datetime.date(2018, 2, 2))

    response = get(client, world["rvt_worker"], page(world, stranger))

    assert response.status_code == 404
    assert "Främling" not in response.content.decode()


def test_the_page_is_logged_as_a_view_of_the_child_and_the_case(client, world):
    response = get(client, world["rvt_worker"], page(world))

    entries = list(
        AccessLogEntry.objects.filter(request_id=response["X-Request-Id"]).values_list(
            "kind", "person_public_id", "case_public_id", "ground"
        )
    )
    assert entries == [
        (AccessKind.VIEW, world["child"].public_id, world["case"].public_id, "own_unit")
    ]


def test_the_lead_unit_sees_identity_guardians_placement_and_reports(client, world):
    report(world)

    body = get(client, world["rvt_worker"], page(world)).content.decode()

    assert "Personal identity number: 20170101-2393" in body
    assert "Fejka Påhittadsson (the person of the case)" in body
    assert "From " + (TODAY - datetime.timedelta(days=5)).isoformat() in body
    assert "Barnet berättar om bråk hemma 4801" in body
    assert "Barn och unga Test: Invited" in body
    assert 'data-outcome=""' in body


def test_barn_unga_by_report_sees_that_child_not_the_others_report_nor_the_case(client, world):
    accepted(world)
    report(world, world["second_child"], concern="Tvåans oro 4802")

    body = get(client, world["bu_worker"], page(world)).content.decode()
    case_page = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert "Barnet berättar om bråk hemma 4801" in body
    assert "Tvåans oro 4802" not in body
    assert "Show the case" not in body
    assert case_page.status_code == 404


def test_a_guardian_who_threatens_is_flagged(client, world):
    father = factories.person(
        first_name="Pappa",
        last_name="Hotfullsson",
        birth_date=datetime.date(1901, 2, 3),
        gender="male",
        identity_number=FATHER_NUMBER,
    )
    guardian_link(child=world["child"], guardian=father)
    threat_person_add(
        actor=world["rvt_worker"],
        case=world["case"],
        relation="partner",
        identity_number=FATHER_NUMBER,
    )

    body = get(client, world["rvt_worker"], page(world)).content.decode()

    assert "Pappa Hotfullsson" in body
    assert body.count("data-threatens") == 1


def test_the_case_page_links_each_child_for_units_that_read_their_matters(client, world):
    url = reverse("cases:detail", args=[world["case"].public_id])

    lead = get(client, world["rvt_worker"], url).content.decode()
    ekb = get(client, world["ekb_worker"], url).content.decode()

    assert page(world) in lead and page(world, world["second_child"]) in lead
    assert page(world) not in ekb and page(world, world["second_child"]) not in ekb


def test_the_childs_page_of_a_case_not_accepted_is_a_404(client, world):
    from brytupp.cases.models import Case

    Case.objects.filter(pk=world["case"].pk).update(acceptance="pending")

    assert_nothing_shown(get(client, world["rvt_worker"], page(world)))


def test_a_child_placed_with_a_protected_parent_inherits_the_protection_on_the_page(
    client, world, district, rvt
):
    from brytupp.interventions.services import ChildPlaced, placement_start

    parent = factories.person(
        first_name="Dold",
        last_name="Skyddadsson",
        birth_date=datetime.date(1990, 6, 7),
        protected_identity="skyddad_folkbokforing",
    )
    child = factories.person(
        first_name="Doldis", last_name="Skyddadsson", birth_date=datetime.date(2019, 4, 5)
    )
    case = case_open(
        actor=world["rvt_worker"],
        person=parent,
        district=district,
        lead_unit=rvt,
        source="self",
        opened=TODAY - 3 * datetime.timedelta(days=1),
    )
    placement_start(
        actor=world["rvt_worker"], case=case, start=TODAY, children=[ChildPlaced(child=child)]
    )
    url = reverse("cases:child", args=[case.public_id, child.public_id])

    body = get(client, world["rvt_worker"], url).content.decode()

    assert 'data-child-protection="skyddad_folkbokforing"' in body
    assert "Protected population registration – inherited from the parent by default" in body
    assert "Doldis" not in body and "Skyddadsson" not in body
    assert "Lower the protection" in body
    assert CHILD_NUMBER not in body
