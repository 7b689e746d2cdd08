"""Property-based: malformed lines never raise, always give ``LINE N: field: …`` problems,
and save nothing."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brytupp.interchange.services import interchange_import, interchange_import_text

from .records import BASE

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROBLEM = re.compile(r"^LINE \d+: [\w\[\].]+: .+$")

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["2024-02-30", "\x00", "\ud800", "19580224-3724", "p1", "c1", "d1-rvt"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@st.composite
def broken_record(draw):
    """A record of the base file with one field replaced, removed or added."""
    record = dict(draw(st.sampled_from(BASE)))
    name = draw(st.sampled_from([*record, "extra"]))
    if draw(st.booleans()) and name in record:
        del record[name]
    else:
        record[name] = draw(json_values)
    return json.dumps(record)


lines = st.one_of(
    broken_record(),
    st.text(max_size=40),
    json_values.map(json.dumps),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)


@FUZZ
@given(extra=st.lists(lines, min_size=1, max_size=4))
def test_malformed_lines_never_raise_and_save_nothing(extra):
    before = row_counts()
    body = "\n".join(json.dumps(r) for r in BASE) + "\n" + "\n".join(extra)

    result = interchange_import_text(body)

    if not result.ok:
        assert row_counts() == before
        assert result.problems
        assert all(PROBLEM.match(p) for p in result.problems), result.problems


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(raw):
    import io

    before = row_counts()
    result = interchange_import(stream=io.BytesIO(raw))
    if not result.ok:
        assert row_counts() == before
        assert all(PROBLEM.match(p) for p in result.problems), result.problems


@pytest.mark.parametrize("key", [":", "Anna Andersson", "a.b", ""])
def test_an_unknown_key_that_is_no_field_name_is_not_echoed(key):
    """A key of the file is named in a problem only when it looks like a field name."""
    lines = [
        {"type": "district", "code": "x1", "name": "X", key: 1},
        {"type": "placement", "id": "p1", "next_housing": {key: 1}, "children": [{key: 1}]},
    ]
    result = interchange_import_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert result.problems
    assert all(PROBLEM.match(p) for p in result.problems), result.problems
    assert not any("Anna" in p for p in result.problems), result.problems
    assert sum("not a field name" in p for p in result.problems) == 3, result.problems
