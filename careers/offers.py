"""Offers compared: four years of pay and vesting equity, adjusted for cost of living and
ranked, in whole dollars (careers.pay does the arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol

from .pay import Span, pay_level_percent, purchasing_power_range

if TYPE_CHECKING:
    from .models import Market

OFFER_AMOUNT_LIMIT_USD = 10_000_000
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


class OfferPlace(Protocol):
    """Where an offer is paid: a market of ours, or another city the user typed in."""

    @property
    def name(self) -> str: ...
    @property
    def cost_of_living_min(self) -> int: ...
    @property
    def cost_of_living_max(self) -> int: ...


@dataclass(frozen=True)
class OfferTerms:
    """One offer as entered: yearly pay, one-off sign-on, and equity on a vesting schedule."""

    label: str
    base_usd: int
    market: OfferPlace
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


@dataclass(frozen=True)
class OfferRow:
    outcome: OfferOutcome
    pay_level_percent: Decimal | None  # the market's AI pay against the baseline's
    pay_level_is_users: bool  # "another city": the user's own figure, not computed


def offer_rows(outcomes: Sequence[OfferOutcome], baseline: Market | None) -> list[OfferRow]:
    """Compared offers with their market's pay level, as the salary explorer works it out."""
    rows = []
    for outcome in outcomes:
        market = outcome.terms.market
        own = getattr(market, "pay_level_percent", None)
        if own is not None or baseline is None or not hasattr(market, "average_base_usd"):
            level = Decimal(own) if own is not None else None
            rows.append(OfferRow(outcome, level, own is not None))
            continue
        level = pay_level_percent(
            market_average_usd=market.average_base_usd,
            baseline_average_usd=baseline.average_base_usd,
        )
        rows.append(OfferRow(outcome, level, False))
    return rows
