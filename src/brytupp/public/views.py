"""The public pages: each declared public, each rendered in the URL's language, none setting
a cookie (no form, no CSRF token, nothing put in the session)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies
from brytupp.access.declare import requires

from .folder import district_page_url, folder_file_name, folder_paper_get, folder_pdf
from .languages import PUBLIC_LANGUAGES, PublicLanguage
from .selectors import (
    CITY_SWITCHBOARD,
    EMERGENCY_NUMBERS,
    public_district_get,
    public_district_page,
    public_districts,
)

# Where the quick exit leaves to: a neutral page that reveals nothing (decision 0052).
QUICK_EXIT_URL = "https://www.google.com/"

# The pages on a subject, in the order the start page lists them: URL name, title.
TOPICS = (
    ("public:adults", _("Help for adults")),
    ("public:children", _("Help for children and young people")),
    ("public:worried", _("If you are worried about someone")),
    ("public:honour", _("Honour-related violence and oppression")),
    ("public:cover_tracks", _("Cover your tracks")),
)


def _page(request: HttpRequest, language: PublicLanguage, template: str, **context) -> HttpResponse:
    name = request.resolver_match.url_name if request.resolver_match else ""
    kwargs = dict(request.resolver_match.kwargs) if request.resolver_match else {}
    with translation.override(language.catalogue):
        switch = []
        for other in PUBLIC_LANGUAGES:
            kwargs["language"] = other
            switch.append(
                {
                    "language": other,
                    "url": reverse(f"public:{name}", kwargs=kwargs),
                    "current": other == language,
                }
            )
        response = render(
            request,
            template,
            {
                "language": language,
                "languages": switch,
                "topics": [(reverse(n, args=[language]), t) for n, t in TOPICS],
                "quick_exit_url": QUICK_EXIT_URL,
                "emergency_numbers": EMERGENCY_NUMBERS,
                **context,
            },
        )
    response["Content-Language"] = language.html_lang
    return response


@requires(policies.public)
def public_root(request: HttpRequest) -> HttpResponse:
    return redirect("public:start", language=PUBLIC_LANGUAGES[0])


@requires(policies.public)
def start(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    return _page(request, language, "public/start.html")


@requires(policies.public)
def districts(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    return _page(request, language, "public/districts.html", districts=list(public_districts()))


@requires(policies.public)
def district(request: HttpRequest, language: PublicLanguage, code: str) -> HttpResponse:
    page_district = public_district_get(code=code)
    with translation.override(language.catalogue):
        page = public_district_page(district=page_district)
    return _page(
        request,
        language,
        "public/district.html",
        page=page,
        switchboard=CITY_SWITCHBOARD,
        socialjouren=EMERGENCY_NUMBERS[3],
    )


@requires(policies.public)
def folder(request: HttpRequest, language: PublicLanguage, code: str, paper: str) -> HttpResponse:
    """The police folder of the district's page as a PDF, shown in the browser (decision 0053).
    Like the pages it sets no cookie: no session, no CSRF token, nothing asked."""
    if not language.folder:
        raise Http404
    folder_paper = folder_paper_get(paper)
    page_district = public_district_get(code=code)
    with translation.override(language.catalogue):
        page = public_district_page(district=page_district)
    document = folder_pdf(
        page=page,
        language=language,
        url=district_page_url(request, language, page_district.code),
        paper=folder_paper,
    )
    response = HttpResponse(document, content_type="application/pdf")
    name = folder_file_name(language, page_district.code, folder_paper)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Content-Language"] = language.html_lang
    return response


def _topic(template: str):
    @requires(policies.public)
    def view(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
        return _page(request, language, template)

    return view


adults = _topic("public/adults.html")
children = _topic("public/children.html")
worried = _topic("public/worried.html")
honour = _topic("public/honour.html")
cover_tracks = _topic("public/cover_tracks.html")
accessibility = _topic("public/accessibility.html")
