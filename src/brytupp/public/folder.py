"""The police folder (decision 0053): a district's page on paper, for the police to hand out.

Two papers: ``a4``, one A4 portrait sheet; ``a5``, an A4 landscape sheet printed on both sides
and folded once into an A5 leaflet (page 1 the outside, back and front panels; page 2 the
inside). Both hold the same as the district's public page — the emergency numbers, who offers
each kind of help and how to reach them safely, whom to call for a gap — with a QR code that
leads to that page, made by segno as SVG and laid out inline (WeasyPrint fetches nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from brytupp.govuk.pdf import pdf_render

from .languages import PublicLanguage
from .selectors import CITY_SWITCHBOARD, EMERGENCY_NUMBERS, DistrictPage


@dataclass(frozen=True)
class FolderPaper:
    code: str  # in the URL and the file name
    template: str
    stylesheets: tuple[str, ...]


PAPERS = {
    "a4": FolderPaper("a4", "public/folder_a4.html", ("public/folder.css", "public/folder_a4.css")),
    "a5": FolderPaper("a5", "public/folder_a5.html", ("public/folder.css", "public/folder_a5.css")),
}


def folder_paper_get(code: str) -> FolderPaper:
    paper = PAPERS.get(code)
    if paper is None:
        raise Http404
    return paper


def public_url(request: HttpRequest, path: str) -> str:
    """The absolute address of a public page: at ``BRYTUPP_PUBLIC_URL`` when it is set (the
    address the public reaches), otherwise at the scheme and host of this request."""
    if settings.BRYTUPP_PUBLIC_URL:
        return settings.BRYTUPP_PUBLIC_URL + path
    return request.build_absolute_uri(path)


def district_page_url(request: HttpRequest, language: PublicLanguage, code: str) -> str:
    return public_url(request, reverse("public:district", args=[language, code]))


def qr_svg(url: str, title: str) -> SafeString:
    """The QR code of ``url`` as an inline SVG element, four modules of quiet zone around it;
    its size is the stylesheet's. Error correction M: a crease or a stain may cost some."""
    code = segno.make_qr(url, error="m")
    svg = code.svg_inline(border=4, omitsize=True, dark="#000", title=title)
    # segno writes no namespace in inline SVG; the title it writes is escaped.
    return mark_safe(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))  # noqa: S308


def folder_file_name(language: PublicLanguage, code: str, paper: FolderPaper) -> str:
    return f"bryt-upp-{code}-{language.segment}-{paper.code}.pdf"


def folder_pdf(
    *, page: DistrictPage, language: PublicLanguage, url: str, paper: FolderPaper
) -> bytes:
    """The folder of a district's page in ``language``, leading to ``url``."""
    offered = [offer for offer in page.offers if offer.provider]
    gaps = [offer for offer in page.offers if not offer.provider]
    with translation.override(language.catalogue):
        context = {
            "page": page,
            "language": language,
            "offered": offered,
            "gaps": gaps,
            "emergency_numbers": EMERGENCY_NUMBERS,
            "switchboard": CITY_SWITCHBOARD,
            "socialjouren": EMERGENCY_NUMBERS[3],
            "url": url,
            "qr": qr_svg(url, title=url),
        }
        return pdf_render(
            template_name=paper.template, context=context, stylesheets=paper.stylesheets
        )
