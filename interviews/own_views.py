"""Pages of a user's own questions: list, add and delete them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .forms import OwnQuestionForm
from .models import Question
from .own_questions import TooManyOwnQuestions, add_own_question_once, delete_own_question


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def own_questions(request: HttpRequest) -> HttpResponse:
    form = OwnQuestionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "submission"}
        try:
            question, earlier = add_own_question_once(
                user=request.user, key=form.cleaned_data["submission"], **fields
            )
        except TooManyOwnQuestions as error:
            form.add_error(None, str(error))
        else:
            if question is None:  # the form's first arrival saved it
                messages.info(request, "That question was already saved, so it is kept once.")
                return redirect(earlier or "interviews:own_questions")
            messages.success(request, "Your question is saved; practice sessions will ask it too.")
            return redirect(question)
    context = {
        "form": form,
        # The roles each is tagged with, in one more query rather than one per question.
        "questions": Question.objects.owned_by(request.user)
        .prefetch_related("roles")
        .order_by("-pk"),
    }
    return render(
        request, "interviews/own_questions.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def own_question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not delete_own_question(user=request.user, pk=pk):
        raise Http404("No such question of yours.")
    messages.success(request, "Your question and its practice record are deleted.")
    return redirect("interviews:own_questions")
