"""The interviews part of a user's "Download my data" file."""

from __future__ import annotations

from typing import Any

from .models import Bookmark, CardState, Note, ReviewLog


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_interview_practice(user) -> dict[str, Any]:
    cards = CardState.objects.for_user(user).select_related("question").order_by("pk")
    logs = ReviewLog.objects.for_user(user).select_related("question").order_by("rated_at", "pk")
    notes = Note.objects.for_user(user).select_related("question").order_by("pk")
    bookmarks = Bookmark.objects.for_user(user).select_related("question").order_by("pk")
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
            }
            for log in logs
        ],
        "notes": [
            {"question": note.question.slug, "body": note.body, "updated_at": _iso(note.updated_at)}
            for note in notes
        ],
        "bookmarks": [
            {"question": bookmark.question.slug, "created_at": _iso(bookmark.created_at)}
            for bookmark in bookmarks
        ],
    }
