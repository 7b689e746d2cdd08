"""The systemd units in deploy/ (docs/deployment.md) name commands that exist, with options
their parsers accept, and every timer starts a service that is there."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

UNITS = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
BRYTUPP = "/srv/brytupp/venv/bin/brytupp"


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def exec_lines(path: Path) -> list[list[str]]:
    # ExecStart may be given more than once; configparser keeps the last, so read the lines.
    return [
        shlex.split(line.partition("=")[2])
        for line in path.read_text().splitlines()
        if line.startswith("ExecStart=")
    ]


BRYTUPP_LINES = [
    pytest.param(argv[1:], id=f"{path.stem}: {' '.join(argv[1:])}")
    for path in sorted(UNITS.glob("*.service"))
    for argv in exec_lines(path)
    if argv[0] == BRYTUPP
]


def test_the_jobs_cover_every_recurring_command():
    commands = sorted(" ".join(argv.values[0][:2]) for argv in BRYTUPP_LINES)

    assert commands == [
        "audit anchor",
        "audit partitions",
        "audit verify",
        "clearsessions",
        "disable_inactive_users",
    ]


@pytest.mark.parametrize("argv", BRYTUPP_LINES)
def test_each_job_is_a_command_line_brytupp_accepts(argv):
    command = load_command_class(get_commands()[argv[0]], argv[0])

    command.create_parser("brytupp", argv[0]).parse_args(argv[1:])


def test_every_timer_starts_its_service():
    timers = sorted(UNITS.glob("*.timer"))

    assert [path.stem for path in timers] == [
        "brytupp-audit-anchor",
        "brytupp-audit-partitions",
        "brytupp-audit-verify",
        "brytupp-backup",
        "brytupp-daily",
    ]
    for timer in timers:
        assert (UNITS / f"{timer.stem}.service").exists()
        assert unit(timer)["Timer"]["OnCalendar"]


def test_only_the_owners_jobs_read_the_owners_environment():
    with_owner = sorted(
        path.stem for path in UNITS.glob("*.service") if "owner.env" in path.read_text()
    )

    assert with_owner == ["brytupp-audit-partitions", "brytupp-backup"]


def test_the_server_runs_gunicorn_with_the_projects_settings():
    service = unit(UNITS / "brytupp.service")["Service"]

    assert exec_lines(UNITS / "brytupp.service") == [
        ["/srv/brytupp/venv/bin/gunicorn", "--config", "python:brytupp.gunicorn_conf"]
    ]
    assert service["EnvironmentFile"] == "/etc/brytupp/brytupp.env"
    assert service["Type"] == "notify"
    assert service["User"] == "brytupp"
