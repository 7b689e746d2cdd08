"""The second step of signing in: set up an authenticator app, or give a code."""

from __future__ import annotations

import base64

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.signin.two_factor import (
    totp_setup_confirm,
    totp_setup_start,
    two_factor_device,
    two_factor_verify,
)

from .forms_base import GovukForm


class CodeForm(GovukForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@requires(policies.signed_in)
def two_factor_verify_view(request):
    if two_factor_device(request.user) is None:
        return redirect("web:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect("web:start")
        form.add_error("token", _("The code is wrong or has been used. Try the next code."))
    return render(request, "web/two_factor_verify.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(policies.signed_in)
def two_factor_setup_view(request):
    if two_factor_device(request.user) is not None and not request.user.is_verified():
        return redirect("web:two_factor_verify")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_setup_confirm(request=request, token=form.cleaned_data["token"])
        if codes is not None:
            return render(request, "web/two_factor_recovery_codes.html", {"codes": codes})
        form.add_error("token", _("The code is wrong. Check the time on your phone and try again."))
        device = request.user.totpdevice_set.filter(confirmed=False).order_by("-pk").first()
    else:
        device = totp_setup_start(user=request.user)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request, "web/two_factor_setup.html", {"form": form, "device": device, "secret": grouped}
    )
