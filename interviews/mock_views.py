"""Pages of mock interviews: start one, answer round by round, confirm the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from . import mock as mock_rules
from .forms import MockAnswerForm, MockReportForm, MockStartForm
from .models import MOCK_LOOP_SIZES, MockInterview
from .target_role import target_role_for


def _own_mock(request: HttpRequest, pk: int) -> MockInterview:
    """The user's own mock interview; anyone else's is a 404."""
    return get_object_or_404(MockInterview.objects.for_user(request.user), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mock_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = MockStartForm(request.POST)
        if form.is_valid():
            choices = {k: v for k, v in form.cleaned_data.items() if k != "submission"}
            try:
                mock, earlier = mock_rules.start_mock_once(
                    user=request.user,
                    key=form.cleaned_data["submission"],
                    now=timezone.now(),
                    **choices,
                )
            except (mock_rules.NothingToAsk, mock_rules.TooManyMocks) as error:
                form.add_error(None, str(error))
            else:
                if mock is None:  # the form's first arrival started it
                    messages.info(request, "That mock interview was already started; here it is.")
                    return redirect(earlier or "interviews:mock")
                return redirect(mock)
    else:
        target = target_role_for(user=request.user)
        form = MockStartForm(initial={"role": target.pk if target else None})
    role_id = form.initial.get("role") if not form.is_bound else None
    shape = mock_rules.shape_for(role_id)
    context = {
        "form": form,
        "mocks": MockInterview.objects.for_user(request.user).select_related("role")[
            : mock_rules.MOCKS_LISTED
        ],
        "shape": shape,
        "rounds": mock_rules.rounds_for(max(MOCK_LOOP_SIZES), shape),
    }
    return render(request, "interviews/mock_list.html", context, status=400 if form.errors else 200)


@login_required
def mock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The question to answer now, or once every round is answered, the report."""
    mock = _own_mock(request, pk)
    answer = None if mock.finished_at else mock_rules.current_answer(mock, now=timezone.now())
    if answer is None:
        return _report(request, mock, MockReportForm(rounds=[]))
    form = MockAnswerForm(initial={"position": answer.position})
    return _question(request, mock, answer, form)


def _question(request, mock, answer, form, status: int = 200) -> HttpResponse:
    context = {
        "mock": mock,
        "answer": answer,
        "form": form,
        "count": mock.answers.count(),
        "now": timezone.now(),
    }
    return render(request, "interviews/mock_question.html", context, status=status)


def _report(request, mock, form, status: int = 200, ticks=None) -> HttpResponse:
    rounds = mock_rules.mock_report(mock, ticks=ticks)
    context = {
        "mock": mock,
        "rounds": rounds,
        "summary": mock_rules.mock_summary(rounds, shape=mock_rules.shape_for(mock.role_id)),
        "form": form,
        "now": timezone.now(),
    }
    return render(request, "interviews/mock_report.html", context, status=status)


@login_required
@require_POST
def mock_answer(request: HttpRequest, pk: int) -> HttpResponse:
    mock = _own_mock(request, pk)
    form = MockAnswerForm(request.POST)
    answer = mock_rules.current_answer(mock, now=timezone.now())
    if not form.is_valid() and answer is not None:
        return _question(request, mock, answer, form, status=400)
    if form.is_valid():
        saved = mock_rules.submit_answer(
            mock=mock,
            position=form.cleaned_data["position"],
            body=form.cleaned_data["body"],
            now=timezone.now(),
        )
        if not saved:
            messages.info(request, "That question was already answered; here is where you are.")
    return redirect(mock)


@login_required
@require_POST
def mock_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Update the suggested ratings from the ticks, or confirm them and schedule."""
    mock = _own_mock(request, pk)
    if mock.finished_at is None or mock.confirmed_at is not None:
        return redirect(mock)
    suggesting = "suggest" in request.POST
    form = MockReportForm(request.POST, rounds=mock_rules.mock_report(mock), suggesting=suggesting)
    if not form.is_valid():
        return _report(request, mock, form, status=400)
    if suggesting:
        return _report(request, mock, MockReportForm(rounds=[]), ticks=form.ticks())
    mock_rules.confirm_mock(
        mock=mock, ticks=form.ticks(), ratings=form.ratings(), now=timezone.now()
    )
    messages.success(request, "Ratings confirmed: the questions are scheduled for review.")
    return redirect(mock)
