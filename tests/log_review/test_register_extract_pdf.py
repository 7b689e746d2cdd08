import datetime
import io
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from brytupp.audit.extract_requests import extract_request_approve, extract_request_make
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome
from tests import factories

from .entries import STOCKHOLM, log_entry

pytestmark = pytest.mark.django_db

# Skatteverket's test numbers: synthetic, never a real person's.
IDENTITY_NUMBER = "198112189876"
PROTECTED_IDENTITY_NUMBER = "201701012393"


def worker_unit(user):
    return user.memberships.get().unit


def _pdf_url(person_id):
    return reverse("log_review:register_extract_pdf", args=[person_id])


def _text(document: bytes) -> str:
    """The text of every page. A cell may wrap over two lines, so the tests look for single
    words and whole values that never wrap (times, user names, one-word labels)."""
    reader = PdfReader(io.BytesIO(document))
    return "\n".join(page.extract_text() for page in reader.pages)


def _exports(person):
    return AccessLogEntry.objects.filter(person_public_id=person.public_id, kind=AccessKind.EXPORT)


@pytest.fixture
def somebody():
    return factories.person(
        first_name="Synnöve",
        last_name="Hemligsson",
        identity_number=IDENTITY_NUMBER,
        birth_date=datetime.date(1981, 12, 18),
    )


@pytest.fixture
def their_entries(somebody, worker, other_worker):
    at = [datetime.datetime(2026, 11, day, 9, 5, 30, tzinfo=STOCKHOLM) for day in (3, 5, 9)]
    return [
        log_entry(worker, at=at[0], person_public_id=somebody.public_id),
        log_entry(
            other_worker,
            at=at[1],
            person_public_id=somebody.public_id,
            kind=AccessKind.CHANGE,
            ground=AccessGround.CONSENT,
        ),
        log_entry(
            worker,
            at=at[2],
            person_public_id=somebody.public_id,
            outcome=AccessOutcome.REFUSED,
            ground=AccessGround.NONE,
        ),
    ]


def test_the_pdf_is_an_attachment_named_by_the_short_id_and_never_cached(
    client, somebody, their_entries, administrator
):
    factories.sign_in(client, administrator)

    response = client.get(_pdf_url(somebody.public_id))

    today = timezone.localdate()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registerutdrag-{str(somebody.public_id)[:8]}-{today:%Y-%m-%d}.pdf"'
    )
    assert "no-store" in [part.strip() for part in response["Cache-Control"].split(",")]
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_lists_each_access_with_labels_in_stockholm_time(
    client, somebody, their_entries, administrator
):
    log_entry(administrator)  # another person's entry: not in the extract
    factories.sign_in(client, administrator)

    text = _text(client.get(_pdf_url(somebody.public_id)).content)

    assert "Registerutdrag: åtkomst till en persons uppgifter" in text
    assert str(somebody.public_id) in text
    assert f"{administrator.get_full_name()} (admin_sf)" in text
    # In order of time, local time (09:05:30 in Stockholm is 08:05:30 UTC in November).
    times = ["2026-11-03 09:05:30", "2026-11-05 09:05:30", "2026-11-09 09:05:30"]
    assert [text.index(t) for t in times] == sorted(text.index(t) for t in times)
    assert "08:05:30" not in text
    assert text.count("worker_rvt") == 2
    assert text.count("worker_other") == 1
    assert text.count("Handläggare") == 3
    assert text.count("Visning") == 2
    # The three entries, and the person's registration (a change by a system job).
    assert text.count("Ändring") == 2
    assert text.count("Samtycke") == 1
    assert text.count("Nekad") == 1
    assert text.count("Tillåten") == 3
    assert "Antal åtkomster\n4" in text or "Antal åtkomster 4" in text
    assert "Sida 1 av 1" in text


def test_the_pdf_is_landscape_a4_in_dejavu_sans(client, somebody, their_entries, administrator):
    factories.sign_in(client, administrator)

    reader = PdfReader(io.BytesIO(client.get(_pdf_url(somebody.public_id)).content))

    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= fonts
    assert str(reader.metadata.title) == f"Registerutdrag för person {str(somebody.public_id)[:8]}"


def _never_named(document: bytes, text: str, *, names: tuple[str, ...], number: str) -> None:
    forms = (number, f"{number[:8]}-{number[8:]}", number[2:], f"{number[2:8]}-{number[8:]}")
    for secret in (*names, *forms):
        assert secret not in text
        assert secret.encode() not in document
        assert secret.encode("utf-16-be") not in document


def test_the_pdf_never_names_the_person(client, somebody, their_entries, administrator):
    factories.sign_in(client, administrator)

    document = client.get(_pdf_url(somebody.public_id)).content

    text = _text(document)
    assert "worker_rvt" in text  # the text was read, so its silence below means something
    _never_named(document, text, names=("Synnöve", "Hemligsson"), number=IDENTITY_NUMBER)


def test_the_pdf_never_names_a_protected_person(client, worker, administrator):
    protected = factories.person(
        first_name="Hemliga",
        last_name="Skyddadsdotter",
        identity_number=PROTECTED_IDENTITY_NUMBER,
        birth_date=datetime.date(2017, 1, 1),
        protected_identity="skyddad_folkbokforing",
    )
    log_entry(worker, person_public_id=protected.public_id, kind=AccessKind.REVEAL)
    # A protected person's extract needs a second administrator's approval (decision 0023).
    second = factories.staff("systemforvaltare", worker_unit(worker), username="admin_two")
    extract_request = extract_request_make(actor=administrator, person=protected)
    extract_request_approve(actor=second, request_id=extract_request.public_id)
    factories.sign_in(client, administrator)

    document = client.get(_pdf_url(protected.public_id)).content

    text = _text(document)
    assert "worker_rvt" in text
    _never_named(
        document,
        text,
        names=("Hemliga", "Skyddadsdotter", "skyddad", "Skyddad folkbokföring"),
        number=PROTECTED_IDENTITY_NUMBER,
    )


def test_producing_the_pdf_is_logged_once_as_an_export(
    client, somebody, their_entries, administrator, rvt
):
    factories.sign_in(client, administrator)

    client.get(_pdf_url(somebody.public_id))

    [export] = _exports(somebody)
    assert (export.user_public_id, export.kind, export.outcome, export.case_public_id) == (
        administrator.public_id,
        AccessKind.EXPORT,
        AccessOutcome.ALLOWED,
        None,
    )
    assert (export.role, export.unit_code, export.ground) == (
        "systemforvaltare",
        rvt.code,
        AccessGround.OVERSIGHT,
    )


def test_the_page_is_logged_as_an_export_too_and_links_to_the_pdf(
    client, somebody, their_entries, administrator
):
    factories.sign_in(client, administrator)

    response = client.get(reverse("log_review:register_extract", args=[somebody.public_id]))

    assert response.status_code == 200
    assert f'href="{_pdf_url(somebody.public_id)}"' in response.content.decode()
    assert _exports(somebody).count() == 1


def test_the_extract_shows_the_accesses_before_it_and_the_next_shows_it(
    client, somebody, their_entries, administrator
):
    factories.sign_in(client, administrator)

    first = _text(client.get(_pdf_url(somebody.public_id)).content)
    second = _text(client.get(_pdf_url(somebody.public_id)).content)

    assert first.count("Export") == 0
    assert second.count("Export") == 1
    assert _exports(somebody).count() == 2


@pytest.fixture
def other_manager(other_unit):
    return factories.staff("enhetschef", other_unit, username="manager_other")


def _get_404(client, url_name, person_id) -> bytes:
    response = client.get(reverse(f"log_review:{url_name}", args=[person_id]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    # The page echoes its own address (the language switcher's return path) and a CSRF token
    # masked anew for each response; nothing else differs.
    body = response.content.replace(str(person_id).encode(), b"<id>")
    return re.sub(rb"[A-Za-z0-9]{64}", b"<csrf>", body)


@pytest.mark.parametrize("who", ["other_manager", "manager", "worker", "administrator"])
@pytest.mark.parametrize("url_name", ["register_extract_pdf", "register_extract"])
def test_denied_users_get_the_same_404_as_for_a_missing_person_and_nothing_is_logged(
    request, client, somebody, their_entries, who, url_name
):
    actor = request.getfixturevalue(who)
    entries_before = AccessLogEntry.objects.count()
    factories.sign_in(client, actor)

    missing = _get_404(client, url_name, uuid.uuid4())
    if who != "administrator":
        assert _get_404(client, url_name, somebody.public_id) == missing

    assert b"%PDF" not in missing and b"worker_rvt" not in missing
    # Each refusal is one refused entry naming the person asked for, nothing else (finding 7).
    asked = [somebody.public_id] if who != "administrator" else []
    refused = AccessLogEntry.objects.order_by("seq")[entries_before:]
    assert [(e.kind, e.ground, e.outcome, e.case_public_id) for e in refused] == [
        ("view", "refused", "refused", None)
    ] * (1 + len(asked))
    assert [e.person_public_id for e in refused][1:] == asked


def test_signed_out_visitors_are_sent_to_sign_in(client, somebody):
    response = client.get(_pdf_url(somebody.public_id))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
