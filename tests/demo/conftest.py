import datetime

import pytest
from django.db import transaction

from brytupp.demo.synthetic import demo_generate

TODAY = datetime.date(2026, 3, 15)
PASSWORD = "demo-test-password"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo generated once per module, rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_generate(today=TODAY, password=PASSWORD)
        transaction.set_rollback(True)
