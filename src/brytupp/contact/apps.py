from django.apps import AppConfig


class ContactConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "brytupp.contact"
    verbose_name = "Contact requests"
