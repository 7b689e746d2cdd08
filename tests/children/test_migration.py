"""Migration children 0002 gives every child already in a case a record of their own: placed
with the case's person, or registered as their child (decision 0044)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from brytupp.audit.append_only import access_log_erase_all
from brytupp.children.models import ChildRecord
from brytupp.people.services import guardian_link
from tests import factories


@pytest.fixture
def access_log_erased_before_flush():
    yield
    access_log_erase_all()


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


@pytest.mark.usefixtures("access_log_erased_before_flush")
@pytest.mark.django_db(transaction=True)  # migrations cannot run inside the test's transaction
def test_the_migration_makes_a_record_for_each_child_in_a_case(world):
    linked_only = factories.person(first_name="Trean", birth_date=datetime.date(2021, 1, 1))
    guardian_link(child=linked_only, guardian=world["parent"])
    ChildRecord.objects.all().delete()
    try:
        migrate(("children", "0001_initial"))
        migrate()
    finally:
        migrate()

    assert sorted(
        ChildRecord.objects.filter(case=world["case"]).values_list("child_id", "school_kind")
    ) == sorted(
        (child.pk, "okand") for child in (world["child"], world["second_child"], linked_only)
    )
