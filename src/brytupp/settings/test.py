"""Tests: PostgreSQL always — the CI server via ``DATABASE_URL``, otherwise the embedded one."""

import os

import dj_database_url

from brytupp.embedded import ensure_database_url

from .base import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(ensure_database_url())}
# Separate names let two test runs share one server (two checkouts, or CI and a developer).
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("BRYTUPP_TEST_DATABASE", "test_brytupp")}
# A commit does not wait for its WAL to reach the disk: a crash of the server could lose the
# last few test transactions, nothing else, and the tests that commit (the browser's, the
# migrations') run faster. Production keeps the server's setting.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment-0123456789"  # noqa: S105
BRYTUPP_FIELD_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtcmVhbC0wMCE="]
BRYTUPP_SEARCH_KEY = "test-only-search-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Hashing with Argon2 is covered by its own test; elsewhere a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # served from the apps' static folders; nothing is collected
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The two-factor tests turn it on; elsewhere the password alone signs in.
BRYTUPP_REQUIRE_TWO_FACTOR = False
