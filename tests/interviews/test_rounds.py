"""Interview rounds on real dates: adding them, what practice and the home page do with them."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careers import applications
from interviews import scheduling
from interviews.models import InterviewRound, MockInterview, Rating
from interviews.practice_queue import session_queue
from interviews.rounds import countdown

HOME = reverse("careers:home")


def make_application(user, company="Acme AI", stage="interviewing"):
    return applications.create_application(
        user=user,
        fields={"company": company, "role_title": "ML engineer", "stage": stage},
        on=datetime.date(2026, 11, 1),
    )


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_adds_a_round_to_come(alice_client, alice):
    application = make_application(alice)
    when = timezone.now() + timedelta(days=3)
    response = alice_client.post(
        reverse("interviews:add_round", args=[application.pk]),
        {"kind": "technical", "starts_at": local_input(when), "with_whom": "Dana, tech lead"},
    )
    assert response.status_code == 302
    interview_round = InterviewRound.objects.get()
    assert interview_round.application == application and interview_round.kind == "technical"
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Technical interview" in page and "with Dana, tech lead" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "technical", "starts_at": "2020-01-01T10:00"}, "cannot be in the past"),
        ({"kind": "technical", "starts_at": "tomorrow"}, "Enter a valid date/time"),
        ({"kind": "technical", "starts_at": "9999-12-31T23:59"}, "before 2100"),
        ({"kind": "karaoke", "starts_at": "2099-01-01T10:00"}, "Select a valid choice"),
        ({"kind": "technical", "starts_at": ""}, "This field is required"),
        (
            {"kind": "technical", "starts_at": "2099-01-01T10:00", "with_whom": "x" * 500},
            "at most 120",
        ),
    ],
)
def test_it_refuses_a_bad_round_with_a_clear_message(alice_client, alice, data, message):
    application = make_application(alice)
    response = alice_client.post(reverse("interviews:add_round", args=[application.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InterviewRound.objects.exists()


def test_another_members_application_and_rounds_are_404(client, alice, bob):
    application = make_application(alice)
    interview_round = InterviewRound.objects.create(
        application=application, kind="technical", starts_at=timezone.now() + timedelta(days=2)
    )
    client.force_login(bob)
    add = reverse("interviews:add_round", args=[application.pk])
    assert client.post(add, {"kind": "screen", "starts_at": "2099-01-01T10:00"}).status_code == 404
    for name in ("delete_round", "round_mock"):
        assert (
            client.post(reverse(f"interviews:{name}", args=[interview_round.pk])).status_code == 404
        )
    assert InterviewRound.objects.count() == 1


def test_the_countdown_says_the_day_and_what_to_do():
    now = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=datetime.UTC)  # a Saturday
    application = applications.Application(company="Acme AI")
    near = InterviewRound(
        application=application, kind="technical", starts_at=now + timedelta(days=3, hours=2)
    )
    assert (
        countdown(near, now)
        == "Technical interview with Acme AI on Tuesday — 3 days: run a mock today"
    )
    later = InterviewRound(
        application=application, kind="system-design", starts_at=now + timedelta(days=9)
    )
    assert countdown(later, now) == (
        "System design interview with Acme AI on Monday 14 December — 9 days: "
        "practise its questions this week"
    )
    tomorrow = InterviewRound(
        application=application, kind="screen", starts_at=now + timedelta(days=1)
    )
    assert countdown(tomorrow, now).startswith("Screening call with Acme AI tomorrow — 1 day")


def test_the_home_page_counts_down_to_the_next_round(alice_client, alice, bob):
    application = make_application(alice)
    # Noon three calendar days on: "now + 3 days" is four days away after 23:00.
    noon = datetime.datetime.combine(timezone.localdate() + timedelta(days=3), datetime.time(12))
    InterviewRound.objects.create(
        application=application, kind="technical", starts_at=timezone.make_aware(noon)
    )
    closed = make_application(alice, "Gone", stage="rejected")
    InterviewRound.objects.create(
        application=closed, kind="screen", starts_at=timezone.now() + timedelta(days=1)
    )
    page = alice_client.get(HOME).content.decode()
    assert "Technical interview with Acme AI on" in page
    assert "— 3 days: run a mock today" in page
    assert "Gone" not in page
    alice_client.force_login(bob)
    assert "Interviews coming up" not in alice_client.get(HOME).content.decode()


def test_due_reviews_of_the_rounds_categories_come_first(alice, question_factory):
    week_ago = timezone.now() - timedelta(days=7)
    behavioural = question_factory(category="behavioural")
    algorithms = question_factory(category="algorithms")
    # The behavioural one is the more overdue: without a round it comes first.
    scheduling.rate(user=alice, question=behavioural, rating=Rating.AGAIN, now=week_ago)
    scheduling.rate(
        user=alice, question=algorithms, rating=Rating.AGAIN, now=week_ago + timedelta(hours=1)
    )
    now = timezone.now()
    for due_today in (True, False):
        assert session_queue(user=alice, size=1, categories=[], due_today=due_today, now=now) == [
            behavioural.pk
        ]
    InterviewRound.objects.create(
        application=make_application(alice), kind="technical", starts_at=now + timedelta(days=2)
    )
    for due_today in (True, False):
        assert session_queue(user=alice, size=1, categories=[], due_today=due_today, now=now) == [
            algorithms.pk
        ]


def test_a_mock_of_the_round_asks_only_that_rounds_kind(alice_client, alice, guide):
    application = make_application(alice)
    interview_round = InterviewRound.objects.create(
        application=application, kind="system-design", starts_at=timezone.now() + timedelta(days=2)
    )
    response = alice_client.post(reverse("interviews:round_mock", args=[interview_round.pk]))
    mock = MockInterview.objects.get(user=alice)
    assert response.url == mock.get_absolute_url()
    assert set(mock.answers.values_list("question__category", flat=True)) == {"system-design"}


def test_the_home_page_with_rounds_stays_within_the_page_budget(
    alice_client, alice, guide, django_assert_max_num_queries
):
    for n in range(30):
        application = make_application(alice, f"Company {n}")
        InterviewRound.objects.create(
            application=application,
            kind="technical",
            starts_at=timezone.now() + timedelta(days=1 + n % 10),
        )
    alice_client.get(HOME)  # the content the page shares is cached once anybody has seen it
    with django_assert_max_num_queries(10):
        page = alice_client.get(HOME).content.decode()
    assert page.count('data-figure="round-countdown"') == 10


def test_an_application_page_reads_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    application = make_application(alice)
    for n in range(20):
        InterviewRound.objects.create(
            application=application, kind="screen", starts_at=timezone.now() + timedelta(days=n + 1)
        )
        application.contacts.create(name=f"Contact {n}")
        applications.move_application(
            application=application,
            stage="screening" if n % 2 else "interviewing",
            on=datetime.date(2026, 11, 2),
        )
    with django_assert_max_num_queries(8):
        page = alice_client.get(application.get_absolute_url()).content.decode()
    assert page.count("<li>Contact ") == 20
