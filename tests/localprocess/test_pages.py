"""The local process's pages through the real views: who reads and who keeps a district's local
process, the form and its refusals, the history, the city's side-by-side page and the doors.
A denied user gets the same 404 as a missing district, with no trace of the data."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from brytupp.localprocess.models import LocalOffer, LocalOfferVersion
from tests import factories

from .conftest import offer

pytestmark = pytest.mark.django_db

# What a denied response must not hold: the district, its providers and their contacts.
TRACES = (
    "Stadsdel Test",
    "Relationsvåldsteamet Test",
    "Kvinnojouren Test",
    "08-123 45 01",
    "rvt@example.se",
    "Testgatan 1",
    "dolt nummer",
)


@pytest.fixture
def kept(org):
    """The district's local process with a unit's answer (version 2), a partner's and a gap."""
    district = org["district"]
    district.name = "Stadsdel Test"
    district.save()
    owner = org["owner"]
    offer(owner, district, "radgivning", unit=org["rvc"])
    offer(owner, district, "radgivning", unit=org["rvt"], version=1)
    offer(owner, district, "halso_sjukvard", partner=org["partner"])
    offer(owner, district, "ekonomiskt_stod", phone="", email="", waiting_days=None)
    return org


def urls(district):
    return {
        "district": reverse("localprocess:district", args=[district.code]),
        "history": reverse("localprocess:history", args=[district.code, "radgivning"]),
        "edit": reverse("localprocess:edit", args=[district.code, "radgivning"]),
        "city": reverse("localprocess:city"),
    }


def state():
    return (
        list(LocalOffer.objects.order_by("pk").values_list("item", "unit_id", "phone", "version")),
        LocalOfferVersion.objects.count(),
    )


def assert_not_found(response, *, own_name_shown=False):
    """404 with no trace of the local process: nor who last changed it (but the signed-in
    user's own name, which every page shows them)."""
    assert response.status_code == 404
    body = response.content.decode()
    traces = TRACES if own_name_shown else (*TRACES, "Ägare Egen")
    leaked = [trace for trace in traces if trace in body]
    assert leaked == []


# Who may open which page: the district's own process owner reads and keeps it; the city's
# process owner and the analyst read every district's and the city's page; no one else.
MATRIX = {
    "owner": {"district": 200, "history": 200, "edit": 200, "city": 404},
    "city_owner": {"district": 200, "history": 200, "edit": 404, "city": 200},
    "analyst": {"district": 200, "history": 200, "edit": 404, "city": 200},
    "other_owner": {"district": 404, "history": 404, "edit": 404, "city": 404},
    "manager": {"district": 404, "history": 404, "edit": 404, "city": 404},
    "worker": {"district": 404, "history": 404, "edit": 404, "city": 404},
    "admin": {"district": 404, "history": 404, "edit": 404, "city": 404},
}


@pytest.mark.parametrize("page", ["district", "history", "edit", "city"])
@pytest.mark.parametrize("who", MATRIX)
def test_who_opens_which_page(client, kept, who, page):
    factories.sign_in(client, kept[who])

    response = client.get(urls(kept["district"])[page])

    assert response.status_code == MATRIX[who][page]
    if response.status_code == 404:
        assert_not_found(response, own_name_shown=who == "owner")


@pytest.mark.parametrize("page", ["district", "history", "edit", "city"])
def test_signed_out_users_are_sent_to_sign_in(client, kept, page):
    response = client.get(urls(kept["district"])[page])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("who", ["owner", "analyst"])
def test_a_district_that_does_not_exist_is_not_found_alike(client, kept, who):
    factories.sign_in(client, kept[who])

    response = client.get(reverse("localprocess:district", args=["finns-inte"]))

    assert_not_found(response, own_name_shown=who == "owner")


def test_an_item_outside_the_palette_is_not_found(client, kept):
    factories.sign_in(client, kept["owner"])
    district = kept["district"]

    for name in ("edit", "history"):
        response = client.get(
            reverse(f"localprocess:{name}", args=[district.code, "kontaktperson"])
        )
        assert response.status_code == 404


POSTED = {
    "version": "2",
    "unit": "",
    "partner": "jouren-test",
    "phone": "08-123 45 77",
    "email": "jour@example.se",
    "visiting_address": "",
    "hours": "Dygnet runt",
    "safe_contact": "Svarar anonymt.",
    "waiting_days": "0",
}


@pytest.mark.parametrize("who", ["other_owner", "city_owner", "analyst", "manager", "worker"])
def test_a_post_by_anyone_but_the_districts_process_owner_changes_nothing(client, kept, who):
    factories.sign_in(client, kept[who])
    before = state()

    response = client.post(urls(kept["district"])["edit"], POSTED)

    assert_not_found(response)
    assert state() == before


def test_the_process_owner_sees_each_item_with_its_provider_contacts_and_who_changed_it(
    client, kept
):
    factories.sign_in(client, kept["owner"])

    response = client.get(urls(kept["district"])["district"])

    rows = {row.item: row for row in response.context["rows"]}
    assert list(rows) == [
        "radgivning",
        "stodsamtal_individuellt",
        "stodsamtal_grupp",
        "rattsprocess",
        "stadigvarande_boende",
        "ekonomiskt_stod",
        "praktiskt_stod",
        "halso_sjukvard",
    ]
    assert [(item, row.provider) for item, row in rows.items() if row.offer is not None] == [
        ("radgivning", "Relationsvåldsteamet Test"),
        ("ekonomiskt_stod", None),
        ("halso_sjukvard", "Kvinnojouren Test"),
    ]
    body = response.content.decode()
    assert body.count("Ingen erbjuder") == 6  # five items never answered and one gap
    assert "Ägare Egen" in body  # last changed by
    assert "Ring så ringer vi upp från dolt nummer." in body
    assert body.count('href="/lokal-process/') >= 8 + 3  # a change link each, three histories
    assert f'href="{urls(kept["district"])["edit"]}"' in body
    assert f'href="{urls(kept["district"])["history"]}"' in body


@pytest.mark.parametrize("who", ["city_owner", "analyst"])
def test_the_city_reads_a_districts_local_process_without_a_change_link(client, kept, who):
    factories.sign_in(client, kept[who])

    response = client.get(urls(kept["district"])["district"])

    body = response.content.decode()
    assert "Relationsvåldsteamet Test" in body
    assert f'href="{urls(kept["district"])["edit"]}"' not in body
    assert urls(kept["district"])["history"] in body
    assert reverse("localprocess:city") in body  # back to the side by side


@pytest.mark.parametrize("who", ["owner", "city_owner"])
def test_the_district_page_is_the_door_to_the_police_folder_in_each_language(client, kept, who):
    factories.sign_in(client, kept[who])
    code = kept["district"].code

    body = client.get(urls(kept["district"])["district"]).content.decode()

    assert '<h2 class="govuk-heading-m" id="folder">Polisens folder</h2>' in body
    links = re.findall(r'href="(/hjalp/[^"]+\.pdf)"', body)
    assert links == [
        f"/hjalp/{segment}/stadsdelar/{code}/folder-{paper}.pdf"
        for segment in ("sv", "lattlast", "en", "ar", "so", "fa")
        for paper in ("a4", "a5")
    ]
    assert "Det finns ännu ingen folder på tigrinja" in body
    assert client.get(links[0]).status_code == 200


def test_an_ended_districts_page_has_no_door_to_a_folder(client, kept):
    district = kept["district"]
    district.valid_to = timezone.localdate().replace(year=2000)
    district.save()
    factories.sign_in(client, kept["city_owner"])

    body = client.get(urls(district)["district"]).content.decode()

    assert "Relationsvåldsteamet Test" in body  # the ended district's process stays readable
    assert "Polisens folder" not in body
    assert ".pdf" not in body


def test_the_history_shows_every_version_latest_first(client, kept):
    factories.sign_in(client, kept["city_owner"])

    response = client.get(urls(kept["district"])["history"])

    versions = response.context["versions"]
    assert [(e.version.number, e.provider, e.version.changed_by) for e in versions] == [
        (2, "Relationsvåldsteamet Test", kept["owner"]),
        (1, "Relationsvåldscentrum Test", kept["owner"]),
    ]
    body = response.content.decode()
    assert "Version 2" in body
    assert "Version 1" in body
    assert "Relationsvåldscentrum Test" in body


def test_the_form_saves_an_answer_and_a_version(client, kept):
    factories.sign_in(client, kept["owner"])
    page = client.get(urls(kept["district"])["edit"])
    assert page.context["form"]["unit"].value() == kept["rvt"].code
    assert page.context["form"]["version"].value() == 2

    response = client.post(urls(kept["district"])["edit"], POSTED)

    assert response.status_code == 302
    assert response["Location"] == urls(kept["district"])["district"]
    saved = LocalOffer.objects.get(district=kept["district"], item="radgivning")
    assert (saved.unit, saved.partner, saved.phone, saved.hours, saved.waiting_days) == (
        None,
        kept["partner"],
        "08-123 45 77",
        "Dygnet runt",
        0,
    )
    assert (saved.version, saved.versions.count()) == (3, 3)


def test_the_first_answer_for_an_item_is_made_by_the_form(client, kept):
    factories.sign_in(client, kept["owner"])
    url = reverse("localprocess:edit", args=[kept["district"].code, "praktiskt_stod"])
    assert client.get(url).context["form"]["version"].value() == 0

    response = client.post(url, {**POSTED, "version": "0"})

    assert response.status_code == 302
    saved = LocalOffer.objects.get(district=kept["district"], item="praktiskt_stod")
    assert (saved.partner, saved.version, saved.versions.get().number) == (kept["partner"], 1, 1)


def test_the_unit_select_offers_the_districts_units_and_the_city_wide_ones(client, kept):
    factories.sign_in(client, kept["owner"])

    response = client.get(urls(kept["district"])["edit"])

    choices = [label for _code, label in response.context["form"].fields["unit"].widget.choices]
    assert choices == [
        "Ingen enhet",
        "Relationsvåldscentrum Test",
        "Relationsvåldsteamet Test",
        "Stab och uppföljning Test",
    ]


REFUSED = {
    "another district's unit": (
        {"unit": "__other_rvt__", "partner": ""},
        "Enheten ska vara en av stadsdelens egna eller en stadsövergripande enhet som gäller i dag.",
    ),
    "both unit and partner": (
        {"unit": "__rvt__"},
        "Välj en enhet eller en samarbetspart, inte båda.",
    ),
    "a negative wait": (
        {"waiting_days": "-1"},
        "Kontrollera att detta värde är större än eller lika med 0.",
    ),
    "not an e-mail address": (
        {"email": "inte-en-adress"},
        "Ange en e-postadress som namn@example.se.",
    ),
}


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_answer_is_shown_on_the_form_and_saves_nothing(client, kept, change):
    fields, message = change
    codes = {"__rvt__": kept["rvt"].code, "__other_rvt__": kept["other_rvt"].code}
    posted = {**POSTED, **{k: codes.get(v, v) for k, v in fields.items()}}
    factories.sign_in(client, kept["owner"])
    before = state()

    response = client.post(urls(kept["district"])["edit"], posted)

    assert response.status_code == 200
    assert state() == before
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert message in body


def test_a_form_opened_before_another_change_shows_theirs_and_saves_nothing(client, kept):
    second = factories.staff("implementerare", kept["rvt"])
    factories.sign_in(client, kept["owner"])
    opened = client.get(urls(kept["district"])["edit"]).context["form"]["version"].value()
    offer(second, kept["district"], "radgivning", unit=kept["rvc"], phone="08-123 45 55")
    before = state()

    response = client.post(urls(kept["district"])["edit"], {**POSTED, "version": str(opened)})

    assert response.status_code == 200
    assert state() == before
    body = response.content.decode()
    assert "Ändrat av någon annan sedan du öppnade det." in body
    assert "08-123 45 55" in body  # theirs
    assert "08-123 45 77" in body  # and the user's own, kept in the field
    assert response.context["form"].data["version"] == "3"


def test_the_city_sees_every_current_district_side_by_side_with_the_gaps(client, kept):
    import datetime

    from django.utils import timezone

    offer(kept["other_owner"], kept["other_district"], "radgivning", unit=kept["rvc"])
    factories.DistrictFactory(
        name="Stadsdel Förr", valid_to=timezone.localdate() - datetime.timedelta(days=1)
    )
    factories.sign_in(client, kept["analyst"])

    response = client.get(reverse("localprocess:city"))

    process = response.context["process"]
    assert [d.name for d in process.districts] == ["Stadsdel Annan", "Stadsdel Test"]
    assert [(row.item, row.providers) for row in process.rows] == [
        ("radgivning", ["Relationsvåldscentrum Test", "Relationsvåldsteamet Test"]),
        ("stodsamtal_individuellt", [None, None]),
        ("stodsamtal_grupp", [None, None]),
        ("rattsprocess", [None, None]),
        ("stadigvarande_boende", [None, None]),
        ("ekonomiskt_stod", [None, None]),
        ("praktiskt_stod", [None, None]),
        ("halso_sjukvard", [None, "Kvinnojouren Test"]),
    ]
    body = response.content.decode()
    assert "Stadsdel Förr" not in body
    assert body.count("Ingen erbjuder") == 13
    assert (
        "Stadsdel Test: ingen erbjuder Individuella stödsamtal, Stödsamtal i grupp, "
        "Stöd i rättsprocessen och hjälp med skyddande åtgärder, Stöd och hjälp till "
        "stadigvarande boende, Ekonomiskt stöd, Praktiskt stöd."
    ) in body
    assert "Stadsdel Annan: ingen erbjuder Individuella stödsamtal," in body


def test_the_process_owners_start_page_is_the_door_to_their_local_process(client, kept):
    factories.sign_in(client, kept["owner"])

    body = client.get(reverse("web:district_overview")).content.decode()

    assert f'href="{urls(kept["district"])["district"]}"' in body
    assert f'href="{reverse("localprocess:city")}"' not in body


@pytest.mark.parametrize(
    ("who", "start"), [("city_owner", "web:district_overview"), ("analyst", "web:city_followup")]
)
def test_the_citys_start_pages_are_the_door_to_the_side_by_side(client, kept, who, start):
    factories.sign_in(client, kept[who])

    assert client.get(reverse("web:start"))["Location"] == reverse(start)
    body = client.get(reverse(start)).content.decode()

    assert f'href="{reverse("localprocess:city")}"' in body
