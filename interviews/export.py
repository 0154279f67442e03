"""The interviews part of a user's "Download my data" file, yielded row by row as it is read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from config.sitewide.keyset import in_pages

from .models import (
    Bookmark,
    CardState,
    FreshCycle,
    MockInterview,
    Note,
    Question,
    Rating,
    ReviewLog,
)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _rating_label(value: int | None) -> str | None:
    return Rating(value).label if value else None


def _card_states(user) -> Iterator[dict[str, Any]]:
    # One per question: as many as the bank holds, whatever the history.
    cards = CardState.objects.for_user(user).select_related("question").order_by("pk")
    for card in cards:
        yield {
            "question": card.question.slug,
            "state": card.get_state_display(),
            "due": _iso(card.due),
            "interval_days": card.interval_days,
            "last_rated_at": _iso(card.last_rated_at),
            "review_count": card.review_count,
            "cycle": card.cycle,
            "cycle_started_at": _iso(card.cycle_started_at),
            "first_rating": _rating_label(card.first_rating),
            "first_rated_at": _iso(card.first_rated_at),
            "scheduler_card": card.card,
        }


LOG_FIELDS = (
    "rated_at",
    "pk",
    "question__slug",
    "rating",
    "due",
    "interval_days",
    "cycle",
    "covered_points",
    "key_point_total",
    "suggested_rating",
    "seconds_taken",
)


def _review_logs(user) -> Iterator[dict[str, Any]]:
    # Plain values, not model instances: tens of thousands of rows for a long-time member.
    logs = ReviewLog.objects.for_user(user).values_list(*LOG_FIELDS)
    for (
        rated_at,
        _pk,
        slug,
        rating,
        due,
        interval,
        cycle,
        covered,
        total,
        suggested,
        seconds,
    ) in in_pages(logs, "rated_at", key=lambda row: row[:2]):
        yield {
            "question": slug,
            "rating": _rating_label(rating),
            "rated_at": _iso(rated_at),
            "due": _iso(due),
            "interval_days": interval,
            "cycle": cycle,
            "covered_points": covered,
            "key_point_total": total,
            "suggested_rating": _rating_label(suggested),
            "seconds_taken": seconds,
        }


def _notes(user) -> Iterator[dict[str, Any]]:
    notes = (
        Note.objects.for_user(user)
        .order_by("pk")
        .values_list("question__slug", "body", "updated_at")
    )
    for slug, body, updated_at in notes:  # one per question at most
        yield {"question": slug, "body": body, "updated_at": _iso(updated_at)}


def _own_questions(user) -> Iterator[dict[str, Any]]:
    questions = Question.objects.owned_by(user).prefetch_related("roles").order_by("pk")
    for question in questions:  # as many as the cap on own questions
        yield {
            "question": question.slug,
            "prompt": question.prompt,
            "category": question.category,
            "key_points": question.key_point_list,
            "follow_ups": question.follow_up_list,
            "roles": [role.slug for role in question.roles.all()],
            "company": question.company,
        }


def _mock_interviews(user) -> Iterator[dict[str, Any]]:
    mocks = (
        MockInterview.objects.for_user(user)
        .select_related("role")
        .prefetch_related("answers__question")
    )
    # Fewer per page: each mock brings its answers' text.
    pages = in_pages(mocks, "started_at", key=lambda mock: (mock.started_at, mock.pk), size=100)
    for mock in pages:
        yield {
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
                    "rating": _rating_label(answer.rating),
                }
                for answer in mock.answers.all()
            ],
        }


def _bookmarks(user) -> Iterator[dict[str, Any]]:
    bookmarks = (
        Bookmark.objects.for_user(user).order_by("pk").values_list("question__slug", "created_at")
    )
    for slug, created_at in bookmarks:  # one per question at most
        yield {"question": slug, "created_at": _iso(created_at)}


def _fresh_cycles(user) -> Iterator[dict[str, Any]]:
    cycles = FreshCycle.objects.filter(user=user).values_list("started_at", "pk", "category")
    for started_at, _pk, category in in_pages(cycles, "started_at", key=lambda row: row[:2]):
        yield {"category": category or None, "started_at": _iso(started_at)}


def export_interview_practice(user) -> dict[str, Iterator[dict[str, Any]]]:
    """Your practice: cards, ratings, fresh cycles, notes, own questions, mocks, bookmarks."""
    return {
        "card_states": _card_states(user),
        "review_logs": _review_logs(user),
        "fresh_cycles": _fresh_cycles(user),
        "notes": _notes(user),
        "own_questions": _own_questions(user),
        "mock_interviews": _mock_interviews(user),
        "bookmarks": _bookmarks(user),
    }
