"""The public pages (decision 0052): every page in every language, without a cookie, without
a request to another host, with the page's language and direction; a district's page from its
local process."""

import re

import pytest
from django.utils import timezone

from brytupp.localprocess.models import LocalOffer
from brytupp.public.languages import PUBLIC_LANGUAGES
from brytupp.public.views import QUICK_EXIT_URL
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "stadsdelar/",
    "vuxen/",
    "barn-och-unga/",
    "orolig-for-nagon/",
    "hedersrelaterat-vald/",
    "dolj-dina-spar/",
    "tillganglighet/",
]

EXPECTED_LANG_DIR = {
    "sv": ("sv", "ltr"),
    "lattlast": ("sv", "ltr"),
    "en": ("en", "ltr"),
    "ar": ("ar", "rtl"),
    "so": ("so", "ltr"),
    "fa": ("fa", "rtl"),
    "ti": ("ti", "ltr"),
}


def public_urls(district_code):
    for language in PUBLIC_LANGUAGES:
        for page in [*PAGES, f"stadsdelar/{district_code}/"]:
            yield language.segment, f"/hjalp/{language.segment}/{page}"


def test_the_languages_are_the_seven_of_the_issue():
    assert [language.segment for language in PUBLIC_LANGUAGES] == list(EXPECTED_LANG_DIR)


def test_every_page_in_every_language_renders_with_its_lang_and_dir_and_sets_no_cookie(
    client, district
):
    urls = list(public_urls(district.code))

    assert len(urls) == 7 * 9
    for segment, url in urls:
        response = client.get(url)

        assert response.status_code == 200, url
        assert response.cookies == {}, url
        assert "Set-Cookie" not in response.headers, url
        lang, direction = EXPECTED_LANG_DIR[segment]
        assert f'<html lang="{lang}" dir="{direction}" class="govuk-template">' in (
            response.content.decode()
        ), url
        assert response["Content-Language"] == lang
    assert client.cookies == {}


def test_no_page_has_a_form_or_a_csrf_token(client, district):
    for _segment, url in public_urls(district.code):
        content = client.get(url).content.decode()

        assert "<form" not in content, url
        assert "csrfmiddlewaretoken" not in content, url


def test_no_page_links_or_loads_from_another_host_but_the_quick_exit(client, district):
    for _segment, url in public_urls(district.code):
        content = client.get(url).content.decode()
        targets = re.findall(r'(?:src|href)="([^"]*)"', content)

        external = [t for t in targets if not t.startswith(("/", "#", "tel:", "mailto:"))]
        assert external == [QUICK_EXIT_URL], url
        assert [t for t in targets if t.startswith("//")] == [], url  # no protocol-relative


def test_every_page_has_the_quick_exit_and_the_accessibility_statement_in_its_footer(
    client, district
):
    for segment, url in public_urls(district.code):
        content = client.get(url).content.decode()

        assert 'data-module="govuk-exit-this-page"' in content, url
        assert f'href="{QUICK_EXIT_URL}"' in content, url
        assert f'href="/hjalp/{segment}/tillganglighet/"' in content, url


def test_the_language_switch_is_plain_links_to_the_same_page(client, district):
    content = client.get(f"/hjalp/en/stadsdelar/{district.code}/").content.decode()

    links = re.findall(r'<a class="govuk-link govuk-body-s" href="([^"]*)" lang', content)
    assert links == [
        f"/hjalp/{language.segment}/stadsdelar/{district.code}/" for language in PUBLIC_LANGUAGES
    ]


def test_the_start_page_gives_the_emergency_numbers_first(client):
    content = client.get("/hjalp/sv/").content.decode()
    main = content[content.index("<main") :]

    numbers = re.findall(r'href="tel:([0-9]+)"', main)
    assert numbers == ["112", "020505050", "116111", "0850840000"]
    assert main.index('href="tel:112"') < main.index('<p class="govuk-body-l">')


def test_the_root_leads_to_swedish_and_an_unknown_language_is_not_found(client):
    root = client.get("/hjalp/")
    assert root.headers["Location"] == "/hjalp/sv/"
    assert root.cookies == {}
    assert client.get("/hjalp/de/").status_code == 404
    assert client.get("/hjalp/sv/stadsdelar/finns-inte/").status_code == 404


def test_choose_your_district_lists_every_current_district_and_no_past_one(client, district):
    today = timezone.localdate()
    other = factories.DistrictFactory(name="Annan stadsdel")
    factories.DistrictFactory(name="Nedlagd stadsdel", valid_to=today.replace(year=today.year - 1))

    content = client.get("/hjalp/sv/stadsdelar/").content.decode()

    listed = re.findall(r'href="/hjalp/sv/stadsdelar/([^/]+)/">([^<]+)<', content)
    assert listed == [(other.code, "Annan stadsdel"), (district.code, district.name)]
    assert client.get("/hjalp/sv/stadsdelar/", follow=False).status_code == 200


def offer_row(district, item, **fields):
    return LocalOffer.objects.create(
        district=district, item=item, changed_at=timezone.now(), **fields
    )


def test_a_district_page_shows_its_contacts_from_the_local_process_and_a_gaps_fallback(
    client, district, rvt
):
    other = factories.DistrictFactory(name="Annan stadsdel")
    offer_row(
        district,
        "radgivning",
        unit=rvt,
        phone="08-123 45 01",
        email="rvt@example.se",
        visiting_address="Testgatan 1, Stockholm",
        hours="Mån–fre 8–16",
        safe_contact="Ring så ringer vi upp från dolt nummer.",
        waiting_days=3,
    )
    offer_row(district, "ekonomiskt_stod", phone="08-999 99 99")  # a gap: no provider
    offer_row(other, "rattsprocess", unit=rvt, phone="08-777 77 77")

    content = client.get(f"/hjalp/sv/stadsdelar/{district.code}/").content.decode()

    assert f"Hjälp i {district.name}" in content
    assert "Relationsvåldsteamet Test" in content
    assert 'href="tel:081234501"' in content
    assert 'href="mailto:rvt@example.se"' in content
    assert "Testgatan 1, Stockholm" in content
    assert "Mån–fre 8–16" in content
    assert "Ring så ringer vi upp från dolt nummer." in content
    assert "3 dagar" in content
    # Every other item is a gap: what to do instead, with the district's RVT named.
    assert content.count('class="brytupp-public-gap"') == 7
    assert content.count("be att få tala med Relationsvåldsteamet Test") == 7
    assert content.count('href="tel:0850840000"') == 7
    assert "08-999 99 99" not in content
    assert "08-777 77 77" not in content


def test_a_district_page_in_english_has_english_labels(client, district, rvt):
    offer_row(district, "radgivning", unit=rvt, waiting_days=1)

    content = client.get(f"/hjalp/en/stadsdelar/{district.code}/").content.decode()

    assert f"Help in {district.name}" in content
    assert "1 day" in content
    assert "No one in the district offers this yet." in content


def test_the_sign_in_page_leads_to_the_public_pages(client):
    content = client.get("/logga-in/").content.decode()

    assert (
        'Söker du hjälp? <a class="govuk-link" href="/hjalp/sv/">'
        "Läs om hjälpen mot våld i Stockholm, utan att logga in</a>"
    ) in content


@pytest.mark.parametrize(
    ("segment", "heading", "exit_label"),
    [
        ("sv", "Hjälp mot våld", "Lämna sidan"),
        ("lattlast", "Hjälp mot våld", "Lämna sidan"),  # lättläst falls back to Swedish
        ("en", "Help against violence", "Exit this page"),
        ("ar", "مساعدة ضد العنف", "مغادرة هذه الصفحة"),
        ("so", "Caawimaad ka dhan ah rabshadda", "Ka bax boggan"),
        ("fa", "کمک در برابر خشونت", "خروج از این صفحه"),
        ("ti", "ሓገዝ ኣንጻር ዓመጽ", "ካብዚ ገጽ ውጻእ"),
    ],
)
def test_the_start_page_is_in_the_urls_language(client, segment, heading, exit_label):
    content = client.get(f"/hjalp/{segment}/").content.decode()

    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in content
    assert f"</span> {exit_label}</a>" in content


def test_lattlast_has_its_own_plain_words(client):
    content = client.get("/hjalp/lattlast/").content.decode()

    assert "Gör någon dig illa? Hotar någon dig? Du är inte ensam." in content
    assert "Är det någon nära dig som skadar" not in content


@pytest.mark.parametrize(
    ("segment", "label"),
    [("en", "Individual counselling and guidance"), ("ar", "استشارة وإرشاد فردي")],
)
def test_the_palette_is_named_in_the_pages_language(client, district, segment, label):
    content = client.get(f"/hjalp/{segment}/stadsdelar/{district.code}/").content.decode()

    assert f'id="offer-radgivning">{label}</h2>' in content


def test_the_districts_swedish_words_are_marked_swedish_left_to_right_on_an_arabic_page(
    client, district, rvt
):
    offer_row(
        district,
        "radgivning",
        unit=rvt,
        visiting_address="Testgatan 1, Stockholm",
        hours="Mån–fre 8–16",
        safe_contact="Ring så ringer vi upp.",
    )

    content = client.get(f"/hjalp/ar/stadsdelar/{district.code}/").content.decode()

    for words in ("Relationsvåldsteamet Test", "Testgatan 1, Stockholm", "Mån–fre 8–16"):
        assert f'lang="sv" dir="ltr">{words}</dd>' in content
    assert 'lang="sv" dir="ltr">Ring så ringer vi upp.</dd>' in content


@pytest.mark.parametrize(
    ("url", "lang", "dir_"),
    [
        ("/hjalp/ar/stadsdelar/finns-inte/", "ar", "rtl"),
        ("/hjalp/en/finns-inte/", "en", "ltr"),
        ("/hjalp/xx/", "sv", "ltr"),
        ("/hjalp/sv/stadsdelar/finns-inte/kontakta-mig/", "sv", "ltr"),
    ],
)
def test_a_page_not_found_under_the_public_pages_is_public_and_sets_no_cookie(
    client, url, lang, dir_
):
    response = client.get(url)

    assert response.status_code == 404
    assert response.cookies == {}
    assert "csrf" not in response.text.lower()
    assert f'<html lang="{lang}" dir="{dir_}"' in response.text
    assert "govuk-exit-this-page" in response.text


def test_a_page_not_found_elsewhere_is_the_staff_page(client):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "govuk-exit-this-page" not in response.text


def test_the_pages_may_be_kept_five_minutes_but_not_the_contact_form_or_its_thanks(
    client, district, rvt
):
    page = client.get(f"/hjalp/sv/stadsdelar/{district.code}/")
    start = client.get("/hjalp/ar/")
    form = client.get(f"/hjalp/sv/stadsdelar/{district.code}/kontakta-mig/")
    thanks = client.get(f"/hjalp/sv/stadsdelar/{district.code}/?s=x")
    missing = client.get("/hjalp/sv/finns-inte/")

    assert page["Cache-Control"] == start["Cache-Control"] == "public, max-age=300"
    assert form["Cache-Control"] == thanks["Cache-Control"] == "no-store"
    assert "Cache-Control" not in missing
