"""Production settings and the console command, run as an operator would."""

import os
import subprocess
import sys

ENV_KEYS = {
    "SECRET_KEY": "x" * 30 + "production-like-secret-key-for-the-deploy-check-only",
    "BRYTUPP_FIELD_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtcmVhbC0wMCE=",
    "BRYTUPP_SEARCH_KEY": "test-only-search-key",
    "ALLOWED_HOSTS": "brytupp.example.org",
}


def brytupp(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "brytupp", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def production_env(**extra):
    leave_out = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(ENV_KEYS)
    env.update(extra)
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = brytupp("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    env = production_env()
    del env["SECRET_KEY"]
    del env["BRYTUPP_SEARCH_KEY"]

    result = brytupp("check", env=env)

    assert result.returncode != 0
    assert "Set SECRET_KEY, BRYTUPP_SEARCH_KEY in the environment" in result.stderr


def test_debug_is_off_unless_the_environment_turns_it_on(monkeypatch):
    from brytupp.settings.base import env_bool

    monkeypatch.delenv("DEBUG", raising=False)
    assert env_bool("DEBUG", False) is False
    monkeypatch.setenv("DEBUG", "true")
    assert env_bool("DEBUG", False) is True


def test_without_database_url_an_embedded_server_starts_and_stops(tmp_path):
    env = production_env(BRYTUPP_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)

    result = brytupp("migrate", "--check", env=env)

    # An empty embedded cluster was created under the data directory and migrations are pending.
    assert (tmp_path / "postgres" / "PG_VERSION").exists()
    assert result.returncode == 1, result.stderr
    assert not (tmp_path / "postgres" / "postmaster.pid").exists()
