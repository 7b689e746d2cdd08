"""No blank pages: a URL that changes something by POST answers a GET (a reload, a link, a
bookmark) with a page that leads on, never a bare 405 (issue 13).

The first test walks the whole URL configuration, the admin's included, as a user every rule
admits, so a POST-only view added later fails it: a method check runs before the view looks
for its object, so an id that matches nothing still shows whether GET is refused. The others
open each such URL with an object the user may act on and follow where it leads.
"""

import re
import uuid

import pytest
from django.urls import get_resolver, reverse

from brytupp.access.declare import rule_for_view
from tests import factories

from .test_url_rules import walk

pytestmark = pytest.mark.django_db

ROUTE_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
SAMPLES = {"uuid": lambda: str(uuid.uuid4()), "int": lambda: "1", "slug": lambda: "x"}


def sample_url(route: str) -> str:
    """The route with a value of the right kind for each parameter."""
    url = ROUTE_PARAMETER.sub(lambda m: SAMPLES.get(m.group(1) or "", lambda: "x")(), route)
    url = REGEX_GROUP.sub(lambda m: "organisation" if m.group(1) == "app_label" else "x", url)
    return "/" + url.replace("^", "").replace("$", "")


@pytest.fixture
def everyone(district):
    """A user every rule admits: a case worker at Socialjouren, a unit manager, the district's
    process owner, an analyst and a system administrator."""
    rvt = factories.UnitFactory(district=district, kind="rvt")
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    user = factories.staff("handlaggare", jour)
    for role, unit in (
        ("enhetschef", rvt),
        ("implementerare", rvt),
        ("analytiker", rvt),
        ("systemforvaltare", rvt),
    ):
        factories.MembershipFactory(user=user, unit=unit, role=role)
    return user


def test_no_url_answers_a_get_by_a_user_with_access_with_405(client, everyone):
    factories.sign_in(client, everyone)
    refused = []
    routes = list(walk(get_resolver().url_patterns))
    for route, view, namespaces in routes:
        if not rule_for_view(view, namespaces).login_required:
            continue  # sign-in, sign-out and the language: tested below, signed in or not
        response = client.get(sample_url(route))
        if response.status_code == 405:
            refused.append(route)
        factories.sign_in(client, everyone)  # a page that signs out would end the walk

    assert len(routes) > 100  # the walk reached our pages and the admin's
    assert refused == []


def test_the_public_urls_answer_a_get_with_a_page_that_leads_on(client, everyone):
    assert client.get("/logga-ut/")["Location"] == reverse("web:login")
    assert client.get("/sprak/").status_code == 302
    factories.sign_in(client, everyone)

    sign_out = client.get("/logga-ut/")

    page = sign_out.content.decode()
    assert sign_out.status_code == 200
    assert f'action="{reverse("web:logout")}"' in page
    assert f'action="{reverse("web:sign_out_everywhere")}"' in page
    assert client.get(reverse("web:start")).status_code == 302  # still signed in
    assert client.get("/sprak/?next=/mina-arenden/")["Location"] == "/mina-arenden/"


@pytest.mark.parametrize(
    ("name", "args", "leads_to"),
    [
        ("emergency_grant", [uuid.uuid4()], "emergency_search"),
        ("log_review:mark", [1], "log_review:search"),
        ("web:membership_approve", [1], "web:membership_proposals"),
        ("log_review:extract_approve", [uuid.uuid4()], "log_review:extract_approvals"),
        ("admin:logout", [], "web:logout"),
    ],
)
def test_a_get_of_a_post_only_url_leads_to_the_page_where_it_is_done(
    client, everyone, name, args, leads_to
):
    factories.sign_in(client, everyone)

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"] == reverse(leads_to)
    assert client.get(response["Location"]).status_code == 200


def test_a_get_of_sign_out_everywhere_offers_the_button_and_signs_out_nowhere(client, everyone):
    factories.sign_in(client, everyone)
    epoch = everyone.session_epoch

    response = client.get(reverse("web:sign_out_everywhere"))

    everyone.refresh_from_db()
    assert response.status_code == 200
    assert f'action="{reverse("web:sign_out_everywhere")}"' in response.content.decode()
    assert everyone.session_epoch == epoch
    assert client.get(reverse("web:start")).status_code == 302
