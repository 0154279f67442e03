"""Pages of a member's practice progress: the dashboard, and starting a fresh cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from . import progress as progress_rules
from . import scheduling
from .bank import practised_catalogue
from .forms import FreshCycleForm
from .models import Category
from .practice_queue import due_session_size
from .status import cards_for
from .target_role import target_role_for


@login_required
@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    cards = cards_for(user=request.user)
    catalogue = practised_catalogue(user=request.user)
    history = progress_rules.history_figures(
        user=request.user, now=now, cards=cards, catalogue=catalogue
    )
    upcoming = progress_rules.upcoming_reviews(cards=cards, catalogue=catalogue)
    readiness = progress_rules.readiness(
        user=request.user, role=target_role_for(user=request.user), cards=cards, catalogue=catalogue
    )
    due_today = sum(row.due_today for row in history.categories)
    context = {
        "categories": history.categories,
        "due_today": due_today,
        "due_session_size": due_session_size(due_today),
        "streaks": history.streaks,
        "chart_rows": history.chart_rows,
        "weakest": history.weakest,
        # The user's id, practice version, day and bank version: see history_figures.
        "history_key": history.key,
        "readiness": readiness,
        "upcoming": upcoming,
        "now": now,
        "fresh_cycle_form": FreshCycleForm(),
        "figures": progress_rules.PAGE_FIGURES,
    }
    return render(request, "interviews/progress.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def fresh_cycle(request: HttpRequest) -> HttpResponse:
    form = FreshCycleForm(request.POST if request.method == "POST" else request.GET)
    if request.method == "POST" and form.is_valid():
        category = form.cleaned_data["category"]
        count = scheduling.start_fresh_cycle(
            user=request.user, category=category or None, now=timezone.now()
        )
        scope = Category(category).label if category else "the whole bank"
        messages.success(
            request, f"Fresh cycle started for {scope}: {count} questions are new again."
        )
        return redirect("interviews:progress")
    category = form.cleaned_data.get("category") if form.is_valid() else None
    context = {
        "form": form,
        "scope": Category(category).label if category else "the whole bank",
        "affected": scheduling.count_started(user=request.user, category=category),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "interviews/fresh_cycle.html", context, status=status)
