"""The public pages: each declared public, each rendered in the URL's language, none setting
a cookie (no form, no CSRF token, nothing put in the session)."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.contact.forms import ContactRequestForm
from brytupp.contact.selectors import district_rvt
from brytupp.contact.services import RateLimited, contact_request_submit
from brytupp.govuk.forms import apply_errors, bound
from brytupp.signin.lockout import client_address

from .folder import district_page_url, folder_file_name, folder_paper_get, folder_pdf
from .languages import BY_SEGMENT, PUBLIC_LANGUAGES, PublicLanguage
from .selectors import (
    CITY_SWITCHBOARD,
    EMERGENCY_NUMBERS,
    public_district_get,
    public_district_page,
    public_districts,
)

# The pages hold nothing personal and change when a district's local process does: a browser
# or a proxy in front of us may keep them five minutes. The contact form and its thanks are
# "no-store" instead.
PUBLIC_MAX_AGE = 5 * 60

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


def _page(
    request: HttpRequest,
    language: PublicLanguage,
    template: str,
    *,
    status: int = 200,
    **context,
) -> HttpResponse:
    match = request.resolver_match
    # A page not found has no match of its own: its language switch leads to each start page.
    name = match.url_name if match and match.namespace == "public" else "start"
    kwargs = dict(match.kwargs) if match and match.namespace == "public" else {}
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
            status=status,
        )
    response["Content-Language"] = language.html_lang
    if status == 200:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    """A page under /hjalp/ that does not exist: a public page like the others, in the URL's
    language when it names one, with no cookie (the staff's 404 carries a CSRF token)."""
    segment = request.path.split("/")[2] if request.path.count("/") >= 3 else ""
    language = BY_SEGMENT.get(segment, PUBLIC_LANGUAGES[0])
    return _page(request, language, "public/404.html", status=404)


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
    response = _page(
        request,
        language,
        "public/district.html",
        page=page,
        switchboard=CITY_SWITCHBOARD,
        socialjouren=EMERGENCY_NUMBERS[3],
        takes_contact_requests=page.rvt is not None,
        contact_sent=_contact_sent(request, code),
    )
    if "s" in request.GET:
        response["Cache-Control"] = "no-store"
    return response


# --- the contact request (decision 0054) ---------------------------------------------------

# After a contact request is stored, the person is sent back to the district's page with a
# signed token in ``?s=``: the page thanks them while the token is fresh, and is the plain
# district page after that, so that the history shows nothing another user of the device
# could read. The token names the district only.
CONTACT_SENT_SALT = "brytupp.public.contact_sent"
CONTACT_SENT_SHOWN_SECONDS = 10 * 60


def _contact_sent(request: HttpRequest, code: str) -> bool:
    token = request.GET.get("s", "")
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=CONTACT_SENT_SALT).unsign(
            token, max_age=CONTACT_SENT_SHOWN_SECONDS
        )
    except signing.BadSignature:
        return False
    return value == code


# No CSRF token: the pages set no cookie (decision 0052), and the form acts for no one signed
# in; what a forged post could do, anyone can do, and the rate limit bounds it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@requires(policies.public)
def contact(request: HttpRequest, language: PublicLanguage, code: str) -> HttpResponse:
    page_district = public_district_get(code=code)
    if district_rvt(page_district) is None:
        raise Http404
    limited = False
    with translation.override(language.catalogue):
        form = ContactRequestForm(bound(request))
        if form.is_bound and form.is_valid():
            try:
                contact_request_submit(
                    district=page_district,
                    address=client_address(request),
                    language=language.segment,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                apply_errors(form, error)
            except RateLimited:
                limited = True
            else:
                token = signing.TimestampSigner(salt=CONTACT_SENT_SALT).sign(code)
                url = reverse("public:district", args=[language, code])
                return HttpResponseRedirect(f"{url}?s={token}", status=303)
    response = _page(
        request,
        language,
        "public/contact.html",
        form=form,
        limited=limited,
        district=page_district,
        switchboard=CITY_SWITCHBOARD,
        socialjouren=EMERGENCY_NUMBERS[3],
    )
    if limited:
        response.status_code = 429
    # Back after sending must not bring the filled form up again from the browser's cache.
    response["Cache-Control"] = "no-store"
    return response


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
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
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
