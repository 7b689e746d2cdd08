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
