"""The interviews section of "Download my data", and what deleting an account removes."""

from django.utils import timezone

from interviews import scheduling
from interviews.models import Bookmark, CardState, Note, Rating, ReviewLog


def test_it_exports_my_notes_card_states_logs_and_bookmarks_only(
    alice_client, alice, bob, question, note_factory, bookmark_factory, download_my_data
):
    scheduling.rate(user=alice, question=question, rating=Rating.HARD, now=timezone.now())
    scheduling.rate(user=bob, question=question, rating=Rating.EASY, now=timezone.now())
    note_factory(user=alice, question=question, body="Mine")
    note_factory(user=bob, question=question, body="Bob's")
    bookmark_factory(user=alice, question=question)

    section = download_my_data(alice_client)["interviews"]
    (card,) = section["card_states"]
    assert card["question"] == "bias-in-a-model"
    assert card["first_rating"] == "Hard"
    assert card["scheduler_card"]["state"] == 1
    (log,) = section["review_logs"]
    assert log["rating"] == "Hard"
    assert section["notes"] == [
        {
            "question": "bias-in-a-model",
            "body": "Mine",
            "updated_at": section["notes"][0]["updated_at"],
        }
    ]
    assert [b["question"] for b in section["bookmarks"]] == ["bias-in-a-model"]


def test_it_exports_my_fresh_cycles(alice_client, alice, bob, question, download_my_data):
    for user in (alice, bob):
        scheduling.rate(user=user, question=question, rating=Rating.GOOD, now=timezone.now())
    scheduling.start_fresh_cycle(user=alice, category="algorithms", now=timezone.now())
    scheduling.start_fresh_cycle(user=bob, category=None, now=timezone.now())

    (cycle,) = download_my_data(alice_client)["interviews"]["fresh_cycles"]

    assert cycle["category"] == "algorithms"
    assert cycle["started_at"]


def test_it_removes_my_practice_with_my_account(alice, question, note_factory, bookmark_factory):
    scheduling.rate(user=alice, question=question, rating=Rating.GOOD, now=timezone.now())
    note_factory(user=alice, question=question)
    bookmark_factory(user=alice, question=question)

    alice.delete()

    for model in (CardState, ReviewLog, Note, Bookmark):
        assert not model.objects.exists()
