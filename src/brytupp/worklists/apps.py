from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "brytupp.worklists"
    label = "worklists"
    verbose_name = "Work lists"  # no models, so never shown in the admin
