"""What a job posting asks for, against what the member has shown: the skills catalogue and
its aliases found in the posting's text by the site's one matcher (config.sitewide.matching).

The posting's text is matched here, in the process; it is never sent anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from config.sitewide.caching import cached_content
from config.sitewide.matching import find_phrases

from .models import Assessment, LearningResource, MilestoneTick, Skill
from .result_page import opening_path, ranked_paths

# An answer scored this high (of 100) on every dimension a skill builds shows the skill.
SHOWN_SCORE = 70

# ``provider(user)`` returns the bank categories the member has practised well; the
# interviews app registers it, so this app need not import that one.
PractisedCategories = Callable[..., frozenset[str]]
_practised_providers: list[PractisedCategories] = []


def register_practised_categories(provider: PractisedCategories) -> None:
    if provider not in _practised_providers:
        _practised_providers.append(provider)


@dataclass(frozen=True)
class SkillTerms:
    slug: str
    name: str
    phrases: tuple[str, ...]  # the name and its aliases
    dimensions: tuple[str, ...]
    interview_categories: tuple[str, ...]
    resource: tuple[str, str, str] | None  # title, provider, address of the first resource


def skill_terms() -> tuple[SkillTerms, ...]:
    """The catalogue as the matcher needs it, kept per content version."""
    return cached_content("assessments:skill-terms", _read_skill_terms)


def _read_skill_terms() -> tuple[SkillTerms, ...]:
    skills = Skill.objects.prefetch_related(
        "dimensions",
        Prefetch("resources", queryset=LearningResource.objects.published().order_by("pk")),
    ).order_by("level", "name")
    terms = []
    for skill in skills:
        resource = next(iter(skill.resources.all()), None)
        terms.append(
            SkillTerms(
                slug=skill.slug,
                name=skill.name,
                phrases=(skill.name, *skill.aliases),
                dimensions=tuple(d.slug for d in skill.dimensions.all()),
                interview_categories=tuple(skill.interview_categories),
                resource=(resource.title, resource.provider, resource.url) if resource else None,
            )
        )
    return tuple(terms)


@dataclass(frozen=True)
class Evidence:
    """What the member has shown: scores of the latest result, ticked milestones with a
    deliverable, bank categories practised, and the plan's milestones."""

    scores: dict[str, int] = field(default_factory=dict)
    delivered: frozenset[str] = frozenset()  # milestone keys ticked with evidence
    practised: frozenset[str] = frozenset()
    result_pk: int | None = None
    plan_keys: frozenset[str] = frozenset()


def evidence_of(user) -> Evidence:
    latest = Assessment.objects.for_user(user).completed().first()
    ticks = MilestoneTick.objects.filter(assessment__user=user).exclude(evidence="")
    practised = frozenset().union(*(provider(user) for provider in _practised_providers))
    plan_keys: frozenset[str] = frozenset()
    if latest is not None:
        # The plan the result page shows: that of the path it opens with.
        dismissed = set(latest.dismissals.values_list("path_slug", flat=True))
        opening = opening_path(ranked_paths(latest.snapshot, dismissed))
        if opening is not None:
            plan_keys = frozenset(milestone["key"] for milestone in opening["plan"])
    return Evidence(
        # The snapshot lists each dimension with its score.
        scores={row["slug"]: row["score"] for row in (latest.scores or [])} if latest else {},
        delivered=frozenset(ticks.values_list("milestone_key", flat=True)),
        practised=practised,
        result_pk=latest.pk if latest else None,
        plan_keys=plan_keys,
    )


@dataclass(frozen=True)
class SkillFound:
    slug: str
    name: str
    matched: tuple[str, ...]  # the posting's own words that named it
    shown_by: tuple[str, ...]  # why we count it as shown; empty when it is a gap
    learn: tuple[str, str] | None  # label, address: the plan's milestone or a resource
    bank: tuple[tuple[str, str], ...]  # label, address of bank questions that test it


def _shown_by(terms: SkillTerms, evidence: Evidence) -> tuple[str, ...]:
    reasons = []
    if f"skill-{terms.slug}" in evidence.delivered:
        reasons.append("you ticked its milestone with a deliverable")
    if terms.dimensions and all(
        evidence.scores.get(slug, 0) >= SHOWN_SCORE for slug in terms.dimensions
    ):
        reasons.append("your assessment answers")
    practised = [c for c in terms.interview_categories if c in evidence.practised]
    if practised:
        reasons.append(f"you practised {', '.join(c.replace('-', ' ') for c in practised)}")
    return tuple(reasons)


def _learn(terms: SkillTerms, evidence: Evidence) -> tuple[str, str] | None:
    key = f"skill-{terms.slug}"
    if evidence.result_pk and key in evidence.plan_keys:
        url = reverse("assessments:result", args=[evidence.result_pk]) + f"#milestone-{key}"
        return ("Your plan's milestone", url)
    if terms.resource:
        title, provider, url = terms.resource
        return (f"{title} ({provider})", url)
    return None


def _bank(terms: SkillTerms) -> tuple[tuple[str, str], ...]:
    bank = reverse("interviews:bank")
    return tuple(
        (category.replace("-", " ").capitalize(), f"{bank}?{urlencode({'category': category})}")
        for category in terms.interview_categories
    )


def skills_in(text: str) -> list[tuple[SkillTerms, tuple[str, ...]]]:
    """The catalogue's skills the text asks for, each with the text's words that matched."""
    terms = skill_terms()
    found = find_phrases(text, {phrase for skill in terms for phrase in skill.phrases})
    asked = []
    for skill in terms:
        words: list[str] = []
        for phrase in skill.phrases:
            # A phrase broken over lines reads as one line.
            said = (" ".join(word.split()) for word in found.get(phrase, []))
            words += [word for word in said if word not in words]
        if words:
            asked.append((skill, tuple(words)))
    return asked


@dataclass(frozen=True)
class GapReport:
    shown: list[SkillFound]
    missing: list[SkillFound]


def posting_gaps(*, user, text: str) -> GapReport:
    evidence = evidence_of(user)
    shown: list[SkillFound] = []
    missing: list[SkillFound] = []
    for terms, words in skills_in(text):
        reasons = _shown_by(terms, evidence)
        found = SkillFound(
            slug=terms.slug,
            name=terms.name,
            matched=words,
            shown_by=reasons,
            learn=None if reasons else _learn(terms, evidence),
            bank=_bank(terms),
        )
        (shown if reasons else missing).append(found)
    return GapReport(shown=shown, missing=missing)
