"""The assessments part of a user's "Download my data" file."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .models import Answer, Assessment, MilestoneTick, PathDismissal


def export_assessments(user) -> list[dict[str, Any]]:
    """Your skills-gap assessments: answers, results, paths set aside and plan milestones ticked."""
    assessments = list(
        Assessment.objects.for_user(user)
        .prefetch_related("interested_roles", "held_certifications")
        .order_by("created_at", "pk")
    )
    ids = [assessment.pk for assessment in assessments]
    # One query per kind of row, whatever the number of assessments.
    answers = defaultdict(list)
    for answer in (
        Answer.objects.filter(assessment_id__in=ids)
        .select_related("question__dimension", "option")
        .order_by("question__dimension__sort_order", "question__sort_order", "pk")
    ):
        answers[answer.assessment_id].append(
            {
                "dimension": answer.question.dimension.name,
                "question": answer.question.text,
                "answer": answer.option.text,
                "score": answer.option.score,
                "answered_at": answer.answered_at.isoformat(),
            }
        )
    dismissals = defaultdict(list)
    for dismissal in PathDismissal.objects.filter(assessment_id__in=ids):
        dismissals[dismissal.assessment_id].append(
            {
                "path": dismissal.path_slug,
                "reason": dismissal.reason,
                "at": dismissal.created_at.isoformat(),
            }
        )
    ticks = defaultdict(list)
    for tick in MilestoneTick.objects.filter(assessment_id__in=ids):
        ticks[tick.assessment_id].append(
            {
                "path": tick.path_slug,
                "milestone": tick.milestone_key,
                "ticked_at": tick.ticked_at.isoformat(),
                "evidence": tick.evidence,
            }
        )
    return [
        {
            "id": assessment.pk,
            "created_at": assessment.created_at.isoformat(),
            "completed_at": assessment.completed_at.isoformat()
            if assessment.completed_at
            else None,
            "background": assessment.background,
            "weekly_study_hours": assessment.weekly_study_hours,
            "interested_roles": sorted(role.slug for role in assessment.interested_roles.all()),
            "held_certifications": sorted(c.slug for c in assessment.held_certifications.all()),
            "answers": answers[assessment.pk],
            "result": assessment.result,
            "not_for_me": dismissals[assessment.pk],
            "plan_ticks": ticks[assessment.pk],
        }
        for assessment in assessments
    ]
