import datetime
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from brytupp.demo.synthetic import demo_generate

TODAY = datetime.date(2026, 3, 15)
PASSWORD = "demo-test-password"


# Every test module here is marked ``xdist_group("demo")``, so that its tests run on one worker,
# one after the other, and the demo is generated once for all of them (``--dist loadgroup``;
# see ``tests/conftest.py`` for what makes the group hold under pytest 9.2).


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo generated once for this folder's tests, rolled back after the last of them.

    Its own folder, so that the package scope ends with these tests: a test elsewhere in
    tests/demo that commits (the demo command's --reset) never runs inside this transaction.

    The clock stands at noon on ``TODAY`` meanwhile, as it would for a demo generated that
    day: the services date what they record "today" by it, and access is computed on it.
    """
    noon = datetime.datetime.combine(
        TODAY, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    with (
        override_settings(BRYTUPP_DEMO=True),  # the demo alone dates its log entries
        mock.patch("django.utils.timezone.now", return_value=noon),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield demo_generate(today=TODAY, password=PASSWORD)
        transaction.set_rollback(True)
