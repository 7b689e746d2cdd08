import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from brytupp.audit.append_only import access_log_erase_all
from brytupp.audit.models import AccessLogEntry

from .entries import log_views, worker

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
    log_views(worker(rvt), 2)

    access_log_erase_all()

    assert AccessLogEntry.objects.count() == 0
    log_views(worker(rvt), 1)
    with refused(), transaction.atomic():
        _raw("TRUNCATE audit_accesslogentry")()
    assert AccessLogEntry.objects.count() == 1


def test_truncating_an_empty_log_is_let_through_for_flush():
    _raw("TRUNCATE audit_accesslogentry")()

    assert AccessLogEntry.objects.count() == 0
