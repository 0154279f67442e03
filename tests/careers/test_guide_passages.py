"""Every passage of the guide that issue 14 found missing is on the page where a user looks."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from careers.models import EditorNote, GuideEntry, Hub, Market, PageReview

pytestmark = pytest.mark.usefixtures("guide_for_module")

# Each sentence as the guide words it, and the page it belongs on.
PASSAGES = [
    (
        "careers:salary_explorer",
        "These ranges reflect current market conditions across major tech hubs including "
        "San Francisco, Seattle, New York, and Austin.",
    ),
    (
        "careers:guide_faq",
        "Entry-level AI positions typically require 6-12 months of preparation, while advanced "
        "roles may need 18-24 months of intensive study and practical experience.",
    ),
    (
        "careers:guide_interviews",
        "Most AI positions involve 4-6 interview rounds including initial screening, technical "
        "assessment, system design, and cultural fit evaluation.",
    ),
    *(
        ("careers:guide_interviews", strategy)
        for strategy in (
            "Master core algorithms with practical implementation",
            "Practice coding common machine learning algorithms from scratch including linear "
            "regression, decision trees, and neural networks.",
            "Prepare system design scenarios",
            "Study architectures for recommendation systems, search ranking, and real-time "
            "prediction services.",
            "Practice model selection and evaluation",
            "how to prevent overfitting",
            "Review recent papers and trends",
            "transformer architectures, retrieval-augmented generation",
            "Prepare data preprocessing examples",
            "Practice cleaning messy datasets, handling missing values, and feature engineering "
            "techniques.",
            "Study debugging and optimization techniques",
            "Interviewers often present broken models to fix.",
        )
    ),
    (
        "careers:guide_interviews",
        "Preparation should include reviewing recent AI ethics frameworks, understanding fairness "
        "metrics like demographic parity and equalized odds, and developing clear examples of "
        "ethical decision-making from past technical work.",
    ),
    (
        "careers:guide_interviews",
        "Strong answers demonstrate awareness of AI's societal impact, systematic approaches to "
        "bias detection and mitigation",
    ),
    (
        "careers:guide_faq",
        "Non-technical professionals often find success in AI-adjacent roles like AI product "
        "management, AI ethics, or prompt engineering before advancing to more technical "
        "positions.",
    ),
    (
        "careers:salary_explorer",
        "The Bureau of Labor Statistics tracks these trends in their occupational outlook data "
        "for computer and information technology roles.",
    ),
    (
        "careers:guide_interviews",
        "The Association for Computing Machinery provides extensive resources on current AI "
        "research areas that frequently appear in interview discussions.",
    ),
    (
        "careers:home",
        "The AI job market remains robust with machine learning engineers and AI research "
        "scientists commanding six-figure salaries",
    ),
    (
        "careers:home",
        "Geographic diversification beyond Silicon Valley creates more options for professionals "
        "seeking optimal cost-benefit ratios.",
    ),
]


@pytest.mark.parametrize(("url_name", "sentence"), PASSAGES)
def test_each_guide_passage_is_on_its_page_marked_as_the_guides(client, guide, url_name, sentence):
    content = client.get(reverse(url_name)).content.decode()
    assert escape(sentence) in content
    # The passage is labelled as the guide's own words before its paragraph or item ends.
    after = content[content.index(escape(sentence)) :]
    end = min(after.find(tag) for tag in ("</p>", "</li>") if tag in after)
    assert '<span class="source-label">(guide)</span>' in after[:end]


def test_the_interview_page_is_in_the_guide_nav_and_links_to_practice(client, guide):
    content = client.get(reverse("careers:guide_interviews")).content.decode()
    assert f'href="{reverse("careers:guide_interviews")}" aria-current="page"' in content
    assert 'href="/interviews/?category=ethics"' in content
    strategies = GuideEntry.objects.filter(section="technical-prep").order_by("sort_order")
    positions = [content.index(escape(entry.title)) for entry in strategies]
    assert len(positions) == 6 and positions == sorted(positions)


def test_a_passage_staff_edit_shows_at_once(client, guide):
    client.get(reverse("careers:guide_interviews"))  # cached for visitors
    GuideEntry.objects.filter(slug="passage-interview-rounds").update(body="Five rounds, say.")
    # A queryset update sends no signal; saving the row is what the admin does.
    GuideEntry.objects.get(slug="passage-interview-rounds").save()
    assert "Five rounds, say." in client.get(reverse("careers:guide_interviews")).content.decode()


@pytest.mark.parametrize(
    ("url_name", "kwargs", "wrong", "right"),
    [
        ("careers:guide_work_arrangements", {}, "office travel", "office space"),
        ("careers:guide_faq", {}, "<strong>80%</strong>", "over 80%"),
        (
            "careers:guide_work_arrangements",
            {},
            "remote productivity tends to drop",
            "productivity remains high for well-defined projects",
        ),
        ("careers:hub_detail", {"slug": "miami"}, "", "significant AI company relocations"),
    ],
)
def test_smaller_mismatches_now_follow_the_guide(client, guide, url_name, kwargs, wrong, right):
    content = client.get(reverse(url_name, kwargs=kwargs)).content.decode()
    assert right in content
    if wrong:
        assert wrong not in content


def test_faq_answers_no_longer_open_with_a_flat_yes_or_no(client, guide):
    content = client.get(reverse("careers:guide_faq")).content.decode()
    for entry in GuideEntry.objects.filter(section="faq"):
        assert not entry.body.startswith(("No.", "Yes.", "Not completely")), entry.slug
        assert escape(entry.body) in content


def test_the_footer_says_where_figures_come_from_and_when_staff_reviewed_the_page(client, guide):
    explorer = reverse("careers:salary_explorer")
    footer = client.get(explorer).content.decode().split('<footer class="site-footer">')[1]
    assert "as published in <cite>AI Jobs 2026: Complete Career Guide for 2026 Success</cite>" in (
        footer
    )
    assert "(2026; the guide gives no exact date)" in footer
    assert "Figures marked (computed), text marked (ours) and editor&#x27;s notes" in footer or (
        "Figures marked (computed), text marked (ours) and editor's notes" in footer
    )
    assert "last reviewed" not in footer  # no review recorded: no claim of one

    PageReview.objects.create(path=explorer, reviewed_on="2026-11-30")
    footer = client.get(explorer).content.decode().split('<footer class="site-footer">')[1]
    assert "Our editors last reviewed this page on 30 November 2026." in footer


def test_the_compare_page_tells_the_guides_profile_from_ours(client, guide):
    url = reverse("careers:role_compare")
    query = {"a": "machine-learning-engineer", "b": "data-scientist-ai"}
    content = client.get(url, query).content.decode()
    focus = content.split("Primary focus</th>")[1].split("</tr>")[0]
    assert '<span class="source-guide">Production systems, deployment, scalability</span>' in focus
    assert '<span class="source-ours">Models and analyses' in focus  # written by us
    band = '$120,000–$160,000 <span class="muted">base salary</span>'
    assert f'{band} <span class="source-label">(guide)</span>' in content


def test_roles_list_counts_the_roles_it_shows(client, guide):
    content = client.get(reverse("careers:role_list")).content.decode()
    assert "7 established AI roles" in content and "7 new roles" in content
    assert "1 role the guide names only as where a transition path leads" in content
    assert "and 3 roles we added that the guide does not name" in content
    assert "Seven established" not in content


def test_a_role_page_no_longer_repeats_the_all_roles_hub_table(client, guide):
    content = client.get(reverse("careers:role_detail", args=["prompt-engineer"])).content
    content = content.decode()
    assert "AI job hubs by postings" not in content
    assert "not for Prompt Engineer alone" in content
    assert 'href="/salaries/?role=prompt-engineer&amp;level=mid"' in content


def test_the_example_editors_notes_sit_beside_their_figures(client, guide):
    role_page = client.get(reverse("careers:role_detail", args=["prompt-engineer"])).content
    note = role_page.decode().split("<strong>Editor's note</strong>")[1].split("</aside>")[0]
    assert "second from the bottom" in note and "checked 1 December 2026" in note
    home = client.get(reverse("careers:home")).content.decode()
    assert "about 60%" in home
    note = home.split("<strong>Editor's note</strong>")[1].split("</aside>")[0]
    assert 'href="https://www.hiringlab.org/2022/09/13/remote-work-endures"' in note


def test_toronto_pay_says_it_is_in_us_dollars(client, guide):
    content = client.get(reverse("careers:hub_list")).content.decode()
    assert "$95,000 USD" in content


@pytest.mark.parametrize(
    "sentence",
    [
        "Entry-level AI positions typically require 6-12 months of preparation, while advanced "
        "roles may need 18-24 months of intensive study and practical experience.",
        "Non-technical professionals often find success in AI-adjacent roles like AI product "
        "management, AI ethics, or prompt engineering before advancing to more technical "
        "positions.",
    ],
)
def test_the_paths_page_quotes_the_guide_on_preparation_time_and_ways_in(client, guide, sentence):
    content = client.get("/paths/").content.decode()
    label = '<span class="source-label">(guide)</span>'
    assert f"<p>{escape(sentence)} {label}</p>" in content


def test_the_question_bank_links_to_the_interview_preparation_guide(client, guide):
    content = client.get("/interviews/").content.decode()
    assert f'href="{reverse("careers:guide_interviews")}"' in content


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/roles/",
        "/roles/prompt-engineer/",
        "/roles/compare/?a=machine-learning-engineer&b=data-scientist-ai",
        "/hubs/",
        "/hubs/miami/",
        "/salaries/",
        "/salaries/offers/?offer-0-base_usd=1&offer-0-market=austin"
        "&offer-1-base_usd=2&offer-1-market=other&offer-1-other_cost_of_living_index=90",
        "/guide/negotiation/",
        "/guide/work-arrangements/",
        "/guide/interviews/",
        "/guide/faq/",
    ],
)
def test_every_careers_page_says_whose_words_and_figures_are_whose(client, guide, url):
    content = client.get(url).content.decode()
    main = content.split("<main")[1].split("</main>")[0]
    assert (
        'class="source-guide' in main
        or 'class="stat source-guide' in main
        or '<span class="source-label">(guide)</span>' in main
    )
    assert (
        "Marked (guide)" in main
        or "the guide&#x27;s own words" in main
        or ("the guide's own words" in main or "retold in our words" in main)
    )


def test_a_note_on_a_hub_or_market_shows_on_the_hub_pages(client, guide):
    for target, body in (
        (Hub.objects.get(slug="denver"), "A note on the hub."),
        (Market.objects.get(slug="denver"), "A note on the market."),
    ):
        EditorNote.objects.create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            body=body,
            source_url="https://example.org/later",
            source_title="Later data",
            checked_on="2026-12-01",
        )
    for url in ("/hubs/", "/hubs/denver/"):
        content = client.get(url).content.decode()
        assert "A note on the hub." in content and "A note on the market." in content
    assert "A note on the market." in client.get("/salaries/").content.decode()


def test_an_edited_passage_shows_at_once_to_a_member(alice_client, guide):
    home = reverse("careers:home")
    takeaways = GuideEntry.objects.get(slug="passage-key-takeaways")
    assert escape(takeaways.body) in alice_client.get(home).content.decode()

    takeaways.body = "An editor's corrected takeaway."
    takeaways.save()

    assert "An editor&#x27;s corrected takeaway." in alice_client.get(home).content.decode()


def test_a_page_reads_the_content_version_once_however_much_cached_content_it_uses(
    alice_client, guide
):
    explorer = reverse("careers:salary_explorer")
    with CaptureQueriesContext(connection) as captured:
        assert alice_client.get(explorer).status_code == 200
    version_reads = [q for q in captured.captured_queries if "sitewide_contentversion" in q["sql"]]
    assert len(version_reads) == 1
