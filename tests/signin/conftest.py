import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories


@pytest.fixture
def two_factor_required(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with override_settings(BRYTUPP_REQUIRE_TWO_FACTOR=True):
        yield


@pytest.fixture
def worker(rvt):
    return factories.staff("handlaggare", rvt, username="tva.steg")
