"""Role pages: the list with its filter and chart, one role's profile, two roles compared."""

import pytest
from django.urls import reverse

from careers.models import Role, SalaryBand

pytestmark = pytest.mark.usefixtures("guide_for_module")

ROLE_LIST = reverse("careers:role_list")
COMPARE = reverse("careers:role_compare")


def role_url(slug: str) -> str:
    return reverse("careers:role_detail", args=[slug])


def test_it_lists_every_role_with_postings_salary_snapshot_and_a_chart(client, guide):
    content = client.get(ROLE_LIST).content.decode()
    for name, postings in [
        ("Machine Learning Engineer", "45,200"),
        ("Data Scientist (AI focus)", "38,900"),
        ("AI Ethics Specialist", "1,900"),
    ]:
        assert name in content
        assert postings in content
    assert "Prompt Engineer" in content and "AI Infrastructure Engineer" in content
    assert "$120,000–$160,000" in content  # ML engineer entry band
    assert "$250,000–$350,000" in content  # and its senior total comp
    assert 'id="chart-active-job-postings-by-role"' in content
    assert content.count('<rect class="bar"') == 7 * 2  # a wide drawing and one for phones


def test_it_filters_core_and_emerging_roles(client, guide):
    core = client.get(ROLE_LIST, {"kind": "core"}).content.decode()
    assert "Natural Language Processing Engineer" in core
    assert "Multimodal AI Engineer" not in core
    emerging = client.get(ROLE_LIST, {"kind": "emerging"}).content.decode()
    assert "Multimodal AI Engineer" in emerging
    assert "Natural Language Processing Engineer" not in emerging
    assert "$95,000–$130,000" in emerging  # prompt engineer's entry band
    assert "Active job postings by role" not in emerging  # no emerging role has a count


@pytest.mark.parametrize("kind", ["bogus", "transition", "<script>"])
def test_an_unknown_kind_shows_a_message_and_every_role(client, guide, kind):
    response = client.get(ROLE_LIST, {"kind": kind})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose all, core or emerging roles." in content
    assert "Multimodal AI Engineer" in content and "AI Ethics Specialist" in content
    assert "<script>" not in content.split("<main")[1]


def test_a_repeated_kind_is_refused(client, guide):
    content = client.get(f"{ROLE_LIST}?kind=core&kind=emerging").content.decode()
    assert "Choose only one." in content


def test_htmx_filter_gets_only_the_results_partial(client, guide):
    response = client.get(ROLE_LIST, {"kind": "core"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "Machine Learning Engineer" in content
    assert "HX-Request" in response["Vary"]


def test_a_role_page_shows_profile_salary_chart_and_links_to_hubs(client, guide):
    content = client.get(role_url("machine-learning-engineer")).content.decode()
    assert "<h1>Machine Learning Engineer</h1>" in content
    assert "45,200" in content
    assert "Production systems, deployment, scalability" in content
    assert "Senior engineer → ML architect → VP engineering" in content
    assert "the guide's own comparison" in content
    assert 'id="chart-salary-by-experience-level"' in content
    for band in ("$120,000–$160,000", "$165,000–$220,000", "$250,000–$350,000"):
        assert band in content
    # The guide counts postings by city for all roles together: link, don't repeat (issue 14).
    assert 'href="/hubs/"' in content and "not for Machine Learning Engineer alone" in content


def test_prompt_engineer_shows_its_quoted_range_too(client, guide):
    content = client.get(role_url("prompt-engineer")).content.decode()
    assert "$95,000–$180,000" in content
    assert "Quoted annual salary range" in content


def test_a_role_without_bands_or_profile_still_reads_well(client, guide):
    content = client.get(role_url("ai-solutions-architect")).content.decode()
    assert "The guide's salary table does not cover this role." in content
    assert "no detailed profile" in content
    assert "no posting count" in content


@pytest.mark.parametrize("slug", ["no-such-role", "MACHINE-LEARNING-ENGINEER", "compare-x"])
def test_an_unknown_role_is_a_404_in_the_site_layout(client, guide, slug):
    response = client.get(role_url(slug))
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


def test_it_compares_two_roles_aspect_by_aspect(client, guide):
    response = client.get(COMPARE, {"a": "machine-learning-engineer", "b": "ai-research-scientist"})
    content = response.content.decode()
    assert "Machine Learning Engineer and AI Research Scientist" in content
    assert "PhD or 5+ years research experience" in content
    assert "3-7 years software engineering + ML" in content
    assert "45,200" in content and "12,800" in content
    assert "$300,000–$500,000" in content and "$250,000–$350,000" in content
    assert "selected>Machine Learning Engineer</option>" in content


def test_comparing_a_role_outside_the_salary_table_says_so(client, guide):
    content = client.get(COMPARE, {"a": "nlp-engineer", "b": "prompt-engineer"}).content.decode()
    assert "Not in the salary table" in content
    assert "$95,000–$180,000" in content


def test_the_compare_page_without_choices_shows_the_pickers(client, guide):
    response = client.get(COMPARE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Compare two AI roles" in content
    assert 'class="errorlist"' not in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "machine-learning-engineer"}, "Choose the second role."),
        ({"b": "machine-learning-engineer"}, "Choose the first role."),
        ({"a": "", "b": ""}, "Choose the first role."),
        ({"a": "nope", "b": "prompt-engineer"}, "We have no role by that name"),
        ({"a": "prompt-engineer", "b": "prompt-engineer"}, "Choose a different role"),
        ({"a": "x" * 5000, "b": "prompt-engineer"}, "We have no role by that name"),
    ],
)
def test_bad_compare_values_show_the_form_with_a_message(client, guide, params, message):
    response = client.get(COMPARE, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Aspect by aspect" not in content


def test_a_repeated_compare_parameter_is_refused(client, guide):
    url = f"{COMPARE}?a=prompt-engineer&a=nlp-engineer&b=ai-product-manager"
    content = client.get(url).content.decode()
    assert "Choose only one." in content
    assert "Aspect by aspect" not in content


def test_htmx_history_restore_gets_the_whole_page(client, guide):
    client.get(ROLE_LIST, {"kind": "core"}, headers={"HX-Request": "true"})  # cache the partial
    response = client.get(
        ROLE_LIST,
        {"kind": "core"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [ROLE_LIST, COMPARE, "/roles/prompt-engineer/", "/hubs/", "/salaries/", "/guide/faq/", "/"],
)
def test_public_pages_refuse_posts(alice_client, guide, url):
    assert alice_client.post(url).status_code == 405


def test_role_page_shows_the_paths_into_it_and_its_question_count(client, guide):
    response = client.get(reverse("careers:role_detail", args=["machine-learning-engineer"]))
    content = response.content.decode()
    assert "Developer → ML Engineer" in content
    assert "4–8 months" in content
    role = Role.objects.get(slug="machine-learning-engineer")
    count = role.interview_questions.filter(is_published=True).count()
    assert count > 0
    assert f"{count} questions in our bank suit this role" in content
    assert "/interviews/?role=machine-learning-engineer" in content


def test_role_page_counts_only_published_questions(client, guide):
    role = Role.objects.get(slug="prompt-engineer")
    published = role.interview_questions.filter(is_published=True)
    total = published.count()
    published.filter(pk=published.first().pk).update(is_published=False)
    content = client.get(role.get_absolute_url()).content.decode()
    assert f"{total - 1} questions in our bank suit this role" in content


def test_the_salary_columns_are_headed_by_the_levels_own_labels(client, guide):
    """The level names (with the guide's years) come from SalaryBand.Level, not the page."""
    content = client.get(ROLE_LIST).content.decode()
    for level in (SalaryBand.Level.ENTRY, SalaryBand.Level.SENIOR):
        assert f'<span class="source-guide">{level.label}</span>' in content
        assert f'data-label="{level.label}"' in content
