"""Pay arithmetic: an amount moved to a market's pay level and cost of living.

All money is whole US dollars (int) and every division rounds half up to the dollar, so
no float ever touches an amount. A cost-of-living index may be a range (Remote: 65–85);
dividing by a range gives a range: the low end uses the high index and vice versa.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BASELINE_INDEX = 100  # San Francisco, the guide's baseline for the cost-of-living index


def _divide(numerator: int, denominator: int) -> int:
    """Integer division rounded half up, for non-negative amounts."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Span:
    """A closed range of whole numbers (dollars or index points); equal ends are exact."""

    low: int
    high: int

    @property
    def midpoint(self) -> int:
        return _divide(self.low + self.high, 2)


def purchasing_power(*, salary_usd: int, cost_of_living_index: int) -> int:
    """What a salary buys in a market, in San Francisco dollars: salary × 100 ÷ index."""
    if cost_of_living_index <= 0:
        raise ValueError("A cost-of-living index must be positive.")
    return _divide(salary_usd * BASELINE_INDEX, cost_of_living_index)


def purchasing_power_range(*, low_usd: int, high_usd: int, index_min: int, index_max: int) -> Span:
    """Purchasing power of a salary range where the index may itself be a range."""
    return Span(
        low=purchasing_power(salary_usd=low_usd, cost_of_living_index=index_max),
        high=purchasing_power(salary_usd=high_usd, cost_of_living_index=index_min),
    )


def percentile_of_band(*, min_usd: int, max_usd: int, percentile: Decimal | int) -> int:
    """The salary at a percentile of a band, reading the band as evenly spread."""
    fraction = Decimal(percentile) / 100
    value = Decimal(min_usd) + (Decimal(max_usd) - Decimal(min_usd)) * fraction
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def scale_to_pay_level(
    *, amount_usd: int, market_average_usd: int, baseline_average_usd: int
) -> int:
    """An amount of baseline (San Francisco) pay moved to a market's pay level.

    The pay level is the market's average AI base salary over the baseline's, as the guide's
    cost-benefit table gives them: the guide's bands are major-hub pay, not every market's.
    """
    if baseline_average_usd <= 0:
        raise ValueError("The baseline's average salary must be positive.")
    return _divide(amount_usd * market_average_usd, baseline_average_usd)


def pay_level_percent(*, market_average_usd: int, baseline_average_usd: int) -> Decimal:
    """A market's pay level as a percentage of the baseline's, to one decimal place."""
    share = Decimal(market_average_usd * 100) / Decimal(baseline_average_usd)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def after_net_income_advantage(*, amount_usd: int, advantage_percent: int) -> int:
    """Baseline pay as the guide's net-income advantage values it: amount × (100 + advantage) ÷ 100.

    The guide's advantage compares a market's average earner, at that market's pay level,
    with San Francisco's after housing, taxes and typical expenses; a band scaled to the
    market's pay level is therefore worth this much in San Francisco terms.
    """
    if advantage_percent <= -100:
        raise ValueError("A net-income advantage must be above -100%.")
    return _divide(amount_usd * (100 + advantage_percent), 100)
