"""Loads the questionnaire, certifications and transition paths from assessments/data/.

Called by ``manage.py load_guide`` after the careers loader (paths need its roles).
Creates what is missing, matched by slug; leaves staff edits alone unless ``reset``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import models

from careers.models import Role

from .models import (
    AnswerOption,
    Certification,
    Dimension,
    PathCertification,
    Prerequisite,
    Question,
    RequirementLevel,
    TransitionPath,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> Any:
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as data_file:
        return json.load(data_file)


def _sync_by_slug(
    model: type[models.Model], rows: list[tuple[str, dict[str, Any]]], *, reset: bool
) -> tuple[dict[str, models.Model], set[str]]:
    """Create the missing rows in one query; overwrite the others only on reset.

    Returns every row by slug, and the slugs written (created, or all on reset).
    bulk_create sends no save signals, so the content version is bumped once, by
    load_guide, rather than once per row.
    """
    existing = model.objects.in_bulk([slug for slug, _ in rows], field_name="slug")
    missing = [model(slug=slug, **values) for slug, values in rows if slug not in existing]
    model.objects.bulk_create(missing)
    if reset:
        for slug, values in rows:
            row = existing.get(slug)
            if row is not None:
                for field, value in values.items():
                    setattr(row, field, value)
                row.save()
    rows_by_slug = {**existing, **{row.slug: row for row in missing}}
    written = set(rows_by_slug) if reset else {row.slug for row in missing}
    return rows_by_slug, written


def load_assessment_content(*, reset: bool = False) -> dict[str, int]:
    dimension_items = read_data("dimensions")
    dimensions, written_dimensions = _sync_by_slug(
        Dimension,
        [
            (
                item["slug"],
                {
                    "name": item["name"],
                    "guide_prompt": item["guide_prompt"],
                    "improvement_advice": item["improvement_advice"],
                    "study_hours_per_point": item["study_hours_per_point"],
                    "is_planning_constraint": item.get("is_planning_constraint", False),
                    "sort_order": order,
                },
            )
            for order, item in enumerate(dimension_items)
        ],
        reset=reset,
    )
    question_items = {
        question["slug"]: (order, question, dimensions[item["slug"]])
        for item in dimension_items
        for order, question in enumerate(item["questions"])
    }
    questions, written_questions = _sync_by_slug(
        Question,
        [
            (
                slug,
                {
                    "dimension": dimension,
                    "text": question["text"],
                    "help_text": question["help_text"],
                    "counts_toward_score": question.get("counts_toward_score", True),
                    "sort_order": order,
                },
            )
            for slug, (order, question, dimension) in question_items.items()
        ],
        reset=reset,
    )
    answers = _load_answers(questions, question_items, written_questions)
    certifications, written_certifications = _sync_by_slug(
        Certification,
        [
            (
                item["slug"],
                {
                    "name": item["name"],
                    "kind": item["kind"],
                    "description": item["description"],
                    "sort_order": order,
                },
            )
            for order, item in enumerate(read_data("certifications"))
        ],
        reset=reset,
    )
    written_paths = _load_paths(
        reset=reset, dimensions=dimensions, questions=questions, certifications=certifications
    )
    return {
        "dimensions": len(written_dimensions),
        "questions": len(written_questions),
        "answers": answers,
        "certifications": len(written_certifications),
        "paths": written_paths,
    }


def _load_answers(
    questions: dict[str, Question], items: dict[str, tuple], written: set[str]
) -> int:
    # Matched by position and updated in place, so the answers users gave keep pointing at them.
    existing: dict[tuple[int, int], AnswerOption] = {
        (option.question_id, option.sort_order): option
        for option in AnswerOption.objects.filter(question__slug__in=written)
    }
    new, count = [], 0
    for slug in (slug for slug in items if slug in written):
        question = questions[slug]
        for order, (text, score, *extra) in enumerate(items[slug][1]["answers"]):
            # An optional third item marks an answer that sets a planning constraint.
            values = {
                "text": text,
                "score": score,
                "runway_months": None,
                "keeps_income": False,
                **(extra[0] if extra else {}),
            }
            option = existing.get((question.pk, order))
            if option is None:
                new.append(AnswerOption(question=question, sort_order=order, **values))
            elif any(getattr(option, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(option, field, value)
                option.save(update_fields=list(values))
            count += 1
    AnswerOption.objects.bulk_create(new)
    return count


def _load_paths(
    *,
    reset: bool,
    dimensions: dict[str, Dimension],
    questions: dict[str, Question],
    certifications: dict[str, Certification],
) -> int:
    items = read_data("paths")
    roles = Role.objects.in_bulk([item["target_role"] for item in items], field_name="slug")
    for item in items:
        if item["target_role"] not in roles:
            raise LookupError(
                f"Role {item['target_role']!r} is missing; the careers content loads first."
            )
    paths, written = _sync_by_slug(
        TransitionPath,
        [
            (
                item["slug"],
                {
                    "name": item["name"],
                    "source": item["source"],
                    "reasoning": item["reasoning"],
                    "background": item["background"],
                    "also_backgrounds": item["also_backgrounds"],
                    "target_role": roles[item["target_role"]],
                    "timeline_min_months": item["timeline_min_months"],
                    "timeline_max_months": item["timeline_max_months"],
                    "summary": item["summary"],
                    "portfolio_project": item["portfolio_project"],
                    "core_study_hours": item["core_study_hours"],
                    "sort_order": order,
                },
            )
            for order, item in enumerate(items)
        ],
        reset=reset,
    )
    links, levels, prerequisites = [], [], []
    for item in items:
        if item["slug"] not in written:
            continue
        path = paths[item["slug"]]
        links += [
            PathCertification(path=path, certification=certifications[slug], sort_order=order)
            for order, slug in enumerate(item["certifications"])
        ]
        levels += [
            RequirementLevel(path=path, dimension=dimensions[slug], level=level)
            for slug, level in item["requirements"].items()
        ]
        prerequisites += [
            Prerequisite(
                path=path,
                slug=prerequisite["slug"],
                name=prerequisite["name"],
                met_by_background=prerequisite["met_by_background"],
                question=questions[prerequisite["question"]],
                minimum_score=prerequisite["minimum_score"],
                hard=prerequisite["hard"],
                unlock=prerequisite["unlock"],
                sort_order=order,
            )
            for order, prerequisite in enumerate(item["prerequisites"])
        ]
    # An upsert on each unique constraint: new paths get their rows, reset restores them.
    PathCertification.objects.bulk_create(
        links,
        update_conflicts=True,
        unique_fields=["path", "certification"],
        update_fields=["sort_order"],
    )
    RequirementLevel.objects.bulk_create(
        levels, update_conflicts=True, unique_fields=["path", "dimension"], update_fields=["level"]
    )
    Prerequisite.objects.bulk_create(
        prerequisites,
        update_conflicts=True,
        unique_fields=["path", "slug"],
        update_fields=[
            "name",
            "met_by_background",
            "question",
            "minimum_score",
            "hard",
            "unlock",
            "sort_order",
        ],
    )
    return len(written)
