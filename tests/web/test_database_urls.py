"""Which role each `brytupp` command connects as (decision 0019)."""

import pytest

from brytupp.cli import database_url_variable

COMMANDS = {
    ("migrate",): "DATABASE_OWNER_URL",
    ("migrate", "audit", "0009"): "DATABASE_OWNER_URL",
    ("createcachetable",): "DATABASE_OWNER_URL",
    ("flush", "--no-input"): "DATABASE_OWNER_URL",
    ("audit", "partitions", "--ahead", "2"): "DATABASE_OWNER_URL",
    ("demo", "--schema-only", "--reset"): "DATABASE_OWNER_URL",
    ("database_roles", "--runtime", "brytupp_app"): "DATABASE_ADMIN_URL",
    ("audit", "verify"): "DATABASE_URL",
    ("audit", "anchor"): "DATABASE_URL",
    ("demo", "--reset"): "DATABASE_URL",
    ("import", "partitions"): "DATABASE_URL",
    ("import", "file.jsonl"): "DATABASE_URL",
    ("import", "file.jsonl", "--initial"): "DATABASE_OWNER_URL",
    ("check", "--deploy"): "DATABASE_URL",
}


@pytest.mark.parametrize(
    ("argv", "variable"), COMMANDS.items(), ids=[" ".join(argv) for argv in COMMANDS]
)
def test_schema_commands_run_as_the_owner_and_the_rest_as_the_runtime_role(argv, variable):
    assert database_url_variable(["brytupp", *argv]) == variable
