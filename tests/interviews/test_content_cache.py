"""The bank and question pages read published questions from a per-process cache keyed on
the content version: a staff edit must still show at once, signed in or not."""

from django.urls import reverse
from django.utils import timezone

from interviews import scheduling
from interviews.models import Rating

BANK = reverse("interviews:bank")
PROGRESS = reverse("interviews:progress")
CHANGELIST = reverse("admin:interviews_question_changelist")


def question_url(question, *query: str) -> str:
    return reverse("interviews:question", args=[question.pk]) + "".join(query)


def test_it_shows_an_edited_prompt_in_the_signed_in_bank_at_once(alice_client, question_factory):
    question = question_factory(prompt="The old wording.")
    assert "The old wording." in alice_client.get(BANK).content.decode()

    question.prompt = "The new wording."
    question.save()

    content = alice_client.get(BANK).content.decode()
    assert "The new wording." in content
    assert "The old wording." not in content


def test_it_drops_a_question_unpublished_in_the_admin_at_once(
    alice_client, admin_client, question_factory
):
    kept = question_factory(prompt="Still published.")
    dropped = question_factory(prompt="About to be unpublished.")
    assert "About to be unpublished." in alice_client.get(BANK).content.decode()
    assert alice_client.get(question_url(dropped)).status_code == 200

    admin_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [dropped.pk], "apply": "1"}
    )

    content = alice_client.get(BANK).content.decode()
    assert "About to be unpublished." not in content
    assert "Still published." in content
    assert alice_client.get(question_url(dropped)).status_code == 404
    assert alice_client.get(question_url(kept)).status_code == 200


def test_it_counts_a_newly_linked_role_at_once(alice_client, question_factory, role_factory):
    role = role_factory(slug="prompt-engineer", name="Prompt Engineer")
    question = question_factory(prompt="Design a prompt evaluation.")
    assert "Prompt Engineer (0)" in alice_client.get(BANK).content.decode()

    question.roles.add(role)

    assert "Prompt Engineer (1)" in alice_client.get(BANK).content.decode()
    content = alice_client.get(question_url(question)).content.decode()
    assert f'href="{BANK}?role=prompt-engineer">Prompt Engineer</a>' in content


def test_it_shows_edited_key_points_on_the_question_page_at_once(alice_client, question_factory):
    question = question_factory(key_points="Names the old metric")
    assert (
        "Names the old metric"
        in alice_client.get(question_url(question, "?show=1")).content.decode()
    )

    question.key_points = "Names the new metric"
    question.save()

    content = alice_client.get(question_url(question, "?show=1")).content.decode()
    assert "Names the new metric" in content
    assert "Names the old metric" not in content


def test_it_reads_the_bank_once_per_content_version(
    alice_client, question_factory, django_assert_max_num_queries
):
    for number in range(30):
        question_factory(prompt=f"Question {number:02d}")
    alice_client.get(BANK)

    # Session, user, content version, the user's cards and bookmarks: nothing of the bank.
    with django_assert_max_num_queries(5):
        response = alice_client.get(BANK, {"category": "algorithms", "difficulty": "2"})
    assert response.status_code == 200


def test_it_redraws_the_practice_chart_as_soon_as_a_rating_lands(alice_client, alice, question):
    today = timezone.localdate()
    today_row = f'<th scope="row">{today.day} {today:%b}</th><td class="num">'
    assert f"{today_row}0</td>" in alice_client.get(PROGRESS).content.decode()

    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())

    content = alice_client.get(PROGRESS).content.decode()
    assert f"{today_row}1</td>" in content
    assert f"{today_row}0</td>" not in content


def test_it_counts_progress_on_the_bank_as_published_now(alice_client, alice, question_factory):
    question = question_factory(prompt="Soon gone.")
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())
    assert ">1</td>" in alice_client.get(PROGRESS).content.decode()

    question.is_published = False
    question.save()

    content = alice_client.get(PROGRESS).content.decode()
    assert "The bank has no published questions yet." in content
