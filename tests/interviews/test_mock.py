"""/interviews/mock/: the guide's rounds for a role, timed typed answers, and a report whose
confirmed ratings schedule the questions."""

import random
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import mock as mock_rules
from interviews.loader import load_mock_rounds
from interviews.models import CardState, Category, MockAnswer, MockInterview, ReviewLog

URL = reverse("interviews:mock")


@pytest.fixture(autouse=True)
def rounds(db):
    """The rounds as load_guide seeds them from the data file."""
    load_mock_rounds()


@pytest.fixture
def role(role_factory):
    return role_factory(slug="ml-engineer", name="Machine Learning Engineer")


@pytest.fixture
def bank(question_factory, role):
    """Three questions in every category, the first two of each tagged for the role."""
    questions = {}
    for category in Category.values:
        questions[category] = [
            question_factory(category=category, roles=[role] if n < 2 else []) for n in range(3)
        ]
    return questions


def test_it_asks_the_guides_four_rounds_one_question_each(alice, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now(), rng=random.Random(1)
    )

    answers = list(mock.answers.select_related("question"))
    assert [a.round_name for a in answers] == [
        "Initial screening",
        "Technical assessment",
        "System design",
        "Cultural fit and AI ethics",
    ]
    assert answers[0].question.category == Category.BEHAVIOURAL
    assert answers[2].question.category == Category.SYSTEM_DESIGN
    assert all(role in a.question.roles.all() for a in answers)
    assert answers[2].suggested_seconds == 600


def test_it_asks_six_rounds_of_two_questions_never_one_twice(alice, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=6, per_round=2, now=timezone.now()
    )

    answers = list(mock.answers.all())
    assert len(answers) == 12
    assert len({a.question_id for a in answers}) == 12
    assert [a.round_number for a in answers] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]


def test_it_says_which_round_the_bank_cannot_fill(alice_client, question_factory):
    question_factory(category=Category.BEHAVIOURAL)

    response = alice_client.post(URL, {"role": "", "loop_size": "4", "per_round": "1"})

    assert response.status_code == 400
    assert "no question for the Technical assessment round" in response.content.decode()
    assert not MockInterview.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"loop_size": "7", "per_round": "1"},
        {"loop_size": "4", "per_round": "3"},
        {"loop_size": "four", "per_round": "1"},
        {"loop_size": "4", "per_round": "1", "role": "999999"},
    ],
)
def test_it_refuses_a_bad_start(alice_client, bank, data):
    response = alice_client.post(URL, data)

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not MockInterview.objects.exists()


def answer_all(client, mock, bodies):
    """Answer each question as shown, as if each took a minute more than the last."""
    for number, body in enumerate(bodies, 1):
        page = client.get(mock.get_absolute_url()).content.decode()
        position = int(re.search(r'name="position" value="(\d+)"', page).group(1))
        assert position == number
        MockAnswer.objects.filter(mock=mock, position=position).update(
            shown_at=timezone.now() - timedelta(seconds=60 * number)
        )
        response = client.post(
            reverse("interviews:mock_answer", args=[mock.pk]),
            {"position": position, "body": body},
        )
        assert response.status_code == 302


def test_it_runs_a_mock_to_a_report_and_schedules_what_the_user_confirms(
    alice_client, alice, role, bank
):
    response = alice_client.post(URL, {"role": role.pk, "loop_size": "4", "per_round": "1"})
    mock = MockInterview.objects.get(user=alice)
    assert response["Location"] == mock.get_absolute_url()
    first = alice_client.get(mock.get_absolute_url()).content.decode()
    assert "Round 1: Initial screening" in first
    assert "Suggested time: 4 min" in first
    assert "States the idea" not in first  # the key points wait for the report

    answer_all(alice_client, mock, ["I state the idea and give the trade-offs.", "", "x", "y"])

    report = alice_client.get(mock.get_absolute_url()).content.decode()
    assert "Mock interview report" in report
    assert "Time per round" in report
    rows = re.findall(r"<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", report)
    assert [(taken.split()[0], covered) for taken, _, covered in rows] == [
        ("1", "2 of 3"),
        ("2", "0 of 3"),
        ("3", "0 of 3"),
        ("4", "0 of 3"),
    ]
    assert rows[2][1] == "10 min"  # system design's suggested time
    assert not ReviewLog.objects.exists()  # nothing is scheduled until the user confirms

    data = {"covered-1": ["0", "1"], "rating-1": "3", "covered-3": ["2"]}
    data.update({"rating-2": "1", "rating-3": "2", "rating-4": "1"})
    response = alice_client.post(reverse("interviews:mock_confirm", args=[mock.pk]), data)

    assert response.status_code == 302
    logs = {log.question_id: log for log in ReviewLog.objects.filter(user=alice)}
    answers = {a.position: a for a in mock.answers.all()}
    assert len(logs) == 4
    first_log = logs[answers[1].question_id]
    assert first_log.rating == 3
    assert first_log.covered_points == ["States the idea", "Gives the trade-offs"]
    assert 55 <= first_log.seconds_taken <= 65
    assert logs[answers[3].question_id].covered_points == ["Names a metric"]
    assert CardState.objects.filter(user=alice, due__isnull=False).count() == 4
    confirmed = alice_client.get(mock.get_absolute_url()).content.decode()
    assert "Ratings confirmed" in confirmed
    # A second confirm (another tab, a double click) schedules nothing twice.
    alice_client.post(reverse("interviews:mock_confirm", args=[mock.pk]), data)
    assert ReviewLog.objects.filter(user=alice).count() == 4


def test_it_updates_the_suggestions_from_the_ticks_without_scheduling(
    alice_client, alice, role, bank
):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    answer_all(alice_client, mock, ["", "", "", ""])

    data = {"suggest": "1", "covered-1": ["0", "1", "2"]}
    data.update({f"rating-{n}": "1" for n in range(1, 5)})
    response = alice_client.post(reverse("interviews:mock_confirm", args=[mock.pk]), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Suggested rating: <strong>Easy</strong> (3 of 3 key points)" in content
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize(
    "data", [{"rating-1": "9"}, {"rating-1": "3", "covered-1": "5"}, {"rating-1": "good"}]
)
def test_it_refuses_a_bad_report(alice_client, alice, role, bank, data):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    answer_all(alice_client, mock, ["", "", "", ""])
    data = {"rating-2": "3", "rating-3": "3", "rating-4": "3", **data}

    response = alice_client.post(reverse("interviews:mock_confirm", args=[mock.pk]), data)

    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_it_refuses_a_bad_answer_and_keeps_the_question(alice_client, alice, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    alice_client.get(mock.get_absolute_url())

    response = alice_client.post(
        reverse("interviews:mock_answer", args=[mock.pk]), {"position": "abc", "body": "x"}
    )

    assert response.status_code == 400
    assert not MockAnswer.objects.filter(answered_at__isnull=False).exists()


def test_it_is_a_404_for_another_users_mock(client, alice, bob, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    client.force_login(bob)

    assert client.get(mock.get_absolute_url()).status_code == 404
    answer_url = reverse("interviews:mock_answer", args=[mock.pk])
    assert client.post(answer_url, {"position": "1", "body": "x"}).status_code == 404
    confirm_url = reverse("interviews:mock_confirm", args=[mock.pk])
    assert client.post(confirm_url, {"rating-1": "3"}).status_code == 404
    assert "Your mock interviews" in client.get(URL).content.decode()
    assert mock.get_absolute_url() not in client.get(URL).content.decode()


def test_it_lists_past_mocks_with_their_reports(alice_client, alice, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )

    content = alice_client.get(URL).content.decode()

    assert f'href="{mock.get_absolute_url()}"' in content
    assert "In progress" in content


def test_it_asks_visitors_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_names_which_rounds_are_the_guides(alice_client, db):
    content = alice_client.get(URL).content.decode()

    assert content.count("(named by the guide;") == 4
    assert content.count("(our addition;") == 2


def test_it_asks_for_a_rating_where_it_cannot_read_an_answer(alice_client, alice, role, bank):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    unreadable = (
        "I would walk them through a time our team had to change course quickly, what I "
        "decided, who I brought along, and how the customers reacted over the next month."
    )
    answer_all(alice_client, mock, [unreadable, "", "", ""])

    report = alice_client.get(mock.get_absolute_url()).content.decode()
    assert "No suggested rating: we could not tell from the words alone." in report
    assert '<option value="" selected>Choose a rating</option>' in report

    data = {"rating-2": "1", "rating-3": "1", "rating-4": "1"}
    response = alice_client.post(reverse("interviews:mock_confirm", args=[mock.pk]), data)

    assert response.status_code == 400
    assert "Choose a rating for each answer." in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_it_updates_the_suggestions_before_every_answer_has_a_rating(
    alice_client, alice, role, bank
):
    mock = mock_rules.start_mock(
        user=alice, role=role, loop_size=4, per_round=1, now=timezone.now()
    )
    answer_all(alice_client, mock, ["", "", "", ""])  # nothing typed: no suggestion yet

    response = alice_client.post(
        reverse("interviews:mock_confirm", args=[mock.pk]), {"suggest": "1", "covered-1": ["0"]}
    )

    assert response.status_code == 200
    assert (
        "Suggested rating: <strong>Again</strong> (0 of 3 key points)" in response.content.decode()
    )
    assert (
        "Suggested rating: <strong>Hard</strong> (1 of 3 key points)" in response.content.decode()
    )
