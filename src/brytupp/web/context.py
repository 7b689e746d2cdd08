"""What every page needs to know about the service and the signed-in user."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies
from brytupp.organisation.models import Role

ROLE_START_PAGES = [
    (Role.HANDLAGGARE, "web:work", _("My cases")),
    (Role.ENHETSCHEF, "web:unit_overview", _("My unit")),
    (Role.IMPLEMENTERARE, "web:district_overview", _("My district")),
    (Role.ANALYTIKER, "web:city_followup", _("Follow-up")),
    (Role.SYSTEMFORVALTARE, "web:administration", _("Administration")),
]


def navigation_for(user) -> list[dict]:
    if (
        settings.BRYTUPP_REQUIRE_TWO_FACTOR
        and getattr(user, "is_verified", None)
        and not user.is_verified()
    ):
        return []  # nothing to navigate to before the second factor
    held = policies.roles(user)
    items = [
        {"url": reverse(name), "label": label}
        for role, name, label in ROLE_START_PAGES
        if role in held
    ]
    if policies.case_work.allows(user):
        # "The unit's cases" is the second tab of "My cases".
        for item in items:
            if item["url"] == reverse("web:work"):
                item["also"] = [reverse("web:unit_cases")]
    elif policies.cases.allows(user):
        items.append({"url": reverse("web:unit_cases"), "label": _("The unit's cases")})
    if policies.case_participation.allows(user):
        items.append({"url": reverse("web:todo"), "label": _("To do")})
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
    return {"demo_mode": settings.BRYTUPP_DEMO, "navigation": navigation}
