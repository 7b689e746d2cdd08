"""The start page and the menu offer a role's page by the same rule that guards the page."""

import pytest
from django.urls import resolve, reverse

from brytupp.access.declare import rule_for_view
from brytupp.web.context import START_PAGES, navigation_for, start_pages
from tests import factories


@pytest.mark.parametrize(("rule", "name"), [(rule, name) for rule, name, _label in START_PAGES])
def test_each_role_page_is_offered_by_the_rule_that_guards_it(rule, name):
    match = resolve(reverse(name))

    assert rule_for_view(match.func, match.namespaces) is rule


@pytest.mark.django_db
def test_a_user_with_two_roles_starts_on_the_first_and_sees_both_in_the_menu(client, rvt):
    user = factories.staff("handlaggare", rvt)
    factories.MembershipFactory(user=user, unit=rvt, role="enhetschef")

    assert [name for name, _label in start_pages(user)] == ["web:work", "web:unit_overview"]
    urls = [item["url"] for item in navigation_for(user)]
    assert urls[:2] == [reverse("web:work"), reverse("web:unit_overview")]
    factories.sign_in(client, user)
    assert client.get(reverse("web:start"))["Location"] == reverse("web:work")
