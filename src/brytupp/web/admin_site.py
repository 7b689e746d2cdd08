"""Django admin, for system administrators only (organisation and users; no case content)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies


class BrytuppAdminSite(admin.AdminSite):
    site_header = _("Bryt upp – administration")
    site_title = _("Bryt upp – administration")
    index_title = _("Organisation and users")

    def has_permission(self, request):
        return policies.administration.allows(request.user)

    def login(self, request, extra_context=None):
        return redirect("web:login")

    def logout(self, request, extra_context=None):
        # The site's one sign-out page: a GET there offers the button instead of a 405.
        if request.method == "GET":
            return redirect("web:logout")
        return super().logout(request, extra_context)
