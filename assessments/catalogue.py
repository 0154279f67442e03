"""Reads the skills, learning resources and credentials a path's plan is built from.

The rules live in ``plan`` (plain data); this module turns the staff-edited catalogue into
that plain data once per content version (``config.sitewide.caching.cached_content``), so
completing an assessment costs no more queries however many skills and resources exist.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import date_format

from config.sitewide.caching import cached_content

from . import plan
from .models import Certification, LearningResource, PathCertification, RoleSkill, TransitionPath

# A milestone links its best few resources; the catalogue may hold more for a skill.
RESOURCES_PER_MILESTONE = 2


@dataclass(frozen=True)
class Credential:
    """One of a path's credentials as it stands today, and the exam the plan could use."""

    slugs: frozenset[str]  # the guide's credential and whatever replaces it
    row: Mapping[str, Any]  # what the result shows
    exam: plan.ExamToSit | None  # None if nothing about it can be earned as an exam today


@dataclass(frozen=True)
class Catalogue:
    skills_by_role: Mapping[int, tuple[plan.SkillToLearn, ...]]
    credentials_by_path: Mapping[int, tuple[Credential, ...]]


def catalogue() -> Catalogue:
    return cached_content("assessments:plan-catalogue", _build_catalogue)


def _build_catalogue() -> Catalogue:
    return Catalogue(skills_by_role=_skills_by_role(), credentials_by_path=_credentials_by_path())


def _skills_by_role() -> dict[int, tuple[plan.SkillToLearn, ...]]:
    """Each role's skills in teaching order, each with its resources."""
    links = (
        RoleSkill.objects.select_related("skill")
        .prefetch_related(
            "skill__dimensions",
            "skill__prerequisites",
            Prefetch(
                "skill__resources", queryset=LearningResource.objects.published().order_by("pk")
            ),
        )
        .order_by("role_id", "sort_order", "pk")
    )
    by_role: dict[int, list[plan.SkillToLearn]] = {}
    for link in links:
        skill = link.skill
        # The skill's own level first, the fullest course before a quick primer.
        resources = sorted(
            skill.resources.all(), key=lambda r: (r.level != skill.level, -r.hours, r.pk)
        )
        by_role.setdefault(link.role_id, []).append(
            plan.SkillToLearn(
                slug=skill.slug,
                name=skill.name,
                level=skill.level,
                dimensions=tuple(d.slug for d in skill.dimensions.all()),
                deliverable=skill.deliverable,
                typical_hours=skill.typical_hours,
                resources=tuple(resource_link(r) for r in resources[:RESOURCES_PER_MILESTONE]),
                prerequisites=tuple(p.slug for p in skill.prerequisites.all()),
                core=link.core,
                capstone=link.capstone,
                shown_by=tuple((question, minimum) for question, minimum in skill.shown_by or ()),
            )
        )
    return {role: tuple(skills) for role, skills in by_role.items()}


def resource_link(resource: LearningResource) -> plan.ResourceLink:
    return plan.ResourceLink(
        title=resource.title,
        provider=resource.provider,
        url=resource.url,
        hours=resource.hours,
        is_free=resource.is_free,
        format=resource.get_format_display(),
    )


def _credentials_by_path() -> dict[int, tuple[Credential, ...]]:
    links = (
        PathCertification.objects.select_related(
            "certification__successor", "certification__alternative"
        )
        .prefetch_related(
            "certification__successor__skills",
            "certification__alternative__skills",
            "certification__skills",
        )
        .order_by("path_id", "sort_order", "pk")
    )
    by_path: dict[int, list[Credential]] = {}
    for link in links:
        guide = link.certification
        replacement = guide.replacement
        by_path.setdefault(link.path_id, []).append(
            Credential(
                slugs=frozenset({guide.slug} | ({replacement.slug} if replacement else set())),
                row=credential_row(guide),
                exam=_exam(guide),
            )
        )
    return {path: tuple(credentials) for path, credentials in by_path.items()}


def credential_row(certification: Certification) -> dict[str, Any]:
    replacement = certification.replacement
    return {
        "slug": certification.slug,
        "name": certification.name,
        "from_guide": certification.from_guide,
        "kind": certification.kind,
        "kind_label": certification.get_kind_display(),
        "action": certification.action,
        "status": certification.status,
        "status_label": certification.get_status_display(),
        "retired_on": certification.retired_on.isoformat() if certification.retired_on else None,
        "status_note": certification.status_note,
        "provider": certification.provider,
        "official_url": certification.official_url,
        "exam_code": certification.exam_code,
        "cost_usd": certification.cost_usd,
        "study_hours": certification.study_hours,
        "source_url": certification.source_url,
        "checked_on": certification.checked_on.isoformat(),
        "evidence_kind": certification.evidence_kind,
        "evidence_kind_label": certification.get_evidence_kind_display(),
        "evidence_sources": list(certification.evidence_sources or ()),
        "replacement": (
            {
                "slug": replacement.slug,
                "name": replacement.name,
                "kind_label": replacement.get_kind_display(),
                "official_url": replacement.official_url,
                "status": replacement.status,
            }
            if replacement is not None
            else None
        ),
    }


def credentials_now(slugs: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The named credentials' rows as they stand today, by slug, in one query: a saved result
    shows these, not the rows it stored, since staff may have retired one since."""
    slugs = set(slugs)
    if not slugs:
        return {}
    rows = Certification.objects.filter(slug__in=slugs).select_related("successor", "alternative")
    return {certification.slug: credential_row(certification) for certification in rows}


def why_unavailable(row: Mapping[str, Any] | None) -> str:
    """Why a credential cannot be earned today, in the user's words; "" when it can.

    The one rule for saved plans: a step naming such a credential is flagged, never offered.
    """
    if row is None:
        return "No longer in our catalogue: check the provider's own page before booking it."
    replacement = row["replacement"]
    if row["status"] == Certification.Status.RETIRED:
        retired_on = datetime.date.fromisoformat(row["retired_on"])
        instead = f" — take {replacement['name']} instead" if replacement else ""
        return f"Retired on {date_format(retired_on, 'j F Y')}{instead}."
    instead = f" Instead: {replacement['name']}." if replacement else ""
    if row["status"] == Certification.Status.NOT_REAL:
        return f"The guide names {row['name']}; no such credential exists.{instead}"
    if row["status"] == Certification.Status.ACTIVE:
        return ""
    # Not found, or a status this code does not know (an older record): never booked.
    return f"We could not find {row['name']} on its provider's pages.{instead}"


def _exam(guide: Certification) -> plan.ExamToSit | None:
    """The proctored exam that can be sat today for a credential the guide names: itself or a
    retired one's successor from the same provider; None if none can. A credential that was
    not found or does not exist never becomes a step, not even through a stand-in: the real
    credentials a path needs are attached to it in their own right."""
    if guide.status == Certification.Status.ACTIVE:
        exam: Certification | None = guide
    elif guide.status == Certification.Status.RETIRED:
        exam = guide.successor
    else:
        return None
    if exam is None or not exam.can_be_sat:
        return None
    return plan.ExamToSit(
        slug=exam.slug,
        name=exam.name,
        provider=exam.provider,
        url=exam.official_url,
        tests=tuple(skill.slug for skill in exam.skills.all()),
        exam_code=exam.exam_code,
        cost_usd=exam.cost_usd,
        instead_of="" if exam is guide else guide.name,
    )


def interview_practice(role_slug: str, role_name: str) -> plan.ResourceLink:
    return plan.ResourceLink(
        title=f"Interview questions for {role_name}",
        provider="AI Careers Compass (ours)",
        url=f"{reverse('interviews:bank')}?role={role_slug}",
        hours=1,
        is_free=True,
        format="Question bank",
    )


def exam_to_schedule(
    credentials: tuple[Credential, ...], skills: tuple[plan.SkillToLearn, ...], held: set[str]
) -> plan.ExamToSit | None:
    """The first of the path's credentials that can be earned today as an exam testing a skill
    of the role. None when the user holds one of the path's credentials already."""
    if any(credential.slugs & held for credential in credentials):
        return None
    role_skills = {skill.slug for skill in skills}
    for credential in credentials:
        exam = credential.exam
        if exam is not None and role_skills & set(exam.tests):
            return exam
    return None


@dataclass(frozen=True)
class PathPlan:
    certifications: list[dict[str, Any]]
    milestones: list[dict[str, Any]]


def path_plan(
    *,
    content: Catalogue,
    path: TransitionPath,
    core_hours: int,
    gap_hours: Mapping[str, int],
    weekly_hours: int,
    held: set[str],
    answer_scores: Mapping[str, int] | None = None,
) -> PathPlan:
    """One path's credentials and plan, as the result snapshot stores them.

    A skill the person's answers show they already do (SQL they write daily) is no step.
    """
    skills = content.skills_by_role.get(path.target_role_id, ())
    credentials = content.credentials_by_path.get(path.pk, ())
    to_learn = tuple(
        skill for skill in skills if skill.capstone or not skill.already_done(answer_scores or {})
    )
    milestones = plan.build_plan(
        core_hours=core_hours,
        gap_hours=gap_hours,
        skills=to_learn,
        weekly_hours=weekly_hours,
        exam=exam_to_schedule(credentials, skills, held),
        capstone=path.portfolio_project,
        interview_practice=interview_practice(path.target_role.slug, path.target_role.name),
        role_name=path.target_role.name,
    )
    return PathPlan(
        certifications=[
            {**credential.row, "met": bool(credential.slugs & held)} for credential in credentials
        ],
        milestones=[milestone.as_dict() for milestone in milestones],
    )
