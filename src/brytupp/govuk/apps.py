from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "brytupp.govuk"
    label = "govuk"
