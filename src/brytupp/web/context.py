"""What every page needs to know about the service and the signed-in user."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brytupp.access import policies
from brytupp.signin.two_factor import second_factor_pending

# Each role's own page, in the order the start page tries them: the first page whose rule
# admits the user is where ``web:start`` sends them. Who is admitted is the rule's to say.
START_PAGES = [
    (policies.case_work, "web:work", _("My cases")),
    (policies.unit_overview, "web:unit_overview", _("My unit")),
    (policies.district_overview, "web:district_overview", _("My district")),
    (policies.city_followup, "web:city_followup", _("Follow-up")),
    (policies.administration, "web:administration", _("Administration")),
]


def start_pages(user) -> list[tuple[str, str]]:
    """The URL names and labels of the role pages the user may open, first the start page."""
    return [(name, label) for rule, name, label in START_PAGES if rule.allows(user)]


# The ways into the case journey, for every case worker and manager (``case_opening``): in
# the menu and on their start page, so that no step needs a typed URL (issue 13).
CASE_DOORS = [
    ("cases:screening", _("New screening")),
    ("cases:person_search", _("Search for a person")),
    # The menu's plain words, as the issue has them; the pages say "aktualisera".
    ("cases:open", pgettext_lazy("menu", "Open a case")),
]


def case_doors(user) -> list[dict]:
    if user is None or second_factor_pending(user) or not policies.case_opening.allows(user):
        return []
    return [{"url": reverse(name), "label": label} for name, label in CASE_DOORS]


def navigation_for(user) -> list[dict]:
    if second_factor_pending(user):
        return []  # nothing to navigate to before the second factor
    items = [{"url": reverse(name), "label": label} for name, label in start_pages(user)]
    if policies.case_work.allows(user):
        # "The unit's cases" is the second tab of "My cases".
        for item in items:
            if item["url"] == reverse("web:work"):
                item["also"] = [reverse("web:unit_cases")]
    elif policies.cases.allows(user):
        items.append({"url": reverse("web:unit_cases"), "label": _("The unit's cases")})
    if policies.case_participation.allows(user):
        items.append({"url": reverse("web:todo"), "label": _("To do")})
    if policies.contact_requests.allows(user):
        items.append({"url": reverse("contact:list"), "label": _("Contact requests")})
    items.extend(case_doors(user))
    if policies.emergency_access.allows(user):
        items.append({"url": reverse("emergency_search"), "label": _("Emergency access")})
    if policies.membership_approvals.allows(user):
        items.append({"url": reverse("web:membership_proposals"), "label": _("Memberships")})
    if policies.log_review.allows(user):
        items.append({"url": reverse("log_review:search"), "label": _("Log review")})
    if policies.followup.allows(user) and not policies.city_followup.allows(user):
        # The analyst's start page is the follow-up; others reach it here.
        items.append(
            {
                "url": reverse("web:followup_goals"),
                "label": _("Follow-up"),
                "also": [reverse("web:followup_equality")],
            }
        )
    if policies.organisation_directory.allows(user):
        items.append({"url": reverse("web:district_list"), "label": _("Organisation")})
    return items


def service(request) -> dict:
    user = getattr(request, "user", None)
    navigation = navigation_for(user) if user is not None else []
    path = request.path
    for item in navigation:
        urls = [item["url"], *item.pop("also", [])]
        item["current"] = any(path.startswith(url) for url in urls)
    return {
        "demo_mode": settings.BRYTUPP_DEMO,
        "navigation": navigation,
        "case_doors": case_doors(user) if user is not None else [],
    }
