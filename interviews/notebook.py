"""A user's private answer drafts and bookmarks on questions, and which draft the answer
box shows: recall, not re-reading."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .models import Bookmark, Note, Question

if TYPE_CHECKING:
    from .models import QuestionWithPractice

STAR_TEMPLATE = "Situation:\n\nTask:\n\nAction:\n\nResult:\n"


def save_note(*, user, question: Question, body: str) -> Note | None:
    """Keep the draft; an emptied box deletes the note rather than storing blank text."""
    if not body.strip():
        Note.objects.for_user(user).filter(question=question).delete()
        return None
    note, _ = Note.objects.update_or_create(user=user, question=question, defaults={"body": body})
    return note


def set_bookmark(*, user, question: Question, bookmarked: bool) -> bool:
    """Bookmark or un-bookmark; setting the state (not toggling) makes a double submit harmless."""
    if bookmarked:
        Bookmark.objects.get_or_create(user=user, question=question)
    else:
        Bookmark.objects.for_user(user).filter(question=question).delete()
    return bookmarked


def is_current_draft(*, drafted_at: datetime | None, last_rated_at: datetime | None) -> bool:
    """A saved answer belongs to the attempt under way when it was written after the last
    rating; one written before is the last attempt's, which a review must not show before
    the member has answered again and rated (they would read it instead of recalling)."""
    if drafted_at is None:
        return False
    return last_rated_at is None or drafted_at > last_rated_at


def answer_box_start(question: QuestionWithPractice) -> str:
    """What the answer box starts with, for a question read ``with_practice_of`` the user:
    this attempt's draft, else empty (or the STAR outline for stories), never the last
    attempt's answer."""
    draft = question.note_body
    current = is_current_draft(
        drafted_at=question.note_updated_at, last_rated_at=question.card_last_rated_at
    )
    if draft is not None and current:
        return draft
    return STAR_TEMPLATE if question.offers_star_template else ""


def last_answer(question: QuestionWithPractice) -> str | None:
    """The last attempt's answer, offered ("show my last answer") once this one is rated;
    ``question`` is read ``with_practice_of`` the user."""
    draft = question.note_body
    current = is_current_draft(
        drafted_at=question.note_updated_at, last_rated_at=question.card_last_rated_at
    )
    if draft is None or current:
        return None
    return draft
