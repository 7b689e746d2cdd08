import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Service messages are asserted by their msgid, whatever the Swedish catalogue says."""
    with translation.override("en"):
        yield
