"""Recent changes: a page whose queries do not grow with its rows, and many-to-many links in
the history, listed with their values and reverted like any other change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Dimension, LearningResource, Skill
from careers.models import Hub, SalaryBand
from config.sitewide.history import historical_models

pytestmark = pytest.mark.usefixtures("guide_for_module")


def make_changes(count: int, *, start: int, editor) -> None:
    """``count`` changes by the editor across four kinds of content: plain fields, a row whose
    name reads another row (a band names its role), a resource (history without some
    fields) and a skill's many-to-many dimensions."""
    since = timezone.now()
    hubs = list(Hub.objects.order_by("pk"))
    bands = list(SalaryBand.objects.order_by("pk"))
    resources = list(LearningResource.objects.order_by("pk"))
    skills = list(Skill.objects.order_by("pk"))
    spare = Dimension.objects.order_by("pk").first()
    for number in range(start, start + count):
        kind, row = number % 4, number // 4
        if kind == 0:
            hub = hubs[row % len(hubs)]
            hub.notes = f"Checked again ({number})."
            hub.save()
        elif kind == 1:
            band = bands[row % len(bands)]
            band.max_usd += 1
            band.save()
        elif kind == 2:
            resource = resources[row % len(resources)]
            resource.hours += 1
            resource.save()
        else:
            skill = skills[row % len(skills)]
            if skill.dimensions.filter(pk=spare.pk).exists():
                skill.dimensions.remove(spare)
            else:
                skill.dimensions.add(spare)
    for table in historical_models():
        table.objects.filter(history_date__gte=since, history_user__isnull=True).update(
            history_user=editor
        )


@pytest.mark.template_context
def test_recent_changes_costs_the_same_queries_for_10_rows_as_for_100(editor_client, editor, guide):
    url = reverse("admin:recent_changes")
    make_changes(10, start=0, editor=editor)
    with CaptureQueriesContext(connection) as ten:
        response = editor_client.get(url, {"editor": editor.username})
    assert len(response.context["changes"]) == 10

    make_changes(90, start=10, editor=editor)
    with CaptureQueriesContext(connection) as hundred:
        response = editor_client.get(url, {"editor": editor.username})
    changes = response.context["changes"]
    assert len(changes) == 100
    # Every row still shows its values before and after, link changes included.
    assert all(change.diffs for change in changes)
    assert any(field == "dimensions" for change in changes for field, _, _ in change.diffs)
    assert len(hundred) == len(ten), sql_diff(ten, hundred)


def sql_diff(first, second) -> list[str]:
    """The statements one run made that the other did not, by what they read."""

    def reads(run):
        return sorted(query["sql"].split(" FROM ")[-1][:60] for query in run.captured_queries)

    left, right = reads(first), reads(second)
    return [f"- {text}" for text in left if text not in right] + [
        f"+ {text}" for text in right if text not in left
    ]


def resource_form(client, resource):
    url = reverse("admin:assessments_learningresource_change", args=[resource.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["skills"] = [skill.pk for skill in form.initial["skills"]]
    data["dimensions"] = [dimension.pk for dimension in form.initial["dimensions"]]
    return url, data


@pytest.mark.template_context
def test_a_resources_skills_change_is_listed_with_names_and_reverts(editor_client, editor, guide):
    resource = LearningResource.objects.filter(skills__isnull=False).order_by("pk").first()
    before = set(resource.skills.values_list("pk", flat=True))
    added = Skill.objects.exclude(pk__in=before).order_by("pk").first()
    url, data = resource_form(editor_client, resource)
    data["skills"] = [*before, added.pk]
    assert editor_client.post(url, data).status_code == 302
    assert set(resource.skills.values_list("pk", flat=True)) == {*before, added.pk}

    response = editor_client.get(reverse("admin:recent_changes"), {"editor": editor.username})
    link_change = next(
        change
        for change in response.context["changes"]
        if any(field == "skills" for field, _, _ in change.diffs)
    )
    (old, new) = next((o, n) for f, o, n in link_change.diffs if f == "skills")
    assert added.name not in old and added.name in new
    assert f"Skills: “{old}” → “{new}”" in response.content.decode()

    reverted = editor_client.post(
        reverse("admin:revert_change"),
        {"table": link_change.label, "change": link_change.record.history_id},
    )
    assert reverted.status_code == 302
    assert set(resource.skills.values_list("pk", flat=True)) == before
    latest = resource.history.first()
    assert latest.history_user == editor and "Revert of change" in latest.history_change_reason


def test_a_credentials_path_links_and_a_questions_roles_are_recorded(guide):
    from interviews.models import Question

    question = Question.objects.filter(owner__isnull=True).order_by("pk").first()
    count = question.history.count()
    question.roles.clear()
    assert question.history.count() == count + 1
    assert question.history.first().roles.count() == 0
    assert question.history.all()[1].roles.count() > 0


@pytest.mark.parametrize(
    "query",
    [
        {"table": "careers.historicalhub", "change": "0"},
        {"table": "careers.historicalhub", "change": "99999999999999999999"},
        {"table": "assessments.historicallearningresource_skills", "change": "1"},
        {"table": "auth.user", "change": "1"},
        {"table": "", "change": "abc"},
    ],
)
def test_a_revert_of_anything_but_a_content_change_is_a_404(editor_client, guide, query):
    assert editor_client.post(reverse("admin:revert_change"), query).status_code == 404


@pytest.mark.template_context
def test_an_interview_shapes_name_and_roles_are_recorded_and_revert(editor_client, editor, guide):
    from interviews.models import InterviewShape

    shape = InterviewShape.objects.order_by("position").first()
    name, roles = shape.name, set(shape.roles.values_list("pk", flat=True))
    url = reverse("admin:interviews_interviewshape_change", args=[shape.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        "position": shape.position,
        "name": "Renamed by an editor",
        "slug": shape.slug,
        "categories": list(shape.categories),
        "roles": [],
        "version": form.initial["version"],
    }
    assert editor_client.post(url, data).status_code == 302
    shape.refresh_from_db()
    assert shape.name == "Renamed by an editor" and not shape.roles.exists()

    response = editor_client.get(reverse("admin:recent_changes"), {"editor": editor.username})
    # The form's save and its links are two changes, each with its values before and after.
    changes = {
        field: change
        for change in response.context["changes"]
        if change.record.instance.pk == shape.pk
        for field, _, _ in change.diffs
    }
    assert ("name", name, "Renamed by an editor") in changes["name"].diffs
    assert set(changes) == {"name", "roles"}

    for field in ("roles", "name"):
        reverted = editor_client.post(
            reverse("admin:revert_change"),
            {"table": changes[field].label, "change": changes[field].record.history_id},
        )
        assert reverted.status_code == 302
    shape.refresh_from_db()
    assert shape.name == name and set(shape.roles.values_list("pk", flat=True)) == roles
