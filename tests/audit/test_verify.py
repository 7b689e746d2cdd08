from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from brytupp.audit import chain
from brytupp.audit.models import AccessLogEntry

from .entries import (
    clock_at,
    in_month,
    log_list_rows,
    log_views,
    partition,
    trigger_disabled,
    worker,
)

pytestmark = pytest.mark.django_db


def verify(*args) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def broken() -> tuple[str, int]:
    with pytest.raises(CommandError) as raised:
        verify()
    return str(raised.value), raised.value.returncode


def test_an_empty_log_is_intact():
    assert verify() == f"Access log intact: 0 entries.\nLast entry: seq=0 hash={'0' * 64}\n"


def test_an_intact_log_of_a_thousand_entries_passes_in_small_chunks(rvt):
    log_list_rows(worker(rvt), 1000)
    last = AccessLogEntry.objects.get(seq=1000)

    assert verify("--chunk-size", "64") == (
        f"Access log intact: 1000 entries.\nLast entry: seq=1000 hash={last.entry_hash}\n"
    )


def test_a_changed_column_is_found_at_its_entry(rvt):
    log_views(worker(rvt), 10)
    with trigger_disabled() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET outcome = 'refused' WHERE seq = 6")

    assert broken() == ("Access log broken at entry seq=6: content altered", 1)


def test_a_deleted_entry_is_found_at_the_next_one(rvt):
    log_views(worker(rvt), 10)
    with trigger_disabled() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE seq = 4")

    assert broken() == ("Access log broken at entry seq=5: entry missing", 1)


def test_a_deleted_last_entry_is_not_found_by_the_chain_alone(rvt):
    """Cutting off the tail leaves a valid chain: the head hash kept outside shows it."""
    log_views(worker(rvt), 5)
    fourth = AccessLogEntry.objects.get(seq=4).entry_hash
    with trigger_disabled() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE seq = 5")

    assert verify() == f"Access log intact: 4 entries.\nLast entry: seq=4 hash={fourth}\n"


SWAPPED = """
    UPDATE audit_accesslogentry AS entry
    SET at = other.at, user_public_id = other.user_public_id, unit_code = other.unit_code,
        role = other.role, person_public_id = other.person_public_id,
        case_public_id = other.case_public_id, kind = other.kind, ground = other.ground,
        outcome = other.outcome, request_id = other.request_id,
        previous_hash = other.previous_hash, entry_hash = other.entry_hash
    FROM audit_accesslogentry AS other
    WHERE (entry.seq, other.seq) IN ((3, 7), (7, 3))
"""


def test_two_entries_with_swapped_contents_are_found_at_the_first(rvt):
    log_views(worker(rvt), 10)
    with trigger_disabled() as cursor:
        cursor.execute(SWAPPED)

    assert broken() == ("Access log broken at entry seq=3: content altered", 1)


def test_swapped_entries_with_a_recomputed_chain_are_found_by_time_running_backwards(rvt):
    log_views(worker(rvt), 10)
    with trigger_disabled() as cursor:
        cursor.execute(SWAPPED)
        _rechain(cursor)

    assert broken() == ("Access log broken at entry seq=4: entries out of order", 1)


def _rechain(cursor):
    previous = chain.GENESIS_HASH
    for row in AccessLogEntry.objects.order_by("seq").values():
        digest = chain.entry_hash(row, previous)
        cursor.execute(
            "UPDATE audit_accesslogentry SET previous_hash = %s, entry_hash = %s WHERE seq = %s",
            [previous, digest, row["seq"]],
        )
        previous = digest


def test_a_forged_entry_at_the_end_with_a_wrong_previous_hash_is_found(rvt):
    log_views(worker(rvt), 3)
    forged = AccessLogEntry.objects.order_by("seq").values().last()
    forged.update(id=None, seq=4, previous_hash="f" * 64, outcome="refused")
    forged["entry_hash"] = chain.entry_hash(forged, forged["previous_hash"])
    AccessLogEntry.objects.create(**{k: v for k, v in forged.items() if k != "id"})

    assert broken() == ("Access log broken at entry seq=4: previous hash mismatch", 1)


def test_a_copy_of_an_entry_in_another_month_is_found_as_a_duplicate(rvt):
    """seq is unique only within a month's partition: a copy elsewhere, even with a valid
    hash and link of its own, shows in verify."""
    log_views(worker(rvt), 6)
    copy = AccessLogEntry.objects.values().get(seq=5)
    copy.update(id=None, at=in_month(2), outcome="refused")
    copy["entry_hash"] = chain.entry_hash(copy, copy["previous_hash"])
    AccessLogEntry.objects.create(**copy)

    assert broken() == ("Access log broken at entry seq=5: entry duplicated", 1)


@pytest.fixture
def drop_guard_off():
    """As a superuser could: the event triggers refusing DROP and DETACH turned off (for this
    test's transaction only)."""
    with connection.cursor() as cursor:
        for name in ("access_log_refuse_drop", "access_log_refuse_detach"):
            cursor.execute(f"ALTER EVENT TRIGGER {name} DISABLE")


def _three_months(actor):
    for offset in (1, 2, 3):
        with clock_at(in_month(offset)):
            log_views(actor, 2)


def test_a_dropped_partition_in_the_middle_is_found_at_the_next_entry(rvt, drop_guard_off):
    _three_months(worker(rvt))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {partition(2)}")

    assert broken() == ("Access log broken at entry seq=5: entry missing", 1)


def test_a_detached_partition_in_the_middle_is_found_at_the_next_entry(rvt, drop_guard_off):
    _three_months(worker(rvt))
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE audit_accesslogentry DETACH PARTITION {partition(2)}")

    assert broken() == ("Access log broken at entry seq=5: entry missing", 1)


def test_a_dropped_first_partition_is_found_at_the_first_entry_left(rvt, drop_guard_off):
    _three_months(worker(rvt))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {partition(1)}")

    assert broken() == ("Access log broken at entry seq=3: entry missing", 1)
