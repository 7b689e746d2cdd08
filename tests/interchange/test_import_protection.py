"""An import never lowers a person's protected identity silently (issue 10, finding 5), and a
child placed with a protected parent is protected as the parent is (finding 3)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.cases.events import EventKind
from brytupp.cases.models import Case, CaseEvent
from brytupp.interchange.services import interchange_import_text
from brytupp.people.models import Person
from tests import factories

from .records import BASE, changed, text

pytestmark = pytest.mark.django_db

MISSING = (
    "LINE 4: protected_identity: missing, but the person has protected identity in the "
    "database: write true to keep it (false lowers it, only with --user and --lower-protection)"
)
NOT_ALLOWED = (
    "LINE 4: protected_identity: false would lower the person's protected identity: only "
    "with --user and --lower-protection"
)
PROTECTED = text(changed(4, protected_identity=True))


def levels() -> dict[str, str]:
    return dict(Person.objects.values_list("external_id", "protected_identity"))


def snapshot() -> tuple:
    return (
        levels(),
        list(Case.objects.values_list("external_id", "closed")),
        CaseEvent.objects.count(),
        AccessLogEntry.objects.count(),
    )


@pytest.fixture
def admin():
    return factories.staff("systemforvaltare", factories.UnitFactory())


@pytest.fixture
def protected():
    """The small file imported with its adult protected: the placed child inherits it."""
    assert interchange_import_text(PROTECTED).problems == []
    return Person.objects.get(external_id="p1")


def test_a_child_placed_with_a_protected_parent_is_imported_protected():
    interchange_import_text(PROTECTED)

    assert levels() == {"p1": "sekretessmarkering", "p2": "sekretessmarkering"}


def test_importing_the_same_file_again_changes_nothing(protected):
    before = snapshot()

    result = interchange_import_text(PROTECTED)

    assert result.problems == []
    after = snapshot()
    assert after[:3] == before[:3]
    assert after[3] == before[3] + 1  # the second import's own entry, nothing else


def test_a_line_without_protected_identity_is_refused_and_nothing_is_written(protected):
    # The same file also closes the case: all or nothing.
    records = changed(6, closed="2024-06-01", closure_reason="goals_met")
    before = snapshot()

    result = interchange_import_text(text(records))

    assert result.problems == [MISSING]
    assert snapshot() == before


@pytest.mark.parametrize(
    "options",
    [{}, {"lower_protection": True}, {"actor": "admin"}],
    ids=["plain", "no_user", "no_flag"],
)
def test_false_is_refused_without_a_user_and_the_flag(protected, admin, options):
    if options.get("actor") == "admin":
        options = {"actor": admin}
    before = snapshot()

    result = interchange_import_text(text(changed(4, protected_identity=False)), **options)

    assert result.problems == [NOT_ALLOWED]
    assert snapshot() == before


def test_the_flag_without_a_user_is_refused_by_the_command(protected, tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(text(changed(4, protected_identity=False)))
    before = snapshot()

    with pytest.raises(CommandError, match="^--lower-protection needs --user: the access log"):
        call_command("import", str(path), "--lower-protection", stdout=io.StringIO())

    assert snapshot() == before


def test_a_dry_run_of_an_allowed_lowering_writes_nothing(protected, admin):
    before = snapshot()

    result = interchange_import_text(
        text(changed(4, protected_identity=False)),
        actor=admin,
        lower_protection=True,
        dry_run=True,
    )

    assert result.problems == []
    assert snapshot() == before


def test_an_allowed_lowering_is_logged_per_person_and_on_the_timeline(protected, admin, tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(text(changed(4, protected_identity=False)))
    already = set(AccessLogEntry.objects.values_list("pk", flat=True))

    call_command(
        "import", str(path), "--user", admin.username, "--lower-protection", stdout=io.StringIO()
    )

    # The child keeps the level it has as a child placed with the parent: lowering a child is
    # the case's lead unit's to do (decision 0018).
    assert levels() == {"p1": "none", "p2": "sekretessmarkering"}
    entries = AccessLogEntry.objects.exclude(pk__in=already).order_by("seq")
    assert [
        (e.kind, e.ground, e.user_public_id, e.person_public_id, e.case_public_id) for e in entries
    ] == [
        (
            AccessKind.CHANGE,
            AccessGround.ADMINISTRATION,
            admin.public_id,
            protected.public_id,
            None,
        ),
        (AccessKind.IMPORT, AccessGround.SYSTEM, admin.public_id, None, None),
    ]
    event = CaseEvent.objects.get(kind=EventKind.PROTECTION_LOWERED)
    assert (event.case.external_id, event.actor, event.data) == (
        "c1",
        admin,
        {"person": str(protected.public_id), "level": "sekretessmarkering"},
    )

    # Imported again, nothing is lowered or logged a second time.
    interchange_import_text(text(changed(4, protected_identity=False)), actor=admin)
    assert CaseEvent.objects.filter(kind=EventKind.PROTECTION_LOWERED).count() == 1
    assert AccessLogEntry.objects.exclude(pk__in=already).filter(kind="change").count() == 1


def test_raising_is_always_allowed_and_the_placed_child_follows():
    assert interchange_import_text(text(BASE)).problems == []
    assert levels() == {"p1": "none", "p2": "none"}

    result = interchange_import_text(PROTECTED)

    assert result.problems == []
    assert levels() == {"p1": "sekretessmarkering", "p2": "sekretessmarkering"}


def test_a_stronger_level_recorded_here_is_kept_with_true(protected):
    Person.objects.filter(external_id="p1").update(protected_identity="skyddad_folkbokforing")

    assert interchange_import_text(PROTECTED).problems == []

    assert levels() == {"p1": "skyddad_folkbokforing", "p2": "skyddad_folkbokforing"}


def test_a_protected_child_not_placed_with_a_protected_parent_must_be_stated(protected):
    # p2's protection no longer comes from a parent: the line must say it.
    Person.objects.filter(external_id="p1").update(protected_identity="none")

    result = interchange_import_text(text(changed(4, protected_identity=...)))

    assert result.problems == [MISSING.replace("LINE 4", "LINE 5")]
