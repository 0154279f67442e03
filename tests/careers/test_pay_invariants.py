"""The salary explorer never contradicts the guide's net-income column, for any role or level."""

from itertools import permutations

import pytest

from careers import selectors
from careers.explorer import explore_salaries
from careers.models import SalaryBand

pytestmark = pytest.mark.usefixtures("guide_for_module")


def explorer_rows(band, markets, baseline):
    return explore_salaries(
        band_min_usd=band.min_usd,
        band_max_usd=band.max_usd,
        markets=markets,
        baseline_average_usd=baseline.average_base_usd,
    )


def test_no_market_the_guide_calls_worse_ever_shows_more_than_the_baseline(guide):
    markets = list(selectors.markets())
    baseline = next(market for market in markets if market.is_baseline)
    worse = [m for m in markets if (m.net_income_advantage_max or 0) < 0]
    assert [market.slug for market in worse] == ["toronto"]
    bands = SalaryBand.objects.select_related("role")
    assert bands.count() == 21
    for band in bands:
        rows = {row.market.slug: row for row in explorer_rows(band, markets, baseline)}
        base = rows[baseline.slug]
        for market in worse:
            row = rows[market.slug]
            for step in ("band_at_pay_level", "band_purchasing_power", "band_net_worth"):
                mine, theirs = getattr(row, step), getattr(base, step)
                assert mine.low < theirs.low and mine.high < theirs.high, (band, market, step)


def test_markets_rank_as_the_guides_net_income_column_does_for_every_band(guide):
    markets = list(selectors.markets())
    baseline = next(market for market in markets if market.is_baseline)

    def advantage(market):  # the baseline's advantage over itself is nil
        return (market.net_income_advantage_min or 0, market.net_income_advantage_max or 0)

    for band in SalaryBand.objects.select_related("role"):
        rows = {row.market.slug: row for row in explorer_rows(band, markets, baseline)}
        for better, worse in permutations(markets, 2):
            # Wherever the guide's ranges do not overlap, it says which market is better.
            if advantage(better)[0] <= advantage(worse)[1]:
                continue
            shown_better = rows[better.slug].band_net_worth
            shown_worse = rows[worse.slug].band_net_worth
            assert shown_better.low > shown_worse.low, (band, better, worse)
            assert shown_better.high > shown_worse.high, (band, better, worse)
