"""Taking the questionnaire: its steps, starting or resuming, saving each step, completing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from careers.models import Profile, Role

from .models import Answer, AnswerOption, Assessment, Certification, Dimension, Question
from .timeline import MIN_WEEKLY_HOURS

BACKGROUND_STEP = 1


@dataclass
class Step:
    number: int
    kind: str  # "background", "dimension" or "review"
    title: str
    dimension: Dimension | None = None
    questions: list[Question] = field(default_factory=list)


@dataclass
class Questionnaire:
    steps: list[Step]

    @property
    def count(self) -> int:
        return len(self.steps)

    @property
    def review_number(self) -> int:
        return self.steps[-1].number

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    def dimension_steps(self) -> list[Step]:
        return [step for step in self.steps if step.kind == "dimension"]

    def first_open_step(self, *, assessment: Assessment, answered: Iterable[int]) -> int:
        """The first step with something unanswered; the review once all are answered."""
        # Hours below the minimum (saved before it existed) leave no timeline to work out.
        if not assessment.background or (assessment.weekly_study_hours or 0) < MIN_WEEKLY_HOURS:
            return BACKGROUND_STEP
        answered = set(answered)
        for step in self.dimension_steps():
            if any(question.pk not in answered for question in step.questions):
                return step.number
        return self.review_number


def load_questionnaire() -> Questionnaire:
    """Step 1 is the background, then one step per dimension with questions, then a review."""
    # One query: the dimensions come along with their questions.
    questions = Question.objects.select_related("dimension").order_by(
        "dimension__sort_order", "dimension_id", "sort_order", "pk"
    )
    steps = [Step(number=BACKGROUND_STEP, kind="background", title="Your starting point")]
    for question in questions:
        if steps[-1].dimension is None or steps[-1].dimension.pk != question.dimension_id:
            steps.append(
                Step(
                    number=len(steps) + 1,
                    kind="dimension",
                    title=question.dimension.name,
                    dimension=question.dimension,
                )
            )
        steps[-1].questions.append(question)
    steps.append(Step(number=len(steps) + 1, kind="review", title="Review your answers"))
    return Questionnaire(steps=steps)


def attach_options(questions: Sequence[Question]) -> None:
    """Fetch the answer options of these questions in one query, in their order."""
    by_question: dict[int, list[AnswerOption]] = {question.pk: [] for question in questions}
    options = AnswerOption.objects.filter(question__in=list(by_question)).order_by(
        "question_id", "sort_order", "pk"
    )
    for option in options:
        by_question[option.question_id].append(option)
    for question in questions:
        question.answer_options = by_question[question.pk]


def start_assessment(*, user, previous: Assessment | None = None) -> Assessment:
    """The user's unfinished assessment, or a new one prefilled from ``previous``.

    Without ``previous`` a new one is prefilled from the latest completed assessment.
    """
    existing = Assessment.objects.for_user(user).unfinished().first()
    if existing is not None:
        return existing
    if previous is None:
        # Only its roles and certifications carry over: its stored result stays unread.
        previous = Assessment.objects.for_user(user).completed().defer("result", "scores").first()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(user=user, previous=previous)
            if previous is not None:
                assessment.interested_roles.set(previous.interested_roles.all())
                assessment.held_certifications.set(
                    previous.held_certifications.all()  # type: ignore[misc]  # plugin: unresolved
                )
    except IntegrityError:
        # Two "Start" clicks raced; the unique constraint let only one through.
        return Assessment.objects.for_user(user).unfinished().get()
    return assessment


def background_initial(*, assessment: Assessment, profile: Profile | None) -> dict:
    """Step 1's starting values: saved ones, else the last assessment's, else the profile's."""
    source = assessment if assessment.background else assessment.previous
    if source is not None and source.background:
        return {
            "background": source.background,
            "background_other": source.background_other,
            "weekly_study_hours": source.weekly_study_hours,
        }
    if profile is None:
        return {}
    return {"background": profile.background, "weekly_study_hours": profile.weekly_study_hours}


def save_background(
    *,
    assessment: Assessment,
    background: str,
    weekly_study_hours: int,
    interested_roles: Iterable[Role],
    held_certifications: Iterable[Certification],
    background_other: str = "",
) -> bool:
    """Save step 1. Returns False if the assessment was completed meanwhile."""
    with transaction.atomic():
        updated = Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
            background=background,
            background_other=background_other,
            weekly_study_hours=weekly_study_hours,
            updated_at=timezone.now(),
        )
        if not updated:
            return False
        assessment.background = background
        assessment.background_other = background_other
        assessment.weekly_study_hours = weekly_study_hours
        # Replace the through rows outright: two queries each, whatever changed.
        links: tuple[tuple[type[models.Model], Iterable[models.Model], str], ...] = (
            (Assessment.interested_roles.through, interested_roles, "role"),
            (Assessment.held_certifications.through, held_certifications, "certification"),
        )
        for through, targets, column in links:
            through._default_manager.filter(assessment=assessment).delete()
            through._default_manager.bulk_create(
                through(assessment=assessment, **{column: target}) for target in targets
            )
    return True


def save_answers(*, assessment: Assessment, options: Sequence[AnswerOption]) -> bool:
    """Save one step's chosen answers. Returns False if the assessment was completed meanwhile.

    An upsert on the (assessment, question) constraint: a double submit or two tabs
    saving at once end with one row per question holding the latest choice.
    """
    now = timezone.now()
    with transaction.atomic():
        updated = Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
            updated_at=now
        )
        if not updated:
            return False
        Answer.objects.bulk_create(
            [
                Answer(assessment=assessment, question_id=o.question_id, option=o, answered_at=now)
                for o in options
            ],
            update_conflicts=True,
            unique_fields=["assessment", "question"],
            update_fields=["option", "answered_at"],
        )
    return True
