"""Issue 26, item 8: visitors cannot grow the database without bound."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from assessments.questionnaire import load_questionnaire

START = reverse("assessments:start")


@override_settings(VISITOR_ASSESSMENTS_PER_ADDRESS_PER_HOUR=3)
def test_an_address_starts_a_stated_number_of_visitor_assessments_an_hour(db):
    statuses = [Client().post(START).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert Assessment.objects.count() == 3
    refused = Client().post(START)
    assert "Too many assessments were started from your network" in refused.content.decode()
    # Another address is not held back by this one.
    assert Client(REMOTE_ADDR="203.0.113.9").post(START).status_code == 302


@override_settings(VISITOR_ASSESSMENTS_PER_ADDRESS_PER_HOUR=1)
def test_a_visitor_going_back_to_their_unfinished_assessment_is_not_counted(db, alice_client):
    visitor = Client()
    first = visitor.post(START)
    again = visitor.post(START)

    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    # Members are not counted as visitors.
    assert alice_client.post(START).status_code == 302


def aged(assessment, days):
    Assessment.objects.filter(pk=assessment.pk).update(
        updated_at=timezone.now() - timedelta(days=days)
    )
    return assessment


def test_unfinished_visitor_assessments_are_pruned_sooner_than_sessions_expire(alice):
    days = settings.VISITOR_UNFINISHED_DAYS
    session_days = settings.SESSION_COOKIE_AGE // 86400
    assert days < session_days
    abandoned = aged(Assessment.objects.create(user=None), days + 1)
    fresh = aged(Assessment.objects.create(user=None), days - 1)
    completed = aged(Assessment.objects.create(user=None, completed_at=timezone.now()), days + 1)
    members = aged(Assessment.objects.create(user=alice), days + 1)

    call_command("prune_visitor_assessments", stdout=StringIO())

    remaining = set(Assessment.objects.values_list("pk", flat=True))
    assert abandoned.pk not in remaining
    assert {fresh.pk, completed.pk, members.pk} <= remaining


def test_a_visitor_session_that_holds_only_unfinished_work_expires_sooner(client, db):
    client.post(START)

    assert client.session.get_expiry_age() == settings.VISITOR_UNFINISHED_DAYS * 86400


@pytest.mark.usefixtures("content")
def test_a_completed_visitor_result_keeps_the_full_session(client, step_post_data):
    client.post(START)
    assessment = Assessment.objects.get()
    step = reverse("assessments:step", args=[assessment.pk, 1])
    client.post(step, {"background": "education", "weekly_study_hours": "5"})
    review = load_questionnaire().review_number
    for number in range(2, review):
        client.post(
            reverse("assessments:step", args=[assessment.pk, number]), step_post_data(number, 2)
        )
    client.post(reverse("assessments:step", args=[assessment.pk, review]))

    assert Assessment.objects.get().is_complete
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
