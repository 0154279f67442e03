"""A user's private answer drafts and bookmarks on questions."""

from __future__ import annotations

from .models import Bookmark, Note, Question


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
