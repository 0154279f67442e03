"""The questionnaire, its result and plan, and the public transition path pages."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, HttpResponseLocation

from careers.models import Application, Profile
from config.sitewide.caching import cached_for_visitors
from config.sitewide.pages import HtmxHttpRequest, render_page, wants_partial
from config.sitewide.registry import personal_panels
from config.sitewide.throttling import client_ip

from . import calendar, plan
from . import posting_gaps as gaps
from .forms import BackgroundForm, DimensionStepForm, DismissForm, PathForm, TickForm
from .models import Answer, Assessment, Dimension, TransitionPath
from .questionnaire import (
    BACKGROUND_STEP,
    Questionnaire,
    Step,
    attach_options,
    background_initial,
    load_questionnaire,
    save_answers,
    save_background,
    start_assessment,
)
from .result_actions import dismiss_path, make_target_role, restore_path, set_milestone_done
from .result_page import ResultPage, find_path, read_result_page
from .snapshot import chosen_answers, complete_assessment
from .visitors import (
    TooManyVisitorAssessments,
    keep_visitor_result,
    start_visitor_assessment,
    visitor_ids,
)

STEP_TARGET = "#assessment-step"


def _visible(request: HttpRequest):
    # A signed-in user's assessments, or the ones this browser's session started.
    return Assessment.objects.for_visitor(request.user, visitor_ids(request.session))


def _own_session_or_login(view):
    """A visitor reaches only the assessments their session started; any other id sends
    them to log in (as before there were visitors), so ids reveal nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated and pk not in visitor_ids(request.session):
            return redirect_to_login(request.get_full_path())
        return view(request, pk, *args, **kwargs)

    return wrapper


def _assessment_or_404(request: HttpRequest, pk: int) -> Assessment:
    # Every assessment URL goes through here: anyone else's assessment is a 404. The
    # previous one only prefills step 1; its stored result (about 300 KB) stays unread.
    visible = _visible(request).select_related("previous")
    return get_object_or_404(visible.defer("previous__result", "previous__scores"), pk=pk)


def _completed_or_404(request: HttpRequest, pk: int) -> Assessment:
    assessment = _assessment_or_404(request, pk)
    if not assessment.is_complete:
        raise Http404("This assessment has no result yet.")
    return assessment


def _step_url(assessment: Assessment, number: int) -> str:
    return reverse("assessments:step", args=[assessment.pk, number])


def _go(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Move to another step: swapped in place under htmx, a plain redirect otherwise."""
    if request.htmx:
        return HttpResponseLocation(url, target=STEP_TARGET, swap="outerHTML")
    return redirect(url)


TOO_MANY_REQUESTS = 429


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    return _render_landing(request)


def _render_landing(request: HttpRequest, *, status: int = 200, error: str = "") -> HttpResponse:
    assessments = list(_visible(request).only("pk", "created_at", "completed_at")[:20])
    unfinished = next((a for a in assessments if not a.is_complete), None)
    completed = [a for a in assessments if a.is_complete]
    dimensions = list(Dimension.objects.filter(questions__isnull=False).distinct())
    context = {
        "unfinished": unfinished,
        "completed": completed,
        "dimensions": dimensions,
        "step_count": len(dimensions) + 2,
        "error": error,
    }
    return render(request, "assessments/landing.html", context, status=status)


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        assessment = start_assessment(user=request.user)
    else:
        # No account needed to try it: the session keeps the assessment until sign-up.
        try:
            assessment = start_visitor_assessment(
                session=request.session, client=client_ip(request)
            )
        except TooManyVisitorAssessments:
            error = (
                "Too many assessments were started from your network this hour. Try again "
                "in an hour, or sign up (free) or log in and start it from your account."
            )
            return _render_landing(request, status=TOO_MANY_REQUESTS, error=error)
    return redirect("assessments:resume", assessment.pk)


@login_required
@require_POST
def retake(request: HttpRequest, pk: int) -> HttpResponse:
    previous = _completed_or_404(request, pk)
    assessment = start_assessment(user=request.user, previous=previous)
    return redirect(_step_url(assessment, 1))


@_own_session_or_login
@require_safe
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if assessment.is_complete:
        return redirect("assessments:result", assessment.pk)
    answered = Answer.objects.filter(assessment=assessment).values_list("question_id", flat=True)
    number = load_questionnaire().first_open_step(assessment=assessment, answered=answered)
    return redirect(_step_url(assessment, number))


@_own_session_or_login
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if assessment.is_complete and request.method == "POST":
        messages.info(request, "This assessment is complete, so it can no longer change.")
        return _finish(request, assessment)
    if number == BACKGROUND_STEP:
        return _background_step(request, assessment)
    questionnaire = load_questionnaire()
    current = questionnaire.step(number)
    if current is None:
        raise Http404("There is no such step.")
    # question id -> the chosen answer, for the form, the progress and the result
    chosen = chosen_answers(assessment)
    if not assessment.is_complete:
        open_step = questionnaire.first_open_step(assessment=assessment, answered=chosen)
        if number > open_step:
            return _go(request, _step_url(assessment, open_step))
    handler = _dimension_step if current.kind == "dimension" else _review_step
    return handler(request, assessment, questionnaire, current, chosen)


def _next_url(request: HttpRequest, assessment: Assessment, number: int, questionnaire=None) -> str:
    # A change made from the review goes back to the review.
    if request.POST.get("after") == "review":
        questionnaire = questionnaire or load_questionnaire()
        return _step_url(assessment, questionnaire.review_number)
    return _step_url(assessment, number + 1)


def _finish(request: HtmxHttpRequest, assessment: Assessment) -> HttpResponse:
    url = reverse("assessments:result", args=[assessment.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _background_step(request: HtmxHttpRequest, assessment: Assessment) -> HttpResponse:
    # Step 1 is never ahead of the first open step, so saving it needs no questionnaire.
    if request.method == "POST":
        form = BackgroundForm(request.POST)
        if form.is_valid():
            if not save_background(assessment=assessment, **form.step_one_data()):
                return _finish(request, assessment)
            return _go(request, _next_url(request, assessment, BACKGROUND_STEP))
    else:
        profile = (
            Profile.objects.filter(user=request.user).first()
            if request.user.is_authenticated
            else None
        )
        initial = background_initial(assessment=assessment, profile=profile)
        roles = [role.pk for role in assessment.interested_roles.all()]
        if not roles and not assessment.background and profile and profile.target_role_id:
            roles = [profile.target_role_id]
        initial["interested_roles"] = roles
        initial["held_certifications"] = [c.pk for c in assessment.held_certifications.all()]
        form = BackgroundForm(initial=initial)
    questionnaire = load_questionnaire()
    return _render_step(request, assessment, questionnaire, questionnaire.steps[0], form)


def _dimension_step(request, assessment, questionnaire, current, chosen) -> HttpResponse:
    attach_options(current.questions)
    if request.method == "POST":
        form = DimensionStepForm(request.POST, questions=current.questions)
        if form.is_valid():
            if not save_answers(assessment=assessment, options=form.chosen_options()):
                return _finish(request, assessment)
            return _go(request, _next_url(request, assessment, current.number, questionnaire))
    else:
        earlier = {}
        if assessment.previous_id and any(q.pk not in chosen for q in current.questions):
            earlier = dict(
                Answer.objects.filter(
                    assessment_id=assessment.previous_id, question__in=current.questions
                ).values_list("question_id", "option_id")
            )
        initial = {
            DimensionStepForm.field_name(q): chosen[q.pk].option_id
            if q.pk in chosen
            else earlier.get(q.pk)
            for q in current.questions
        }
        form = DimensionStepForm(initial=initial, questions=current.questions)
    return _render_step(request, assessment, questionnaire, current, form)


def _review_step(request, assessment, questionnaire, current, chosen) -> HttpResponse:
    if request.method == "POST":
        complete_assessment(assessment=assessment, questionnaire=questionnaire, chosen=chosen)
        if not request.user.is_authenticated:
            keep_visitor_result(request.session)
        return _finish(request, assessment)
    options = dict(
        Answer.objects.filter(assessment=assessment).values_list("question_id", "option__text")
    )
    sections = [
        {"step": s, "answers": [(q.text, options.get(q.pk)) for q in s.questions]}
        for s in questionnaire.dimension_steps()
    ]
    extra = {
        "sections": sections,
        "interested_roles": assessment.interested_roles.all(),
        "held_certifications": assessment.held_certifications.all(),
    }
    return _render_step(request, assessment, questionnaire, current, None, extra)


def _render_step(
    request: HtmxHttpRequest,
    assessment: Assessment,
    questionnaire: Questionnaire,
    current: Step,
    form,
    extra: dict | None = None,
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "questionnaire": questionnaire,
        "step": current,
        "form": form,
        "read_only": assessment.is_complete,
        "from_review": request.GET.get("from") == "review" or request.POST.get("after") == "review",
        "previous_url": _step_url(assessment, current.number - 1) if current.number > 1 else None,
        **(extra or {}),
    }
    return render_page(request, "assessments/step.html", context, partial="step")


@_own_session_or_login
@require_safe
def result(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not assessment.is_complete:
        return redirect("assessments:resume", assessment.pk)
    return _render_result(request, assessment)


def _render_result(
    request: HtmxHttpRequest,
    assessment: Assessment,
    *,
    partial: str = "",
    extra: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    page = read_result_page(assessment=assessment, today=timezone.localdate())
    target_role = (
        Profile.objects.filter(user=request.user)
        .values_list("target_role__slug", flat=True)
        .first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "assessment": assessment,
        "page": page,
        "target_role_slug": target_role,
        "dismiss_form": DismissForm(),
        "pace_rule": plan.PACE_RULE,
        **(extra or {}),
    }
    return render_page(request, "assessments/result.html", context, partial=partial, status=status)


def _path_in_result(assessment: Assessment, form) -> dict:
    path = find_path(assessment.snapshot, form.cleaned_data["path"]) if form.is_valid() else None
    if path is None:
        raise Http404("That path is not part of this result.")
    return path


@login_required
@require_POST
def make_target(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_or_404(request, pk)
    path = _path_in_result(assessment, PathForm(request.POST))
    role = make_target_role(user=request.user, role_slug=path["role"]["slug"])
    if role is None:
        messages.error(request, "That role is no longer on the site, so it cannot be your target.")
    else:
        messages.success(request, f"{role.name} is now your target role.")
    return redirect("assessments:result", assessment.pk)


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_or_404(request, pk)
    form = DismissForm(request.POST)
    path = _path_in_result(assessment, PathForm(request.POST))
    if not form.is_valid():
        messages.error(request, f"{path['name']}: choose a reason from the list to set it aside.")
        return redirect("assessments:result", assessment.pk)
    dismiss_path(assessment=assessment, path_slug=path["slug"], reason=form.cleaned_data["reason"])
    messages.success(request, f"{path['name']} is set aside; the next best path takes its place.")
    return redirect("assessments:result", assessment.pk)


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_or_404(request, pk)
    path = _path_in_result(assessment, PathForm(request.POST))
    restore_path(assessment=assessment, path_slug=path["slug"])
    messages.success(request, f"{path['name']} is back among your recommendations.")
    return redirect("assessments:result", assessment.pk)


@login_required
@require_POST
def tick(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assessment = _completed_or_404(request, pk)
    path = _path_in_result(assessment, PathForm(request.POST))
    form = TickForm(request.POST)
    key = request.POST.get("milestone", "")
    if key not in {milestone["key"] for milestone in path["plan"]}:
        raise Http404("That milestone is not part of this plan.")
    if not form.is_valid():
        extra = {"tick_form": form, "tick_key": key}
        return _render_result(request, assessment, partial="plan", extra=extra, status=400)
    set_milestone_done(
        assessment=assessment,
        path_slug=path["slug"],
        milestone_key=key,
        done=form.cleaned_data["done"],
        evidence=form.cleaned_data["evidence"],
    )
    if wants_partial(request):
        return _render_result(request, assessment, partial="plan")
    return redirect(reverse("assessments:result", args=[assessment.pk]) + "#plan")


def _plan_page(request: HttpRequest, pk: int) -> tuple[Assessment, ResultPage]:
    assessment = _completed_or_404(request, pk)
    page = read_result_page(assessment=assessment, today=timezone.localdate())
    if page.recommended is None:
        raise Http404("Every path of this result is set aside, so there is no plan.")
    return assessment, page


@login_required
@require_safe
def plan_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, page = _plan_page(request, pk)
    path, progress = page.recommended, page.progress
    assert path is not None and progress is not None  # _plan_page answers 404 without a plan
    body = calendar.plan_calendar(
        progress=progress,
        path_name=path["name"],
        uid_prefix=f"assessment-{assessment.pk}-{path['slug']}",
        plan_url=request.build_absolute_uri(reverse("assessments:result", args=[pk]) + "#plan"),
        site_url=request.build_absolute_uri("/"),
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ai-careers-plan.ics"'
    return response


@login_required
@require_safe
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, page = _plan_page(request, pk)
    context = {
        "assessment": assessment,
        "page": page,
        "printable": True,
        "pace_rule": plan.PACE_RULE,
    }
    return render(request, "assessments/plan_print.html", context)


@require_safe
@cached_for_visitors()
def path_list(request: HttpRequest) -> HttpResponse:
    paths = list(TransitionPath.objects.with_details().order_by("sort_order", "pk"))
    timeline_rows = [
        {"label": p.name, "low": p.timeline_min_months, "high": p.timeline_max_months}
        for p in paths
    ]
    context = {"paths": paths, "timeline_rows": timeline_rows}
    return render(request, "assessments/path_list.html", context)


@require_safe
@cached_for_visitors()
def path_detail(request: HttpRequest, slug: str) -> HttpResponse:
    path = get_object_or_404(TransitionPath.objects.with_details(), slug=slug)
    requirement_rows = [
        {"label": r.dimension.name, "value": r.level} for r in path.requirement_levels.all()
    ]
    context = {"path": path, "requirement_rows": requirement_rows}
    if request.user.is_authenticated:
        context["panels"] = personal_panels(
            "role", user=request.user, now=timezone.now(), role=path.target_role, path_slug=slug
        )
    return render(request, "assessments/path_detail.html", context)


@login_required
@require_safe
def posting_gaps(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.for_user(request.user), pk=application_pk)
    report = gaps.posting_gaps(user=request.user, text=application.posting_text)
    context = {"application": application, "report": report, "shown_score": gaps.SHOWN_SCORE}
    return render(request, "assessments/posting_gaps.html", context)
