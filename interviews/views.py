"""Pages of the interviews app: the bank, one question, practice sessions and progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from careers.models import Role
from config.sitewide.caching import cached_for_visitors
from config.sitewide.pages import render_page

from . import progress as progress_rules
from . import scheduling
from .bank import bank_catalogue, browse_bank, practised_catalogue
from .forms import (
    AnswerForm,
    BankFilterForm,
    BookmarkForm,
    CheckedRatingForm,
    CoveredForm,
    FreshCycleForm,
    PracticeForm,
    PracticeRatingForm,
)
from .models import CardState, Category, Question, Rating
from .notebook import save_note, set_bookmark
from .practice import (
    PracticeSession,
    answer_box_start,
    count_due,
    due_session_size,
    last_answer,
    next_question_id,
    session_queue,
    target_role_for,
    timed_check,
)
from .publishing import withdrawn_on
from .search import suggest
from .status import cards_for
from .timer import QuestionTimers, suggested_seconds

ALREADY_RECORDED = "That rating was already recorded, so it counts once."


def _question_for(request: HttpRequest, pk: int) -> Question:
    """A published question, one of the user's own, or one withdrawn after they practised it
    (anyone else's is a 404), with the signed-in user's card, draft and bookmark on it."""
    questions = Question.objects.reachable_by(request.user).prefetch_related(
        Prefetch("roles", queryset=Role.objects.only("slug", "name"))
    )
    if request.user.is_authenticated:
        questions = questions.with_practice_of(request.user)
    return get_object_or_404(questions, pk=pk)


def _answer_start(question: Question) -> str:
    """What the answer box starts with: this attempt's draft, else empty or a STAR outline."""
    return answer_box_start(
        draft=question.note_body,
        drafted_at=question.note_updated_at,
        last_rated_at=question.card_last_rated_at,
        star=question.offers_star_template,
    )


def _last_answer(question: Question) -> str | None:
    return last_answer(
        draft=question.note_body,
        drafted_at=question.note_updated_at,
        last_rated_at=question.card_last_rated_at,
    )


@require_safe
@cached_for_visitors("q", "category", "role", "difficulty", "page")
def bank(request: HttpRequest) -> HttpResponse:
    catalogue = bank_catalogue()
    form = BankFilterForm(
        request.GET, roles=catalogue.roles, signed_in=request.user.is_authenticated
    )
    result = browse_bank(
        user=request.user,
        filters=form.filters(),
        page_number=request.GET.get("page"),
        now=timezone.now(),
        catalogue=catalogue,
    )
    form.show_counts(result)
    context = {"form": form, "page": result.page, "signed_in": request.user.is_authenticated}
    text = form.filters().text
    if text and not result.page.paginator.count:
        prompts = (question.prompt for question in catalogue.questions)
        context["suggestions"] = suggest(text, vocabulary=prompts, version=catalogue.version)
    return render_page(request, "interviews/bank.html", context, partial="bank")


def _question_context(request: HttpRequest, question: Question, **extra: Any) -> dict:
    context = {"question": question, "now": timezone.now(), "show": False, **extra}
    context["withdrawn_on"] = withdrawn_on(question)
    if request.user.is_authenticated:
        draft = _answer_start(question)
        started_at = QuestionTimers.started_at(
            request.session, question_id=question.pk, now=context["now"]
        )
        context["suggested_seconds"] = suggested_seconds(question.category)
        context["started_at"] = started_at
        context["limit"] = context["suggested_seconds"] if started_at else None
        if "note_form" not in context:
            context["note_form"] = AnswerForm(initial={"body": draft})
        if context["show"] and context.get("check") is None:
            ticks = CoveredForm(request.GET, key_point_count=len(question.key_point_list))
            context["check"] = _question_check(
                request, question, answer=draft, ticked=ticks.ticked(), now=context["now"]
            )
        if "card_state" not in context and question.card_state is not None:
            context["card_state"] = CardState(
                state=question.card_state,
                due=question.card_due,
                last_rated_at=question.card_last_rated_at,
                review_count=question.card_review_count,
            )
        context.setdefault("bookmarked", question.bookmarked)
    return context


@require_safe
@cached_for_visitors("show")
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    show = request.GET.get("show") == "1"
    context = _question_context(request, question, show=show, focus_answer=bool(request.htmx))
    if show and request.GET.get("rated") == "1" and request.user.is_authenticated:
        context.update(_after_rating(question, last_answer=_last_answer(question)))
    return render_page(request, "interviews/question.html", context, partial="answer-panel")


def _after_rating(question: Question, *, last_answer: str | None) -> dict:
    """What a rated question page offers: the member's last answer to compare, and a link
    to the next question of their role's queue (worked out when followed)."""
    next_url = reverse("interviews:next_question")
    return {"last_answer": last_answer, "next_question_url": f"{next_url}?after={question.pk}"}


@login_required
@require_safe
def next_question(request: HttpRequest) -> HttpResponse:
    """Go on to the next question of the member's role queue (after the one just rated)."""
    after = request.GET.get("after", "")
    next_id = next_question_id(
        user=request.user, after=int(after) if after.isdigit() else 0, now=timezone.now()
    )
    if next_id is None:
        messages.info(request, "Nothing is due and every question is started: well done.")
        return redirect("interviews:progress")
    return redirect("interviews:question", pk=next_id)


def _question_check(request, question: Question, *, answer: str, ticked, now):
    """The checklist for an answer on the question's page, timed if the user started the timer."""
    return timed_check(
        question,
        answer=answer,
        ticked=ticked,
        started_at=QuestionTimers.started_at(request.session, question_id=question.pk, now=now),
        now=now,
    )


@login_required
@require_POST
def question_timer(request: HttpRequest, pk: int) -> HttpResponse:
    """Start timing the answer to this question (the timer is off until asked for)."""
    question = _question_for(request, pk)
    QuestionTimers.start(request.session, question_id=question.pk, now=timezone.now())
    return redirect(f"{question.get_absolute_url()}#notes")


def _rate_checked(request, question, form, check, *, now) -> scheduling.RatingResult:
    """Record the rating of a checked answer: the question page's and a session's alike."""
    return scheduling.rate_once(
        user=request.user,
        question=question,
        key=form.cleaned_data["submission"],
        rating=form.cleaned_data["rating"],
        now=now,
        attempt=scheduling.Attempt.checked(check),
        seen=form.cleaned_data["seen"],
    )


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    form = CheckedRatingForm(request.POST, key_point_count=len(question.key_point_list))
    status = form.redraw_status()
    # The checklist is on the form, so what is not ticked was not covered.
    ticked = form.cleaned_data.get("covered")
    now = timezone.now()
    check = _question_check(request, question, answer="", ticked=ticked or [], now=now)
    if status is not None:
        # "Update the suggestion" redraws the checklist; a bad rating says why. Nothing rated.
        context = _question_context(
            request,
            question,
            show=True,
            rating_form=form if status == 400 else None,
            check=check if ticked is not None else None,
        )
        return render_page(
            request, "interviews/question.html", context, partial="rating", status=status
        )
    result = _rate_checked(request, question, form, check, now=now)
    # The answer is rated: the next attempt starts its own timer, if the user wants one.
    QuestionTimers.stop(request.session, question_id=question.pk)
    if not request.htmx:
        if not result.recorded:
            messages.info(request, ALREADY_RECORDED)
        return redirect(f"{question.get_absolute_url()}?show=1&rated=1#rating")
    log = result.review_log
    context = {
        "question": question,
        "show": True,
        "now": log.rated_at if log else timezone.now(),
        "card_state": result.card_state,
        "just_rated": Rating(log.rating).label if log else None,
        "repeat": not result.recorded,
        "check": check,
        # The answer typed before this rating is now the last answer.
        **_after_rating(question, last_answer=question.note_body),
    }
    return render(request, "interviews/question.html#rating", context)


@login_required
@require_POST
def note(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        save_note(user=request.user, question=question, body=form.cleaned_data["body"])
        if "compare" in request.POST:
            return redirect(f"{question.get_absolute_url()}?show=1#strong-answer")
        if not request.htmx:
            messages.success(request, "Your notes are saved.")
            return redirect(f"{question.get_absolute_url()}#notes")
    # The draft comes back in the form, so nothing typed is lost on an error.
    context = _question_context(request, question, note_form=form, notes_saved=form.is_valid())
    return render_page(request, "interviews/question.html", context, partial="notes")


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    form = BookmarkForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose to bookmark or remove the bookmark.", status=400)
    bookmarked = set_bookmark(
        user=request.user, question=question, bookmarked=form.cleaned_data["bookmarked"]
    )
    if not request.htmx:
        return redirect(question)
    return render(
        request,
        "interviews/question.html#bookmark",
        {"question": question, "bookmarked": bookmarked},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice(request: HttpRequest) -> HttpResponse:
    session = PracticeSession.from_store(request.session)
    if request.method == "POST":
        return _start_practice(request)
    if session is None:
        chosen = [c for c in request.GET.getlist("category") if c in Category.values]
        form = PracticeForm(initial={"categories": chosen, "size": 10})
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


def _current_question(request: HttpRequest, session: PracticeSession) -> Question | None:
    """The session's question (with the user's draft on it), unless it was unpublished."""
    questions = Question.objects.practised_by(request.user).with_practice_of(request.user)
    return questions.filter(pk=session.current_id).first()


def _practice_check(request, session: PracticeSession, question: Question, *, ticked=None):
    """The checklist for the current question, timed from when it was first shown."""
    now = timezone.now()
    started = session.shown_at(now=now)
    return timed_check(
        question,
        answer=_answer_start(question),
        ticked=ticked,
        started_at=started if session.timed else None,
        now=now,
    )


def _practice_question(
    request: HttpRequest,
    session: PracticeSession,
    *,
    show: bool | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    question = _current_question(request, session)
    if question is None:
        # Unpublished since the session began: skip it rather than fail.
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
        "answer_form": AnswerForm(initial={"body": _answer_start(question)}),
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


def _practice_summary(request: HttpRequest, session: PracticeSession) -> HttpResponse:
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
def practice_answer(request: HttpRequest) -> HttpResponse:
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
def practice_rate(request: HttpRequest) -> HttpResponse:
    session = PracticeSession.from_store(request.session)
    question = None if session is None or session.finished else _current_question(request, session)
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
    result = _rate_checked(request, question, form, check, now=timezone.now())
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
