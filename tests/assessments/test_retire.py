"""The admin "Retire…" action: its permission, its successor rules, and what it tells editors."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from assessments.models import Certification
from config.sitewide.history import historical_model
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module")

CHANGELIST = reverse("admin:assessments_certification_changelist")
EXAM = "aws-ml-engineer-associate"
SUCCESSOR = "google-professional-ml-engineer"


def logged_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def editor(content):
    user = factories.UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def retire(client, *certifications, **fields):
    data = {"action": "retire", "_selected_action": [c.pk for c in certifications], **fields}
    return client.post(CHANGELIST, data)


def cert(slug):
    return Certification.objects.get(slug=slug)


def test_staff_who_may_only_view_cannot_retire(content):
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_certification"))
    exam = cert(EXAM)
    response = retire(logged_in(viewer), exam, apply="1", retired_on="2026-01-31")
    assert response.status_code in (200, 302, 403)
    exam.refresh_from_db()
    assert exam.status == "active"


def test_a_certification_cannot_be_its_own_successor(editor):
    exam = cert(EXAM)
    response = retire(
        logged_in(editor), exam, apply="1", retired_on="2026-01-31", successor=exam.pk
    )
    assert "cannot be their successor" in response.content.decode()
    exam.refresh_from_db()
    assert exam.status == "active"


def test_a_retired_successor_is_refused_in_plain_words(editor):
    exam, other = cert(EXAM), cert(SUCCESSOR)
    other.status, other.retired_on = "retired", datetime.date(2026, 1, 1)
    other.save()
    response = retire(
        logged_in(editor), exam, apply="1", retired_on="2026-01-31", successor=other.pk
    )
    assert "not a retired one" in response.content.decode()
    exam.refresh_from_db()
    assert exam.status == "active"


def test_retired_ones_keep_their_date_and_every_checked_date_stays(editor):
    exam, old = cert(EXAM), cert(SUCCESSOR)
    old.status, old.retired_on = "retired", datetime.date(2025, 6, 30)
    old.save()
    checked = exam.checked_on
    response = retire(logged_in(editor), exam, old, apply="1", retired_on="2026-01-31")
    assert response.status_code == 302
    exam.refresh_from_db()
    old.refresh_from_db()
    assert (exam.status, exam.retired_on, exam.checked_on) == (
        "retired",
        datetime.date(2026, 1, 31),
        checked,
    )
    assert old.retired_on == datetime.date(2025, 6, 30)


def test_the_preview_says_what_the_members_saved_plan_then_says(editor, alice, take_assessment):
    saved = take_assessment(
        alice,
        background="developer",
        answers={"prog-experience": 4},
        interested=["machine-learning-engineer"],
    )
    exam, successor = cert(EXAM), cert(SUCCESSOR)
    client = logged_in(editor)
    fields = {"retired_on": "2027-01-31", "successor": successor.pk}
    preview = retire(client, exam, preview="1", **fields).content.decode()
    notice = "Retired on 31 January 2027 — take Google Professional ML Engineer instead."
    assert f'<q class="retire-notice">{notice}</q>' in preview
    assert "drops that exam step" in preview
    exam.refresh_from_db()
    assert exam.status == "active"

    retire(client, exam, apply="1", **fields)
    result = logged_in(alice).get(reverse("assessments:result", args=[saved.pk]))
    assert notice in result.content.decode()


@pytest.mark.template_context
def test_a_retirement_run_is_in_recent_changes_and_reverts_whole(editor):
    exam, other = cert(EXAM), cert("azure-ai-apps-agents-developer")
    client = logged_in(editor)
    retire(client, exam, other, apply="1", retired_on="2026-01-31")
    changes = client.get(reverse("admin:recent_changes"), {"editor": "editor"}).context["changes"]
    runs = {change.record.history_change_reason for change in changes}
    assert len(runs) == 1 and next(iter(runs)).startswith("Bulk action “Retire certifications”")
    assert len(changes) == 2
    first = changes[0]
    table = historical_model(first.label)
    assert table is not None
    client.post(
        reverse("admin:revert_change"), {"table": first.label, "change": first.record.history_id}
    )
    exam.refresh_from_db()
    other.refresh_from_db()
    assert (exam.status, exam.retired_on, other.status) == ("active", None, "active")
