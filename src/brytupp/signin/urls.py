"""Sign-in, the second factor and sign-out: patterns that ``web/urls.py`` includes in the
``web`` namespace (``web:login``, ``web:two_factor_verify``, …)."""

from django.urls import path

from . import views

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-in/kod/", views.two_factor_verify_view, name="two_factor_verify"),
    path(
        "logga-in/tvastegsverifiering/",
        views.two_factor_setup_view,
        name="two_factor_setup",
    ),
    path(
        "konto/byt-autentiserare/",
        views.two_factor_replace_view,
        name="two_factor_replace",
    ),
    path("logga-ut/", views.SignOutView.as_view(), name="logout"),
    path("logga-ut-overallt/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
