"""Home page headlines and the guide's advice pages."""

from django.urls import reverse
from django.utils.html import escape

from careers.models import GuideEntry, Hub, MarketFact, Role


def test_home_headlines_are_computed_from_the_content(client, guide):
    content = client.get(reverse("careers:home")).content.decode()
    assert "45,200" in content and "Machine Learning Engineer" in content
    assert "420%" in content and "Miami" in content
    assert "60%" in content
    for url in ("/roles/", "/hubs/", "/salaries/", "/salaries/offers/", "/paths/"):
        assert f'href="{url}"' in content
    assert 'href="/assessment/"' in content and 'href="/interviews/"' in content


def test_home_headlines_follow_staff_edits(client, guide):
    Role.objects.filter(slug="data-scientist-ai").update(active_postings=99_000)
    Hub.objects.filter(slug="denver").update(growth_percent=999)
    MarketFact.objects.filter(slug="remote-share").update(value_min=61, value_max=61)
    content = client.get(reverse("careers:home")).content.decode()
    assert "99,000" in content and "Data Scientist (AI focus)" in content
    assert "999%" in content and "Denver" in content
    assert "61%" in content


def test_a_member_sees_a_staff_edit_of_a_headline_at_once(alice_client, guide):
    home = reverse("careers:home")
    assert "45,200" in alice_client.get(home).content.decode()  # the figures are now cached

    role = Role.objects.get(slug="machine-learning-engineer")
    role.active_postings = 46_100
    role.save()
    fact = MarketFact.objects.get(slug="remote-share")
    fact.value_min = fact.value_max = 58
    fact.save()

    content = alice_client.get(home).content.decode()
    assert "46,100" in content and "45,200" not in content
    assert "58%" in content


def test_home_copes_with_no_content(client, db):
    response = client.get(reverse("careers:home"))
    assert response.status_code == 200
    assert "Find your way into AI" in response.content.decode()


def test_the_negotiation_page_lists_six_tactics_in_order(client, guide):
    content = client.get(reverse("careers:guide_negotiation")).content.decode()
    titles = list(
        GuideEntry.objects.filter(section="negotiation")
        .order_by("sort_order")
        .values_list("title", flat=True)
    )
    assert len(titles) == 6
    positions = [content.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "6–12 months of salary" in content
    assert "20–40%" in content and "25–40%" in content and "85–90%" in content


def test_staff_reordering_of_tactics_shows_on_the_page(client, guide):
    GuideEntry.objects.filter(slug="negotiation-retention-value").update(sort_order=0)
    content = client.get(reverse("careers:guide_negotiation")).content.decode()
    assert content.index("Remind them what replacing you would cost") < content.index(
        "Put numbers on your impact"
    )


def test_the_work_arrangements_page_charts_the_60_25_15_split(client, guide):
    content = client.get(reverse("careers:guide_work_arrangements")).content.decode()
    assert 'id="chart-ai-job-postings-by-work-arrangement"' in content
    chart = content.split('id="chart-ai-job-postings-by-work-arrangement"')[1].split("</figure>")[0]
    for label, share in (("Remote", "60%"), ("Hybrid", "25%"), ("On-site", "15%")):
        assert label in chart and share in chart
    assert "85–90%" in content  # remote productivity
    assert "75–90th percentile" in content
    for section in ("remote-advantage", "remote-limitation", "onsite-case"):
        for entry in GuideEntry.objects.filter(section=section):
            assert escape(entry.title) in content


def test_the_faq_page_has_seven_questions_with_the_python_fact(client, guide):
    content = client.get(reverse("careers:guide_faq")).content.decode()
    questions = GuideEntry.objects.filter(section="faq")
    assert questions.count() == 7
    for entry in questions:
        assert f'<h2 id="{entry.slug}">' in content
    assert "80%" in content
    assert content.count("<h1>") == 1


def test_guide_pages_mark_the_current_page(client, guide):
    content = client.get(reverse("careers:guide_faq")).content.decode()
    assert f'href="{reverse("careers:guide_faq")}" aria-current="page"' in content
