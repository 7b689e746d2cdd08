import datetime

import pytest

from brytupp.audit import review
from brytupp.audit.models import AccessGround, AccessKind, AccessOutcome
from brytupp.organisation.services import user_identity_number_set
from brytupp.people.identity_number import parse_identity_number
from tests import factories

from .entries import STOCKHOLM, WEEKDAY_NOON, log_entry, log_many

pytestmark = pytest.mark.django_db


def _flags_of(actor, entry):
    [row] = [
        row for row in review.log_search(actor=actor).object_list if row.entry.seq == entry.seq
    ]
    return row.flags


def test_an_ordinary_entry_has_no_flag(worker, manager):
    assert _flags_of(manager, log_entry(worker)) == []


@pytest.mark.parametrize(
    ("fields", "flags"),
    [
        ({"kind": AccessKind.REVEAL}, ["reveal"]),
        ({"ground": AccessGround.EMERGENCY}, ["emergency"]),
        ({"outcome": AccessOutcome.REFUSED}, ["refused"]),
        ({"ground": AccessGround.CONSENT}, []),
        ({"kind": AccessKind.CHANGE}, []),
    ],
    ids=["reveal", "emergency", "refused", "consent", "change"],
)
def test_kind_ground_and_outcome_flags(worker, manager, fields, flags):
    assert _flags_of(manager, log_entry(worker, **fields)) == flags


def _local(day, hour, minute=0, second=0):
    return datetime.datetime(2026, 11, day, hour, minute, second, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("at", "flags"),
    [
        (_local(11, 6, 59, 59), ["off_hours"]),
        (_local(11, 7, 0, 0), []),
        (_local(11, 17, 59, 59), []),
        (_local(11, 18, 0, 0), ["off_hours"]),
        (_local(11, 23, 30), ["off_hours"]),
        (_local(13, 12, 0), []),  # Friday
        (_local(14, 12, 0), ["off_hours"]),  # Saturday
        (_local(15, 12, 0), ["off_hours"]),  # Sunday
        # 06:30 UTC is 07:30 in Stockholm in winter: office hours.
        (datetime.datetime(2026, 11, 11, 6, 30, tzinfo=datetime.UTC), []),
        # 06:30 UTC is 08:30 in Stockholm in summer; 05:30 UTC is 07:30.
        (datetime.datetime(2026, 6, 10, 4, 30, tzinfo=datetime.UTC), ["off_hours"]),
        (datetime.datetime(2026, 6, 10, 5, 30, tzinfo=datetime.UTC), []),
    ],
    ids=[
        "06:59",
        "07:00",
        "17:59",
        "18:00",
        "23:30",
        "friday",
        "saturday",
        "sunday",
        "winter-utc",
        "summer-early",
        "summer-utc",
    ],
)
def test_the_off_hours_flag_follows_stockholm_time(worker, manager, at, flags):
    assert _flags_of(manager, log_entry(worker, at=at)) == flags


@pytest.mark.parametrize(
    ("protection", "flags"),
    [
        ("none", []),
        ("skyddad_folkbokforing", ["protected_person"]),
        ("sekretessmarkering", ["protected_person"]),
    ],
)
def test_the_protected_person_flag(worker, manager, protection, flags):
    somebody = factories.person(protected_identity=protection)

    entry = log_entry(worker, person_public_id=somebody.public_id)

    assert _flags_of(manager, entry) == flags


@pytest.mark.parametrize(("count", "flagged"), [(200, False), (201, True)])
def test_the_volume_flag_counts_the_users_entries_that_day(worker, manager, count, flagged):
    log_many(worker, count - 1, at=WEEKDAY_NOON)
    entry = log_entry(worker, at=WEEKDAY_NOON)
    # The day before and another user's entries do not count.
    log_many(worker, 5, at=WEEKDAY_NOON - datetime.timedelta(days=1))

    assert _flags_of(manager, entry) == (["volume"] if flagged else [])


def test_several_flags_at_once(worker, manager):
    entry = log_entry(
        worker, at=_local(14, 3, 0), kind=AccessKind.REVEAL, outcome=AccessOutcome.REFUSED
    )

    assert _flags_of(manager, entry) == ["reveal", "off_hours", "refused"]


def test_flagged_only_leaves_out_unflagged_entries(worker, manager):
    log_entry(worker)
    flagged = log_entry(worker, ground=AccessGround.EMERGENCY)

    page = review.log_search(actor=manager, flagged_only=True)

    assert [row.entry.seq for row in page.object_list] == [flagged.seq]


# Skatteverket's test numbers: a staff member's own and a colleague's record.
OWN_NUMBER = "198112189876"
COLLEAGUE_NUMBER = "199001611236"  # a coordination number


def numbered_person(number):
    return factories.person(
        identity_number=number, birth_date=parse_identity_number(number).birth_date
    )


@pytest.fixture
def staff_with_numbers(worker, rvt, other_worker):
    colleague = factories.staff("handlaggare", rvt, username="colleague_rvt")
    user_identity_number_set(user=worker, identity_number=OWN_NUMBER)
    user_identity_number_set(user=colleague, identity_number=COLLEAGUE_NUMBER)
    return colleague


@pytest.mark.parametrize(
    ("number", "flags"),
    [
        (OWN_NUMBER, ["own_record"]),
        (COLLEAGUE_NUMBER, ["colleague_record"]),
        ("191212121212", []),  # a stranger
        ("", []),  # a reserve identity has no number to match
    ],
    ids=["own", "colleague", "stranger", "reserve"],
)
def test_looking_at_ones_own_or_a_colleagues_record_is_flagged(
    worker, manager, staff_with_numbers, number, flags
):
    somebody = numbered_person(number) if number else factories.person()

    entry = log_entry(worker, person_public_id=somebody.public_id)

    assert _flags_of(manager, entry) == flags


def test_a_user_of_another_unit_with_the_number_is_no_colleague(
    worker, other_worker, manager, staff_with_numbers
):
    user_identity_number_set(user=staff_with_numbers, identity_number="")
    user_identity_number_set(user=other_worker, identity_number=COLLEAGUE_NUMBER)
    somebody = numbered_person(COLLEAGUE_NUMBER)

    entry = log_entry(worker, person_public_id=somebody.public_id)

    assert _flags_of(manager, entry) == []


def test_the_colleague_looking_at_the_workers_record_is_flagged_for_them(
    worker, manager, staff_with_numbers
):
    somebody = numbered_person(OWN_NUMBER)

    entry = log_entry(staff_with_numbers, person_public_id=somebody.public_id)

    assert _flags_of(manager, entry) == ["colleague_record"]
