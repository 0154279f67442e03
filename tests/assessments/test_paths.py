"""The public transition path pages."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import Certification, TransitionPath

pytestmark = pytest.mark.usefixtures("guide_for_module", "content")


def test_it_lists_every_path_with_timeline_certifications_prerequisites_and_pay(client):
    response = client.get(reverse("paths:list"))
    content = response.content.decode()
    assert response.status_code == 200
    # The guide's seven and our routes into the other roles (issue 12), each labelled.
    assert content.count('class="card path-card"') == TransitionPath.objects.count() == 21
    assert content.count("The guide's route</span>, as the guide gives it.") == 7
    assert content.count("Our route, not the guide's.") == 14
    assert "Why we added it: Models for medicine, teaching, finance and law" in content
    assert "Sales → AI Solutions Architect" in content
    assert "9–15 months" in content
    assert (
        'OpenAI API certification <span class="muted">(no such credential)</span>, custom '
        "portfolio projects" in content
    )
    assert "Policy analysis experience, stakeholder management" in content
    assert "$120,000–$160,000" in content  # Machine Learning Engineer, entry level
    assert 'href="/roles/ai-solutions-architect/"' in content
    assert '<svg class="chart-wide" viewBox="0 0' in content  # and a narrow one for phones


def test_it_shows_one_path_with_its_requirements_and_the_roles_pay(client):
    response = client.get(reverse("paths:detail", args=["marketing-to-ai-ethics-specialist"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Marketing → AI Ethics Specialist</h1>" in content
    assert "6–12 months" in content
    assert "Partnership on AI certification" in content
    assert "Ethics coursework" not in content and "ethics coursework" in content
    assert "$105,000–$140,000" in content
    assert "$210,000–$290,000" in content and "Total compensation" in content
    assert '<th scope="row">Communication and collaboration</th>' in content
    assert 'href="/salaries/?role=ai-ethics-specialist"' in content


def test_it_shows_a_role_without_salary_bands(client):
    content = client.get(
        reverse("paths:detail", args=["sales-to-ai-solutions-architect"])
    ).content.decode()
    assert "No figure: the guide gives no salary bands for this role." in content


@pytest.mark.parametrize("slug", ["no-such-path", "x" * 300])
def test_it_answers_404_for_an_unknown_path(client, slug):
    assert client.get(f"/paths/{slug}/").status_code == 404


def test_it_only_answers_get(client):
    assert client.post(reverse("paths:list")).status_code == 405


def test_it_caches_the_pages_for_visitors_until_staff_edit_a_path(
    client, django_assert_num_queries
):
    url = reverse("paths:detail", args=["developer-to-ml-engineer"])
    client.get(url)
    with django_assert_num_queries(1):  # the content version, to find the cached page
        assert "4–8 months" in client.get(url).content.decode()
    path = TransitionPath.objects.get(slug="developer-to-ml-engineer")
    path.timeline_max_months = 9
    path.save()
    assert "4–9 months" in client.get(url).content.decode()


def test_the_path_page_says_which_of_the_guides_certifications_are_retired(client):
    google = Certification.objects.get(slug="google-professional-ml-engineer")
    google.status, google.retired_on = "retired", datetime.date(2027, 1, 31)
    google.successor = Certification.objects.get(slug="aws-ml-engineer-associate")
    google.save()
    content_ = client.get("/paths/developer-to-ml-engineer/").content.decode()
    assert "Retired 31 January 2027" in content_
    assert (
        "Its successor from the same provider: AWS Certified Machine Learning Engineer – "
        "Associate." in content_
    )


def test_the_path_page_gives_each_credentials_status_and_evidence(client):
    content_ = client.get("/paths/developer-to-ml-engineer/").content.decode()
    assert "AWS ML Specialty" in content_ and "Retired 31 March 2026" in content_
    assert "Its successor from the same provider: AWS Certified Machine Learning Engineer" in (
        content_
    )
    assert "independent sources, not the provider's own page, that agree" in content_
    assert "certqna.pages.dev" in content_
    content_ = client.get("/paths/marketing-to-ai-ethics-specialist/").content.decode()
    assert "The guide names Partnership on AI certification; no such credential exists." in content_
    assert "Instead: IAPP Artificial Intelligence Governance Professional (AIGP)." in content_


def test_the_path_page_carries_the_roles_editors_note(client):
    content_ = client.get("/paths/non-tech-to-prompt-engineer/").content.decode()
    assert "largely faded" in content_
    content_ = client.get("/paths/domain-expert-to-ai-training-data-specialist/").content.decode()
    assert "no pay band and no posting count" in content_ and "paid by the hour" in content_
