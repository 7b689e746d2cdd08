"""The police folder (decision 0053): a district's public page as a PDF on one A4 sheet or an A5
leaflet, with the emergency numbers, the district's contacts, whom to call for a gap, and a QR
code that decodes back to the district's page. Each folder is rendered once for the module."""

import io
import re

import pypdfium2
import pytest
import zxingcpp
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from pypdf import PdfReader

from brytupp.localprocess.models import LocalOffer
from brytupp.organisation.models import Partner
from tests import factories

CODE = "folder-test"
GAP_CODE = "folder-tom"
PUBLIC_URL = "https://brytupp.example.se"

# Each folder the module looks at: (language, paper, district code, BRYTUPP_PUBLIC_URL).
FOLDERS = {
    "sv-a4": ("sv", "a4", CODE, ""),
    "sv-a5": ("sv", "a5", CODE, ""),
    "ar-a5": ("ar", "a5", CODE, ""),
    "en-a4-gap": ("en", "a4", GAP_CODE, ""),
    "sv-a4-public-url": ("sv", "a4", CODE, PUBLIC_URL),
}


def offer_row(district, item, **fields):
    LocalOffer.objects.create(district=district, item=item, changed_at=timezone.now(), **fields)


@pytest.fixture(scope="module")
def folders(django_db_setup, django_db_blocker):
    """The responses for ``FOLDERS``: a district whose local process offers five items and
    leaves three gaps, and a district of gaps only; the data rolled back once rendered."""
    responses = {}
    with django_db_blocker.unblock(), transaction.atomic():
        district = factories.DistrictFactory(code=CODE, name="Stadsdel Folder")
        factories.DistrictFactory(code=GAP_CODE, name="Stadsdel Tom")
        rvt = factories.UnitFactory(
            district=district, kind="rvt", name="Relationsvåldsteamet Folder"
        )
        rvc = factories.UnitFactory(district=None, kind="rvc", name="Relationsvåldscentrum Folder")
        partner = Partner.objects.create(
            code="vardcentral-folder", name="Vårdcentral Folder", kind="region"
        )
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
        offer_row(
            district,
            "stodsamtal_individuellt",
            unit=rvc,
            phone="08-123 45 02",
            hours="Mån–tor 9–17",
            safe_contact="Vi skickar inga brev hem.",
            waiting_days=7,
        )
        offer_row(district, "rattsprocess", unit=rvt, phone="08-123 45 03")
        offer_row(district, "stadigvarande_boende", unit=rvt, phone="08-123 45 04")
        offer_row(district, "halso_sjukvard", partner=partner, phone="08-123 45 05")
        offer_row(district, "ekonomiskt_stod", phone="08-999 99 99")  # a gap: no provider
        client = Client()
        for key, (language, paper, code, public_url) in FOLDERS.items():
            with override_settings(BRYTUPP_PUBLIC_URL=public_url):
                responses[key] = client.get(
                    f"/hjalp/{language}/stadsdelar/{code}/folder-{paper}.pdf"
                )
        transaction.set_rollback(True)
    return responses


def text_of(pdf: bytes) -> list[str]:
    """The text of each page, each run of white space made one space, without the lists'
    bullets (the text extraction puts them at the end of the page)."""
    return [
        " ".join(page.extract_text().replace("•", " ").split())
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def sizes_of(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def qr_codes_on(pdf: bytes, page: int) -> list[str]:
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=2).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def page_url(language, code, base="http://testserver"):
    return f"{base}/hjalp/{language}/stadsdelar/{code}/"


@pytest.mark.parametrize("key", list(FOLDERS))
def test_each_folder_is_a_pdf_shown_in_the_browser_without_a_cookie(folders, key):
    language, paper, code, _url = FOLDERS[key]
    response = folders[key]

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="bryt-upp-{code}-{language}-{paper}.pdf"'
    )
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert response.content.startswith(b"%PDF-")


def test_the_a4_folder_is_one_a4_portrait_page(folders):
    assert sizes_of(folders["sv-a4"].content) == [pytest.approx((595.3, 841.9), abs=1)]


@pytest.mark.parametrize("key", ["sv-a5", "ar-a5"])
def test_the_a5_folder_is_two_a4_landscape_pages_outside_and_inside(folders, key):
    assert sizes_of(folders[key].content) == [pytest.approx((841.9, 595.3), abs=1)] * 2


def test_the_a4_folder_holds_the_numbers_first_then_each_offer_with_its_contacts(folders):
    [text] = text_of(folders["sv-a4"].content)

    assert text.startswith("Hjälp mot våld Stadsdel Folder")
    numbers = [
        "112 Akut fara: polis, ambulans, räddningstjänst.",
        "020-50 50 50 Kvinnofridslinjen",
        "116 111 BRIS",
        "08-508 40 000 Socialjouren Stockholm",
    ]
    positions = [text.index(number) for number in numbers]
    assert positions == sorted(positions)
    assert positions[-1] < text.index("Hjälp i Stadsdel Folder")
    for words in [
        "Individuell rådgivning och vägledning Vem Relationsvåldsteamet Folder "
        "Telefon 08-123 45 01 E-post rvt@example.se Besöksadress Testgatan 1, Stockholm "
        "Öppettider Mån–fre 8–16 Så når du dem säkert Ring så ringer vi upp från dolt nummer. "
        "Vanlig väntetid 3 dagar",
        "Individuella stödsamtal Vem Relationsvåldscentrum Folder Telefon 08-123 45 02 "
        "Öppettider Mån–tor 9–17 Så når du dem säkert Vi skickar inga brev hem. "
        "Vanlig väntetid 7 dagar",
        "Vem Vårdcentral Folder Telefon 08-123 45 05",
        "Förvara foldern där den som skadar dig inte hittar den.",
    ]:
        assert words in text
    # The gaps together, once, with whom to call instead; a gap's own contacts are not shown.
    assert (
        "Erbjuds ännu inte i stadsdelen Stödsamtal i grupp Ekonomiskt stöd Praktiskt stöd" in text
    )
    assert text.count("Ingen i stadsdelen erbjuder det här ännu.") == 1
    assert (
        "Stockholms stads växel (be att få tala med Relationsvåldsteamet Folder): 08-508 000 00"
        in text
    )
    assert "08-999 99 99" not in text


def test_the_printed_address_and_the_qr_code_are_the_district_pages(folders):
    url = page_url("sv", CODE)

    [text] = text_of(folders["sv-a4"].content)

    assert "Läs detta på webben, alltid aktuellt:" in text
    assert url in text.replace(" ", "")  # the address may wrap: at its slashes
    assert qr_codes_on(folders["sv-a4"].content, 0) == [url]


def test_the_qr_code_leads_to_the_public_address_when_it_is_set(folders):
    url = page_url("sv", CODE, base=PUBLIC_URL)
    pdf = folders["sv-a4-public-url"].content

    assert qr_codes_on(pdf, 0) == [url]
    assert url in text_of(pdf)[0].replace(" ", "")


def test_the_a5_outside_has_the_title_numbers_and_code_and_the_inside_the_contacts(folders):
    pdf = folders["sv-a5"].content
    outside, inside = text_of(pdf)

    assert "Hjälp mot våld Stadsdel Folder Vid fara: ring 112" in outside
    assert "020-50 50 50 Kvinnofridslinjen" in outside
    assert "08-123 45" not in outside
    assert qr_codes_on(pdf, 0) == [page_url("sv", CODE)]
    assert qr_codes_on(pdf, 1) == []
    assert inside.startswith("Hjälp i Stadsdel Folder")
    for phone in ("08-123 45 01", "08-123 45 02", "08-123 45 03", "08-123 45 04", "08-123 45 05"):
        assert phone in inside
    assert "Relationsvåldscentrum Folder" in inside


def test_an_arabic_a5_folder_opens_from_the_right_and_leads_to_the_arabic_page(folders):
    pdf = folders["ar-a5"].content
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil()
    [code] = zxingcpp.read_barcodes(image)

    assert code.text == page_url("ar", CODE)
    # The front panel, with the code, is the left half of the outside: folded, it is on top
    # of a leaflet read from right to left.
    assert code.position.top_right.x < image.width / 2


def test_a_district_without_offers_says_whom_to_call_for_every_item(folders):
    [text] = text_of(folders["en-a4-gap"].content)

    assert text.startswith("Help against violence Stadsdel Tom")
    assert (
        "Not offered in the district yet Individual counselling and guidance "
        "Individual support talks Group support talks "
        "Support in the legal process and protective measures "
        "Support towards permanent housing Financial support Practical support "
        "Contact with health care No one in the district offers this yet."
    ) in text
    assert "Stockholm city's switchboard: 08-508 000 00 Socialjouren: 08-508 40 000" in text
    assert qr_codes_on(folders["en-a4-gap"].content, 0) == [page_url("en", GAP_CODE)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/hjalp/sv/stadsdelar/finns-inte/folder-a4.pdf",
        "/hjalp/sv/stadsdelar/nedlagd/folder-a5.pdf",
        "/hjalp/de/stadsdelar/{code}/folder-a4.pdf",
        "/hjalp/sv/stadsdelar/{code}/folder-a3.pdf",
        # No folder in Tigrinya: the server has no font for the Ethiopic script.
        "/hjalp/ti/stadsdelar/{code}/folder-a4.pdf",
    ],
)
def test_an_unknown_district_language_or_paper_is_not_found(client, district, path):
    today = timezone.localdate()
    factories.DistrictFactory(code="nedlagd", valid_to=today.replace(year=today.year - 1))

    response = client.get(path.format(code=district.code))

    assert response.status_code == 404
    assert response.cookies == {}


@pytest.mark.django_db
def test_the_public_district_page_offers_no_download(client, district):
    content = client.get(f"/hjalp/sv/stadsdelar/{district.code}/").content.decode()

    assert re.search(r"folder-a[45]\.pdf", content) is None
