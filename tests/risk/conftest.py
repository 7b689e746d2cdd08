"""A case led by an RVT with economic support taking part by consent, and the person's child
(``tests/cases_work/conftest.py``). Every name is made up."""

from tests.cases_work.conftest import DAY, TODAY, client, english, setting  # noqa: F401
