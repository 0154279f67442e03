"""Offer comparison: totals, cost-of-living adjustment, ranking, and saved comparisons."""

import pytest
from django.urls import reverse

from careers.models import Market, OfferComparison
from careers.offer_comparisons import MAX_SAVED_COMPARISONS

pytestmark = pytest.mark.usefixtures("guide_for_module")

OFFERS = reverse("careers:offer_compare")


def offer_data(*offers):
    """Form data for offers given as (base, equity grant, bonus, market[, label])."""
    data = {}
    for index, offer in enumerate(offers):
        base, equity, bonus, market, *label = offer
        data.update(
            {
                f"offer-{index}-base_usd": base,
                f"offer-{index}-equity_grant_usd": equity,
                f"offer-{index}-bonus_usd": bonus,
                f"offer-{index}-market": market,
                f"offer-{index}-label": label[0] if label else "",
            }
        )
    return data


THREE_OFFERS = offer_data(
    ("185000", "160000", "15000", "san-francisco", "Big Co"),
    ("$158,000", "120000", "10000", "austin", "Austin start-up"),
    ("152000", "", "", "remote", "Remote"),
)


def delete_url(comparison) -> str:
    return reverse("careers:offer_delete", args=[comparison.pk])


def test_it_shows_four_offer_slots_before_any_input(client, guide):
    content = client.get(OFFERS).content.decode()
    assert content.count("<fieldset") == 4
    assert 'Offer 3 <span class="muted">(optional)</span>' in content
    assert "best first" not in content


def test_it_ranks_offers_by_cost_of_living_adjusted_total_and_highlights_the_best(client, guide):
    content = client.get(OFFERS, THREE_OFFERS).content.decode()
    result = content.split("Your offers, best first")[1]
    # Four years: Austin 1,084,932 adjusted, Big Co 960,000, Remote 715,294–935,385.
    order = [result.index(name) for name in ("Austin start-up", "Big Co", "Remote")]
    assert order == sorted(order)
    assert '<tr class="best-offer">' in result
    assert result.count('class="best-offer"') == 1
    assert "$198,000" in result  # a year: 158,000 + 10,000 + 120,000 × 25%
    assert "$792,000" in result  # four years of it, before tax
    assert "$1,084,932" in result  # 792,000 × 100 ÷ 73
    assert "$960,000" in result  # Big Co, adjusted the same in San Francisco
    assert "$715,294–$935,385" in result  # Remote's 65–85 index gives a range
    assert "16.7%" in result and "outside the range the guide mentions" in result
    assert "information, not a fault" in result
    assert "15.2%" in result
    assert "Equity often makes up 20–40%" in result
    assert "before tax" in result


def test_an_offer_without_a_name_gets_a_numbered_one(client, guide):
    data = offer_data(("100000", "0", "0", "austin"), ("90000", "0", "0", "miami"))
    content = client.get(OFFERS, data).content.decode()
    assert "Offer 1" in content and "Offer 2" in content
    assert "$547,945" in content  # four years of 100,000, × 100 ÷ 73


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Enter an amount of 0 or more."),
        ("10000000", "Enter an amount below $10,000,000."),
        ("$10m", "Enter an amount below $10,000,000."),
        ("999999999", "Enter an amount below $10,000,000."),
        ("99999999999999", "Enter an amount such as 190000, 190,000 or $190k."),
        ("150000.50", "Enter whole dollars, without cents."),
        ("190.0005k", "Enter whole dollars, without cents."),
        ("lots", "Enter an amount such as 190000, 190,000 or $190k."),
        ("1e6", "Enter an amount such as 190000, 190,000 or $190k."),
        ("9" * 5000, "Enter an amount such as 190000, 190,000 or $190k."),
        ("", "Enter the base salary, such as 190000 or $190k."),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(client, guide, value, message):
    data = offer_data((value, "0", "0", "austin"), ("100000", "0", "0", "miami"))
    response = client.get(OFFERS, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "best first" not in content


@pytest.mark.parametrize("field", ["equity_grant_usd", "bonus_usd", "sign_on_usd", "refresher_usd"])
def test_equity_and_bonus_are_checked_too(client, guide, field):
    data = offer_data(("100000", "0", "0", "austin"), ("100000", "0", "0", "miami"))
    data[f"offer-0-{field}"] = "-5"
    assert "Enter an amount of 0 or more." in client.get(OFFERS, data).content.decode()


@pytest.mark.parametrize("count", ["1", "1000", "abc", ""])
def test_a_tampered_form_count_changes_nothing(client, guide, count):
    data = {**THREE_OFFERS, "offer-TOTAL_FORMS": count, "offer-INITIAL_FORMS": count}
    content = client.get(OFFERS, data).content.decode()
    assert "best first" in content
    assert content.count("<fieldset") == 4


def test_whole_dollars_with_zero_cents_are_accepted(client, guide):
    data = offer_data(("100000.00", "0", "0", "austin"), ("100,000", "0", "0", "miami"))
    assert "best first" in client.get(OFFERS, data).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (offer_data(("100000", "0", "0", "mars"), ("1", "0", "0", "miami")), "no market by that"),
        (offer_data(("100000", "0", "0", ""), ("1", "0", "0", "miami")), "Choose the market"),
        (offer_data(("100000", "0", "0", "austin")), "Fill in at least two offers"),
        (offer_data(("", "", "", ""), ("1", "0", "0", "miami")), "Enter the base salary"),
        ({"offer-2-base_usd": "100000", "offer-2-market": "austin"}, "Enter the base salary"),
    ],
)
def test_bad_offer_sets_show_the_form_with_a_message(client, guide, data, message):
    response = client.get(OFFERS, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "best first" not in content


def test_visitors_are_invited_to_log_in_to_save(client, guide):
    content = client.get(OFFERS, THREE_OFFERS).content.decode()
    assert "to save this comparison" in content
    assert 'method="post"' not in content.split("<main")[1]


def test_a_visitor_cannot_save_and_is_sent_to_log_in(client, guide):
    response = client.post(OFFERS, {**THREE_OFFERS, "name": "Mine"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not OfferComparison.objects.exists()


def test_alice_saves_a_comparison_and_finds_it_listed(alice_client, alice, guide):
    page = alice_client.get(OFFERS, THREE_OFFERS).content.decode()
    assert 'name="offer-1-base_usd" value="$158,000"' in page  # re-sent by the save form

    response = alice_client.post(OFFERS, {**THREE_OFFERS, "name": "Spring offers"})
    assert response.status_code == 302
    comparison = OfferComparison.objects.for_user(alice).get()
    assert comparison.name == "Spring offers"
    offers = list(comparison.offers.order_by("position"))
    assert [(o.label, o.base_usd, o.equity_grant_usd, o.bonus_usd) for o in offers] == [
        ("Big Co", 185_000, 160_000, 15_000),
        ("Austin start-up", 158_000, 120_000, 10_000),
        ("Remote", 152_000, 0, 0),
    ]
    assert offers[2].market == Market.objects.get(slug="remote")

    reopened = alice_client.get(response["Location"]).content.decode()
    assert "Saved “Spring offers”." in reopened
    assert "$1,084,932" in reopened  # the saved offers, compared again
    assert "Spring offers" in reopened.split("Your saved comparisons")[1]


def test_saving_needs_a_name_and_valid_offers(alice_client, alice, guide):
    content = alice_client.post(OFFERS, {**THREE_OFFERS, "name": ""}).content.decode()
    assert "Give the comparison a name to save it." in content
    bad = offer_data(("-1", "0", "0", "austin"), ("1", "0", "0", "miami"))
    alice_client.post(OFFERS, {**bad, "name": "Broken"})
    assert not OfferComparison.objects.exists()


def test_alice_cannot_keep_more_than_the_limit(
    alice_client, alice, guide, offer_comparison_factory
):
    offer_comparison_factory.create_batch(MAX_SAVED_COMPARISONS, user=alice)
    response = alice_client.post(OFFERS, {**THREE_OFFERS, "name": "One too many"}, follow=True)
    assert f"You can keep {MAX_SAVED_COMPARISONS} comparisons" in response.content.decode()
    assert OfferComparison.objects.for_user(alice).count() == MAX_SAVED_COMPARISONS


def test_the_saved_list_shows_only_your_own(client, alice, bob, guide, offer_factory):
    offer_factory(comparison__user=alice, comparison__name="Alice's offers")
    offer_factory(comparison__user=bob, comparison__name="Bob's offers")
    client.get(OFFERS)  # a visitor's cached copy must not be served to a member
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    content = client.get(OFFERS).content.decode()
    assert "Bob&#x27;s offers" in content
    assert "Alice&#x27;s offers" not in content


def test_deleting_asks_for_confirmation_then_deletes(alice_client, alice, guide, offer_factory):
    comparison = offer_factory(comparison__user=alice, comparison__name="Old").comparison
    page = alice_client.get(delete_url(comparison))
    assert page.status_code == 200
    assert "Delete “Old”?" in page.content.decode()
    assert OfferComparison.objects.filter(pk=comparison.pk).exists()

    response = alice_client.post(delete_url(comparison))
    assert response.status_code == 302
    assert not OfferComparison.objects.filter(pk=comparison.pk).exists()


def test_another_users_comparison_is_a_404(client, alice, bob, guide, offer_factory):
    comparison = offer_factory(comparison__user=alice).comparison
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(delete_url(comparison)).status_code == 404
    assert client.post(delete_url(comparison)).status_code == 404
    assert OfferComparison.objects.filter(pk=comparison.pk).exists()


def test_deleting_needs_an_account(client, alice, guide, offer_factory):
    comparison = offer_factory(comparison__user=alice).comparison
    response = client.post(delete_url(comparison))
    assert response.status_code == 302
    assert OfferComparison.objects.filter(pk=comparison.pk).exists()


def test_an_unknown_comparison_id_is_a_404(alice_client, guide):
    assert alice_client.get("/salaries/offers/999999/delete/").status_code == 404
    assert alice_client.get("/salaries/offers/abc/delete/").status_code == 404


def test_saved_comparisons_are_in_the_data_download(alice_client, alice, guide, download_my_data):
    alice_client.post(OFFERS, {**THREE_OFFERS, "name": "For the export"})
    data = download_my_data(alice_client)
    saved = data["offer_comparisons"]
    assert saved[0]["name"] == "For the export"
    assert saved[0]["offers"][1]["market"] == "austin"


def test_a_too_long_name_is_refused(alice_client, guide):
    content = alice_client.post(OFFERS, {**THREE_OFFERS, "name": "x" * 121}).content.decode()
    assert "at most 120 characters" in content
    assert not OfferComparison.objects.exists()


def test_other_methods_are_not_allowed(alice_client, guide):
    assert alice_client.put(OFFERS).status_code == 405
    assert alice_client.delete(OFFERS).status_code == 405


def test_htmx_gets_the_form_and_result_once_without_nesting(client, guide):
    response = client.get(OFFERS, THREE_OFFERS, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    # The partial replaces #offers whole (outerHTML): one of each id, never one inside itself.
    assert content.count('id="offers"') == 1 and content.count('id="offer-result"') == 1
    assert content.lstrip().startswith('<div id="offers">')
    assert "Your offers, best first" in content
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]
    page = client.get(OFFERS).content.decode()
    assert 'hx-target="#offers"' in page and 'hx-swap="outerHTML"' in page
    assert 'hx-trigger="submit"' in page  # nothing is checked before the user submits


def test_errors_show_on_submit_beside_their_field_and_in_a_linked_summary(client, guide):
    data = {**THREE_OFFERS, "offer-1-base_usd": "-5"}
    response = client.get(OFFERS, data, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Some of the offers need fixing" in content
    assert '<a href="#id_offer-1-base_usd">Offer 2, base salary ($ a year)</a>' in content
    beside = content.split('id="id_offer-1-base_usd_errors"')[1].split("</ul>")[0]
    assert "Enter an amount of 0 or more." in beside
    assert content.count("errorlist") == 1  # only the field that is wrong
    assert "Your offers, best first" not in content


def test_an_untouched_form_shows_no_errors(client, guide):
    content = client.get(OFFERS).content.decode()
    assert "errorlist" not in content and "need fixing" not in content


@pytest.mark.parametrize("typed", ["$190k", "190,000", "190000", "190K", "$190,000.00", "0.19m"])
def test_amounts_are_read_the_way_people_type_them(client, guide, typed):
    data = offer_data((typed, "", "", "san-francisco", "Typed"), ("100000", "", "", "austin"))
    content = client.get(OFFERS, data).content.decode()
    assert "$760,000" in content  # four years of 190,000 in San Francisco


def test_sign_on_clawback_equity_vesting_and_refreshers_show_year_by_year(client, guide):
    data = offer_data(
        ("200000", "400000", "20000", "san-francisco", "Full"), ("1", "", "", "miami")
    )
    data.update(
        {
            "offer-0-sign_on_usd": "$50k",
            "offer-0-clawback_months": "12",
            "offer-0-refresher_usd": "40000",
        }
    )
    content = client.get(OFFERS, data).content.decode()
    years = content.split("Full, what is paid and what vests each year")[1].split("</table>")[0]
    # Year 1: 200,000 + 20,000 + 50,000 sign-on + 100,000 vested; then refreshers add 10,000 a year.
    assert "$370,000" in years and "$330,000" in years and "$340,000" in years
    assert "$350,000" in years
    assert "$1,390,000" in content  # the four years together
    assert "must be repaid if you leave within 12 months" in content
    assert "25%, 25%, 25%, 25% of each grant" in content


def test_custom_vesting_and_private_equity_with_the_users_discount(client, guide):
    data = offer_data(("100000", "400000", "", "austin", "Start-up"), ("1", "", "", "miami"))
    data.update(
        {
            "offer-0-custom_vesting": "5, 15, 40, 40",
            "offer-0-equity_liquid": "private",
            "offer-0-private_discount_percent": "50",
        }
    )
    content = client.get(OFFERS, data).content.decode()
    years = content.split("Start-up, what is paid and what vests each year")[1].split("</table>")[0]
    assert "$110,000" in years and "$180,000" in years  # 100,000 + 5% or 40% of 400,000, halved
    assert "5%, 15%, 40%, 40% of each grant" in content
    assert "count it at 50% less" in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("custom_vesting", "50, 60", "add up to more than 100"),
        ("custom_vesting", "10, 10, 10, 10, 10", "one to 4 yearly percentages"),
        ("custom_vesting", "lots", "Enter percentages such as 5, 15, 40, 40."),
        ("private_discount_percent", "150", "Enter a whole number from 0 to 100."),
        ("clawback_months", "-1", "Enter a whole number from 0 to 60."),
        ("equity_liquid", "maybe", "Choose liquid or private equity."),
    ],
)
def test_a_bad_term_is_refused_beside_its_field(client, guide, field, value, message):
    data = offer_data(("100000", "", "", "austin"), ("1", "", "", "miami"))
    data[f"offer-0-{field}"] = value
    response = client.get(OFFERS, data)
    assert response.status_code == 200
    beside = response.content.decode().split(f'id="id_offer-0-{field}_errors"')[1].split("</ul>")[0]
    assert message in beside


def test_another_city_takes_the_users_index_and_pay_level(client, guide):
    data = offer_data(("100000", "", "", "other", "Raleigh job"), ("100000", "", "", "austin"))
    data.update(
        {
            "offer-0-other_city": "Raleigh",
            "offer-0-other_cost_of_living_index": "80",
            "offer-0-other_pay_level_percent": "75",
        }
    )
    result = client.get(OFFERS, data).content.decode().split("Your offers, best first")[1]
    row = result.split("Raleigh job")[1].split("</tr>")[0]
    assert "Raleigh" in row and "$500,000" in row  # 400,000 × 100 ÷ 80
    assert '<span class="source-yours">80</span>' in row
    assert '<span class="source-yours">75%</span>' in row
    austin = result.split("Austin</td>")[1].split("</tr>")[0]
    assert '<span class="source-computed">85.4%</span>' in austin  # 158,000 ÷ 185,000


def test_another_city_needs_its_index_and_says_where_to_find_one(client, guide):
    data = offer_data(("100000", "", "", "other"), ("100000", "", "", "austin"))
    content = client.get(OFFERS, data).content.decode()
    beside = content.split('id="id_offer-0-other_cost_of_living_index_errors"')[1]
    assert "Enter the city&#x27;s cost-of-living index, with San Francisco as 100." in beside
    assert "C2ER Cost of Living Index (coli.org)" in content
    assert "bls.gov/oes" in content


def test_the_market_list_is_the_guides_seven_and_another_city(client, guide):
    form = client.get(OFFERS).content.decode().split('name="offer-0-market"')[1]
    options = form.split("</select>")[0]
    for name in ("San Francisco", "Austin", "Seattle", "Denver", "Miami", "Remote", "Toronto"):
        assert name in options
    assert '<option value="other">Another city (enter its figures)</option>' in options


def test_no_equity_is_information_not_a_fault(client, guide):
    data = offer_data(("150000", "", "20000", "san-francisco", "Bank"), ("1", "", "", "miami"))
    content = client.get(OFFERS, data).content.decode()
    assert "Equity is 0.0% of the four-year total: outside the range the guide mentions" in content
    assert "information, not a fault" in content
    assert "shortfall" not in content.lower()


def test_a_saved_comparison_reopens_with_every_term(alice_client, alice, guide):
    data = offer_data(("100000", "400000", "", "other", "Raleigh job"), ("1", "", "", "miami"))
    data.update(
        {
            "offer-0-other_city": "Raleigh",
            "offer-0-other_cost_of_living_index": "80",
            "offer-0-custom_vesting": "5, 15, 40, 40",
            "offer-0-sign_on_usd": "10000",
            "offer-0-clawback_months": "6",
            "name": "Every term",
        }
    )
    response = alice_client.post(OFFERS, data)
    assert response.status_code == 302
    saved = OfferComparison.objects.for_user(alice).get().offers.order_by("position").first()
    assert (saved.market, saved.other_city, saved.other_cost_of_living_index) == (
        None,
        "Raleigh",
        80,
    )
    assert (saved.custom_vesting, saved.sign_on_usd, saved.clawback_months) == (
        "5, 15, 40, 40",
        10_000,
        6,
    )
    reopened = alice_client.get(response["Location"]).content.decode()
    assert "must be repaid if you leave within 6 months" in reopened
    assert "5%, 15%, 40%, 40% of each grant" in reopened


def test_one_default_vesting_schedule_for_the_form_the_saved_offer_and_the_sums(
    alice_client, alice, guide
):
    """An offer that leaves vesting blank gets the one default: shown in the form, saved on
    the offer, and used for the yearly equity (careers.pay's constants)."""
    from careers.models import Offer
    from careers.offers import DEFAULT_CLIFF_MONTHS, DEFAULT_VESTING_YEARS, vesting_by_year

    form = alice_client.get(OFFERS).content.decode()
    assert f'name="offer-0-vesting_years" value="{DEFAULT_VESTING_YEARS}"' in form
    assert f'name="offer-0-cliff_months" value="{DEFAULT_CLIFF_MONTHS}"' in form
    data = offer_data(("100000", "400000", "", "austin", "Blank vesting"), ("1", "", "", "miami"))
    response = alice_client.post(OFFERS, {**data, "name": "Defaults"})
    assert response.status_code == 302
    saved = OfferComparison.objects.for_user(alice).get().offers.order_by("position").first()
    unsaved = Offer()
    assert (saved.vesting_years, saved.cliff_months) == (
        unsaved.vesting_years,
        unsaved.cliff_months,
    )
    assert (saved.vesting_years, saved.cliff_months) == (
        DEFAULT_VESTING_YEARS,
        DEFAULT_CLIFF_MONTHS,
    )
    shares = ", ".join(f"{percent:g}%" for percent in vesting_by_year())
    assert f"{shares} of each grant" in alice_client.get(response["Location"]).content.decode()


def test_the_offer_page_names_as_many_years_as_the_comparison_covers(client, guide):
    from careers.offers import OFFER_YEARS

    content = client.get(OFFERS, THREE_OFFERS).content.decode()
    ranked = content.split("<thead>")[1].split("</thead>")[0]
    assert [f"Year {year}" in ranked for year in range(1, OFFER_YEARS + 2)] == [True] * (
        OFFER_YEARS
    ) + [False]
    assert f"{OFFER_YEARS}-year total, before tax" in ranked
    assert f"years 1 to {OFFER_YEARS} together" in content


def test_the_offer_page_states_how_many_offers_it_takes_as_the_formset_does(client, guide):
    from django.contrib.humanize.templatetags.humanize import apnumber

    from careers.offer_forms import MIN_OFFERS, OFFER_SLOTS, OfferFormSet

    assert (OfferFormSet.min_num, OfferFormSet.max_num) == (MIN_OFFERS, OFFER_SLOTS)
    content = client.get(OFFERS).content.decode()
    assert f"Enter {apnumber(MIN_OFFERS)} to {apnumber(OFFER_SLOTS)} offers" in content
    assert content.count("<fieldset") == OFFER_SLOTS
