import pytest
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def english(client):
    """Pages and labels in English, whatever the Swedish catalogue holds today."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def worker(rvt):
    return factories.staff("handlaggare", rvt, first_name="Test", last_name="Handläggarsson")


@pytest.fixture
def signed_in(client, worker):
    factories.sign_in(client, worker)
    return client
