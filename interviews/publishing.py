"""Publishing and withdrawing bank questions: drafts must be complete, members keep their data."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from config.sitewide.history import bulk_reason, save_in_bulk

from .models import Bookmark, CardState, Note, Question


def members_affected(questions: QuerySet[Question]) -> int:
    """How many members rated, drafted an answer to or bookmarked any of these questions."""
    users: set[int] = set()
    for model in (CardState, Note, Bookmark):
        users.update(model.objects.filter(question__in=questions).values_list("user_id", flat=True))
    return len(users)


def set_published(
    questions: QuerySet[Question], *, published: bool, user
) -> tuple[int, list[Question]]:
    """Publish or withdraw the bank questions given, as one recorded run.

    Returns how many changed and the ones left unpublished because their answer guide is
    incomplete. Withdrawn questions keep every member's cards, notes and bookmarks.
    """
    changing, refused = [], []
    for question in questions.filter(owner__isnull=True).exclude(is_published=published):
        if published and question.key_points_problem():
            refused.append(question)
            continue
        question.is_published = published
        changing.append(question)
    verb = "Publish" if published else "Unpublish"
    count = save_in_bulk(
        changing,
        ["is_published"],
        reason=bulk_reason(f"{verb} questions"),
        user=user,
    )
    return count, refused


def withdrawn_on(question: Question) -> datetime.date | None:
    """The day a bank question left the bank, from its history; None for a draft never
    published (or one published now). Two small queries, on withdrawn questions only."""
    if question.is_published or question.owner_id is not None:
        return None
    history = question.history.order_by("-history_date")
    last_published = history.filter(is_published=True).values_list("history_date", flat=True)
    published_at = last_published.first()
    if published_at is None:
        return None
    withdrawn = (
        history.filter(is_published=False, history_date__gt=published_at)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return timezone.localdate(withdrawn) if withdrawn else None
