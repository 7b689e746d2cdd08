import pytest

from tests import factories


@pytest.fixture
def district():
    return factories.DistrictFactory()


@pytest.fixture
def rvt(district):
    return factories.UnitFactory(district=district, kind="rvt", name="Relationsvåldsteamet Test")
