"""Offer comparison: totals, cost-of-living adjustment, ranking, and saved comparisons."""

import json

import pytest
from django.urls import reverse

from careers.models import Market, OfferComparison
from careers.offer_comparisons import MAX_SAVED_COMPARISONS

OFFERS = reverse("careers:offer_compare")


def offer_data(*offers):
    """Form data for offers given as (base, equity, bonus, market[, label])."""
    data = {}
    for index, offer in enumerate(offers):
        base, equity, bonus, market, *label = offer
        data.update(
            {
                f"offer-{index}-base_usd": base,
                f"offer-{index}-equity_usd_per_year": equity,
                f"offer-{index}-bonus_usd": bonus,
                f"offer-{index}-market": market,
                f"offer-{index}-label": label[0] if label else "",
            }
        )
    return data


THREE_OFFERS = offer_data(
    ("185000", "40000", "15000", "san-francisco", "Big Co"),
    ("$158,000", "30000", "10000", "austin", "Austin start-up"),
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
    # Austin 271,233 (adjusted), Big Co 240,000, Remote 178,824–233,846 (middle 206,335).
    order = [result.index(name) for name in ("Austin start-up", "Big Co", "Remote")]
    assert order == sorted(order)
    assert '<tr class="best-offer">' in result
    assert result.count('class="best-offer"') == 1
    assert "$198,000" in result  # 158,000 + 30,000 + 10,000
    assert "$271,233" in result  # 198,000 × 100 ÷ 73
    assert "$240,000" in result  # Big Co total, adjusted the same in San Francisco
    assert "$178,824–$233,846" in result  # Remote's 65–85 index gives a range
    assert "16.7%" in result and "below the guide" in result
    assert "15.2%" in result
    assert "Equity often makes up 20–40%" in result


def test_an_offer_without_a_name_gets_a_numbered_one(client, guide):
    data = offer_data(("100000", "0", "0", "austin"), ("90000", "0", "0", "miami"))
    content = client.get(OFFERS, data).content.decode()
    assert "Offer 1" in content and "Offer 2" in content
    assert "$136,986" in content  # 100,000 × 100 ÷ 73


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Enter an amount of 0 or more."),
        ("10000000", "Enter an amount below $10,000,000."),
        ("99999999999999", "Enter an amount below $10,000,000."),
        ("150000.50", "Enter whole dollars, without cents."),
        ("lots", "Enter whole dollars, such as 150000."),
        ("1e6", "Enter whole dollars, such as 150000."),
        ("9" * 5000, "Enter whole dollars, such as 150000."),
        ("", "This field is required."),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(client, guide, value, message):
    data = offer_data((value, "0", "0", "austin"), ("100000", "0", "0", "miami"))
    response = client.get(OFFERS, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "best first" not in content


@pytest.mark.parametrize("field", ["equity_usd_per_year", "bonus_usd"])
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
        (offer_data(("", "", "", ""), ("1", "0", "0", "miami")), "This field is required."),
        ({"offer-2-base_usd": "100000", "offer-2-market": "austin"}, "This field is required."),
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
    assert [(o.label, o.base_usd, o.equity_usd_per_year, o.bonus_usd) for o in offers] == [
        ("Big Co", 185_000, 40_000, 15_000),
        ("Austin start-up", 158_000, 30_000, 10_000),
        ("Remote", 152_000, 0, 0),
    ]
    assert offers[2].market == Market.objects.get(slug="remote")

    reopened = alice_client.get(response["Location"]).content.decode()
    assert "Saved “Spring offers”." in reopened
    assert "$271,233" in reopened  # the saved offers, compared again
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


def test_saved_comparisons_are_in_the_data_download(alice_client, alice, guide):
    alice_client.post(OFFERS, {**THREE_OFFERS, "name": "For the export"})
    data = json.loads(alice_client.get(reverse("accounts:export_data")).content)
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


def test_htmx_gets_only_the_ranked_result(client, guide):
    response = client.get(OFFERS, THREE_OFFERS, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'id="offer-result"' in content
    assert "Your offers, best first" in content
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_htmx_lists_what_needs_fixing_in_the_result(client, guide):
    data = {**THREE_OFFERS, "offer-1-base_usd": "-5"}
    response = client.get(OFFERS, data, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Some of the offers need fixing" in content
    assert "Offer 2" in content
    assert "Your offers, best first" not in content
