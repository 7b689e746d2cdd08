from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "brytupp.access"
    label = "access"
