"""The salary explorer: a band (the guide's major-hub pay) set against each market, step by
step, in whole dollars (careers.pay does the arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .pay import (
    Span,
    after_net_income_advantage,
    pay_level_percent,
    percentile_of_band,
    purchasing_power_range,
    scale_to_pay_level,
)


@dataclass(frozen=True)
class MarketSalary:
    """One market's row in the salary explorer: the guide's figures, then each computed step."""

    market: object
    average_base_usd: int
    pay_level_percent: Decimal
    band_at_pay_level: Span  # step 1: the band × market average ÷ baseline average
    cost_of_living: Span
    band_purchasing_power: Span  # step 2: step 1 × 100 ÷ cost-of-living index
    net_income_advantage: tuple[int, int] | None
    band_net_worth: Span  # step 3: the band × (100 + net-income advantage) ÷ 100
    remote_band: Span | None


def explore_salaries(
    *,
    band_min_usd: int,
    band_max_usd: int,
    markets: Sequence,
    baseline_average_usd: int,
    remote_percentiles: tuple[Decimal, Decimal] | None = None,
) -> list[MarketSalary]:
    """A band (the guide's major-hub pay) set against each market, step by step.

    Step 1 scales the band to the market's pay level; step 2 divides by its cost-of-living
    index (purchasing power before tax); step 3 applies the guide's net-income advantage,
    which also counts taxes and expenses. ``remote_percentiles`` is the guide's 75th–90th
    percentile for remote pay; when given, the remote market's row also shows that slice.
    """
    rows = []
    for market in markets:
        at_pay_level = Span(
            *(
                scale_to_pay_level(
                    amount_usd=amount,
                    market_average_usd=market.average_base_usd,
                    baseline_average_usd=baseline_average_usd,
                )
                for amount in (band_min_usd, band_max_usd)
            )
        )
        advantage = None
        net_worth = Span(band_min_usd, band_max_usd)
        if market.net_income_advantage_min is not None:
            advantage = (market.net_income_advantage_min, market.net_income_advantage_max)
            net_worth = Span(
                after_net_income_advantage(amount_usd=band_min_usd, advantage_percent=advantage[0]),
                after_net_income_advantage(amount_usd=band_max_usd, advantage_percent=advantage[1]),
            )
        remote_band = None
        if remote_percentiles and market.slug == "remote":
            remote_band = Span(
                *(
                    percentile_of_band(
                        min_usd=band_min_usd, max_usd=band_max_usd, percentile=percentile
                    )
                    for percentile in remote_percentiles
                )
            )
        rows.append(
            MarketSalary(
                market=market,
                average_base_usd=market.average_base_usd,
                pay_level_percent=pay_level_percent(
                    market_average_usd=market.average_base_usd,
                    baseline_average_usd=baseline_average_usd,
                ),
                band_at_pay_level=at_pay_level,
                cost_of_living=Span(market.cost_of_living_min, market.cost_of_living_max),
                band_purchasing_power=purchasing_power_range(
                    low_usd=at_pay_level.low,
                    high_usd=at_pay_level.high,
                    index_min=market.cost_of_living_min,
                    index_max=market.cost_of_living_max,
                ),
                net_income_advantage=advantage,
                band_net_worth=net_worth,
                remote_band=remote_band,
            )
        )
    return rows


def net_worth_rows(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Range chart rows of what a band is worth in each market of the salary explorer.

    The last step (the guide's net-income advantage) is charted, so the picture follows
    the guide's own verdict on each market.
    """
    return [
        {
            "label": row.market.name,
            "low": row.band_net_worth.low,
            "high": row.band_net_worth.high,
        }
        for row in rows
    ]
