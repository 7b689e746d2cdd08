"""PDF documents rendered from Django templates with WeasyPrint (decision 0012).

A PDF is an HTML template rendered with its context and laid out by WeasyPrint with our print
stylesheet (``brytupp/pdf.css``, read from the static files): landscape A4, DejaVu Sans from
the system's fontconfig, page numbers in the footer.

WeasyPrint never reaches the network: its URL fetcher refuses every URL, so nothing in a
template, or in a value placed in it, can make the server fetch a remote (or local) resource.
Stylesheets are read from our own static files by path and handed to WeasyPrint as text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEETS = ("brytupp/pdf.css",)

logger = logging.getLogger(__name__)


class RefusingURLFetcher(URLFetcher):
    """Fetches nothing: every URL in a document or stylesheet is refused and left out."""

    def fetch(self, url, headers=None):
        logger.warning("PDF rendering refused a URL")
        raise ValueError("PDF rendering fetches no URL")


def _stylesheet(path: str, url_fetcher: URLFetcher) -> CSS:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"No static file {path!r} for the PDF")
    with open(found, encoding="utf-8") as css:
        return CSS(string=css.read(), url_fetcher=url_fetcher)


def pdf_render(
    *, template_name: str, context: dict, stylesheets: Sequence[str] = STYLESHEETS
) -> bytes:
    """The template rendered with the context, as the bytes of a tagged PDF (PDF/UA-1)."""
    html = render_to_string(template_name, context)
    url_fetcher = RefusingURLFetcher()
    return HTML(string=html, url_fetcher=url_fetcher).write_pdf(
        stylesheets=[_stylesheet(path, url_fetcher) for path in stylesheets],
        pdf_variant="pdf/ua-1",
    )
