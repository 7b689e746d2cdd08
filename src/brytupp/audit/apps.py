from django.apps import AppConfig
from django.core.checks import Tags, register
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "brytupp.audit"
    label = "audit"
    verbose_name = _("Access log")

    def ready(self):
        from .checks import runtime_role_check

        register(runtime_role_check, Tags.database, deploy=True)
