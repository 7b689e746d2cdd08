"""The forms of signing in: the password, the second factor's code, and the password again
before the authenticator is replaced."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from brytupp.govuk.forms import GovukForm

from .lockout import client_address, sign_in_attempt_record, sign_in_locked


class SignInForm(AuthenticationForm):
    """Sign-in whose only error never says which of the two fields was wrong, and that refuses
    every attempt, a correct one too, while the user name or the address is locked out."""

    error_messages = {
        "invalid_login": _("The user name or password is wrong."),
        "inactive": _("The user name or password is wrong."),
        "locked_out": _(
            "Too many failed sign-in attempts. Wait 15 minutes and try again, "
            "or contact your unit manager."
        ),
    }

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        address = client_address(self.request)
        if sign_in_locked(username=username, address=address):
            raise ValidationError(self.error_messages["locked_out"], code="locked_out")
        try:
            cleaned_data = super().clean()
        except ValidationError:
            sign_in_attempt_record(username=username, address=address, succeeded=False)
            raise
        sign_in_attempt_record(username=username, address=address, succeeded=True)
        return cleaned_data


class CodeForm(GovukForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordForm(GovukForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
