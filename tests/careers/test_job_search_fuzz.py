"""Issue 23, item 8: hostile values in every form and parameter of the job search, never a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers import applications
from careers.models import Application, Contact
from interviews.models import InterviewRound
from tests.test_fuzz import HOSTILE, assert_answered, fuzz_forms

pytestmark = pytest.mark.usefixtures("guide_for_module")


@pytest.fixture
def member(client, alice, guide):
    client.raise_request_exception = False  # a 500 must show as a 500, not an exception
    client.force_login(alice)
    day = datetime.date(2026, 11, 1)
    offer = applications.create_application(
        user=alice, fields={"company": "Acme AI", "role_title": "MLE", "stage": "offer"}, on=day
    )
    interviewing = applications.create_application(
        user=alice,
        fields={
            "company": "Globex",
            "role_title": "NLP engineer",
            "stage": "interviewing",
            "posting_text": "Python, PyTorch and RAG.",
        },
        on=day,
    )
    Contact.objects.create(application=interviewing, name="Priya")
    InterviewRound.objects.create(
        application=interviewing,
        kind="technical",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    return client, offer, interviewing


def test_every_job_search_form_survives_hostile_values(member):
    client, offer, interviewing = member
    pages = [
        reverse("applications:board"),
        reverse("applications:new"),
        offer.get_absolute_url(),
        interviewing.get_absolute_url(),
        reverse("applications:edit", args=[interviewing.pk]),
        reverse("applications:reminders"),
        reverse("assessments:posting_gaps", args=[interviewing.pk]),
    ]
    assert fuzz_forms(client, pages) > 150
    assert Application.objects.count() == 2  # hostile input added nothing


@pytest.mark.parametrize("value", HOSTILE)
def test_query_parameters_and_tokens_survive_hostile_values(member, value):
    client, *_ = member
    assert_answered(client.get(reverse("applications:board"), {"view": value}), "view")
    for name in ("calendar", "unsubscribe"):
        token = value.replace("\x00", "%00")
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(f"applications:{name}", args=[token]))
            assert response.status_code in (200, 404, 405), (name, method)
    response = client.get(reverse("applications:unsubscribe", args=[value.replace("\x00", "")]))
    assert response.status_code == 200  # the confirmation page; only a POST with a good token acts
