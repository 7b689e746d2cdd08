"""``./dev``'s apt-get waits for a lock held by another process, then explains what to do.

The functions of ``./dev`` are sourced into bash with a stand-in ``apt-get`` (and ``sleep``,
``id``) first on the PATH: the stand-in fails with apt's own lock message a given number of
times, then succeeds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LOCKED = (
    "E: Could not get lock /var/lib/dpkg/lock-frontend. "
    "It is held by process 4242 (unattended-upgr)\n"
    "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), "
    "is another process using it?\n"
)


def _stand_ins(tmp_path: Path, *, locked_times: int, other_error: str = "") -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "apt-get").write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {calls}\n'
        f"n=$(wc -l < {calls})\n"
        f'if [ -n "{other_error}" ]; then echo "{other_error}" >&2; exit 100; fi\n'
        f"if [ \"$n\" -le {locked_times} ]; then printf '%s' '{LOCKED}' >&2; exit 100; fi\n"
        "exit 0\n"
    )
    (bin_dir / "sleep").write_text(f'#!/bin/sh\necho "$1" >> {tmp_path / "slept"}\n')
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")
    for name in ("apt-get", "sleep", "id"):
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _apt_get(tmp_path: Path, bin_dir: Path, *, wait: int) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "BRYTUPP_APT_WAIT": str(wait),
    }
    return subprocess.run(
        [
            shutil.which("bash") or "/bin/bash",
            "-c",
            "source ./dev && apt_get install -y -qq chromium",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_apt_get_waits_for_a_lock_held_by_another_process_then_installs(tmp_path):
    bin_dir = _stand_ins(tmp_path, locked_times=3)

    result = _apt_get(tmp_path, bin_dir, wait=600)

    assert result.returncode == 0
    assert result.stderr == (
        "apt is locked by another process 4242 (unattended-upgr); "
        "waiting up to 600 seconds for it to finish...\n"
    )
    assert _lines(tmp_path / "calls") == ["install -y -qq chromium"] * 4
    assert _lines(tmp_path / "slept") == ["5", "5", "5"]


def test_apt_get_explains_what_to_do_when_the_lock_stays_past_the_limit(tmp_path):
    bin_dir = _stand_ins(tmp_path, locked_times=1000)

    result = _apt_get(tmp_path, bin_dir, wait=20)

    assert result.returncode == 1
    assert len(_lines(tmp_path / "calls")) == 5  # at 0, 5, 10, 15 and 20 seconds
    assert _lines(tmp_path / "slept") == ["5", "5", "5", "5"]
    assert result.stderr.splitlines() == [
        "apt is locked by another process 4242 (unattended-upgr); "
        "waiting up to 20 seconds for it to finish...",
        "apt is still locked by another process 4242 (unattended-upgr) after 20 seconds, so",
        "'apt-get install -y -qq chromium' could not run: another installation or the "
        "automatic updates are running.",
        "Wait until it has finished ('ps -p <pid>' shows whether it still runs) and run this",
        "command again, or install what is missing yourself, as root:",
        "  apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core",
        "  apt-get install chromium        (for the browser tests only)",
        "Set BRYTUPP_APT_WAIT=<seconds> to wait longer.",
    ]


def test_apt_get_fails_at_once_on_any_other_error(tmp_path):
    bin_dir = _stand_ins(tmp_path, locked_times=0, other_error="E: Unable to locate package x")

    result = _apt_get(tmp_path, bin_dir, wait=600)

    assert result.returncode == 1
    assert result.stderr == "E: Unable to locate package x\n"
    assert len(_lines(tmp_path / "calls")) == 1
    assert _lines(tmp_path / "slept") == []
