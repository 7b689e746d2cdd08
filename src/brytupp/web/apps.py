from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "brytupp.web"
    label = "web"
