import pytest

from tests import factories


@pytest.fixture
def other_unit(district):
    return factories.UnitFactory(district=district, kind="barn_unga", name="Barn och unga Test")


@pytest.fixture
def worker(rvt):
    return factories.staff("handlaggare", rvt, username="worker_rvt")


@pytest.fixture
def other_worker(other_unit):
    return factories.staff("handlaggare", other_unit, username="worker_other")


@pytest.fixture
def manager(rvt):
    return factories.staff("enhetschef", rvt, username="manager_rvt")


@pytest.fixture
def administrator(rvt):
    return factories.staff("systemforvaltare", rvt, username="admin_sf")
