from django.contrib.admin.apps import AdminConfig


class BrytuppAdminConfig(AdminConfig):
    default_site = "brytupp.web.admin_site.BrytuppAdminSite"
