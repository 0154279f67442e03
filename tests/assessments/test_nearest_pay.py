"""Pay for a role the guide gives no band: the nearest occupation's public figure, labelled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.models import OccupationPay

pytestmark = pytest.mark.usefixtures("guide_for_module")

BLS_HEALTH_MANAGERS = "https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm"


def test_the_loader_brings_in_each_figure_with_its_source_and_date(content):
    pay = OccupationPay.objects.select_related("role").get(role__slug="ai-engineer")
    assert (pay.occupation, pay.median_usd, pay.figure_date) == (
        "Software developers",
        132270,
        "May 2023",
    )
    assert pay.source_url.startswith("https://www.bls.gov/ooh/")
    # Only a figure found in a stored public page: none for contract data work or for roles
    # with no close occupation.
    assert not OccupationPay.objects.filter(
        role__slug__in=["ai-training-data-specialist", "ai-solutions-architect"]
    ).exists()
    # Never beside a band of the guide's own.
    assert not OccupationPay.objects.filter(role__salary_bands__isnull=False).exists()


def test_the_path_page_labels_the_figure_as_the_nearest_occupations(client, content):
    page = client.get(
        reverse("paths:detail", args=["healthcare-to-clinical-informatics"])
    ).content.decode()
    assert "No figure: the guide gives no salary bands for this role." in page
    assert (
        "The nearest occupation, not this role: medical and health services managers, median "
        "<strong>$110,680</strong> a year in May 2023"
    ) in page
    assert f'href="{BLS_HEALTH_MANAGERS}"' in page and "checked 2026-12-06" in page


@pytest.mark.parametrize(
    "slug", ["domain-expert-to-ai-training-data-specialist", "sales-to-ai-solutions-architect"]
)
def test_a_role_with_no_public_figure_keeps_the_honest_no_figure(client, content, slug):
    page = client.get(reverse("paths:detail", args=[slug])).content.decode()
    assert "No figure: the guide gives no salary bands for this role." in page
    assert "To find out, note the pay ranges in current postings" in page
    assert "The nearest occupation" not in page


def test_the_result_keeps_the_figure_with_the_path(alice, take_assessment):
    assessment = take_assessment(alice, background="healthcare", hours=8)
    clinical = next(
        p for p in assessment.result["paths"] if p["slug"] == "healthcare-to-clinical-informatics"
    )
    assert clinical["market"]["pay"] == []
    assert clinical["market"]["nearest_pay"] == {
        "occupation": "Medical and health services managers",
        "median_usd": 110680,
        "figure_date": "May 2023",
        "source_name": "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook: "
        "Medical and Health Services Managers",
        "source_url": BLS_HEALTH_MANAGERS,
        "checked_on": "2026-12-06",
    }
    guide_band = next(p for p in assessment.result["paths"] if p["market"]["pay"])
    assert guide_band["market"]["nearest_pay"] is None
