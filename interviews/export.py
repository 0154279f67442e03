"""The interviews part of a user's "Download my data" file."""

from __future__ import annotations

from typing import Any

from .models import Bookmark, CardState, MockInterview, Note, Question, ReviewLog


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_interview_practice(user) -> dict[str, Any]:
    cards = CardState.objects.for_user(user).select_related("question").order_by("pk")
    logs = ReviewLog.objects.for_user(user).select_related("question").order_by("rated_at", "pk")
    notes = Note.objects.for_user(user).select_related("question").order_by("pk")
    bookmarks = Bookmark.objects.for_user(user).select_related("question").order_by("pk")
    own_questions = Question.objects.owned_by(user).prefetch_related("roles").order_by("pk")
    mocks = (
        MockInterview.objects.for_user(user)
        .select_related("role")
        .prefetch_related("answers__question")
        .order_by("started_at", "pk")
    )
    return {
        "card_states": [
            {
                "question": card.question.slug,
                "state": card.get_state_display(),
                "due": _iso(card.due),
                "interval_days": card.interval_days,
                "last_rated_at": _iso(card.last_rated_at),
                "review_count": card.review_count,
                "cycle": card.cycle,
                "cycle_started_at": _iso(card.cycle_started_at),
                "first_rating": card.get_first_rating_display() if card.first_rating else None,
                "first_rated_at": _iso(card.first_rated_at),
                "scheduler_card": card.card,
            }
            for card in cards
        ],
        "review_logs": [
            {
                "question": log.question.slug,
                "rating": log.get_rating_display(),
                "rated_at": _iso(log.rated_at),
                "due": _iso(log.due),
                "interval_days": log.interval_days,
                "cycle": log.cycle,
                "covered_points": log.covered_points,
                "key_point_total": log.key_point_total,
                "suggested_rating": (
                    log.get_suggested_rating_display() if log.suggested_rating else None
                ),
                "seconds_taken": log.seconds_taken,
            }
            for log in logs
        ],
        "notes": [
            {"question": note.question.slug, "body": note.body, "updated_at": _iso(note.updated_at)}
            for note in notes
        ],
        "own_questions": [
            {
                "question": question.slug,
                "prompt": question.prompt,
                "category": question.category,
                "key_points": question.key_point_list,
                "follow_ups": question.follow_up_list,
                "roles": [role.slug for role in question.roles.all()],
                "company": question.company,
            }
            for question in own_questions
        ],
        "mock_interviews": [
            {
                "role": mock.role.slug if mock.role else None,
                "started_at": _iso(mock.started_at),
                "finished_at": _iso(mock.finished_at),
                "confirmed_at": _iso(mock.confirmed_at),
                "answers": [
                    {
                        "round": answer.round_name,
                        "question": answer.question.slug,
                        "answer": answer.body,
                        "shown_at": _iso(answer.shown_at),
                        "answered_at": _iso(answer.answered_at),
                        "covered_points": answer.covered_points,
                        "rating": answer.get_rating_display() if answer.rating else None,
                    }
                    for answer in mock.answers.all()
                ],
            }
            for mock in mocks
        ],
        "bookmarks": [
            {"question": bookmark.question.slug, "created_at": _iso(bookmark.created_at)}
            for bookmark in bookmarks
        ],
    }
