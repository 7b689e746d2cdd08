"""The public pages' size budget (issue 18, decision 0052): at most 50 KB per page before
images, counted as served compressed: the page's HTML and every stylesheet and script it
loads, each gzipped as WhiteNoise compresses them (level 9). Size is not speed: a test may
assert it. On failure the message gives each part's figure."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.public.test_pages import public_urls

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 50 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weight(content: str) -> dict[str, int]:
    """Each part of the page and its size compressed: the HTML, and what it loads but images."""
    weights = {"html": gzipped(content.encode())}
    for asset in re.findall(
        r'<(?:script src|link rel="stylesheet" href)="/static/([^"]+)"', content
    ):
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as f:
            weights[asset] = gzipped(f.read())
    return weights


def test_every_public_page_in_every_language_is_within_50_kb_compressed(client, district):
    for _segment, url in public_urls(district.code):
        weights = page_weight(client.get(url).content.decode())

        assert set(weights) == {
            "html",
            "vendor/govuk-frontend/govuk-frontend.min.css",
            "public/public.css",
            "vendor/govuk-frontend/govuk-frontend.bundle.js",
            "public/public.js",
        }, url
        assert sum(weights.values()) <= BUDGET_BYTES, (url, weights)
