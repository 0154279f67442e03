"""Pages of the question bank: the list with its filters, and one question (answer, check,
rate, notes, bookmark, timer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from careers.models import Role
from config.sitewide.caching import cached_for_visitors
from config.sitewide.pages import HtmxHttpRequest, render_page

from . import scheduling
from .bank import bank_catalogue, browse_bank
from .forms import (
    ALREADY_RECORDED,
    AnswerForm,
    BankFilterForm,
    BookmarkForm,
    CheckedRatingForm,
    CoveredForm,
)
from .models import CardState, Question, Rating
from .notebook import answer_box_start, last_answer, save_note, set_bookmark
from .practice_queue import next_question_id
from .publishing import withdrawn_on
from .search import suggest
from .self_check import timed_check
from .timer import QuestionTimers, suggested_seconds

if TYPE_CHECKING:
    from .models import QuestionWithPractice


def _question_for(request: HttpRequest, pk: int) -> Question:
    """A published question, one of the user's own, or one withdrawn after they practised it
    (anyone else's is a 404), with the signed-in user's card, draft and bookmark on it."""
    questions = Question.objects.reachable_by(request.user).prefetch_related(
        Prefetch("roles", queryset=Role.objects.only("slug", "name"))
    )
    if request.user.is_authenticated:
        questions = questions.with_practice_of(request.user)
    return get_object_or_404(questions, pk=pk)


@require_safe
@cached_for_visitors("q", "category", "role", "difficulty", "page")
def bank(request: HtmxHttpRequest) -> HttpResponse:
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
        # _question_for read a signed-in user's card, draft and bookmark with the question.
        question = cast("QuestionWithPractice", question)
        draft = answer_box_start(question)
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
                review_count=question.card_review_count or 0,
            )
        context.setdefault("bookmarked", question.bookmarked)
    return context


@require_safe
@cached_for_visitors("show")
def question_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    show = request.GET.get("show") == "1"
    context = _question_context(request, question, show=show, focus_answer=bool(request.htmx))
    if show and request.GET.get("rated") == "1" and request.user.is_authenticated:
        practised = cast("QuestionWithPractice", question)
        context.update(_after_rating(question, previous_answer=last_answer(practised)))
    return render_page(request, "interviews/question.html", context, partial="answer-panel")


def _after_rating(question: Question, *, previous_answer: str | None) -> dict:
    """What a rated question page offers: the member's last answer to compare, and a link
    to the next question of their role's queue (worked out when followed)."""
    next_url = reverse("interviews:next_question")
    return {"last_answer": previous_answer, "next_question_url": f"{next_url}?after={question.pk}"}


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


@login_required
@require_POST
def rate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    # Signed in, so the question carries the user's card, draft and bookmark.
    question = cast("QuestionWithPractice", _question_for(request, pk))
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
    result = scheduling.rate_once(
        user=request.user,
        question=question,
        now=now,
        attempt=check.attempt(),
        **form.rating_fields(),
    )
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
        **_after_rating(question, previous_answer=question.note_body),
    }
    return render(request, "interviews/question.html#rating", context)


@login_required
@require_POST
def note(request: HtmxHttpRequest, pk: int) -> HttpResponse:
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
def bookmark(request: HtmxHttpRequest, pk: int) -> HttpResponse:
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
