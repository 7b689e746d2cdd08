from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalProcessConfig(AppConfig):
    name = "brytupp.localprocess"
    label = "localprocess"
    verbose_name = _("Local process")
