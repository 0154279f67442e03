"""Shapes content objects into the rows that the careers pages and their charts show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from config.sitewide.provenance import source_of

from .models import Hub, Market, MarketFact, Role, SalaryBand
from .pay import Span, purchasing_power_range


def postings_rows(roles: Sequence[Role]) -> list[dict[str, Any]]:
    """Bar chart rows of active postings, largest first; roles without a count are left out."""
    counted = [role for role in roles if role.active_postings is not None]
    counted.sort(key=lambda role: (-(role.active_postings or 0), role.name))
    return [
        {"label": role.name, "value": role.active_postings, "href": role.get_absolute_url()}
        for role in counted
    ]


def hub_rows(hubs: Sequence[Hub], field: str) -> list[dict[str, Any]]:
    """Bar chart rows of one hub figure (active_postings or growth_percent), largest first."""
    counted = [hub for hub in hubs if getattr(hub, field) is not None]
    counted.sort(key=lambda hub: (-getattr(hub, field), hub.name))
    return [
        {"label": hub.name, "value": getattr(hub, field), "href": hub.get_absolute_url()}
        for hub in counted
    ]


def kind_counts(roles: Sequence[Role]) -> dict[str, int]:
    """How many roles of each kind there are, for sentences that must match the list."""
    counts = dict.fromkeys(Role.Kind.values, 0)
    for role in roles:
        counts[role.kind] += 1
    return counts


BASIS_SHORT: dict[str, str] = {SalaryBand.Basis.BASE: "base", SalaryBand.Basis.TOTAL: "total comp"}


def band_rows(role: Role) -> list[dict[str, Any]]:
    """Range chart rows of a role's pay by level, plus any range the guide quotes apart."""
    bands = sorted(role.salary_bands.all(), key=lambda band: SalaryBand.LEVEL_ORDER[band.level])
    rows = [
        {
            "label": (
                f"{band.get_level_display()}, {BASIS_SHORT[band.basis]} ({source_of(band).label})"
            ),
            "low": band.min_usd,
            "high": band.max_usd,
        }
        for band in bands
    ]
    if role.quoted_salary_min_usd is not None:
        rows.append(
            {
                "label": "Quoted annual salary range",
                "low": role.quoted_salary_min_usd,
                "high": role.quoted_salary_max_usd,
            }
        )
    return rows


def market_points(markets: Sequence[Market]) -> list[dict[str, Any]]:
    return [
        {
            "label": market.name,
            "x_low": market.cost_of_living_min,
            "x_high": market.cost_of_living_max,
            "y": market.average_base_usd,
        }
        for market in markets
    ]


@dataclass(frozen=True)
class MarketRow:
    market: Market
    adjusted_base: Span  # the average base in San Francisco dollars


def cost_benefit_rows(markets: Sequence[Market]) -> list[MarketRow]:
    return [
        MarketRow(
            market=market,
            adjusted_base=purchasing_power_range(
                low_usd=market.average_base_usd,
                high_usd=market.average_base_usd,
                index_min=market.cost_of_living_min,
                index_max=market.cost_of_living_max,
            ),
        )
        for market in markets
    ]


@dataclass(frozen=True)
class ComparedLevel:
    label: str
    band_a: SalaryBand | None
    band_b: SalaryBand | None


def compare_levels(role_a: Role, role_b: Role) -> list[ComparedLevel]:
    bands_a = {band.level: band for band in role_a.salary_bands.all()}
    bands_b = {band.level: band for band in role_b.salary_bands.all()}
    return [
        ComparedLevel(label=label, band_a=bands_a.get(level), band_b=bands_b.get(level))
        for level, label in SalaryBand.Level.choices
    ]


def compare_aspects(role_a: Role, role_b: Role) -> list[tuple[str, str, str]]:
    return [
        (label, getattr(role_a, field), getattr(role_b, field)) for field, label in Role.ASPECTS
    ]


@dataclass(frozen=True)
class HubStanding:
    postings_rank: int | None
    growth_rank: int | None
    ranked_hubs: int


def hub_standing(hub: Hub, hubs: Sequence[Hub]) -> HubStanding:
    """Where a hub stands among the hubs that have figures (1 = most postings, fastest growth)."""

    def rank(field: str) -> int | None:
        mine = getattr(hub, field)
        if mine is None:
            return None
        return 1 + sum(1 for other in hubs if (getattr(other, field) or 0) > mine)

    ranked = sum(1 for other in hubs if other.active_postings is not None)
    return HubStanding(rank("active_postings"), rank("growth_percent"), ranked)


ARRANGEMENT_FACTS = ("remote-share", "hybrid-share", "onsite-share")
ARRANGEMENT_LABELS = {"remote-share": "Remote", "hybrid-share": "Hybrid", "onsite-share": "On-site"}


def arrangement_rows(facts: dict[str, MarketFact]) -> list[dict[str, Any]]:
    """Bar chart rows of the share of postings per work arrangement (remote, hybrid, on-site)."""
    return [
        {"label": ARRANGEMENT_LABELS[slug], "value": facts[slug].value_min}
        for slug in ARRANGEMENT_FACTS
        if slug in facts
    ]
