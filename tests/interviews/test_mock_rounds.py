"""Mock interview rounds live in the database: seeded by load_guide, edited in the admin, and
read by the next mock interview at once."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from interviews import mock as mock_rules
from interviews.loader import QuestionDataError, load_mock_rounds
from interviews.models import Category, MockAnswer, MockInterview, MockRound

MOCK = reverse("interviews:mock")
CHANGELIST = reverse("admin:interviews_mockround_changelist")
ADD = reverse("admin:interviews_mockround_add")


@pytest.fixture
def rounds(shapes):
    load_mock_rounds()
    return {round_.name: round_ for round_ in MockRound.objects.all()}


@pytest.fixture
def bank(question_factory):
    for category in Category.values:
        for _ in range(3):
            question_factory(category=category)


def admin_data(round_, **changes):
    data = {
        "position": round_.position,
        "name": round_.name,
        "categories": round_.categories,
        "in_loops_of": round_.in_loops_of,
        "question_count": round_.question_count or "",
        "suggested_minutes": round_.suggested_minutes or "",
        "from_guide": "on" if round_.from_guide else "",
    }
    return {key: value for key, value in {**data, **changes}.items() if value != ""}


def start(client):
    response = client.post(MOCK, {"role": "", "loop_size": "4", "per_round": "1"})
    assert response.status_code == 302
    return MockInterview.objects.latest("pk")


def test_load_guide_seeds_the_rounds_of_the_data_file_and_keeps_staff_edits(rounds):
    assert [r.name for r in MockRound.objects.all()][:2] == [
        "Initial screening",
        "Technical assessment",
    ]
    assert rounds["System design"].categories == ["system-design"]
    MockRound.objects.filter(name="System design").update(suggested_minutes=12)
    MockRound.objects.filter(name="Recent techniques").delete()

    assert load_mock_rounds() == {"mock rounds created": 1, "mock rounds kept": 13}
    assert MockRound.objects.get(name="System design").suggested_minutes == 12
    load_mock_rounds(reset=True)
    assert MockRound.objects.get(name="System design").suggested_minutes is None
    assert MockRound.objects.count() == 14


def test_an_admin_edit_of_a_round_shows_in_the_next_mock_interview_at_once(
    admin_client, alice_client, rounds, bank
):
    design = rounds["System design"]
    before = start(alice_client)
    assert before.answers.filter(round_name="System design").count() == 1

    response = admin_client.post(
        reverse("admin:interviews_mockround_change", args=[design.pk]),
        admin_data(design, question_count=2, suggested_minutes=7, name="System design deep dive"),
    )
    assert response.status_code == 302

    answers = MockAnswer.objects.filter(
        mock=start(alice_client), round_name="System design deep dive"
    )
    assert [answer.suggested_seconds for answer in answers] == [420, 420]
    # The user's one question per round still holds for the other rounds.
    assert MockAnswer.objects.filter(mock__pk__gt=before.pk).count() == 5
    page = alice_client.get(MOCK).content.decode()
    assert "System design deep dive" in page and "2 questions; 7 min per answer" in page


def test_the_admin_lists_adds_and_changes_rounds(admin_client, rounds):
    listing = admin_client.get(CHANGELIST).content.decode()
    assert "Initial screening" in listing and "Cultural fit and AI ethics" in listing
    assert admin_client.get(ADD).status_code == 200
    change = admin_client.get(
        reverse("admin:interviews_mockround_change", args=[rounds["System design"].pk])
    )
    assert change.status_code == 200
    assert 'value="system-design" id="id_categories_1" checked' in change.content.decode()

    response = admin_client.post(
        ADD,
        {
            "position": 15,
            "name": "Take-home review",
            "categories": ["debugging", "algorithms"],
            "in_loops_of": 6,
            "question_count": 1,
        },
    )

    assert response.status_code == 302
    added = MockRound.objects.get(name="Take-home review")
    assert added.categories == ["debugging", "algorithms"]
    assert "Take-home review" in [r.name for r in mock_rules.rounds_for(6)]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"categories": []}, "This field is required."),
        ({"categories": ["astrology"]}, "Select a valid choice"),
        ({"question_count": 4}, "less than or equal to 3"),
        ({"suggested_minutes": 0}, "greater than or equal to 1"),
        ({"suggested_minutes": -3}, "greater than or equal to 0"),
        ({"in_loops_of": 7}, "Select a valid choice"),
        ({"position": 1}, "already exists"),
    ],
)
def test_the_admin_refuses_a_round_that_cannot_be_asked(admin_client, rounds, changes, message):
    design = rounds["System design"]

    response = admin_client.post(
        reverse("admin:interviews_mockround_change", args=[design.pk]),
        admin_data(design, **changes),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    design.refresh_from_db()
    assert (design.categories, design.question_count) == (["system-design"], None)


def test_content_editors_may_edit_rounds(user_factory, rounds):
    from django.contrib.auth.models import Group

    editor = user_factory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(editor)

    assert client.get(CHANGELIST).status_code == 200


def test_it_says_so_when_no_round_is_set_up(alice_client, bank):
    response = alice_client.post(MOCK, {"role": "", "loop_size": "4", "per_round": "1"})

    assert response.status_code == 400
    assert "No mock interview rounds are set up yet." in response.content.decode()


def test_it_reads_the_rounds_once_per_content_version(rounds, django_assert_num_queries):
    mock_rules.all_rounds()

    with django_assert_num_queries(1):  # the content version only
        assert len(mock_rules.all_rounds()) == 14


def test_the_loader_refuses_a_file_that_does_not_make_every_loop(tmp_path, db):
    path = tmp_path / "rounds.json"
    path.write_text(
        json.dumps(
            {
                "rounds": [
                    {"name": "Only", "categories": ["ethics"], "from_guide": True, "in_loops_of": 4}
                ]
            }
        )
    )

    with pytest.raises(QuestionDataError, match="loop of 4 rounds"):
        load_mock_rounds(path=path)
    assert not MockRound.objects.exists()
