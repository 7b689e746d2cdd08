import contextvars

import pytest
from _pytest.nodeid import coerce_node_id
from django.db.backends.postgresql.operations import DatabaseOperations
from django.test import TransactionTestCase
from django.utils import translation

from tests import factories

# After a transactional test (the browser tests, the races, the runtime role), Django empties
# every table with one TRUNCATE of them all: about 200 ms, most of a small test's teardown.
# Deleting the rows with the triggers off takes 8 ms for the same tables (decision 0025).
# Only that teardown deletes so; `flush` run by the code under test (the demo's --reset)
# truncates as in production.
_emptying_after_a_test = contextvars.ContextVar("emptying_after_a_test", default=False)
_sql_flush_by_truncate = DatabaseOperations.sql_flush
_fixture_teardown = TransactionTestCase._fixture_teardown


def _sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if not _emptying_after_a_test.get() or reset_sequences or not tables:
        return _sql_flush_by_truncate(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    # In the flush's transaction only: no trigger fires (the foreign keys' and the access
    # log's guards among them), so the order of the tables does not matter. The tests
    # connect as the superuser, which this needs.
    return [
        "SET LOCAL session_replication_role = replica",
        *(f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(table)}" for table in tables),
    ]


def _fixture_teardown_by_delete(self):
    token = _emptying_after_a_test.set(True)
    try:
        _fixture_teardown(self)
    finally:
        _emptying_after_a_test.reset(token)


DatabaseOperations.sql_flush = _sql_flush
TransactionTestCase._fixture_teardown = _fixture_teardown_by_delete


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """``--dist loadgroup`` sends the tests of one ``xdist_group`` to one worker by a suffix
    ``@group`` on their node ids, which xdist 3.8 writes to ``item._nodeid``. pytest 9.2 keeps
    a node's id in ``item._id``: the suffix was lost, every group was spread over the workers
    and each of them generated the demo (about a minute each). Written where pytest reads it,
    as xdist does (``xdist/remote.py``); a no-op once xdist's own suffix is there."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if groups and item.nodeid.rfind("@") <= item.nodeid.rfind("]"):
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(sorted(groups))}")


@pytest.fixture(autouse=True)
def language_of_no_request():
    """Each test starts in the default language. A request through the test client leaves
    the language LocaleMiddleware chose active on the thread afterwards, so that a lazy text
    read after it (a validation message read outside ``translation.override``) came out in
    the language of some earlier test on the same worker."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def district():
    return factories.DistrictFactory()


@pytest.fixture
def rvt(district):
    return factories.UnitFactory(district=district, kind="rvt", name="Relationsvåldsteamet Test")
