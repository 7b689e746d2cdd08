from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "brytupp.demo"
    label = "demo"
