"""An editor's change to a figure: its source on every page, its history, and its revert."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from careers.models import GuideEntry, SalaryBand
from interviews.models import Question
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module")

BAND_PAGES = [
    reverse("careers:salary_explorer")
    + "?role=machine-learning-engineer&level=mid&markets=san-francisco&markets=austin",
    reverse("careers:role_compare") + "?a=machine-learning-engineer&b=data-scientist-ai",
    reverse("careers:role_list"),
]


def band_url(band, action="change"):
    return reverse(f"admin:careers_salaryband_{action}", args=[band.pk])


def form_data(client, url):
    form = client.get(url).context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update(
        {
            "careers-editornote-content_type-object_id-TOTAL_FORMS": "0",
            "careers-editornote-content_type-object_id-INITIAL_FORMS": "0",
        }
    )
    return data


@pytest.fixture
def mid_band(guide):
    return SalaryBand.objects.get(role__slug="machine-learning-engineer", level="mid")


@pytest.mark.template_context
def test_a_changed_band_without_a_source_is_refused_beside_the_field(editor_client, mid_band):
    data = form_data(editor_client, band_url(mid_band))
    data.update(min_usd="172000", max_usd="235000")
    response = editor_client.post(band_url(mid_band), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "name the source" in errors["source_title"][0]
    assert "checked the source" in errors["checked_on"][0]


@pytest.mark.template_context
def test_a_future_checked_date_and_min_above_max_are_refused_in_plain_words(
    editor_client, mid_band
):
    data = form_data(editor_client, band_url(mid_band))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update(min_usd="240000", max_usd="235000", source_title="S", checked_on=tomorrow)
    response = editor_client.post(band_url(mid_band), data)
    errors = response.context["adminform"].form.errors
    assert "in the future" in errors["checked_on"][0]
    assert "Constraint" not in response.content.decode()


@pytest.mark.template_context
def test_an_edited_band_is_labelled_with_its_source_on_every_page_then_reverted(
    client, editor_client, editor, mid_band
):
    for url in BAND_PAGES:
        assert '<span class="source-label">(guide)</span>' in client.get(url).content.decode()
    data = form_data(editor_client, band_url(mid_band))
    data.update(
        min_usd="172000",
        max_usd="235000",
        source_title="Example Salary Survey",
        source_url="https://example.org/survey",
        checked_on="2026-11-02",
    )
    assert editor_client.post(band_url(mid_band), data).status_code == 302

    link = '<a href="https://example.org/survey" rel="noopener">Example Salary Survey</a>'
    label = f"({link}, 2 Nov 2026)"
    for url in BAND_PAGES[:2]:
        content = client.get(url).content.decode()
        assert "$172,000–$235,000" in content and label in content
    role_page = client.get(reverse("careers:role_detail", args=["machine-learning-engineer"]))
    assert "Mid-level (3–5 years), base (Example Salary Survey, 2 Nov 2026)" in (
        role_page.content.decode()
    )

    changes = editor_client.get(reverse("admin:recent_changes"), {"editor": editor.username})
    text = changes.content.decode()
    assert "Min usd: “165000” → “172000”" in text
    change = changes.context["changes"][0]
    assert change.record.history_user == editor

    response = editor_client.post(
        reverse("admin:revert_change"),
        {"table": change.label, "change": change.record.history_id},
    )
    assert response.status_code == 302
    mid_band.refresh_from_db()
    assert (mid_band.min_usd, mid_band.max_usd, mid_band.source_title) == (165000, 220000, "")
    content = client.get(BAND_PAGES[0]).content.decode()
    assert "$165,000–$220,000" in content and '<span class="source-label">(guide)</span>' in content
    # The revert is itself a recorded change, credited to the editor.
    latest = mid_band.history.first()
    assert latest.history_user == editor and "Revert of change" in latest.history_change_reason


@pytest.mark.template_context
def test_a_stale_save_is_refused_showing_the_other_editors_change(client, editor, mid_band):
    other = factories.UserFactory(username="carol", is_staff=True)
    other.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    stale = form_data(client, band_url(mid_band))
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    fresh = form_data(client, band_url(mid_band))
    fresh.update(basis="total", source_title="Carol's source", checked_on="2026-11-01")
    assert client.post(band_url(mid_band), fresh).status_code == 302

    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    stale.update(min_usd="151000", source_title="Mine", checked_on="2026-11-01")
    response = client.post(band_url(mid_band), stale)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "carol saved this" in message and "Total compensation" not in message
    assert "“base” → “total”" in message
    mid_band.refresh_from_db()
    assert (mid_band.min_usd, mid_band.source_title) == (165000, "Carol's source")


@pytest.mark.template_context
def test_a_guide_passage_edit_is_labelled_and_the_loader_keeps_it(client, editor_client, guide):
    passage = GuideEntry.objects.get(slug="passage-bands-major-hubs")
    url = reverse("admin:careers_guideentry_change", args=[passage.pk])
    data = form_data(editor_client, url)
    data.update(body="New words.", source_title="Our check", checked_on="2026-10-01")
    assert editor_client.post(url, data).status_code == 302
    content = client.get(reverse("careers:role_list")).content.decode()
    assert 'New words. <span class="source-label">(Our check, 1 Oct 2026)</span>' in content


def test_members_own_questions_stay_out_of_the_history(alice, guide):
    own = Question.objects.create(
        slug="alice-own",
        prompt="Mine",
        category="algorithms",
        difficulty=1,
        key_points="a",
        owner=alice,
    )
    own.prompt = "Still mine"
    own.save()
    own.delete()
    assert not Question.history.filter(slug="alice-own").exists()
    assert not Question.history.filter(owner__isnull=False).exists()
