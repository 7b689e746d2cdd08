import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from brytupp.audit.append_only import access_log_erase_all
from brytupp.audit.models import AccessLogEntry
from brytupp.audit.partitions import drop_guard_installed, partition_list, partitions_ensure

from .entries import DEFAULT_PARTITION, clock_at, in_month, log_views, partition, worker

pytestmark = pytest.mark.django_db


def refused():
    return pytest.raises(DatabaseError, match="access log entries are append-only")


def _raw(statement):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement)

    return run


def _save_changed():
    entry = AccessLogEntry.objects.get(seq=1)
    entry.outcome = "refused"
    entry.save()


ATTEMPTS = {
    "queryset update": lambda: AccessLogEntry.objects.update(outcome="refused"),
    "queryset delete": lambda: AccessLogEntry.objects.all().delete(),
    "instance save": _save_changed,
    "instance delete": lambda: AccessLogEntry.objects.get(seq=2).delete(),
    "raw update": _raw("UPDATE audit_accesslogentry SET role = 'enhetschef' WHERE seq = 1"),
    "raw delete": _raw("DELETE FROM audit_accesslogentry WHERE seq = 2"),
    "raw truncate": _raw("TRUNCATE audit_accesslogentry"),
}


@pytest.mark.parametrize("attempt", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_changing_or_removing_entries_is_refused_and_changes_nothing(rvt, attempt):
    log_views(worker(rvt), 3)
    before = list(AccessLogEntry.objects.order_by("seq").values())

    with refused(), transaction.atomic():
        attempt()

    assert list(AccessLogEntry.objects.order_by("seq").values()) == before


def test_the_trigger_refuses_even_a_change_that_touches_no_row(rvt):
    with refused(), transaction.atomic():
        AccessLogEntry.objects.filter(seq=999).update(role="x")


def test_erasing_empties_a_throwaway_log_and_the_trigger_refuses_again_afterwards(rvt):
    _in_this_month_and_the_default_partition(worker(rvt))

    access_log_erase_all()

    assert AccessLogEntry.objects.count() == 0
    _in_this_month_and_the_default_partition(worker(rvt))
    for table in ("audit_accesslogentry", partition(0), DEFAULT_PARTITION):
        with refused(), transaction.atomic():
            _raw(f"TRUNCATE {table}")()
    assert AccessLogEntry.objects.count() == 4


def test_truncating_an_empty_log_is_let_through_for_flush():
    _raw("TRUNCATE audit_accesslogentry")()

    assert AccessLogEntry.objects.count() == 0


# --- partitions: each can be named on its own ---------------------------------------------------


def _in_this_month_and_the_default_partition(actor):
    log_views(actor, 2)
    with clock_at(in_month(9)):
        log_views(actor, 2)


PARTITION_ATTEMPTS = {
    "update": "UPDATE {table} SET role = 'enhetschef'",
    "delete": "DELETE FROM {table}",
    "truncate": "TRUNCATE {table}",
    "update of no row": "UPDATE {table} SET role = 'x' WHERE seq < 0",
    "delete of no row": "DELETE FROM {table} WHERE seq < 0",
}


@pytest.mark.parametrize("default", [False, True], ids=["month partition", "default partition"])
@pytest.mark.parametrize("statement", PARTITION_ATTEMPTS.values(), ids=PARTITION_ATTEMPTS.keys())
def test_a_partition_named_directly_refuses_changes_too(rvt, default, statement):
    _in_this_month_and_the_default_partition(worker(rvt))
    before = list(AccessLogEntry.objects.order_by("seq").values())
    table = DEFAULT_PARTITION if default else partition(0)

    with refused(), transaction.atomic():
        _raw(statement.format(table=table))()

    assert list(AccessLogEntry.objects.order_by("seq").values()) == before


def test_truncating_an_empty_partition_is_let_through(rvt):
    log_views(worker(rvt), 1)

    _raw(f"TRUNCATE {partition(2)}")()

    assert AccessLogEntry.objects.count() == 1


def test_a_partition_made_later_is_guarded_like_the_others(rvt):
    partitions_ensure(months_ahead=5)
    with clock_at(in_month(5)):
        log_views(worker(rvt), 1)

    with refused(), transaction.atomic():
        _raw(f"TRUNCATE {partition(5)}")()
    with refused(), transaction.atomic():
        _raw(f"DELETE FROM {partition(5)}")()  # noqa: S608 - our own table
    assert AccessLogEntry.objects.count() == 1


def guard_refused(message):
    return pytest.raises(DatabaseError, match=message)


DDL_ATTEMPTS = {
    "drop a partition": ("DROP TABLE {partition}", "cannot be dropped"),
    "drop an empty partition": ("DROP TABLE {next_partition}", "cannot be dropped"),
    "drop the default partition": (f"DROP TABLE {DEFAULT_PARTITION}", "cannot be dropped"),
    "drop the log": ("DROP TABLE audit_accesslogentry", "cannot be dropped"),
    "drop a partition's trigger": (
        "DROP TRIGGER access_log_append_only ON {partition}",
        "cannot be dropped",
    ),
    "drop the trigger function": (
        "DROP FUNCTION audit_access_log_append_only() CASCADE",
        "cannot be dropped",
    ),
    "detach a partition": (
        "ALTER TABLE audit_accesslogentry DETACH PARTITION {partition}",
        "cannot be detached",
    ),
    "detach the default partition": (
        f"ALTER TABLE audit_accesslogentry DETACH PARTITION {DEFAULT_PARTITION}",
        "cannot be detached",
    ),
}


@pytest.mark.parametrize("attempt", DDL_ATTEMPTS.values(), ids=DDL_ATTEMPTS.keys())
def test_dropping_or_detaching_a_partition_is_refused(rvt, attempt):
    statement, message = attempt
    _in_this_month_and_the_default_partition(worker(rvt))
    before = list(AccessLogEntry.objects.order_by("seq").values())

    with guard_refused(message), transaction.atomic():
        _raw(statement.format(partition=partition(0), next_partition=partition(1)))()

    assert list(AccessLogEntry.objects.order_by("seq").values()) == before
    assert [p.name for p in partition_list()][-5:] == [
        *(partition(n) for n in range(4)),
        DEFAULT_PARTITION,
    ]


def test_renaming_a_partition_is_allowed_and_detaching_it_then_still_refused(rvt):
    log_views(worker(rvt), 1)
    _raw(f"ALTER TABLE {partition(0)} RENAME TO renamed_partition")()

    with guard_refused("cannot be detached"), transaction.atomic():
        _raw("ALTER TABLE audit_accesslogentry DETACH PARTITION renamed_partition")()


def test_the_drop_guard_is_installed_when_the_migrations_ran_as_a_superuser():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]

    assert drop_guard_installed() is superuser
