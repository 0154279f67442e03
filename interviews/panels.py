"""What the interviews app shows about the signed-in user on careers pages (registry panels)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery

from careers.models import Profile, Role
from config.sitewide.registry import Panel

from . import progress
from .bank import bank_catalogue
from .models import MockInterview
from .practice_queue import due_session_size
from .status import cards_for
from .target_role import target_role_from

HOME_ORDER = 10
ROLE_ORDER = 20


def home_panel(*, user, now: datetime) -> Panel:
    """Questions due today (the progress page's count), readiness for the target role and the
    latest mock interview."""
    cards = cards_for(user=user)
    # Without a card nothing can be due: the published bank need not be read for that.
    due = progress.due_today_ids(user=user, now=now, cards=cards) if cards else []
    chosen_id, last_mock_id = choice_and_last_mock(user)
    role = target_role_from(user=user, chosen_id=chosen_id)
    readiness = progress.readiness(user=user, role=role, cards=cards)
    last_mock = (
        MockInterview.objects.select_related("role").get(pk=last_mock_id) if last_mock_id else None
    )
    context = {
        "due": len(due),
        "session_size": due_session_size(len(due)),
        "readiness": readiness,
        "last_mock": last_mock,
    }
    return Panel(HOME_ORDER, "interviews/_home_panel.html", context)


def choice_and_last_mock(user) -> tuple[int | None, int | None]:
    """The profile's target role id and the latest mock interview's id, in one query."""
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            chosen_id=Subquery(Profile.objects.filter(user=OuterRef("pk")).values("target_role")),
            last_mock_id=Subquery(
                MockInterview.objects.filter(user=OuterRef("pk")).values("pk")[:1]
            ),
        )
        .values_list("chosen_id", "last_mock_id")
        .get()
    )


def role_panel(*, user, now: datetime, role: Role, path_slug: str = "") -> Panel:
    """The role's questions due today and how many of them the user has mastered."""
    cards = cards_for(user=user)
    context: dict = {"role": role, "practised": bool(cards)}
    # Without a card nothing is due or mastered: the published bank need not be read.
    if cards:
        catalogue = bank_catalogue()
        due = progress.due_today_ids(
            user=user, now=now, cards=cards, role=role, catalogue=catalogue
        )
        context.update(
            due=len(due),
            readiness=progress.readiness(user=user, role=role, cards=cards, catalogue=catalogue),
        )
    return Panel(ROLE_ORDER, "interviews/_role_panel.html", context)
