from django.apps import AppConfig


class SignInConfig(AppConfig):
    name = "brytupp.signin"
    label = "signin"
    verbose_name = "Sign-in attempts"
