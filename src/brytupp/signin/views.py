"""Signing in and out: the password, then the second step (set up an authenticator app, or
give a code); replacing the authenticator, which asks for the password first; and signing out
here or on every device."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from brytupp.access import policies
from brytupp.access.declare import requires
from brytupp.organisation import services as organisation_services

from .forms import CodeForm, PasswordForm, SignInForm
from .middleware import session_mark_signed_in
from .two_factor import (
    replacement_allowed,
    totp_setup_confirm,
    totp_setup_pending,
    totp_setup_start,
    two_factor_device,
    two_factor_replace_authorise,
    two_factor_verify,
)


@method_decorator(never_cache, name="dispatch")
@requires(policies.public)
class SignInView(auth_views.LoginView):
    template_name = "signin/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        session_mark_signed_in(self.request)
        return response


def sign_out_page(request):
    """The answer to a GET of a sign-out URL (a reload, a link, a bookmark): signing out is
    a POST, so that no link can do it; the page offers the buttons. Signed out already, the
    user is sent to sign in."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    return render(request, "signin/sign_out.html")


@requires(policies.public)
class SignOutView(auth_views.LogoutView):
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return sign_out_page(request)


@require_http_methods(["GET", "POST"])
@requires(policies.signed_in)
def sign_out_everywhere(request):
    """End this user's sessions on every device, this one included."""
    if request.method == "GET":
        return sign_out_page(request)
    organisation_services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, gettext("You are signed out on every device."))
    return redirect("web:login")


PASSWORD_ERRORS = {
    "wrong": _("The password is wrong. Your authenticator has not been changed."),
    "locked": _(
        "Too many failed sign-in attempts. Wait 15 minutes and try again, "
        "or contact your unit manager."
    ),
}


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
    return render(request, "signin/two_factor_verify.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@requires(policies.signed_in)
def two_factor_setup_view(request):
    if two_factor_device(request.user) is not None and not request.user.is_verified():
        return redirect("web:two_factor_verify")
    if not replacement_allowed(request):
        return redirect("web:two_factor_replace")
    form = CodeForm(request.POST or None)
    device = totp_setup_pending(user=request.user) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        codes = totp_setup_confirm(request=request, token=form.cleaned_data["token"])
        if codes is not None:
            return render(request, "signin/two_factor_recovery_codes.html", {"codes": codes})
        form.add_error("token", _("The code is wrong. Check the time on your phone and try again."))
    if device is None:
        device = totp_setup_start(request=request)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request, "signin/two_factor_setup.html", {"form": form, "device": device, "secret": grouped}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@requires(policies.signed_in)
def two_factor_replace_view(request):
    """Replacing the authenticator of a signed-in session: the password first."""
    if two_factor_device(request.user) is None or not request.user.is_verified():
        return redirect("web:two_factor_setup")
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor_replace_authorise(
            request=request, password=form.cleaned_data["password"]
        )
        if outcome == "ok":
            return redirect("web:two_factor_setup")
        form.add_error("password", PASSWORD_ERRORS[outcome])
    return render(request, "signin/two_factor_replace.html", {"form": form})
