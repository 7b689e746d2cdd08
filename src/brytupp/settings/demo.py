"""The demo: synthetic data on a laptop, served over plain HTTP on localhost.

Keys are made once and kept under ``BRYTUPP_DATA_DIR`` so that a restarted demo can still
read what it sealed. Debug stays off: error pages show nothing of a person even here.
"""

import secrets

from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import DATA_DIR, env_list


def _kept_secret(name: str, make) -> str:
    path = DATA_DIR / "keys" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _kept_secret("secret_key", lambda: secrets.token_urlsafe(50))
BRYTUPP_FIELD_KEYS = [_kept_secret("field_key", lambda: Fernet.generate_key().decode())]
BRYTUPP_SEARCH_KEY = _kept_secret("search_key", lambda: secrets.token_urlsafe(32))
BRYTUPP_DEMO = True
BRYTUPP_REQUIRE_TWO_FACTOR = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
