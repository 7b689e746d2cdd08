"""Django admin asks for model permissions; answer them from the access policy."""

from django.contrib.auth.backends import ModelBackend

from brytupp.access import policies


class PasswordBackend(ModelBackend):
    """Checks passwords only: Django's own flags and permission tables grant nothing here."""

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class RolePermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        # "<app>.<action>_<model>", as Django admin asks for it.
        app_label, _, codename = perm.partition(".")
        model_name = codename.partition("_")[2]
        return policies.may_administer_model(user_obj, app_label, model_name)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return policies.may_administer_model(user_obj, app_label)
