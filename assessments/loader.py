"""Loads the questionnaire, skills, resources, certifications and paths from assessments/data/.

Called by ``manage.py load_guide`` after the careers loader (paths need its roles).
Creates what is missing, matched by slug, and brings existing rows up to date field by field
where staff have not edited them (``config.sitewide.loading``); ``reset`` restores everything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import models

from careers.models import Role
from config.sitewide.loading import LoadReport, ModelT, blank_value, sync_row

from .models import (
    AnswerOption,
    Certification,
    Dimension,
    InternalTransfer,
    LearningResource,
    OccupationPay,
    PathCertification,
    Prerequisite,
    Question,
    RequirementLevel,
    RoleSkill,
    Skill,
    TransitionPath,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> Any:
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as data_file:
        return json.load(data_file)


def _bulk_create(model: type[ModelT], objs: list[ModelT], **kwargs: Any) -> None:
    """bulk_create, recorded in the content history (which only save() feeds by itself)."""
    created = model._default_manager.bulk_create(objs, **kwargs)
    model.history.bulk_history_create(  # type: ignore[attr-defined]  # simple_history: untyped
        [obj for obj in created if obj.pk is not None],
        update=bool(kwargs.get("update_conflicts")),
        default_change_reason="load_guide",
    )


def _sync_by_slug(
    model: type[ModelT],
    rows: list[tuple[str, dict[str, Any]]],
    *,
    reset: bool,
    report: LoadReport,
) -> tuple[dict[str, ModelT], set[str]]:
    """Create the missing rows and bring the others up to date field by field
    (``config.sitewide.loading``).

    Returns every row by slug, and the slugs written whole (created, or all on reset), whose
    links to other rows are then set from the file too.
    """
    rows_by_slug: dict[str, ModelT] = {}
    written: set[str] = set()
    for slug, values in rows:
        rows_by_slug[slug], status = sync_row(
            model, {"slug": slug}, values, reset=reset, report=report
        )
        if status in ("created", "restored"):
            written.add(slug)
    return rows_by_slug, written


def load_assessment_content(
    *, reset: bool = False, report: LoadReport | None = None
) -> dict[str, int]:
    report = report or LoadReport()
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
        report=report,
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
        report=report,
    )
    answers = _load_answers(questions, question_items, written_questions)
    skills, written_skills = _load_skills(dimensions, reset=reset, report=report)
    resources = _load_resources(dimensions, skills, reset=reset, report=report)
    certifications, written_certifications = _load_certifications(
        skills, reset=reset, report=report
    )
    written_paths = _load_paths(
        reset=reset,
        report=report,
        dimensions=dimensions,
        questions=questions,
        certifications=certifications,
    )
    transfers = _load_internal_transfers(reset=reset, report=report)
    _load_occupation_pay(reset=reset, report=report)
    report.save()
    return {
        "dimensions": len(written_dimensions),
        "questions": len(written_questions),
        "answers": answers,
        "skills": len(written_skills),
        "resources": resources,
        "certifications": len(written_certifications),
        "paths": written_paths,
        "internal transfers": transfers,
    }


def _set_links(rows: Mapping[str, models.Model], written: set[str], field: str, targets) -> None:
    """Set a many-to-many field of each written row from ``targets(slug)``."""
    for slug in written:
        getattr(rows[slug], field).set(targets(slug))


def _fill_skill_matching(skills: dict[str, Skill], items: dict, *, reset: bool) -> None:
    """Aliases and bank categories for posting gaps: filled where still empty (or on reset),
    so a database loaded before they existed gets them and staff edits stay."""
    changed = []
    for slug, skill in skills.items():
        for field in ("aliases", "interview_categories"):
            if (reset or not getattr(skill, field)) and items[slug].get(field):
                setattr(skill, field, items[slug][field])
                changed.append(skill)
    Skill.objects.bulk_update(set(changed), ["aliases", "interview_categories"])


def _load_skills(
    dimensions: dict[str, Dimension], *, reset: bool, report: LoadReport
) -> tuple[dict[str, Skill], set[str]]:
    data = read_data("skills")
    items = {item["slug"]: item for item in data["skills"]}
    skills, written = _sync_by_slug(
        Skill,
        [
            (
                slug,
                {
                    "name": item["name"],
                    "level": item["level"],
                    "deliverable": item["deliverable"],
                    "typical_hours": item["typical_hours"],
                    "shown_by": item.get("shown_by", []),
                },
            )
            for slug, item in items.items()
        ],
        reset=reset,
        report=report,
    )
    _fill_skill_matching(skills, items, reset=reset)
    _set_links(
        skills, written, "dimensions", lambda s: [dimensions[d] for d in items[s]["dimensions"]]
    )
    _set_links(
        skills, written, "prerequisites", lambda s: [skills[p] for p in items[s]["prerequisites"]]
    )
    roles = Role.objects.in_bulk([entry["role"] for entry in data["roles"]], field_name="slug")
    links = [
        RoleSkill(
            role=roles[entry["role"]],
            skill=skills[link["skill"]],
            core=link["core"],
            capstone=link["capstone"],
            sort_order=order,
        )
        for entry in data["roles"]
        if entry["role"] in roles
        for order, link in enumerate(entry["skills"])
        if link["skill"] in written or reset
    ]
    _bulk_create(
        RoleSkill,
        links,
        update_conflicts=True,
        unique_fields=["role", "skill"],
        update_fields=["core", "capstone", "sort_order"],
    )
    return skills, written


def _load_resources(
    dimensions: dict[str, Dimension], skills: dict[str, Skill], *, reset: bool, report: LoadReport
) -> int:
    items = {item["slug"]: item for item in read_data("resources")}
    fields = ("title", "provider", "url", "format", "level", "hours", "hours_from_provider")
    resources, written = _sync_by_slug(
        LearningResource,
        [
            (
                slug,
                {
                    **{name: item[name] for name in fields},
                    "is_free": item["is_free"],
                    "source_url": item["source_url"],
                    "checked_on": item["checked_on"],
                },
            )
            for slug, item in items.items()
        ],
        reset=reset,
        report=report,
    )
    _set_links(resources, written, "skills", lambda s: [skills[k] for k in items[s]["skills"]])
    _set_links(
        resources, written, "dimensions", lambda s: [dimensions[d] for d in items[s]["dimensions"]]
    )
    return len(written)


def _load_certifications(
    skills: dict[str, Skill], *, reset: bool, report: LoadReport
) -> tuple[dict[str, Certification], set[str]]:
    items = read_data("certifications")
    plain = ("name", "kind", "description", "status", "source_url", "checked_on")
    optional: tuple[str, ...] = ("from_guide", "action", "provider", "retired_on")
    optional += ("status_note", "official_url")
    optional += ("exam_code", "cost_usd", "study_hours", "evidence_kind", "evidence_sources")
    certifications, written = _sync_by_slug(
        Certification,
        [
            (
                item["slug"],
                {
                    **{name: item[name] for name in plain},
                    **{name: item.get(name, blank_value(Certification, name)) for name in optional},
                    "sort_order": order,
                },
            )
            for order, item in enumerate(items)
        ],
        reset=reset,
        report=report,
    )
    # Successors and alternatives point at rows of the same file, so they are set afterwards.
    for item in items:
        links = {
            "successor": certifications.get(item.get("successor", "")),
            "alternative": certifications.get(item.get("alternative", "")),
        }
        sync_row(Certification, {"slug": item["slug"]}, links, reset=reset, report=report)
        if item["slug"] in written:
            certifications[item["slug"]].skills.set(
                [skills[slug] for slug in item.get("skills", [])]
            )
    return certifications, written


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
    _bulk_create(AnswerOption, new)
    return count


def _load_paths(
    *,
    reset: bool,
    report: LoadReport,
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
        report=report,
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
    _bulk_create(
        PathCertification,
        links,
        update_conflicts=True,
        unique_fields=["path", "certification"],
        update_fields=["sort_order"],
    )
    _bulk_create(
        RequirementLevel,
        levels,
        update_conflicts=True,
        unique_fields=["path", "dimension"],
        update_fields=["level"],
    )
    _bulk_create(
        Prerequisite,
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


def _roles(slugs) -> dict[str, Role]:
    roles = Role.objects.in_bulk(set(slugs), field_name="slug")
    missing = set(slugs) - set(roles)
    if missing:
        raise LookupError(f"Roles {sorted(missing)} are missing; the careers content loads first.")
    return roles


def _load_internal_transfers(*, reset: bool, report: LoadReport) -> int:
    items = read_data("internal_transfers")
    roles = _roles(slug for item in items for slug in item["roles"])
    fields: tuple[str, ...] = ("title", "summary", "reason", "basis", "sources", "checked_on")
    fields += ("job_search_min_months", "job_search_max_months")
    transfers, written = _sync_by_slug(
        InternalTransfer,
        [(item["slug"], {name: item[name] for name in fields}) for item in items],
        reset=reset,
        report=report,
    )
    by_slug = {item["slug"]: item for item in items}
    _set_links(transfers, written, "roles", lambda s: [roles[r] for r in by_slug[s]["roles"]])
    return len(written)


def _load_occupation_pay(*, reset: bool, report: LoadReport) -> None:
    items = read_data("occupation_pay")
    roles = _roles(item["role"] for item in items)
    fields = ("occupation", "median_usd", "figure_date", "source_name", "source_url")
    for item in items:
        sync_row(
            OccupationPay,
            {"role": roles[item["role"]]},
            {**{name: item[name] for name in fields}, "checked_on": item["checked_on"]},
            reset=reset,
            report=report,
        )
