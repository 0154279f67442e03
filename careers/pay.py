"""Pay arithmetic: a band moved to each market's pay level and cost of living; offers.

All money is whole US dollars (int) and every division rounds half up to the dollar, so
no float ever touches an amount. A cost-of-living index may be a range (Remote: 65–85);
dividing by a range gives a range: the low end uses the high index and vice versa.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

BASELINE_INDEX = 100  # San Francisco, the guide's baseline for the cost-of-living index
OFFER_AMOUNT_LIMIT_USD = 10_000_000


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


OFFER_YEARS = 4  # the comparison's horizon: a typical vesting schedule
# The usual schedule, where an offer says nothing else: the form, the model and the terms use it.
DEFAULT_VESTING_YEARS = 4
DEFAULT_CLIFF_MONTHS = 12


def vesting_by_year(
    *, years: int = DEFAULT_VESTING_YEARS, cliff_months: int = DEFAULT_CLIFF_MONTHS
) -> tuple[Decimal, ...]:
    """Percent of a grant that vests in each of the first four years.

    Monthly vesting over ``years`` after a cliff: nothing vests before the cliff, then
    everything earned so far vests at once (the usual 4 years with a 1-year cliff gives 25%
    a year). Only whole years are shown, so the cliff matters when it is not a year end.
    """
    if years <= 0 or cliff_months < 0:
        raise ValueError("Vesting needs at least one year and a cliff of 0 months or more.")
    months = years * 12

    def vested(month: int) -> Decimal:
        if month < cliff_months:
            return Decimal(0)
        return Decimal(100) * min(month, months) / months

    return tuple(vested(12 * year) - vested(12 * (year - 1)) for year in range(1, OFFER_YEARS + 1))


def _percent_of(amount_usd: int, percent: Decimal) -> int:
    value = Decimal(amount_usd) * percent / 100
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OfferTerms:
    """One offer as entered: yearly pay, one-off sign-on, and equity on a vesting schedule."""

    label: str
    base_usd: int
    market: object  # anything with name, cost_of_living_min / cost_of_living_max
    bonus_usd: int = 0  # target bonus a year
    sign_on_usd: int = 0  # paid in year 1
    clawback_months: int = 0  # repaid if you leave sooner than this
    equity_grant_usd: int = 0  # the whole initial grant, at today's value
    vesting_percent: tuple[Decimal, ...] = field(default_factory=vesting_by_year)
    refresher_usd: int = 0  # granted at the start of each year from year 2, same vesting
    equity_liquid: bool = True
    private_discount_percent: int = 0  # taken off equity that cannot be sold yet


@dataclass(frozen=True)
class OfferYear:
    year: int
    base_usd: int
    bonus_usd: int
    sign_on_usd: int
    equity_usd: int  # vested this year, after any private-equity discount

    @property
    def total_usd(self) -> int:
        return self.base_usd + self.bonus_usd + self.sign_on_usd + self.equity_usd


def offer_years(terms: OfferTerms) -> list[OfferYear]:
    """Years 1 to 4 of an offer before tax: what is paid and what vests each year."""
    kept = Decimal(100)
    if not terms.equity_liquid:
        kept -= terms.private_discount_percent
    years = []
    for year in range(1, OFFER_YEARS + 1):
        vesting = terms.vesting_percent
        # The initial grant, plus each refresher granted at the start of years 2..year.
        percent_of_grants = [(terms.equity_grant_usd, vesting[year - 1])] + [
            (terms.refresher_usd, vesting[year - granted]) for granted in range(2, year + 1)
        ]
        vested = sum(_percent_of(amount, percent) for amount, percent in percent_of_grants)
        years.append(
            OfferYear(
                year=year,
                base_usd=terms.base_usd,
                bonus_usd=terms.bonus_usd,
                sign_on_usd=terms.sign_on_usd if year == 1 else 0,
                equity_usd=_percent_of(vested, kept),
            )
        )
    return years


@dataclass(frozen=True)
class OfferOutcome:
    terms: OfferTerms
    years: list[OfferYear]
    total_usd: int  # the four years together, before tax
    adjusted_total: Span  # the same in San Francisco dollars (× 100 ÷ cost-of-living index)
    equity_share_percent: Decimal | None
    equity_position: str  # "below", "within", "above" the guide's range, or ""
    rank: int
    is_best: bool


def compare_offers(
    *, offers: Sequence[OfferTerms], equity_range: tuple[Decimal, Decimal] | None
) -> list[OfferOutcome]:
    """Offers ranked by their four-year total adjusted for cost of living, best first.

    A market with a range of index values is ranked on the middle of its adjusted range;
    equal offers share a rank, and every offer at rank 1 counts as the best.
    """
    scored = []
    for terms in offers:
        years = offer_years(terms)
        total = sum(year.total_usd for year in years)
        adjusted = purchasing_power_range(
            low_usd=total,
            high_usd=total,
            index_min=terms.market.cost_of_living_min,
            index_max=terms.market.cost_of_living_max,
        )
        equity = sum(year.equity_usd for year in years)
        share = equity_share(equity_usd=equity, total_usd=total)
        scored.append((terms, years, total, adjusted, share))

    midpoints = sorted((adjusted.midpoint for *_, adjusted, _ in scored), reverse=True)
    outcomes = [
        OfferOutcome(
            terms=terms,
            years=years,
            total_usd=total,
            adjusted_total=adjusted,
            equity_share_percent=share,
            equity_position=_position(share, equity_range),
            rank=midpoints.index(adjusted.midpoint) + 1,
            is_best=adjusted.midpoint == midpoints[0],
        )
        for terms, years, total, adjusted, share in scored
    ]
    # Stable sort: offers of equal rank keep the order they were entered in.
    return sorted(outcomes, key=lambda outcome: outcome.rank)


@dataclass(frozen=True)
class OtherCity:
    """A city outside the guide's table, with the figures the user found for it."""

    name: str
    cost_of_living_index: int  # San Francisco = 100
    pay_level_percent: int | None = None  # its AI pay as a share of San Francisco's

    slug = "other"
    is_baseline = False

    @property
    def cost_of_living_min(self) -> int:
        return self.cost_of_living_index

    @property
    def cost_of_living_max(self) -> int:
        return self.cost_of_living_index


def equity_share(*, equity_usd: int, total_usd: int) -> Decimal | None:
    """Equity as a percentage of total compensation, to one decimal place."""
    if total_usd <= 0:
        return None
    share = Decimal(equity_usd * 100) / Decimal(total_usd)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _position(share: Decimal | None, equity_range: tuple[Decimal, Decimal] | None) -> str:
    if share is None or equity_range is None:
        return ""
    low, high = equity_range
    if share < low:
        return "below"
    if share > high:
        return "above"
    return "within"
