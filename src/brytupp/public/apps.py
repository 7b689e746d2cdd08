from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "brytupp.public"
    label = "public"
    verbose_name = "Public information pages"
