"""Answer first, then compare: the answer box before the key points, the checklist that
suggests a rating, and what was covered (and how long it took) kept with the review."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Note, Rating, ReviewLog
from interviews.self_check import check_answer, likely_covered, suggest_rating

PRACTICE = reverse("interviews:practice")


def url(question, name="question"):
    return reverse(f"interviews:{name}", args=[question.pk])


def ticked(content: str) -> list[str]:
    return re.findall(r'name="covered" value="(\d+)" checked', content)


@pytest.mark.parametrize(
    ("covered", "total", "rating"),
    [(0, 3, Rating.AGAIN), (1, 3, Rating.HARD), (2, 3, Rating.GOOD), (3, 3, Rating.EASY)],
)
def test_it_suggests_a_rating_from_the_share_of_key_points_covered(covered, total, rating):
    assert suggest_rating(covered=covered, total=total) == rating


def test_it_suggests_no_more_than_good_for_an_answer_that_ran_over_time():
    assert suggest_rating(covered=3, total=3, seconds=400, limit=300) == Rating.GOOD
    assert suggest_rating(covered=3, total=3, seconds=200, limit=300) == Rating.EASY


def test_it_guesses_the_points_a_typed_answer_covers():
    points = [
        "Initialize centroids with k-means++ seeding.",
        "Choose k with the elbow of the inertia curve or silhouette scores.",
        "Standardize features first.",
    ]
    answer = "I would seed the centroids with k-means++ and pick k at the inertia curve elbow."

    assert likely_covered(answer, points) == [0, 1]
    assert likely_covered("", points) == []


def test_it_puts_the_answer_box_before_the_key_points(alice_client, question):
    content = alice_client.get(url(question)).content.decode()

    assert content.index('name="body"') < content.index('id="strong-answer"')
    assert "Save and compare" in content


def test_it_saves_the_answer_then_shows_the_key_points_as_a_checklist(
    alice_client, alice, question
):
    response = alice_client.post(
        url(question, "note"), {"body": "I would state the idea and name a metric.", "compare": "1"}
    )

    assert response["Location"] == f"{url(question)}?show=1#strong-answer"
    assert Note.objects.get(user=alice, question=question).body.startswith("I would state")
    content = alice_client.get(response["Location"]).content.decode()
    # "States the idea" and "Names a metric" are guessed covered; the user can untick them.
    assert ticked(content) == ["0", "2"]
    assert "Suggested rating: <strong>Good</strong> (2 of 3 key points covered" in content


def test_it_keeps_the_draft_for_the_next_visit_and_to_its_author_only(
    client, alice, bob, question, note_factory
):
    note_factory(user=alice, question=question, body="My draft from yesterday")

    client.force_login(alice)
    assert "My draft from yesterday" in client.get(url(question)).content.decode()
    client.force_login(bob)
    assert "My draft from yesterday" not in client.get(url(question)).content.decode()


def test_it_updates_the_suggestion_from_the_ticks_without_rating(alice_client, question):
    response = alice_client.post(
        url(question, "rate"), {"covered": ["0", "1", "2"], "suggest": "1"}
    )

    assert response.status_code == 200
    assert "Suggested rating: <strong>Easy</strong>" in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_it_keeps_the_covered_points_and_the_suggestion_with_the_review(
    alice_client, alice, question
):
    alice_client.post(url(question, "rate"), {"covered": ["0", "2"], "rating": "4"})

    log = ReviewLog.objects.get(user=alice, question=question)
    assert log.rating == Rating.EASY  # the user's choice wins over the suggestion
    assert log.covered_points == ["States the idea", "Names a metric"]
    assert log.key_point_total == 3
    assert log.suggested_rating == Rating.GOOD
    assert log.seconds_taken is None


@pytest.mark.parametrize("covered", ["7", "-1", "two"])
def test_it_refuses_a_tick_outside_the_list(alice_client, question, covered):
    response = alice_client.post(url(question, "rate"), {"covered": covered, "rating": "3"})

    assert response.status_code == 400
    assert "Tick only the key points listed." in response.content.decode()
    assert not ReviewLog.objects.exists()


def start_session(client, *, size=1, timed=False):
    data = {"size": str(size)}
    if timed:
        data["timed"] = "on"
    assert client.post(PRACTICE, data).status_code == 302


def test_it_asks_for_the_answer_before_the_key_points_in_practice(alice_client, question):
    start_session(alice_client)

    content = alice_client.get(PRACTICE).content.decode()

    assert 'action="/interviews/practice/answer/"' in content
    assert "Gives the trade-offs" not in content
    assert "open the question page" not in content.lower()


def test_it_saves_a_practice_answer_as_the_draft_and_checks_it(alice_client, alice, question):
    start_session(alice_client)

    response = alice_client.post(
        reverse("interviews:practice_answer"),
        {"question": question.pk, "body": "It gives the trade-offs."},
    )

    assert response["Location"] == f"{PRACTICE}?show=1#strong-answer"
    assert Note.objects.get(user=alice, question=question).body == "It gives the trade-offs."
    content = alice_client.get(response["Location"]).content.decode()
    assert "It gives the trade-offs." in content
    assert ticked(content) == ["1"]
    assert "Suggested rating: <strong>Hard</strong>" in content


def test_it_refuses_a_practice_answer_too_long(alice_client, alice, question):
    start_session(alice_client)

    response = alice_client.post(
        reverse("interviews:practice_answer"), {"question": question.pk, "body": "x" * 10_001}
    )

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not Note.objects.exists()


def test_it_keeps_what_a_practice_answer_covered_with_the_review(alice_client, alice, question):
    start_session(alice_client)

    alice_client.post(
        reverse("interviews:practice_rate"),
        {"question": question.pk, "covered": ["1"], "rating": "2"},
    )

    log = ReviewLog.objects.get(user=alice)
    assert (log.rating, log.suggested_rating) == (Rating.HARD, Rating.HARD)
    assert log.covered_points == ["Gives the trade-offs"]
    assert log.seconds_taken is None  # the timer is off by default


def test_it_times_a_session_that_asks_for_it_without_javascript(alice_client, alice, question):
    start_session(alice_client, timed=True)
    content = alice_client.get(PRACTICE).content.decode()
    assert "Suggested time: 6 min" in content  # an algorithms question
    # The question was shown 90 seconds ago: move the recorded start back.
    store = alice_client.session
    shown = store["interviews_practice"]["shown"]
    shown[1] = (timezone.now() - timedelta(seconds=90)).isoformat()
    store.save()

    alice_client.post(
        reverse("interviews:practice_rate"),
        {"question": question.pk, "covered": ["0", "1", "2"], "rating": "4"},
    )

    log = ReviewLog.objects.get(user=alice)
    assert 90 <= log.seconds_taken <= 100
    assert log.suggested_rating == Rating.EASY


def test_it_shows_no_timer_unless_asked(alice_client, question):
    start_session(alice_client)

    assert "Suggested time" not in alice_client.get(PRACTICE).content.decode()


# -- the first guess: evidence terms, plain words, and saying when it is unsure (issue 21) --

POINTS = ["Assign each point to its nearest centroid.", "Standardize the features first."]
EVIDENCE = [
    ["nearest centroid", "closest center", "closest group"],
    ["same scale", "standardize", "rescale", "scale"],
]
PROMPT = "Implement k-means clustering from scratch."


def guess(answer, *, evidence=EVIDENCE, ticked=None):
    return check_answer(
        key_points=POINTS, answer=answer, ticked=ticked, evidence=evidence, prompt=PROMPT
    )


def test_it_recognises_a_paraphrase_and_shows_the_words_that_said_it():
    check = guess(
        "Every customer joins the closest group, after putting columns on the same scale."
    )

    assert [point.ticked for point in check.points] == [True, True]
    assert check.points[0].said == ("closest group",)
    assert check.suggested == Rating.EASY


def test_it_ticks_nothing_on_weak_evidence_and_asks_the_person_instead():
    # "scale" alone is one everyday word: a sign, not proof.
    check = guess("I would scale things, then work out which items go together.")

    assert not check.points[1].ticked and check.points[1].unsure
    assert check.points[1].said == ("scale",)
    assert check.suggested is None and check.unsure


UNREADABLE = (
    "You pick how many groups you want, scatter starting guesses, let each record join "
    "the guess it resembles most, then shift every guess and repeat until stable."
)


def test_it_never_suggests_again_for_a_real_attempt_it_cannot_read():
    check = guess(UNREADABLE)

    assert check.covered == 0
    assert check.suggested is None


def test_it_suggests_nothing_for_an_empty_answer_and_ticks_nothing_for_the_prompt():
    assert guess("").suggested is None
    assert guess(PROMPT).covered == 0


def test_the_persons_ticks_decide_the_suggestion_even_when_it_is_again():
    check = guess("closest group on the same scale", ticked=[])

    assert check.covered == 0
    assert check.suggested == Rating.AGAIN
    assert not any(point.unsure for point in check.points)


def test_the_shared_aliases_count_as_evidence_both_ways():
    check = check_answer(
        key_points=["Use retrieval-augmented generation for fresh knowledge."],
        answer="I'd put a RAG step in front of the model.",
        evidence=[["retrieval-augmented generation"]],
        aliases=[("RAG", "retrieval-augmented generation")],
    )

    assert check.points[0].ticked


def test_the_page_asks_for_ticks_when_unsure_and_shows_what_it_read(
    alice_client, question_factory, note_factory, alice
):
    question = question_factory(
        prompt="Implement k-means clustering from scratch.",
        key_points="\n".join(POINTS),
        key_point_evidence="\n".join("; ".join(terms) for terms in EVIDENCE),
    )
    note_factory(user=alice, question=question, body="Each point goes to the nearest centroid.")

    content = alice_client.get(url(question), {"show": "1"}).content.decode()

    assert ticked(content) == ["0"]
    assert "you said: nearest centroid" in content
    assert "Suggested rating: <strong>Hard</strong>" in content

    # The same page, for an answer it cannot read: no suggestion, and a request to tick.
    Note.objects.filter(user=alice, question=question).update(body=UNREADABLE)
    content = alice_client.get(url(question), {"show": "1"}).content.decode()
    assert ticked(content) == []
    assert "No suggested rating yet" in content


def logged_attempt(user):
    log = ReviewLog.objects.get(user=user)
    return (
        log.rating,
        log.covered_points,
        log.key_point_total,
        log.suggested_rating,
        log.seconds_taken,
    )


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"covered": ["0", "1"], "suggest": "1"}, 200),
        ({"covered": ["9"], "suggest": "1"}, 400),
        ({"covered": ["0"]}, 400),  # no rating
    ],
)
def test_the_question_page_and_a_session_redraw_the_checklist_alike(
    alice_client, question, data, status
):
    """One rating flow (CheckedRatingForm.redraw_status): the same ticks get the same answer
    on a question's page and in a practice session, and nothing is rated."""
    assert alice_client.post(url(question, "rate"), data).status_code == status
    start_session(alice_client)
    practice = alice_client.post(
        reverse("interviews:practice_rate"), {"question": question.pk, **data}
    )
    assert practice.status_code == status
    assert not ReviewLog.objects.exists()


def test_the_question_page_and_a_session_record_the_same_attempt(
    alice_client, alice, bob, question
):
    """One rating flow (AnswerCheck.attempt): the same ticks and rating keep the same
    attempt with the review, whichever page rated it."""
    ticks = {"covered": ["0", "2"], "rating": "3"}
    alice_client.post(url(question, "rate"), ticks)
    alice_client.force_login(bob)
    start_session(alice_client)
    alice_client.post(reverse("interviews:practice_rate"), {"question": question.pk, **ticks})
    assert logged_attempt(alice) == logged_attempt(bob)
    assert logged_attempt(alice)[1:3] == (["States the idea", "Names a metric"], 3)
