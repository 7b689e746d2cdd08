"""``check --deploy --database default``: the application must not connect as a role that can
switch off the access log's triggers (decision 0019)."""

from __future__ import annotations

from django.core.checks import Error
from django.db import connections

from brytupp.dbroles import runtime_role_problems


def runtime_role_check(app_configs=None, databases=None, **kwargs):
    # Database checks run only when asked for (`--database default`): they connect.
    errors = []
    for alias in databases or ():
        with connections[alias].cursor() as cursor:
            problems = runtime_role_problems(cursor)
        errors += [
            Error(
                f"The database role of DATABASE_URL {problem}.",
                hint="Connect as the runtime role made by `brytupp database_roles` "
                "(docs/operations.md).",
                id="brytupp.E001",
            )
            for problem in problems
        ]
    return errors
