"""PDF rendering (govuk/pdf.py): a template becomes a PDF, and WeasyPrint fetches no URL."""

import io
import socket

import pytest
from django.test import override_settings
from pypdf import PdfReader

from brytupp.govuk.pdf import RefusingURLFetcher, pdf_render

PROBE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title>
<link rel="stylesheet" href="https://example.org/remote.css">
<link rel="attachment" href="file://{secret}">
<style>@import url("http://127.0.0.1:9/imported.css");
body {{ background: url("https://example.org/bg.png") }}</style></head>
<body><h1>{{{{ heading }}}}</h1><img src="http://127.0.0.1:9/pixel.png" alt="">
<img src="file://{secret}" alt=""></body></html>"""


@pytest.fixture
def probe_template(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("THE-SECRET-ON-DISK", encoding="utf-8")
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"probe.html": PROBE.format(secret=secret)},
                    )
                ]
            },
        }
    ]
    with override_settings(TEMPLATES=templates):
        yield "probe.html"


@pytest.fixture
def connections(monkeypatch):
    """Every network connection attempted, refused."""
    attempts = []

    def refuse(sock, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_a_template_becomes_a_pdf_with_its_text(probe_template, connections):
    document = pdf_render(template_name=probe_template, context={"heading": "Rubrik åäö"})

    reader = PdfReader(io.BytesIO(document))
    assert document.startswith(b"%PDF-")
    assert reader.pages[0].extract_text().strip() == "Rubrik åäö"
    assert str(reader.metadata.title) == "Prov"


def test_no_url_is_fetched_from_the_network_or_the_disk(probe_template, connections, caplog):
    document = pdf_render(template_name=probe_template, context={"heading": "Rubrik"})

    assert connections == []
    assert PdfReader(io.BytesIO(document)).attachments == {}
    assert b"THE-SECRET-ON-DISK" not in document
    refused = [r for r in caplog.records if r.getMessage() == "PDF rendering refused a URL"]
    assert len(refused) == 6


def test_the_fetcher_refuses_every_scheme():
    fetcher = RefusingURLFetcher()
    for url in ("https://example.org/", "http://127.0.0.1/", "file:///etc/hostname", "data:,x"):
        with pytest.raises(ValueError, match="fetches no URL"):
            fetcher.fetch(url)
