"""Production: every secret and host comes from the environment; HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BRYTUPP_FIELD_KEYS, BRYTUPP_SEARCH_KEY, SECRET_KEY, env_bool

_missing = [
    name
    for name, value in [
        ("SECRET_KEY", SECRET_KEY),
        ("BRYTUPP_FIELD_KEYS", BRYTUPP_FIELD_KEYS),
        ("BRYTUPP_SEARCH_KEY", BRYTUPP_SEARCH_KEY),
    ]
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Set " + ", ".join(_missing) + " in the environment (see docs/operations.md), "
        "or run the demo with `brytupp demo`."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
