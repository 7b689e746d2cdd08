from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from brytupp.audit import chain, partitions
from brytupp.audit.models import AccessLogEntry

from .entries import (
    DEFAULT_PARTITION,
    clock_at,
    in_month,
    log_views,
    partition,
    partition_of,
    worker,
)

pytestmark = pytest.mark.django_db


def table_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        return cursor.fetchone()[0]


def table_has(name: str, *, trigger: str | None = None, unique_index_on: str | None = None):
    with connection.cursor() as cursor:
        if trigger:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND tgname = %s AND tgparentid = 0)",
                [name, trigger],
            )
        else:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE 'CREATE UNIQUE INDEX%%' AND indexdef LIKE %s)",
                [name, f"%({unique_index_on})"],
            )
        return cursor.fetchone()[0]


@pytest.fixture
def fresh_writer():
    """This process has not yet asked for the partitions this month."""
    partitions.writer_check_forget()
    yield
    partitions.writer_check_forget()


def test_the_migration_made_this_month_the_next_three_and_a_default_partition():
    names = [p.name for p in partitions.partition_list()]

    assert names[-5:] == [partition(0), partition(1), partition(2), partition(3), DEFAULT_PARTITION]


def test_an_entry_lands_in_the_partition_of_its_month(rvt):
    log_views(worker(rvt), 1)

    assert partition_of(1) == partition(0)


def test_an_entry_in_a_month_without_a_partition_lands_in_the_default_one_and_the_chain_holds(
    rvt,
):
    actor = worker(rvt)
    log_views(actor, 1)
    with clock_at(in_month(7)):
        log_views(actor, 1)

    assert [partition_of(1), partition_of(2)] == [partition(0), DEFAULT_PARTITION]
    assert chain.chain_verify().broken is None


def test_every_partition_gets_a_unique_index_on_seq_and_its_own_append_only_trigger():
    for name in (partition(0), partition(3), DEFAULT_PARTITION):
        assert table_has(name, trigger="access_log_append_only"), name
        assert table_has(name, unique_index_on="seq"), name


def test_a_seq_cannot_be_repeated_within_a_month(rvt):
    log_views(worker(rvt), 1)
    first = AccessLogEntry.objects.values().get(seq=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        AccessLogEntry.objects.create(**{**first, "id": None})


def test_the_first_write_of_the_month_asks_for_the_partitions_in_the_lock_query(
    rvt, fresh_writer, monkeypatch, django_assert_num_queries
):
    actor = worker(rvt)
    log_views(actor, 1)  # warms the actor's memberships
    partitions.writer_check_forget()
    monkeypatch.setattr(partitions, "WRITER_MONTHS_AHEAD", 5)

    with django_assert_num_queries(3) as captured:
        chain.chain_append([AccessLogEntry(kind="view", ground="own_unit", outcome="allowed")])

    assert "audit_access_log_partitions_ensure" in captured.captured_queries[0]["sql"]
    assert table_exists(partition(5))
    assert table_has(partition(5), trigger="access_log_append_only")
    assert table_has(partition(5), unique_index_on="seq")


def test_after_making_a_partition_the_writer_asks_again_later_then_not_this_month(
    rvt, fresh_writer, monkeypatch, django_assert_num_queries
):
    actor = worker(rvt)
    monkeypatch.setattr(partitions, "WRITER_MONTHS_AHEAD", 4)
    log_views(actor, 1)  # makes month +4: not settled yet, asks again in a minute
    assert not partitions.writer_check_due()

    partitions._WriterCheck.retry_after = 0.0  # a minute later
    log_views(actor, 1)  # nothing to make: settled for this month
    with django_assert_num_queries(3) as captured:
        log_views(actor, 1)

    assert captured.captured_queries[0]["sql"].startswith("SELECT pg_advisory_xact_lock(")
    assert "ensure" not in captured.captured_queries[0]["sql"]


def test_the_partitions_command_makes_the_months_ahead_and_lists_every_partition():
    out = StringIO()
    call_command("audit", "partitions", "--ahead", "5", stdout=out)

    lines = out.getvalue().splitlines()
    listed = [line.split()[0] for line in lines[:-1]]
    assert listed[-7:] == [*(partition(n) for n in range(6)), DEFAULT_PARTITION]
    assert lines[-1] == "Event triggers refusing DROP and DETACH of a partition: installed."
    assert "NOT GUARDED" not in out.getvalue()


def test_a_month_whose_entries_are_already_in_the_default_partition_keeps_them_there(rvt):
    with clock_at(in_month(6)):
        log_views(worker(rvt), 2)
    out, err = StringIO(), StringIO()

    call_command("audit", "partitions", "--ahead", "6", stdout=out, stderr=err)

    assert not table_exists(partition(6))
    assert [partition_of(1), partition_of(2)] == [DEFAULT_PARTITION, DEFAULT_PARTITION]
    assert f"{DEFAULT_PARTITION}  DEFAULT  2 entries" in out.getvalue()
    assert err.getvalue() == (
        "2 entries are in the DEFAULT partition: their months have no partition of their own "
        "(see docs/operations.md).\n"
    )


def test_asking_for_too_many_months_ahead_is_refused():
    with pytest.raises(CommandError, match="--ahead must be between 0 and 24"):
        call_command("audit", "partitions", "--ahead", "25")
