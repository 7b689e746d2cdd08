import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from brytupp.audit.append_only import access_log_erase_all
from brytupp.audit.models import AccessLogEntry

from .entries import clock_at, in_month, log_views, partition, trigger_disabled, worker

pytestmark = pytest.mark.django_db


def anchor(*args) -> str:
    out = StringIO()
    call_command("audit", "anchor", *args, stdout=out)
    return out.getvalue()


def verify(*args) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def broken(*args) -> tuple[str, int]:
    with pytest.raises(CommandError) as raised:
        verify(*args)
    return str(raised.value), raised.value.returncode


@pytest.fixture
def anchors(tmp_path):
    return tmp_path / "anchors.jsonl"


def test_anchor_prints_the_head_of_the_chain_as_one_json_line(rvt):
    log_views(worker(rvt), 3)
    last = AccessLogEntry.objects.get(seq=3)

    printed = anchor()

    assert printed.count("\n") == 1
    line = json.loads(printed)
    assert list(line) == ["seq", "entry_hash", "at", "anchored_at"]
    assert (line["seq"], line["entry_hash"]) == (3, last.entry_hash)
    assert line["at"] == last.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    assert datetime.datetime.fromisoformat(line["anchored_at"]) >= last.at


def test_anchoring_an_empty_log_names_the_genesis():
    line = json.loads(anchor())

    assert (line["seq"], line["entry_hash"], line["at"]) == (0, "0" * 64, None)


def test_anchor_to_a_file_appends_a_line_each_time_and_prints_nothing(rvt, anchors):
    actor = worker(rvt)
    log_views(actor, 1)
    assert anchor("--to", str(anchors)) == ""
    log_views(actor, 1)
    anchor("--to", str(anchors))

    lines = anchors.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2]


def test_a_growing_log_passes_every_anchor_taken_on_the_way(rvt, anchors):
    actor = worker(rvt)
    for _ in range(3):
        log_views(actor, 2)
        anchor("--to", str(anchors))
    last = AccessLogEntry.objects.get(seq=6)

    assert verify("--anchors", str(anchors)) == (
        "Access log intact: 6 entries.\n"
        f"Last entry: seq=6 hash={last.entry_hash}\n"
        "Anchors: 3 checked, each in the chain.\n"
    )


def test_a_log_rebuilt_from_scratch_with_valid_hashes_is_found_by_its_anchor(rvt, anchors):
    """The chain alone cannot tell: every hash of the new log is right."""
    actor = worker(rvt)
    log_views(actor, 3)
    anchor("--to", str(anchors))
    log_views(actor, 2)
    anchor("--to", str(anchors))
    access_log_erase_all()
    log_views(actor, 5)
    assert verify().startswith("Access log intact: 5 entries.")

    message, code = broken("--anchors", str(anchors))

    assert message.startswith("Access log broken at entry seq=3: hash differs from the anchor ")
    assert code == 1


def test_a_cut_off_tail_is_found_by_the_anchor_that_names_it(rvt, anchors):
    log_views(worker(rvt), 5)
    anchor("--to", str(anchors))
    anchored_at = json.loads(anchors.read_text())["anchored_at"]
    with trigger_disabled() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE seq >= 4")
    assert verify().startswith("Access log intact: 3 entries.")

    taken = datetime.datetime.fromisoformat(anchored_at).isoformat(timespec="seconds")
    assert broken("--anchors", str(anchors)) == (
        f"Access log broken at entry seq=4: entry missing (the anchor taken {taken} names seq=5)",
        1,
    )


def test_a_dropped_last_partition_is_found_by_the_anchor(rvt, anchors):
    actor = worker(rvt)
    for offset in (1, 2):
        with clock_at(in_month(offset)):
            log_views(actor, 2)
    anchor("--to", str(anchors))
    with connection.cursor() as cursor:
        cursor.execute("ALTER EVENT TRIGGER access_log_refuse_drop DISABLE")
        cursor.execute(f"DROP TABLE {partition(2)}")

    message, code = broken("--anchors", str(anchors))

    assert message.startswith("Access log broken at entry seq=3: entry missing (the anchor ")
    assert code == 1


def test_anchors_read_back_from_syslog_with_its_prefix_are_understood(rvt, anchors):
    log_views(worker(rvt), 2)
    line = anchor().strip()
    anchors.write_text(f"Nov 23 21:05:00 db1 brytupp-audit-anchor[4242]: {line}\n\n")

    assert verify("--anchors", str(anchors)).endswith("Anchors: 1 checked, each in the chain.\n")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not a JSON object"),
        ('{"seq": "7", "entry_hash": "' + "a" * 64 + '"}', "seq is not a whole number"),
        ('{"seq": 7, "entry_hash": "abc"}', "entry_hash is not 64 hexadecimal digits"),
        (
            '{"seq": 7, "entry_hash": "' + "a" * 64 + '", "anchored_at": "2026-11-23T21:05:00"}',
            "anchored_at has no time zone",
        ),
    ],
)
def test_an_unreadable_anchors_file_stops_verify_with_exit_code_2(anchors, line, reason):
    good = '{"seq":0,"entry_hash":"' + "0" * 64 + '","at":null,"anchored_at":"2026-11-23T21:05Z"}'
    anchors.write_text(f"{good}\n{line}\n")

    assert broken("--anchors", str(anchors)) == (f"{anchors}, line 2: {reason}", 2)


def test_a_missing_anchors_file_stops_verify_with_exit_code_2(tmp_path):
    message, code = broken("--anchors", str(tmp_path / "nowhere.jsonl"))

    assert "No such file or directory" in message
    assert code == 2
