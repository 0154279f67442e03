"""A user's private answer drafts and bookmarks on questions."""

from __future__ import annotations

from careers.prepared import PreparedQuery

from .models import Bookmark, Note, Question

STAR_TEMPLATE = "Situation:\n\nTask:\n\nAction:\n\nResult:\n"

_note_body = PreparedQuery(
    lambda user_id, question_id: Note.objects.filter(
        user_id=user_id, question_id=question_id
    ).values_list("body", flat=True)[:1]
)
_bookmark = PreparedQuery(
    lambda user_id, question_id: Bookmark.objects.filter(
        user_id=user_id, question_id=question_id
    ).values_list("pk", flat=True)[:1]
)
_bookmarked_ids = PreparedQuery(
    lambda user_id: Bookmark.objects.filter(user_id=user_id).values_list("question_id", flat=True)
)


def note_draft(*, user, question: Question) -> str | None:
    """The user's saved draft on the question, or None."""
    return next(iter(_note_body(user_id=user.pk, question_id=question.pk)), None)


def answer_draft(*, user, question: Question) -> str:
    """What the answer box starts with: the saved draft, else a STAR outline for stories."""
    draft = note_draft(user=user, question=question)
    if draft is None:
        return STAR_TEMPLATE if question.offers_star_template else ""
    return draft


def is_bookmarked(*, user, question: Question) -> bool:
    return bool(_bookmark(user_id=user.pk, question_id=question.pk))


def bookmarked_question_ids(*, user) -> set[int]:
    return set(_bookmarked_ids(user_id=user.pk))


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
