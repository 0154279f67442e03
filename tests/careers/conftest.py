"""Fixtures for the careers tests: enlarged content for query budgets, a content editor."""

import pytest

from careers.models import Hub, Market, Role, SalaryBand
from tests import factories


@pytest.fixture
def enlarged(guide):
    """The guide's content plus nine times as many roles, hubs and markets again (10x in all)."""
    roles = Role.objects.bulk_create(
        Role(
            slug=f"extra-role-{n}",
            name=f"Extra role {n}",
            kind=Role.Kind.CORE if n % 2 else Role.Kind.EMERGING,
            active_postings=100 + n,
            summary="More content than the guide has.",
            core_skills="Python",
            sort_order=100 + n,
        )
        for n in range(135)
    )
    SalaryBand.objects.bulk_create(
        SalaryBand(
            role=role,
            level=level,
            min_usd=100_000,
            max_usd=200_000,
            basis=SalaryBand.Basis.TOTAL if level == "senior" else SalaryBand.Basis.BASE,
        )
        for role in roles
        for level in ("entry", "mid", "senior")
    )
    hubs = Hub.objects.bulk_create(
        Hub(slug=f"extra-hub-{n}", name=f"Extra hub {n}", active_postings=n, growth_percent=n)
        for n in range(90)
    )
    Market.objects.bulk_create(
        Market(
            slug=f"extra-market-{n}",
            name=f"Extra market {n}",
            hub=hubs[n],
            average_base_usd=100_000 + n,
            cost_of_living_min=60 + n % 30,
            cost_of_living_max=70 + n % 30,
            net_income_advantage_min=n % 10,
            net_income_advantage_max=n % 10 + 5,
            sort_order=100 + n,
        )
        for n in range(63)
    )


@pytest.fixture
def offer_comparison_factory(db):
    return factories.OfferComparisonFactory


@pytest.fixture
def offer_factory(db):
    return factories.OfferFactory
