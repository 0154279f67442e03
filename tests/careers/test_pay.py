"""careers.pay: purchasing power and offer comparison, in whole dollars."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from careers.pay import (
    OfferTerms,
    Span,
    after_net_income_advantage,
    compare_offers,
    equity_share,
    explore_salaries,
    percentile_of_band,
    purchasing_power,
    purchasing_power_range,
    scale_to_pay_level,
)

GUIDE_EQUITY = (Decimal(20), Decimal(40))


def market(slug="m", low=100, high=None, advantage=None, average=150_000):
    return SimpleNamespace(
        slug=slug,
        name=slug.title(),
        cost_of_living_min=low,
        cost_of_living_max=high if high is not None else low,
        net_income_advantage_min=advantage[0] if advantage else None,
        net_income_advantage_max=advantage[1] if advantage else None,
        average_base_usd=average,
    )


def test_purchasing_power_is_salary_times_100_over_the_index_rounded_to_the_dollar():
    assert purchasing_power(salary_usd=185_000, cost_of_living_index=100) == 185_000
    assert purchasing_power(salary_usd=158_000, cost_of_living_index=73) == 216_438  # 216,438.36
    assert purchasing_power(salary_usd=1, cost_of_living_index=200) == 1  # 0.5 rounds up
    assert isinstance(purchasing_power(salary_usd=95_000, cost_of_living_index=78), int)


def test_purchasing_power_refuses_a_zero_index():
    with pytest.raises(ValueError):
        purchasing_power(salary_usd=100, cost_of_living_index=0)


def test_a_range_index_gives_a_range_low_end_over_high_index():
    span = purchasing_power_range(low_usd=165_000, high_usd=220_000, index_min=65, index_max=85)
    assert span == Span(194_118, 338_462)


def test_explorer_rows_carry_the_guides_figures_and_each_computed_step():
    rows = explore_salaries(
        band_min_usd=165_000,
        band_max_usd=220_000,
        markets=[
            market("san-francisco", average=185_000),
            market("remote", 65, 85, (10, 20), 152_000),
        ],
        baseline_average_usd=185_000,
        remote_percentiles=(Decimal(75), Decimal(90)),
    )
    baseline, remote = rows
    assert baseline.pay_level_percent == Decimal("100.0")
    assert baseline.band_at_pay_level == Span(165_000, 220_000)
    assert baseline.band_purchasing_power == Span(165_000, 220_000)
    assert baseline.band_net_worth == Span(165_000, 220_000)
    assert baseline.net_income_advantage is None
    assert baseline.remote_band is None
    assert remote.net_income_advantage == (10, 20)
    assert remote.cost_of_living == Span(65, 85)
    assert remote.average_base_usd == 152_000
    assert remote.pay_level_percent == Decimal("82.2")  # 152,000 ÷ 185,000
    assert remote.band_at_pay_level == Span(135_568, 180_757)
    assert remote.band_purchasing_power == Span(159_492, 278_088)  # ÷ 85 low, ÷ 65 high
    assert remote.band_net_worth == Span(181_500, 264_000)  # × 110 low, × 120 high
    assert remote.remote_band == Span(206_250, 214_500)


def test_scaling_to_a_pay_level_and_applying_an_advantage_round_to_the_dollar():
    assert (
        scale_to_pay_level(
            amount_usd=280_000, market_average_usd=95_000, baseline_average_usd=185_000
        )
        == 143_784
    )  # 143,783.78
    assert after_net_income_advantage(amount_usd=400_000, advantage_percent=-8) == 368_000
    assert isinstance(after_net_income_advantage(amount_usd=1, advantage_percent=15), int)
    with pytest.raises(ValueError):
        after_net_income_advantage(amount_usd=1, advantage_percent=-100)
    with pytest.raises(ValueError):
        scale_to_pay_level(amount_usd=1, market_average_usd=1, baseline_average_usd=0)


def test_percentile_of_band_reads_the_band_as_evenly_spread():
    assert percentile_of_band(min_usd=100_000, max_usd=200_000, percentile=75) == 175_000
    assert percentile_of_band(min_usd=95_000, max_usd=130_000, percentile=Decimal(90)) == 126_500


def test_it_totals_ranks_and_marks_the_best_offer():
    offers = [
        OfferTerms("City", 185_000, 40_000, 15_000, market("san-francisco", 100)),
        OfferTerms("Austin", 158_000, 30_000, 10_000, market("austin", 73)),
        OfferTerms("Toronto", 95_000, 0, 0, market("toronto", 78)),
    ]
    outcomes = compare_offers(offers=offers, equity_range=GUIDE_EQUITY)
    assert [o.terms.label for o in outcomes] == ["Austin", "City", "Toronto"]
    austin, city, toronto = outcomes
    assert austin.total_usd == 198_000
    assert austin.adjusted_total == Span(271_233, 271_233)
    assert (austin.rank, austin.is_best) == (1, True)
    assert (city.rank, city.is_best, city.total_usd) == (2, False, 240_000)
    assert city.equity_share_percent == Decimal("16.7")
    assert city.equity_position == "below"
    assert toronto.equity_share_percent == Decimal("0.0")


def test_equal_offers_share_the_top_rank():
    same = OfferTerms("A", 100_000, 50_000, 0, market(low=100))
    outcomes = compare_offers(offers=[same, same], equity_range=GUIDE_EQUITY)
    assert [(o.rank, o.is_best) for o in outcomes] == [(1, True), (1, True)]
    assert outcomes[0].equity_share_percent == Decimal("33.3")
    assert outcomes[0].equity_position == "within"


def test_a_remote_offer_is_ranked_on_the_middle_of_its_range():
    remote = OfferTerms("Remote", 152_000, 0, 0, market("remote", 65, 85))
    fixed = OfferTerms("Fixed", 152_000, 0, 0, market("fixed", 74))
    outcomes = compare_offers(offers=[fixed, remote], equity_range=GUIDE_EQUITY)
    by_label = {o.terms.label: o for o in outcomes}
    assert by_label["Remote"].adjusted_total == Span(178_824, 233_846)
    assert by_label["Remote"].rank == 1  # midpoint 206,335 beats 152,000 × 100 ÷ 74 = 205,405


def test_equity_share_of_nothing_is_none_and_positions_are_blank():
    assert equity_share(equity_usd=0, total_usd=0) is None
    outcome = compare_offers(
        offers=[OfferTerms("Zero", 0, 0, 0, market()), OfferTerms("Also", 0, 0, 0, market())],
        equity_range=GUIDE_EQUITY,
    )[0]
    assert outcome.equity_share_percent is None and outcome.equity_position == ""
    assert equity_share(equity_usd=90, total_usd=100) == Decimal("90.0")


def test_without_the_guides_equity_range_no_position_is_claimed():
    outcome = compare_offers(
        offers=[OfferTerms("A", 100, 100, 0, market()), OfferTerms("B", 1, 0, 0, market())],
        equity_range=None,
    )[0]
    assert outcome.equity_share_percent == Decimal("50.0")
    assert outcome.equity_position == ""
