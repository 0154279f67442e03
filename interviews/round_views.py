"""Interview rounds of an application: add one, remove one, rehearse it as a mock."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careers.models import Application

from . import mock as mock_rules
from .models import MOCK_LOOP_SIZES, InterviewRound
from .round_forms import RoundForm
from .rounds import KIND_CATEGORIES


def _own_round(request: HttpRequest, pk: int) -> InterviewRound:
    rounds = InterviewRound.objects.for_user(request.user).select_related("application__role")
    return get_object_or_404(rounds, pk=pk)


@login_required
@require_POST
def add_round(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.for_user(request.user), pk=application_pk)
    form = RoundForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "application": application}
        return render(request, "interviews/round_form.html", context, status=400)
    form.instance.application = application
    interview_round = form.save()
    messages.success(request, f"Added: {interview_round}. Practice now puts its questions first.")
    return redirect(f"{application.get_absolute_url()}#rounds")


@login_required
@require_POST
def delete_round(request: HttpRequest, pk: int) -> HttpResponse:
    interview_round = _own_round(request, pk)
    interview_round.delete()
    return redirect(f"{interview_round.application.get_absolute_url()}#rounds")


@login_required
@require_POST
def round_mock(request: HttpRequest, pk: int) -> HttpResponse:
    """A mock interview of this round's kind, for the application's role."""
    interview_round = _own_round(request, pk)
    try:
        mock = mock_rules.start_mock(
            user=request.user,
            role=interview_round.application.role,
            loop_size=max(MOCK_LOOP_SIZES),
            per_round=1,
            now=timezone.now(),
            categories=KIND_CATEGORIES[interview_round.kind],
        )
    except mock_rules.NothingToAsk as error:
        messages.error(request, str(error))
        return redirect(f"{interview_round.application.get_absolute_url()}#rounds")
    return redirect(mock)
