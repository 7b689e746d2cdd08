"""gunicorn's settings (src/brytupp/gunicorn_conf.py): read from the environment, and an access
log line that names no one."""

import importlib
import multiprocessing
import re

from gunicorn.config import Config

from brytupp import gunicorn_conf


def settings(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "BRYTUPP_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(gunicorn_conf)


def test_defaults_follow_the_number_of_cores(monkeypatch):
    conf = settings(monkeypatch)

    assert conf.workers == 2 * multiprocessing.cpu_count() + 1
    assert (conf.bind, conf.timeout, conf.worker_class) == (["127.0.0.1:8000"], 60, "sync")


def test_the_environment_sets_workers_timeout_and_address(monkeypatch):
    conf = settings(
        monkeypatch,
        WEB_CONCURRENCY="3",
        GUNICORN_TIMEOUT="90",
        BRYTUPP_BIND="unix:/run/brytupp/gunicorn.sock",
    )

    assert (conf.workers, conf.timeout, conf.bind) == (3, 90, ["unix:/run/brytupp/gunicorn.sock"])


def test_gunicorn_accepts_every_setting_of_the_module(monkeypatch):
    conf = settings(monkeypatch)
    config = Config()
    names = [name for name in vars(conf) if name in config.settings]

    for name in names:
        config.set(name, getattr(conf, name))

    assert config.logger_class is gunicorn_conf.AccessLogger
    assert config.control_socket_disable is True
    assert config.preload_app is True
    assert sorted(names) == sorted(
        [
            "wsgi_app", "bind", "workers", "worker_class", "timeout", "graceful_timeout",
            "max_requests", "max_requests_jitter", "preload_app", "control_socket_disable",
            "accesslog", "errorlog", "loglevel", "logger_class", "access_log_format",
        ]
    )  # fmt: skip


def test_the_access_log_format_leaves_out_query_string_client_referrer_and_agent():
    atoms = set(re.findall(r"%\(([^)]+)\)s", gunicorn_conf.access_log_format))

    assert atoms == {"t", "m", "U", "s", "B", "M", "{x-request-id}o"}
