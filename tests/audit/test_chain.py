import datetime
import hashlib
import uuid

import pytest
from django.db import transaction

from brytupp.audit import chain
from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.audit.services import access_log_record_many

from .entries import clock_at, in_month, log_list_rows, log_views, worker

pytestmark = pytest.mark.django_db


def test_entries_are_numbered_without_gaps_and_each_links_to_the_one_before(rvt):
    actor = worker(rvt)
    log_views(actor, 2)
    log_list_rows(actor, 30)

    rows = list(AccessLogEntry.objects.order_by("seq").values())

    assert [row["seq"] for row in rows] == list(range(1, 33))
    assert rows[0]["previous_hash"] == "0" * 64
    for before, row in zip(rows, rows[1:], strict=False):
        assert row["previous_hash"] == before["entry_hash"]
        assert row["at"] >= before["at"]
    for row in rows:
        assert row["entry_hash"] == chain.entry_hash(row, row["previous_hash"])


def test_the_hash_is_sha256_of_the_documented_canonical_form():
    fields = {
        "at": datetime.datetime(
            2026, 11, 23, 21, 0, 0, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
        ),
        "user_public_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "unit_code": "rvt-söder",
        "role": "handlaggare",
        "person_public_id": None,
        "case_public_id": uuid.UUID("00000000-0000-4000-8000-000000000002"),
        "kind": "view",
        "ground": "own_unit",
        "outcome": "allowed",
        "request_id": "",
        "seq": 7,
    }
    canonical = (
        '["v1","2026-11-23T20:00:00.000005+00:00","00000000-0000-4000-8000-000000000001",'
        '"rvt-söder","handlaggare",null,"00000000-0000-4000-8000-000000000002","view",'
        '"own_unit","allowed","",7,"' + "a" * 64 + '"]'
    )

    assert chain.entry_hash(fields, "a" * 64) == hashlib.sha256(canonical.encode()).hexdigest()


def test_a_rolled_back_write_leaves_no_gap(rvt):
    actor = worker(rvt)
    log_views(actor, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        log_views(actor, 2)
        raise RuntimeError("the request failed")

    log_views(actor, 1)

    assert list(AccessLogEntry.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2]


def test_logging_no_rows_writes_nothing(rvt):
    assert access_log_record_many(actor=worker(rvt), kind=AccessKind.LIST_ROW, cases=[]) == []
    assert AccessLogEntry.objects.count() == 0


def test_a_write_takes_the_advisory_lock_reads_the_head_and_inserts_once(
    rvt, django_assert_num_queries
):
    actor = worker(rvt)
    log_views(actor, 1)  # warms the actor's memberships

    with django_assert_num_queries(3) as captured:
        chain.chain_append([AccessLogEntry(kind="view", ground="own_unit", outcome="allowed")])

    sql = [query["sql"] for query in captured.captured_queries]
    assert sql[0] == f"SELECT pg_advisory_xact_lock({chain.ACCESS_LOG_LOCK})"
    assert sql[2].startswith('INSERT INTO "audit_accesslogentry"')


def test_the_head_is_found_by_seq_even_when_an_entry_is_dated_before_the_one_before_it(rvt):
    """Time runs forward along a chain written by chain_append; were it ever not to, the next
    entry must still follow the highest seq, not the newest month."""
    actor = worker(rvt)
    with clock_at(in_month(2)):
        log_views(actor, 1)
    with clock_at(in_month(1)):
        log_views(actor, 1)

    log_views(actor, 1)

    rows = list(AccessLogEntry.objects.order_by("seq").values("seq", "previous_hash", "entry_hash"))
    assert [row["seq"] for row in rows] == [1, 2, 3]
    assert rows[2]["previous_hash"] == rows[1]["entry_hash"]
