"""The salary explorer: a band against markets, guide figures and computed purchasing power."""

import pytest
from django.urls import reverse

EXPLORER = reverse("careers:salary_explorer")


def explore(client, *, role="machine-learning-engineer", level="mid", markets=(), headers=None):
    query = {"role": role, "level": level, "markets": list(markets)}
    return client.get(EXPLORER, query, headers=headers or {})


def test_first_visit_shows_a_role_at_mid_level_in_every_market(client, guide):
    content = client.get(EXPLORER).content.decode()
    assert "Machine Learning Engineer, mid-level (3–5 years)" in content
    assert "$165,000–$220,000" in content
    for market in ("San Francisco", "Austin", "Seattle", "Denver", "Miami", "Toronto"):
        assert market in content
    assert 'method="get"' in content


def test_it_shows_guide_figures_and_computed_purchasing_power(client, guide):
    response = explore(client, markets=["san-francisco", "austin", "remote"])
    content = response.content.decode()
    result = content.split('id="explorer-result"')[1]
    assert "$165,000–$220,000" in result  # the band, in San Francisco
    assert "$158,000" in result and "73" in result and "+15%" in result
    assert "$226,027–$301,370" in result  # 165,000 × 100 ÷ 73 to 220,000 × 100 ÷ 73
    assert "65–85" in result and "+10 to +20%" in result
    assert "$194,118–$338,462" in result  # remote: ÷ 85 for the low end, ÷ 65 for the high
    assert "Seattle" not in result.split("</table>")[0]
    assert "salary × 100 ÷ cost-of-living index" in result
    assert 'class="source-guide"' in result and 'class="source-computed"' in result
    # The guide's 75th–90th percentile for remote roles, applied to the band.
    assert "75–90th percentile" in result and "$206,250–$214,500" in result


def test_senior_bands_are_labelled_total_compensation(client, guide):
    content = explore(
        client, role="ai-research-scientist", level="senior", markets=["seattle", "miami"]
    ).content.decode()
    assert "$300,000–$500,000" in content
    assert "total compensation a year" in content


def test_the_explorer_url_is_shareable(client, guide):
    url = f"{EXPLORER}?role=prompt-engineer&level=entry&markets=denver&markets=toronto"
    content = client.get(url).content.decode()
    assert "$95,000–$130,000" in content
    assert '<option value="prompt-engineer" selected>' in content
    assert 'value="denver"' in content and 'value="toronto"' in content


def test_htmx_gets_the_result_partial_only(client, guide):
    response = explore(client, markets=["austin", "denver"], headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content and "<form" not in content
    assert "$165,000–$220,000" in content
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"role": "", "level": "mid", "markets": ["austin", "denver"]}, "Choose a role."),
        (
            {"role": "no-such-role", "level": "mid", "markets": ["austin", "denver"]},
            "no salary band",
        ),
        (
            {"role": "nlp-engineer", "level": "mid", "markets": ["austin", "denver"]},
            "no salary band",
        ),
        (
            {"role": "prompt-engineer", "level": "", "markets": ["austin", "denver"]},
            "Choose an experience level.",
        ),
        (
            {"role": "prompt-engineer", "level": "expert", "markets": ["austin", "denver"]},
            "Choose entry, mid-level or senior.",
        ),
        ({"role": "prompt-engineer", "level": "mid"}, "Pick at least two markets"),
        (
            {"role": "prompt-engineer", "level": "mid", "markets": ["austin"]},
            "Pick at least two markets",
        ),
        (
            {"role": "prompt-engineer", "level": "mid", "markets": ["austin", "mars"]},
            "We have no market called mars",
        ),
        (
            {"role": "prompt-engineer", "level": "mid", "markets": ["austin", "austin"]},
            "Pick each market only once.",
        ),
    ],
)
def test_bad_choices_show_the_form_with_a_clear_message(client, guide, params, message):
    response = client.get(EXPLORER, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'role="alert"' in content
    assert (
        "Band&#x27;s purchasing power" not in content and "Band's purchasing power" not in content
    )


def test_a_repeated_role_is_refused(client, guide):
    url = (
        f"{EXPLORER}?role=prompt-engineer&role=ai-product-manager"
        "&level=mid&markets=austin&markets=miami"
    )
    content = client.get(url).content.decode()
    assert "Choose only one." in content


def test_a_level_missing_from_a_roles_bands_is_explained(
    client, guide, role_factory, salary_band_factory
):
    role = role_factory(slug="entry-only", name="Entry only")
    salary_band_factory(role=role, level="entry")
    content = explore(
        client, role="entry-only", level="senior", markets=["austin", "miami"]
    ).content.decode()
    assert "The guide gives no band for this role at that level." in content
