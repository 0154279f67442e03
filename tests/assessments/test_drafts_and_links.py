"""Drafts of guide entries and learning resources, their preview, a skill's resources in the
admin, and "Used by" counting every step of members' saved plans."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.catalogue import catalogue
from assessments.models import Assessment, LearningResource, Skill
from careers.models import GuideEntry
from config.sitewide.caching import bump_content_version
from config.sitewide.history import recent_changes

pytestmark = pytest.mark.usefixtures("guide_for_module")


def preview_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_preview", args=[obj.pk])


def catalogue_urls() -> set[str]:
    return {
        resource.url
        for skills in catalogue().skills_by_role.values()
        for skill in skills
        for resource in skill.resources
    }


def test_a_draft_faq_entry_is_off_the_site_and_previewed_as_members_will_see_it(
    client, editor_client, content
):
    entry = GuideEntry.objects.filter(section="faq").order_by("pk").first()
    GuideEntry.objects.filter(pk=entry.pk).update(is_published=False)
    assert entry.title not in client.get(reverse("careers:guide_faq")).content.decode()

    preview = editor_client.get(preview_url(entry)).content.decode()
    assert "Preview of a draft: members cannot see it until it is published." in preview
    assert entry.title in preview and '<span class="source-label">(guide)</span>' in preview


def test_a_draft_passage_leaves_every_page_that_places_it(client, content):
    GuideEntry.objects.filter(slug="passage-bands-major-hubs").update(is_published=False)
    passage = GuideEntry.objects.get(slug="passage-bands-major-hubs")
    assert passage.body not in client.get(reverse("careers:role_list")).content.decode()


@pytest.mark.template_context
def test_publishing_is_a_deliberate_step_recorded_as_one_run(client, editor_client, content):
    add_form = editor_client.get(reverse("admin:careers_guideentry_add"))
    assert add_form.context["adminform"].form.initial["is_published"] is False

    drafts = list(GuideEntry.objects.filter(section="faq").order_by("pk")[:2])
    GuideEntry.objects.filter(pk__in=[e.pk for e in drafts]).update(is_published=False)
    response = editor_client.post(
        reverse("admin:careers_guideentry_changelist"),
        {"action": "publish", "_selected_action": [entry.pk for entry in drafts]},
    )
    assert response.status_code == 302
    faq = client.get(reverse("careers:guide_faq")).content.decode()
    assert all(entry.title in faq for entry in drafts)
    run = [change for change in recent_changes() if change.record.history_change_reason]
    assert len(run) == 2 and run[0].record.history_change_reason.startswith("Bulk action “Publish")


def test_a_draft_resource_is_kept_out_of_new_plans_and_previewed(editor_client, content):
    listed = catalogue_urls()
    resource = LearningResource.objects.filter(url__in=listed).order_by("pk").first()
    LearningResource.objects.filter(pk=resource.pk).update(is_published=False)
    bump_content_version()  # an update() sends no signal; the admin's actions bump it too
    assert resource.url not in catalogue_urls()
    preview = editor_client.get(preview_url(resource)).content.decode()
    assert "Preview of a draft" in preview and escape(resource.title) in preview
    change = editor_client.get(
        reverse("admin:assessments_learningresource_change", args=[resource.pk])
    ).content.decode()
    assert "Preview as members will see it" in change


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%00", "99999999999999999999999"])
def test_a_preview_of_nothing_is_a_404(editor_client, content, object_id):
    for name in ("careers_guideentry_preview", "assessments_learningresource_preview"):
        url = reverse(f"admin:{name}", args=["0"]).replace("/0/", f"/{object_id}/")
        assert editor_client.get(url).status_code == 404


def test_a_preview_is_for_staff_only(client, alice, content):
    entry = GuideEntry.objects.order_by("pk").first()
    assert client.get(preview_url(entry)).status_code == 302  # to the admin's login
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(preview_url(entry))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_skills_admin_page_lists_its_resources_with_drafts_marked(editor_client, content):
    skill = Skill.objects.filter(resources__isnull=False).order_by("pk").first()
    resources = list(skill.resources.order_by("pk"))
    LearningResource.objects.filter(pk=resources[0].pk).update(is_published=False)
    page = editor_client.get(reverse("admin:assessments_skill_change", args=[skill.pk]))
    content_html = page.content.decode()
    for resource in resources:
        assert escape(resource.title) in content_html
    assert "draft, not shown to members" in content_html
    lonely = Skill.objects.filter(resources__isnull=True).first()
    if lonely is not None:
        page = editor_client.get(reverse("admin:assessments_skill_change", args=[lonely.pk]))
        assert "None yet" in page.content.decode()


def test_used_by_counts_a_resource_in_any_step_of_a_saved_plan(
    editor_client, alice, take_assessment
):
    assessment = take_assessment(alice, background="developer", answers={"prog-experience": 4})
    assessment = Assessment.objects.get(pk=assessment.pk)
    steps = [
        milestone
        for path in assessment.result["paths"]
        for milestone in path["plan"]
        if milestone["kind"] != "exam" and milestone["resources"]
    ]
    assert steps, "the saved plan has steps with resources"
    url = steps[0]["resources"][0]["url"]
    resource = LearningResource.objects.get(url=url)
    page = editor_client.get(
        reverse("admin:assessments_learningresource_change", args=[resource.pk])
    ).content.decode()
    assert "Linked from a step of 1 saved plan(s)." in page
    unused = LearningResource.objects.exclude(url__in=[url]).order_by("-pk").first()
    if unused.url not in str(assessment.result):
        page = editor_client.get(
            reverse("admin:assessments_learningresource_change", args=[unused.pk])
        ).content.decode()
        assert "Linked from a step of 0 saved plan(s)." in page
