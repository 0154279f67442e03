"""What the interviews app shows about the signed-in user on careers pages (careers.registry)."""

from __future__ import annotations

from datetime import datetime

from careers.models import Role
from careers.registry import Panel

from . import progress
from .bank import bank_catalogue
from .forms import PracticeForm
from .models import MockInterview
from .practice import target_role_for
from .status import cards_for

HOME_ORDER = 10
ROLE_ORDER = 20


def home_panel(*, user, now: datetime) -> Panel:
    """Questions due today (the progress page's count), readiness for the target role and the
    latest mock interview."""
    cards = cards_for(user=user)
    # Without a card nothing can be due: the published bank need not be read for that.
    due = progress.due_today_ids(user=user, now=now, cards=cards) if cards else []
    readiness = progress.readiness(user=user, role=target_role_for(user=user), cards=cards)
    context = {
        "due": len(due),
        # A session holds at most the form's maximum; the rest wait for the next one.
        "session_size": min(len(due), PracticeForm.base_fields["size"].max_value),
        "readiness": readiness,
        "last_mock": MockInterview.objects.for_user(user).select_related("role").first(),
    }
    return Panel(HOME_ORDER, "interviews/_home_panel.html", context)


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
