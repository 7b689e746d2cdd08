"""Sealing of identity numbers: encrypted for display, a keyed digest for exact search.

Fernet (from ``cryptography``) encrypts; ``BRYTUPP_FIELD_KEYS`` lists keys newest first, so a
key can be rotated while older values still open. The digest is an HMAC-SHA256 under
``BRYTUPP_SEARCH_KEY``: without the key, a table of all possible numbers cannot be built.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("BRYTUPP_FIELD_KEYS is empty")
    return MultiFernet([Fernet(key) for key in keys])


def seal(value: str) -> str:
    return _fernet(tuple(settings.BRYTUPP_FIELD_KEYS)).encrypt(value.encode()).decode()


def sealed_length(plain_bytes: int) -> int:
    """The length of ``seal(value)`` for a value of at most ``plain_bytes`` bytes in UTF-8: a
    Fernet token is version, time and IV (25 bytes), the value padded to whole 16-byte blocks
    and a 32-byte HMAC, in URL-safe base64 with padding."""
    token = 25 + 16 * (plain_bytes // 16 + 1) + 32
    return 4 * -(-token // 3)


def unseal(token: str) -> str:
    return _fernet(tuple(settings.BRYTUPP_FIELD_KEYS)).decrypt(token.encode()).decode()


def search_digest(value: str) -> str:
    key = settings.BRYTUPP_SEARCH_KEY
    if not key:
        raise ImproperlyConfigured("BRYTUPP_SEARCH_KEY is empty")
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
