"""load_guide's assessments part: the framework and the guide's seven paths, exactly."""

import io

import pytest
from django.core.management import call_command

from assessments.loader import read_data
from assessments.models import (
    AnswerOption,
    Certification,
    Dimension,
    Prerequisite,
    Question,
    RequirementLevel,
    RoleSkill,
    TransitionPath,
)

GUIDE_PATHS = {
    "Business → AI Product Manager": (
        "business", "ai-product-manager", 6, 9,
        ["Google AI Product Manager", "Coursera AI Strategy"],
        ["Business experience", "basic technical literacy"],
    ),
    "Developer → ML Engineer": (
        "developer", "machine-learning-engineer", 4, 8,
        ["AWS ML Specialty", "Google Professional ML Engineer"],
        ["Programming experience", "basic statistics"],
    ),
    "Analyst → Data Scientist (AI)": (
        "analyst", "data-scientist-ai", 8, 12,
        ["Microsoft Azure AI Engineer", "IBM AI Engineering"],
        ["Statistics background", "SQL experience"],
    ),
    "Non-tech → Prompt Engineer": (
        "non-technical", "prompt-engineer", 3, 6,
        ["OpenAI API certification", "custom portfolio projects"],
        ["Strong writing skills", "logical thinking"],
    ),
    "Academic → AI Researcher": (
        "academic", "ai-research-scientist", 12, 18,
        ["Research publications", "conference presentations"],
        ["Advanced degree", "research methodology"],
    ),
    "Sales → AI Solutions Architect": (
        "sales", "ai-solutions-architect", 9, 15,
        ["Cloud AI certifications", "industry AI applications"],
        ["Technical sales experience", "customer interaction"],
    ),
    "Marketing → AI Ethics Specialist": (
        "marketing", "ai-ethics-specialist", 6, 12,
        ["Partnership on AI certification", "ethics coursework"],
        ["Policy analysis experience", "stakeholder management"],
    ),
}  # fmt: skip


def load(reset=False):
    call_command("load_guide", *(["--reset"] if reset else []), stdout=io.StringIO())


def test_it_loads_the_guides_seven_paths_exactly(guide):
    # Our routes into the other roles load beside them, labelled as ours (issue 12).
    paths = TransitionPath.objects.with_details().filter(source=TransitionPath.Source.GUIDE)
    assert {path.name for path in paths} == set(GUIDE_PATHS)
    assert not TransitionPath.objects.filter(name__in=GUIDE_PATHS).exclude(source="guide")
    for path in paths:
        background, role, low, high, certifications, prerequisites = GUIDE_PATHS[path.name]
        assert path.background == background
        assert path.target_role.slug == role
        assert (path.timeline_min_months, path.timeline_max_months) == (low, high)
        # The guide's credentials first, as it names them; the live ones we attach follow.
        names = [link.certification.name for link in path.ordered_certifications]
        assert names[: len(certifications)] == certifications
        assert [p.name for p in path.prerequisites.all()] == prerequisites


def test_it_loads_the_seven_dimensions_in_the_guides_order(guide):
    assert list(Dimension.objects.values_list("name", flat=True)) == [
        "Mathematical foundations",
        "Programming readiness",
        "Domain expertise value",
        "Analytical thinking",
        "Communication and collaboration",
        "Learning capacity and persistence",
        "Risk tolerance and timeline flexibility",
    ]


def test_it_gives_every_dimension_two_or_three_questions_of_four_or_five_answers(guide):
    for dimension in Dimension.objects.all():
        questions = Question.objects.filter(dimension=dimension)
        # Scored questions; one asked only for a prerequisite (business work) may come on top.
        assert 2 <= questions.filter(counts_toward_score=True).count() <= 3
        assert questions.filter(counts_toward_score=False).count() <= 2
        for question in questions:
            scores = list(question.options.values_list("score", flat=True))
            assert 4 <= len(scores) <= 5
            assert scores == sorted(scores)
            assert all(0 <= score <= 100 for score in scores)


def test_it_gives_every_path_a_level_for_every_dimension_and_checkable_prerequisites(guide):
    # Six: the seventh dimension, risk tolerance, is a planning constraint paths are not
    # matched on (issue 12).
    paths = TransitionPath.objects.count()
    assert paths == 21  # with our AI Engineer, clinical informatics and education routes
    assert RequirementLevel.objects.count() == paths * 6
    assert not RequirementLevel.objects.filter(dimension__is_planning_constraint=True)
    for prerequisite in Prerequisite.objects.all():
        assert prerequisite.question is not None or prerequisite.met_by_background
        if prerequisite.minimum_score is None:
            # Met by a background alone (clinical or teaching experience).
            assert prerequisite.met_by_background
        else:
            scores = prerequisite.question.options.values_list("score", flat=True)
            assert prerequisite.minimum_score in scores


def test_it_shares_a_certification_between_paths_when_it_serves_several(guide):
    certification = Certification.objects.get(slug="cloud-ai-certifications")
    path = TransitionPath.objects.get(slug="developer-to-ml-engineer")
    path.certifications.add(certification)
    assert set(certification.paths.values_list("slug", flat=True)) == {
        "developer-to-ml-engineer",
        "sales-to-ai-solutions-architect",
    }


def test_it_loads_each_roles_skills_with_their_core_and_capstone_flags(guide):
    expected = {
        (entry["role"], link["skill"]): (link["core"], link["capstone"])
        for entry in read_data("skills")["roles"]
        for link in entry["skills"]
    }
    loaded = {
        (role, skill): (core, capstone)
        for role, skill, core, capstone in RoleSkill.objects.values_list(
            "role__slug", "skill__slug", "core", "capstone"
        )
    }
    assert loaded == expected
    assert any(capstone for _, capstone in loaded.values())


def test_it_is_idempotent_and_leaves_staff_edits_alone(guide):
    counts = (Question.objects.count(), AnswerOption.objects.count(), Certification.objects.count())
    path = TransitionPath.objects.get(slug="developer-to-ml-engineer")
    path.timeline_max_months = 10
    path.save()
    option = AnswerOption.objects.filter(question__slug="prog-python").get(sort_order=0)
    option.score = 5
    option.save()
    load()
    assert (
        Question.objects.count(),
        AnswerOption.objects.count(),
        Certification.objects.count(),
    ) == counts
    assert TransitionPath.objects.get(slug="developer-to-ml-engineer").timeline_max_months == 10
    assert AnswerOption.objects.get(pk=option.pk).score == 5


def test_it_restores_the_guides_values_on_reset_keeping_answer_rows(guide):
    path = TransitionPath.objects.get(slug="developer-to-ml-engineer")
    path.timeline_max_months = 10
    path.save()
    RequirementLevel.objects.filter(path=path).update(level=1)
    option = AnswerOption.objects.filter(question__slug="prog-python").get(sort_order=0)
    option.score = 5
    option.save()
    load(reset=True)
    assert TransitionPath.objects.get(slug="developer-to-ml-engineer").timeline_max_months == 8
    assert set(RequirementLevel.objects.filter(path=path).values_list("level", flat=True)) != {1}
    assert AnswerOption.objects.get(pk=option.pk).score == 0


def test_it_recreates_a_path_staff_deleted(guide):
    TransitionPath.objects.filter(slug="non-tech-to-prompt-engineer").delete()
    load()
    path = TransitionPath.objects.with_details().get(slug="non-tech-to-prompt-engineer")
    assert len(path.ordered_certifications) == len(
        next(p for p in read_data("paths") if p["slug"] == "non-tech-to-prompt-engineer")[
            "certifications"
        ]
    )
    assert path.requirement_levels.count() == 6


def test_it_explains_a_missing_role(db):
    from assessments.loader import load_assessment_content

    with pytest.raises(LookupError, match="careers content loads first"):
        load_assessment_content()
