"""Everything Bryt upp configures, read from the environment where it differs per site."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BRYTUPP_DATA_DIR", "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value is None or not value.strip() else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

# True only in the demo: shows the DEMO banner and allows plain HTTP on localhost.
BRYTUPP_DEMO = False
# Every staff user signs in with a second factor (TOTP), except in the demo.
BRYTUPP_REQUIRE_TWO_FACTOR = env_bool("BRYTUPP_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "Bryt upp"
# django-otp's admin would show a device's key as a QR code and its configuration, and looked the
# device up before asking for permission (a 500 for a device that does not exist, a 403 for one
# that does): neither is shown, to anyone.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Personal identity numbers are sealed (Fernet, newest key first, older keys still decrypt)
# and found by a keyed digest, so they never stand in clear text in a table or an index.
BRYTUPP_FIELD_KEYS = env_list("BRYTUPP_FIELD_KEYS", [])
BRYTUPP_SEARCH_KEY = os.environ.get("BRYTUPP_SEARCH_KEY", "")

INSTALLED_APPS = [
    "brytupp.web.admin_config.BrytuppAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "brytupp.organisation",
    "brytupp.people",
    "brytupp.cases",
    "brytupp.assessments",
    "brytupp.interventions",
    "brytupp.housing",
    "brytupp.plans",
    "brytupp.children",
    "brytupp.interchange",
    "brytupp.followup",
    "brytupp.localprocess",
    "brytupp.public",
    "brytupp.contact",
    "brytupp.audit",
    "brytupp.access",
    "brytupp.signin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "brytupp.govuk",
    "brytupp.worklists",
    "brytupp.web",
    "brytupp.demo",
]

MIDDLEWARE = [
    # First: /healthz answers before the SSL redirect, the host check, sessions and the log.
    "brytupp.web.health.HealthCheckMiddleware",
    "brytupp.audit.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "brytupp.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "brytupp.signin.middleware.SessionLifetimeMiddleware",
    "brytupp.signin.middleware.TwoFactorRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Around the rule check and every view: logs the 404 of a case or person URL as refused.
    "brytupp.audit.refused.RefusedAccessMiddleware",
    "brytupp.access.middleware.AccessRuleMiddleware",
]

ROOT_URLCONF = "brytupp.urls"
WSGI_APPLICATION = "brytupp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "brytupp.web.context.service",
            ],
        },
    },
]

# Each worker keeps its connection for CONN_MAX_AGE seconds (0: one per request) and checks it
# at the start of every request, so a restarted or failed-over database costs a reconnection,
# not an error page (docs/decisions/0028).
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    if os.environ.get("DATABASE_URL")
    else {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "brytupp",
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": True,
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    "brytupp.access.backends.PasswordBackend",
    "brytupp.access.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:login"

# A session ends after 15 minutes without a request, and 8 hours after sign-in whatever happens.
SESSION_COOKIE_AGE = 15 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
BRYTUPP_SESSION_MAX_SECONDS = 8 * 60 * 60
# Behind a proxy REMOTE_ADDR is the proxy's: name the WSGI key of the header that carries the
# client's address (e.g. HTTP_X_REAL_IP), or the sign-in lock-out counts every client as one.
BRYTUPP_CLIENT_ADDRESS_HEADER = os.environ.get("BRYTUPP_CLIENT_ADDRESS_HEADER", "")
# The public pages' own address, e.g. https://brytupp.stockholm.se: the police folder's QR code
# leads there (decision 0053). Unset, the address the folder was asked for is used.
BRYTUPP_PUBLIC_URL = os.environ.get("BRYTUPP_PUBLIC_URL", "").rstrip("/")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A posted form is refused with 400 before it is read when it is larger than the largest a form
# can legitimately be (decision 0030): the person's account, 20 000 characters, each at most
# 12 bytes once URL-encoded (a 4-byte character as %XX%XX%XX%XX), is 240 000 bytes; the rest
# of any form is a few hundred. Django's default is 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# `brytupp collectstatic` copies the static files here, each also under a name with its hash
# (the manifest storage); WhiteNoise serves them from here with a cache lifetime of ten years.
STATIC_ROOT = Path(os.environ.get("BRYTUPP_STATIC_ROOT") or DATA_DIR / "static").resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Headers on every response; see docs/decisions/0009-web-hardening.md. No page has inline
# script or style, so the policy needs neither 'unsafe-inline' nor nonces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
BRYTUPP_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Log lines carry no personal data: no request bodies, opaque identifiers in paths only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
