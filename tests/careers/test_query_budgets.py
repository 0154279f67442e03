"""Every careers page runs at most ten queries, also with ten times the guide's content."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Market

pytestmark = pytest.mark.usefixtures("guide_for_module")

BUDGET = 10
# Signed in, the home and role pages also show the user's own panels (config.sitewide.registry):
# their assessments, practice cards, target role and latest mock interview. Those pages are
# held to the budget once anybody has seen them since content last changed (the content they
# share is then cached), which is how members meet them: the cold content reads are the
# visitor test's, and the panels' reads do not grow with the user's data
# (tests/assessments/test_home_panels.py, tests/interviews/test_home_panels.py).
PERSONAL_PAGES = (
    reverse("careers:home"),
    reverse("careers:role_detail", args=["machine-learning-engineer"]),
)

OFFER_QUERY = (
    "offer-0-base_usd=185000&offer-0-equity_grant_usd=160000&offer-0-market=san-francisco"
    "&offer-1-base_usd=158000&offer-1-bonus_usd=9000&offer-1-market=austin"
    "&offer-2-base_usd=152000&offer-2-market=remote"
    "&offer-3-base_usd=95000&offer-3-market=toronto"
)
PAGES = [
    reverse("careers:home"),
    reverse("careers:role_list"),
    reverse("careers:role_list") + "?kind=core",
    reverse("careers:role_detail", args=["machine-learning-engineer"]),
    reverse("careers:role_compare"),
    reverse("careers:role_compare") + "?a=machine-learning-engineer&b=ai-research-scientist",
    reverse("careers:hub_list"),
    reverse("careers:hub_detail", args=["austin"]),
    reverse("careers:salary_explorer"),
    reverse("careers:salary_explorer")
    + "?role=prompt-engineer&level=senior&markets=remote&markets=austin&markets=toronto",
    reverse("careers:offer_compare"),
    reverse("careers:offer_compare") + "?" + OFFER_QUERY,
    reverse("careers:guide_negotiation"),
    reverse("careers:guide_work_arrangements"),
    reverse("careers:guide_faq"),
]


@pytest.fixture
def saved_offers(alice, enlarged, offer_factory, offer_comparison_factory):
    markets = list(Market.objects.order_by("pk")[:4])
    for comparison in offer_comparison_factory.create_batch(10, user=alice):
        for market in markets:
            offer_factory(comparison=comparison, market=market)
    return alice.offer_comparisons.first()


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_page_stays_within_budget_on_enlarged_content(
    client, enlarged, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_a_member_page_stays_within_budget_on_enlarged_content(
    alice_client, bob, saved_offers, django_assert_max_num_queries, url
):
    if url in PERSONAL_PAGES:
        # Another member saw the page first: the shared content is cached, alice's own is not.
        other = Client()
        other.force_login(bob)
        assert other.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        response = alice_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("careers:role_list") + "?kind=emerging",
        reverse("careers:salary_explorer")
        + "?role=prompt-engineer&level=mid&markets=remote&markets=austin",
    ],
)
def test_htmx_partials_stay_within_budget(client, enlarged, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200


def test_the_delete_confirmation_stays_within_budget(
    alice_client, saved_offers, django_assert_max_num_queries
):
    with django_assert_max_num_queries(BUDGET):
        response = alice_client.get(reverse("careers:offer_delete", args=[saved_offers.pk]))
    assert response.status_code == 200


def test_saving_a_comparison_stays_within_budget(alice_client, saved_offers):
    data = dict(pair.split("=") for pair in OFFER_QUERY.split("&"))
    with CaptureQueriesContext(connection) as captured:
        response = alice_client.post(reverse("careers:offer_compare"), {**data, "name": "Budget"})
    assert response.status_code == 302
    # Savepoints are the test's own transaction showing through, not work the view does.
    queries = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(queries) <= BUDGET, queries
