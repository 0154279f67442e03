"""Pages of a practice session: start one, answer and check each question, rate it, end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from config.sitewide.pages import HtmxHttpRequest, render_page

from . import scheduling
from .forms import ALREADY_RECORDED, AnswerForm, CoveredForm, PracticeForm, PracticeRatingForm
from .models import CardState, Category, Question, Rating
from .notebook import answer_box_start, save_note
from .practice_queue import count_due, due_session_size, session_queue
from .practice_session import PracticeSession
from .self_check import timed_check
from .target_role import target_role_for
from .timer import suggested_seconds

if TYPE_CHECKING:
    from .models import QuestionWithPractice


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice(request: HtmxHttpRequest) -> HttpResponse:
    session = PracticeSession.from_store(request.session)
    if request.method == "POST":
        return _start_practice(request)
    if session is None:
        chosen = [c for c in request.GET.getlist("category") if c in Category.values]
        form = PracticeForm(initial={"categories": chosen})
        return _practice_start_page(request, form)
    if session.finished:
        return _practice_summary(request, session)
    return _practice_question(request, session)


def _practice_start_page(request: HttpRequest, form: PracticeForm) -> HttpResponse:
    due = count_due(user=request.user, now=timezone.now())
    context = {
        "form": form,
        "target_role": target_role_for(user=request.user),
        "due_now": due,
        "due_session_size": due_session_size(due),
    }
    return render(request, "interviews/practice.html", context)


def _start_practice(request: HttpRequest) -> HttpResponse:
    form = PracticeForm(request.POST)
    if form.is_valid():
        queue = session_queue(
            user=request.user,
            size=form.cleaned_data["size"],
            categories=form.cleaned_data["categories"],
            due_today=form.cleaned_data["due_today"],
            now=timezone.now(),
        )
        if queue:
            session = PracticeSession(question_ids=queue, timed=form.cleaned_data["timed"])
            session.save(request.session)
            return redirect("interviews:practice")
        form.add_error(None, "Nothing to practise there yet: every question is scheduled later.")
    return _practice_start_page(request, form)


def _current_question(
    request: HttpRequest, session: PracticeSession
) -> QuestionWithPractice | None:
    """The session's question (with the user's draft on it), unless it was unpublished."""
    questions = Question.objects.practised_by(request.user).with_practice_of(request.user)
    return questions.filter(pk=session.current_id).first()


def _practice_check(
    request, session: PracticeSession, question: QuestionWithPractice, *, ticked=None
):
    """The checklist for the current question, timed from when it was first shown."""
    now = timezone.now()
    started = session.shown_at(now=now)
    return timed_check(
        question,
        answer=answer_box_start(question),
        ticked=ticked,
        started_at=started if session.timed else None,
        now=now,
    )


def _practice_question(
    request: HtmxHttpRequest,
    session: PracticeSession,
    *,
    show: bool | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    question = _current_question(request, session)
    if question is None:
        # Unpublished since the session began: skip it rather than fail.
        if session.current_id is not None:
            session.record(question_id=session.current_id, rating=0)
        session.save(request.session)
        return redirect("interviews:practice")
    show = request.GET.get("show") == "1" if show is None else show
    if show and "check" not in extra:
        ticks = CoveredForm(request.GET, key_point_count=len(question.key_point_list))
        extra["check"] = _practice_check(request, session, question, ticked=ticks.ticked())
    context = {
        "session": session,
        "question": question,
        "number": session.position + 1,
        "show": show,
        "answer_form": AnswerForm(initial={"body": answer_box_start(question)}),
        "started_at": session.shown_at(now=timezone.now()),
        "limit": suggested_seconds(question.category) if session.timed else None,
        "card_state": scheduling.card_state_for(user=request.user, question=question),
        "now": timezone.now(),
        "focus": bool(request.htmx),
        **extra,
    }
    session.save(request.session)  # the time it was first shown, for the timer
    return render_page(
        request, "interviews/practice.html", context, partial="practice", status=status
    )


def _practice_summary(request: HtmxHttpRequest, session: PracticeSession) -> HttpResponse:
    questions = Question.objects.filter(pk__in=session.question_ids).in_bulk()
    cards = CardState.objects.for_user(request.user).filter(question__in=session.question_ids)
    due_by_question = {card.question_id: card.due for card in cards}
    rows = [
        {
            "question": questions[pk],
            "rating": Rating(session.ratings[str(pk)]).label,
            "due": due_by_question.get(pk),
        }
        for pk in session.question_ids
        if pk in questions and session.ratings.get(str(pk))
    ]
    context = {
        "finished": True,
        "summary": rows,
        "now": timezone.now(),
        "focus": bool(request.htmx),
    }
    return render_page(request, "interviews/practice.html", context, partial="practice")


@login_required
@require_POST
def practice_answer(request: HtmxHttpRequest) -> HttpResponse:
    """Keep the typed answer as the user's draft, then show the key points to check it."""
    session = PracticeSession.from_store(request.session)
    if session is None or session.finished:
        return redirect("interviews:practice")
    if request.POST.get("question") != str(session.current_id):
        messages.info(request, "That question was already rated; here is the next one.")
        return redirect("interviews:practice")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _practice_question(request, session, show=False, answer_form=form, status=400)
    question = _current_question(request, session)
    if question is None:
        return redirect("interviews:practice")
    save_note(user=request.user, question=question, body=form.cleaned_data["body"])
    if request.htmx:
        return _practice_question(request, session, show=True)
    return redirect(f"{reverse('interviews:practice')}?show=1#strong-answer")


@login_required
@require_POST
def practice_rate(request: HtmxHttpRequest) -> HttpResponse:
    session = PracticeSession.from_store(request.session)
    if session is None or session.finished:
        return redirect("interviews:practice")
    question = _current_question(request, session)
    if question is None:
        return redirect("interviews:practice")
    form = PracticeRatingForm(request.POST, key_point_count=len(question.key_point_list))
    status = form.redraw_status()
    if status is None and form.cleaned_data["question"] != session.current_id:
        # Another tab moved the session on; rating this one would rate the wrong question.
        messages.info(request, "That question was already rated; here is the next one.")
        return redirect("interviews:practice")
    check = _practice_check(request, session, question, ticked=form.cleaned_data.get("covered"))
    if status is not None:
        errors = form if status == 400 else None
        return _practice_question(
            request, session, show=True, check=check, rating_form=errors, status=status
        )
    rating = form.cleaned_data["rating"]
    result = scheduling.rate_once(
        user=request.user,
        question=question,
        now=timezone.now(),
        attempt=check.attempt(),
        **form.rating_fields(),
    )
    if not result.recorded:
        messages.info(request, ALREADY_RECORDED)
    session.record(question_id=question.pk, rating=rating)
    session.save(request.session)
    return redirect("interviews:practice")


@login_required
@require_POST
def practice_end(request: HttpRequest) -> HttpResponse:
    """End a running session at its summary; from the summary, clear it for a new one."""
    session = PracticeSession.from_store(request.session)
    if session is not None and not session.finished:
        session.end()
        session.save(request.session)
    else:
        PracticeSession.clear(request.session)
    return redirect("interviews:practice")
