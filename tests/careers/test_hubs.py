"""Hub pages: postings and growth charts, the cost-benefit table and one hub."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("guide_for_module")

HUBS = reverse("careers:hub_list")


def test_it_charts_postings_and_growth_for_every_us_hub(client, guide):
    content = client.get(HUBS).content.decode()
    assert 'id="chart-ai-job-postings-by-hub"' in content
    assert 'id="chart-growth-in-ai-job-postings-over-two-years"' in content
    for figure in ("8,400", "12,200", "15,800", "3,200", "9,100", "4,800", "6,200"):
        assert figure in content
    for growth in ("340%", "180%", "220%", "420%", "160%", "280%", "310%"):
        assert growth in content


def test_it_shows_the_cost_benefit_table_as_the_guide_states_it(client, guide):
    content = client.get(HUBS).content.decode()
    table = content.split("Salary against cost of living by market")[1]
    for expected in (
        "$185,000",
        '100 <span class="muted">(baseline)</span>',
        "Baseline",
        "$158,000",
        "+15%",
        "$152,000",
        "65–85",
        "+10 to +20%",
        "$95,000",
        "−8%",
        "No state tax, tech ecosystem",
    ):
        assert expected in table, expected
    # Computed: average base in San Francisco dollars, a range for Remote.
    assert "$216,438" in table
    assert "$178,824–$233,846" in table


def test_it_plots_salary_against_cost_of_living(client, guide):
    content = client.get(HUBS).content.decode()
    assert 'id="chart-average-ai-salary-against-cost-of-living"' in content
    svg = content.split('id="chart-average-ai-salary-against-cost-of-living"')[1].split("</svg>")[0]
    assert svg.count("<circle") == 6 + 2  # six points, and Remote's segment ends
    assert "Remote (national average)" in svg


def test_it_names_the_international_markets_with_their_notes(client, guide):
    content = client.get(HUBS).content.decode()
    assert "Singapore" in content and "Asian base for AI companies" in content
    assert "Access to European markets" in content


def test_a_hub_page_shows_its_figures_rank_and_market(client, guide):
    content = client.get(reverse("careers:hub_detail", args=["austin"])).content.decode()
    assert "AI jobs in Austin" in content
    assert "8,400" in content and "340%" in content
    assert "Number 2 by growth" in content  # after Miami's 420%
    assert "$158,000" in content and "+15%" in content
    assert "TechCrunch" in content


def test_a_hub_without_figures_says_so(client, guide):
    content = client.get(reverse("careers:hub_detail", args=["london"])).content.decode()
    assert "no posting count" in content
    assert "European markets" in content


@pytest.mark.parametrize("slug", ["atlantis", "AUSTIN", "san-francisco"])
def test_an_unknown_hub_is_a_404_in_the_site_layout(client, guide, slug):
    response = client.get(reverse("careers:hub_detail", args=[slug]))
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


def market_table(content):
    """The cost-benefit table's header and each market's data cells, by market name."""
    table = content.split('<table class="table-cards">')[-1].split("</table>")[0]
    header = table.split("<tbody>")[0].split("</caption>")[1]
    rows = {}
    for row in table.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]:
        heading, cells = row.split("</tr>")[0].split("</th>", 1)
        rows[re.sub(r"<[^>]+>", "", heading.split('scope="row">')[1])] = cells
    return header, rows


@pytest.mark.parametrize("slug", ["austin", "toronto"])
def test_the_hub_page_shows_its_market_exactly_as_the_full_table_does(client, guide, slug):
    """One table template: a hub's own row reads the same, column for column, as on the
    list (it drifted when each page had its copy: no "(baseline)", another heading)."""
    listed_header, listed = market_table(client.get(HUBS).content.decode())
    response = client.get(reverse("careers:hub_detail", args=[slug]))
    header, rows = market_table(response.content.decode())
    assert header == listed_header
    assert rows
    for name, cells in rows.items():
        assert cells == listed[name], name
