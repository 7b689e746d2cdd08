"""A membership change in the chain: the subject and the change are hashed when set, and an
entry without them hashes as every entry did before they existed (decision 0017)."""

import datetime
import hashlib
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from brytupp.audit import chain
from brytupp.audit.models import AccessLogEntry
from brytupp.organisation import services
from tests import factories

from .entries import log_views, trigger_disabled, worker

pytestmark = pytest.mark.django_db

V1_FIELDS = {
    "at": datetime.datetime(2026, 11, 23, 20, 0, 0, 5, tzinfo=datetime.UTC),
    "user_public_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
    "unit_code": "rvt-söder",
    "role": "systemforvaltare",
    "person_public_id": None,
    "case_public_id": None,
    "kind": "membership",
    "ground": "administration",
    "outcome": "allowed",
    "request_id": "",
    "seq": 7,
}
V1_CANONICAL = (
    '["v1","2026-11-23T20:00:00.000005+00:00","00000000-0000-4000-8000-000000000001",'
    '"rvt-söder","systemforvaltare",null,null,"membership","administration","allowed","",7'
)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_entry_without_a_subject_hashes_as_before_the_column_existed():
    unset = {**V1_FIELDS, "subject_public_id": None, "membership_change": None}

    assert chain.entry_hash(unset, "a" * 64) == _sha(V1_CANONICAL + ',"' + "a" * 64 + '"]')
    assert chain.entry_hash(V1_FIELDS, "a" * 64) == chain.entry_hash(unset, "a" * 64)


def test_the_subject_and_the_change_are_hashed_by_name_when_set():
    fields = {
        **V1_FIELDS,
        "subject_public_id": uuid.UUID("00000000-0000-4000-8000-000000000009"),
        "membership_change": "approved:handlaggare",
    }
    canonical = (
        V1_CANONICAL + ',"subject_public_id","00000000-0000-4000-8000-000000000009",'
        '"membership_change","approved:handlaggare","' + "a" * 64 + '"]'
    )

    assert chain.entry_hash(fields, "a" * 64) == _sha(canonical)


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().splitlines()[0]


def _grant(rvt):
    return services.membership_grant(
        user=factories.UserFactory(), unit=rvt, role="handlaggare", valid_from=timezone.localdate()
    )


def test_old_and_new_entries_verify_together(rvt):
    log_views(worker(rvt), 3)
    _grant(rvt)
    log_views(worker(rvt), 2)

    assert _verify() == "Access log intact: 6 entries."
    assert AccessLogEntry.objects.filter(subject_public_id__isnull=False).count() == 1


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE audit_accesslogentry SET subject_public_id = gen_random_uuid() "
        "WHERE subject_public_id IS NOT NULL",
        "UPDATE audit_accesslogentry SET membership_change = 'approved:enhetschef' "
        "WHERE membership_change IS NOT NULL",
        "UPDATE audit_accesslogentry SET subject_public_id = NULL, membership_change = NULL "
        "WHERE subject_public_id IS NOT NULL",
        "UPDATE audit_accesslogentry SET subject_public_id = gen_random_uuid() WHERE seq = 2",
    ],
    ids=["other-subject", "other-role", "subject-removed", "subject-added"],
)
def test_a_changed_subject_or_change_breaks_the_chain_at_its_entry(rvt, tampering):
    log_views(worker(rvt), 3)
    _grant(rvt)
    seq = 2 if "seq = 2" in tampering else 4
    with trigger_disabled() as cursor:
        cursor.execute(tampering)

    with pytest.raises(CommandError) as raised:
        _verify()

    assert str(raised.value) == f"Access log broken at entry seq={seq}: content altered"
