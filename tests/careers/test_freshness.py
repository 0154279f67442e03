"""The editors' freshness dashboard: edited passages, old facts, credentials and failed links."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Certification, LearningResource
from careers.models import GuideEntry, SalaryBand

pytestmark = pytest.mark.usefixtures("guide_for_module")

DASHBOARD = reverse("admin:freshness")


def section(response, title):
    return next(s for s in response.context["sections"] if s.title == title)


@pytest.mark.template_context
def test_it_lists_edited_passages_old_facts_credentials_and_failed_links(editor_client, guide):
    passage = GuideEntry.objects.get(slug="passage-bands-major-hubs")
    passage.body, passage.source_title = "Edited words.", "Our check"
    passage.checked_on = datetime.date(2025, 1, 2)
    passage.save()
    band = SalaryBand.objects.get(role__slug="machine-learning-engineer", level="mid")
    resource = LearningResource.objects.order_by("pk").first()
    LearningResource.objects.filter(pk=resource.pk).update(
        link_status=404, link_error="Not Found", link_checked_at=timezone.now()
    )

    response = editor_client.get(DASHBOARD)
    assert response.status_code == 200
    edited = section(response, "Guide passages edited since the guide")
    assert [item.label for item in edited.items] == [passage.title]
    old = section(response, "Our figures, passages and notes past review age")
    assert passage.title in [item.label for item in old.items]
    assert str(band) not in [item.label for item in old.items]  # still the guide's
    failed = section(response, "Resources whose links failed")
    assert [item.label for item in failed.items] == [resource.title]
    assert "Failed on" in failed.items[0].detail and "404: Not Found" in failed.items[0].detail
    credentials = section(response, "Credentials by status and last check")
    assert len(credentials.items) == Certification.objects.count()
    content = response.content.decode()
    assert reverse("admin:careers_guideentry_change", args=[passage.pk]) in content


def test_mark_checked_dates_resources_today_and_is_recorded(editor_client, guide):
    resource = LearningResource.objects.order_by("pk").first()
    url = reverse("admin:assessments_learningresource_changelist")
    editor_client.post(url, {"action": "mark_checked", "_selected_action": [resource.pk]})
    resource.refresh_from_db()
    assert resource.checked_on == timezone.localdate()
    latest = resource.history.first()
    assert latest.history_change_reason.startswith("Bulk action “Mark checked”")
