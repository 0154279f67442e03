import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache is per process; tests must not see each other's pages.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return factories.PASSWORD


@pytest.fixture
def alice(db):
    return factories.UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return factories.UserFactory(username="bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def guide(db):
    """The guide's content as `make run` loads it."""
    call_command("load_guide", stdout=io.StringIO())


@pytest.fixture
def role_factory(db):
    return factories.RoleFactory


@pytest.fixture
def hub_factory(db):
    return factories.HubFactory


@pytest.fixture
def market_factory(db):
    return factories.MarketFactory


@pytest.fixture
def salary_band_factory(db):
    return factories.SalaryBandFactory


@pytest.fixture
def user_factory(db):
    return factories.UserFactory
