"""gunicorn's settings for Bryt upp in production (docs/deployment.md, decision 0028).

    gunicorn --config python:brytupp.gunicorn_conf brytupp.wsgi:application

Read from the environment where a site differs; a command-line option overrides any of them.

- ``BRYTUPP_BIND``: where to listen (default ``127.0.0.1:8000``; ``unix:/run/brytupp/gunicorn.sock``
  behind a proxy on the same host).
- ``WEB_CONCURRENCY``: worker processes (default 2 × cores + 1). Each holds one database
  connection (``CONN_MAX_AGE``): workers × servers must stay below the database's
  ``max_connections``.
- ``GUNICORN_TIMEOUT``: seconds a request may take before its worker is restarted (default 60:
  the PDF documents are the slowest pages).
- ``FORWARDED_ALLOW_IPS``: the proxy's addresses (gunicorn's own variable; default 127.0.0.1).

The access log names no one: the method, the path without its query string, the status, the
size, the time taken and the request id (which the access-log entries of the request carry
too). No client address, no referrer, no user agent, no query string — paths carry opaque
identifiers only. The load balancer's ``/healthz`` probes are not logged.
"""

from __future__ import annotations

import multiprocessing
import os

from gunicorn.glogging import Logger

HEALTH_PATH = "/healthz"  # as brytupp.web.health, which imports Django


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


class AccessLogger(Logger):
    """gunicorn's logger, leaving out the load balancer's probes."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == HEALTH_PATH:
            return
        super().access(resp, req, environ, request_time)


wsgi_app = "brytupp.wsgi:application"
bind = [os.environ.get("BRYTUPP_BIND", "127.0.0.1:8000")]
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
# Synchronous workers behind a buffering proxy: one request per process at a time, one
# database connection per process.
worker_class = "sync"
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# A worker is replaced after about a thousand requests, bounding slow growth of its memory
# (WeasyPrint's caches); the jitter keeps them from restarting together.
max_requests = 1000
max_requests_jitter = 100
# The application is loaded once, before the workers fork: a missing secret stops the server
# at start, rather than every worker failing in turn.
preload_app = True
# No run-time control socket (gunicorn ≥ 25): systemd stops and reloads the server.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = "info"
logger_class = AccessLogger
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
