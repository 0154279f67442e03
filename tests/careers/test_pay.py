"""careers.pay, and the explorer and offers built on it: purchasing power, the explorer's
steps and offer comparison, in whole dollars."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from careers.explorer import explore_salaries
from careers.offers import (
    OfferTerms,
    OtherCity,
    compare_offers,
    equity_share,
    offer_years,
    vesting_by_year,
)
from careers.pay import (
    Span,
    after_net_income_advantage,
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


def offer(label, base, equity_grant=0, bonus=0, where=None, **terms):
    return OfferTerms(
        label=label,
        base_usd=base,
        equity_grant_usd=equity_grant,
        bonus_usd=bonus,
        market=where or market(),
        **terms,
    )


def test_it_totals_four_years_ranks_and_marks_the_best_offer():
    offers = [
        offer("City", 185_000, 160_000, 15_000, market("san-francisco", 100)),
        offer("Austin", 158_000, 120_000, 10_000, market("austin", 73)),
        offer("Toronto", 95_000, where=market("toronto", 78)),
    ]
    outcomes = compare_offers(offers=offers, equity_range=GUIDE_EQUITY)
    assert [o.terms.label for o in outcomes] == ["Austin", "City", "Toronto"]
    austin, city, toronto = outcomes
    assert [year.total_usd for year in austin.years] == [198_000] * 4
    assert austin.total_usd == 792_000
    assert austin.adjusted_total == Span(1_084_932, 1_084_932)
    assert (austin.rank, austin.is_best) == (1, True)
    assert (city.rank, city.is_best, city.total_usd) == (2, False, 960_000)
    assert city.equity_share_percent == Decimal("16.7")
    assert city.equity_position == "below"
    assert toronto.equity_share_percent == Decimal("0.0")


def test_the_default_vesting_is_four_years_with_a_one_year_cliff():
    assert vesting_by_year() == (Decimal(25),) * 4
    # A cliff that is not a year end holds year 1 back and pays it out in year 2.
    assert vesting_by_year(years=4, cliff_months=18) == (0, 50, 25, 25)
    assert vesting_by_year(years=2, cliff_months=0) == (50, 50, 0, 0)
    assert sum(vesting_by_year(years=5, cliff_months=12)) == 80  # a fifth year is beyond view
    with pytest.raises(ValueError):
        vesting_by_year(years=0)


def test_sign_on_is_paid_in_year_one_and_refreshers_vest_from_the_year_granted():
    years = offer_years(
        offer("A", 100_000, equity_grant=400_000, sign_on_usd=30_000, refresher_usd=40_000)
    )
    assert [year.sign_on_usd for year in years] == [30_000, 0, 0, 0]
    # 25% of the grant each year, plus 25% of each refresher granted from year 2 on.
    assert [year.equity_usd for year in years] == [100_000, 110_000, 120_000, 130_000]
    assert years[0].total_usd == 230_000


def test_custom_vesting_and_a_private_discount_change_what_equity_counts_for():
    terms = offer(
        "Private",
        100_000,
        equity_grant=400_000,
        vesting_percent=(Decimal(5), Decimal(15), Decimal(40), Decimal(40)),
        equity_liquid=False,
        private_discount_percent=50,
    )
    assert [year.equity_usd for year in offer_years(terms)] == [10_000, 30_000, 80_000, 80_000]
    liquid = offer("Liquid", 100_000, equity_grant=400_000, private_discount_percent=50)
    assert offer_years(liquid)[0].equity_usd == 100_000  # a discount applies to private only


def test_another_city_uses_the_index_the_user_gave():
    city = OtherCity(name="Raleigh", cost_of_living_index=80, pay_level_percent=75)
    outcome = compare_offers(
        offers=[offer("R", 100_000, where=city), offer("S", 100_000)], equity_range=None
    )[0]
    assert outcome.terms.label == "R"
    assert outcome.adjusted_total == Span(500_000, 500_000)  # 400,000 × 100 ÷ 80


def test_equal_offers_share_the_top_rank():
    same = offer("A", 100_000, 200_000, where=market(low=100))
    outcomes = compare_offers(offers=[same, same], equity_range=GUIDE_EQUITY)
    assert [(o.rank, o.is_best) for o in outcomes] == [(1, True), (1, True)]
    assert outcomes[0].equity_share_percent == Decimal("33.3")
    assert outcomes[0].equity_position == "within"


def test_a_remote_offer_is_ranked_on_the_middle_of_its_range():
    remote = offer("Remote", 152_000, where=market("remote", 65, 85))
    fixed = offer("Fixed", 152_000, where=market("fixed", 74))
    outcomes = compare_offers(offers=[fixed, remote], equity_range=GUIDE_EQUITY)
    by_label = {o.terms.label: o for o in outcomes}
    assert by_label["Remote"].adjusted_total == Span(715_294, 935_385)
    assert by_label["Remote"].rank == 1  # midpoint 825,340 beats 608,000 × 100 ÷ 74 = 821,622


def test_equity_share_of_nothing_is_none_and_positions_are_blank():
    assert equity_share(equity_usd=0, total_usd=0) is None
    outcome = compare_offers(
        offers=[offer("Zero", 0), offer("Also", 0)], equity_range=GUIDE_EQUITY
    )[0]
    assert outcome.equity_share_percent is None and outcome.equity_position == ""
    assert equity_share(equity_usd=90, total_usd=100) == Decimal("90.0")


def test_without_the_guides_equity_range_no_position_is_claimed():
    outcome = compare_offers(
        offers=[offer("A", 100, equity_grant=400), offer("B", 1)], equity_range=None
    )[0]
    assert outcome.equity_share_percent == Decimal("50.0")
    assert outcome.equity_position == ""
