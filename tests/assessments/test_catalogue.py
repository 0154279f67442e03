"""The content behind plans: checked certifications, the resource catalogue, and the plan each
persona gets from the real data."""

import datetime
import json
from itertools import pairwise
from urllib.parse import urlparse

import pytest

from assessments.loader import read_data
from assessments.models import (
    Certification,
    Dimension,
    LearningResource,
    RoleSkill,
    Skill,
    TransitionPath,
)
from careers.models import Role

CHECKED = datetime.date(2026, 12, 1)
CREDENTIALS_CHECKED = datetime.date(2026, 12, 6)
# The providers' own sites: the only source links a credential shows users.
PROVIDER_SITES = {
    "aws.amazon.com",
    "docs.aws.amazon.com",  # AWS's own exam guides
    "cloud.google.com",
    "learn.microsoft.com",
    "iapp.org",
    "www.coursera.org",
    "openai.com",
    "old.partnershiponai.org",
}
# The pages the issue found behind "source" links: an AI-written encyclopedia, a course
# mirror, unrelated listings and a proxy copy.
NOT_SOURCES = ("grokipedia", "findailist", "aniiverse", "business-news-today", "rproxy")


def test_every_certification_has_a_status_and_the_evidence_behind_it(content):
    for certification in Certification.objects.all():
        assert certification.status in Certification.Status.values, certification
        assert certification.evidence_kind in Certification.EvidenceKind.values, certification
        assert certification.checked_on == CREDENTIALS_CHECKED, certification
        assert not any(bad in certification.source_url for bad in NOT_SOURCES), certification
        for source in certification.evidence_sources:
            assert source["title"] and source["url"].startswith("https://") and source["date"]
            assert not any(bad in source["url"] for bad in NOT_SOURCES), certification
        if certification.evidence_kind != Certification.EvidenceKind.GUIDE:
            assert urlparse(certification.source_url).hostname in PROVIDER_SITES, certification
        if certification.status == Certification.Status.RETIRED:
            # Retired on a date, with a successor from the same provider.
            assert certification.retired_on and certification.successor, certification
            assert certification.successor.provider == certification.provider
        if certification.status in (Certification.Status.NOT_FOUND, Certification.Status.NOT_REAL):
            assert certification.status_note, certification
            if certification.alternative:
                assert certification.alternative.status == Certification.Status.ACTIVE
        if certification.status == Certification.Status.NOT_REAL:
            assert "no such credential exists" in certification.status_note or (
                "not one credential" in certification.status_note
                or "no single credential" in certification.status_note
                or "a family, not one credential" in certification.status_note
            ), certification
        if certification.kind == Certification.Kind.EVIDENCE:
            assert certification.action, certification


def test_a_status_from_independent_sources_names_at_least_one_of_them(content):
    for certification in Certification.objects.filter(
        evidence_kind=Certification.EvidenceKind.INDEPENDENT,
        status__in=[Certification.Status.ACTIVE, Certification.Status.RETIRED],
    ):
        assert certification.evidence_sources, certification


def test_it_restores_the_known_retirements_and_names_what_does_not_exist(content):
    by_slug = Certification.objects.in_bulk(field_name="slug")
    aws = by_slug["aws-ml-specialty"]
    assert aws.name == "AWS ML Specialty" and aws.from_guide
    assert (aws.status, aws.retired_on) == ("retired", datetime.date(2026, 3, 31))
    assert aws.successor.exam_code == "MLA-C01"
    azure = by_slug["microsoft-azure-ai-engineer"]
    assert (azure.status, azure.retired_on) == ("retired", datetime.date(2026, 6, 30))
    assert azure.successor.exam_code == "AI-103" and azure.alternative is None
    for slug in ("azure-ai-apps-agents-developer", "aws-ai-practitioner", "iapp-aigp"):
        assert by_slug[slug].status == "active", slug
    assert by_slug["google-generative-ai-leader"].status == "active"
    assert by_slug["ai-for-everyone"].status == "active"
    for slug in (
        "google-ai-product-manager",
        "openai-api-certification",
        "partnership-on-ai-certification",
        "coursera-ai-strategy",
        "cloud-ai-certifications",
    ):
        assert by_slug[slug].status == "not-real", slug
    assert by_slug["partnership-on-ai-certification"].alternative.slug == "iapp-aigp"
    assert by_slug["ibm-ai-engineering"].kind == "course"


def test_the_live_credentials_serve_the_paths_they_fit(content):
    def credentials(path_slug):
        path = TransitionPath.objects.get(slug=path_slug)
        return set(path.certifications.values_list("slug", flat=True))

    assert "iapp-aigp" in credentials("marketing-to-ai-ethics-specialist")
    for path_slug in (
        "business-to-ai-product-manager",
        "product-to-generative-ai-product-manager",
        "non-tech-to-prompt-engineer",
    ):
        assert {"google-generative-ai-leader", "aws-ai-practitioner"} & credentials(path_slug)
    assert "azure-ai-apps-agents-developer" in credentials("sales-to-ai-solutions-architect")


def test_the_catalogue_holds_sixty_checked_resources_at_distinct_addresses(content):
    resources = list(LearningResource.objects.all())
    assert len(resources) >= 60
    assert len({r.url for r in resources}) == len(resources)
    for resource in resources:
        assert resource.url.startswith(("https://", "http://")), resource
        # Checked when the catalogue was built, or later for resources added since.
        assert resource.source_url.startswith("http") and resource.checked_on >= CHECKED
        assert resource.hours >= 1 and resource.provider


@pytest.mark.parametrize("level", [Skill.Level.FOUNDATION, Skill.Level.INTERMEDIATE])
def test_every_dimension_has_resources_at_beginner_and_intermediate_level(content, level):
    for dimension in Dimension.objects.all():
        assert LearningResource.objects.filter(dimensions=dimension, level=level).exists(), (
            dimension,
            level,
        )


def test_every_role_has_core_skills_and_every_skill_a_resource(content):
    for role in Role.objects.all():
        links = RoleSkill.objects.filter(role=role)
        assert links.filter(core=True).exists(), role
    for skill in Skill.objects.all():
        assert skill.resources.exists(), skill
        assert skill.dimensions.exists(), skill


def test_the_data_files_name_only_skills_and_dimensions_that_exist():
    skills = {item["slug"] for item in read_data("skills")["skills"]}
    dimensions = {item["slug"] for item in read_data("dimensions")}
    for item in read_data("resources"):
        assert set(item["skills"]) <= skills and set(item["dimensions"]) <= dimensions, item
    for item in read_data("certifications"):
        assert set(item.get("skills", [])) <= skills, item


# --- Plans for personas, from the real scoring, data and plan rules ---------------------------

# Answer positions by question slug (0 = the first answer): what each person has done.
PERSONAS = {
    "senior developer": (
        "developer",
        {
            "prog-experience": 4,
            "prog-python": 3,
            "prog-data": 2,
            "math-statistics": 1,
            "math-linear-algebra": 1,
            "math-calculus": 1,
            "analysis-problem-solving": 2,
            "domain-technology": 3,
        },
    ),
    "marketing manager": (
        "marketing",
        {"prog-experience": 1, "prog-python": 0, "domain-depth": 3, "comm-writing": 3},
    ),
    "business person": ("business", {"domain-depth": 3, "comm-stakeholders": 3}),
    "data analyst": ("analyst", {"prog-data": 3, "math-statistics": 3}),
    "academic": ("academic", {"math-statistics": 4, "analysis-research": 3}),
    "salesperson": ("sales", {"comm-customers": 3}),
    "no experience": ("other", {}),
}


@pytest.fixture
def plans(alice, take_assessment):
    """Every path's plan for every persona, as stored in their results."""
    found = {}
    for persona, (background, answers) in PERSONAS.items():
        assessment = take_assessment(alice, background=background, hours=8, answers=answers)
        for path in assessment.result["paths"]:
            found[(persona, path["slug"])] = path
    return found


def test_no_plan_sends_anyone_to_a_retired_or_unconfirmed_credential(content, plans):
    unavailable = set(Certification.objects.exclude(status="active").values_list("slug", flat=True))
    for (persona, slug), path in plans.items():
        for milestone in path["plan"]:
            named = json.dumps(milestone)
            assert not any(f'"exam-{cert}"' in named for cert in unavailable), (persona, slug)
            if milestone["kind"] == "exam":
                exam = Certification.objects.get(slug=milestone["key"].removeprefix("exam-"))
                assert exam.can_be_sat, (persona, slug)


def test_an_exam_with_no_page_to_book_through_is_never_scheduled(alice, take_assessment):
    """Plans schedule only what Certification.can_be_sat allows: an active proctored exam
    with its official page. Without the page, the developer's plan has no exam step."""
    exam = Certification.objects.get(slug="aws-ml-engineer-associate")
    assert exam.can_be_sat
    exam.official_url = ""
    exam.save()
    assert not exam.can_be_sat
    assessment = take_assessment(alice, background="developer", hours=8)
    path = next(p for p in assessment.result["paths"] if p["slug"] == "developer-to-ml-engineer")
    assert "exam-aws-ml-engineer-associate" not in [m["key"] for m in path["plan"]]


def test_every_milestone_has_a_resource_with_an_address_hours_and_a_deliverable(plans):
    for (persona, slug), path in plans.items():
        assert path["plan"], (persona, slug)
        for milestone in path["plan"]:
            assert milestone["hours"] > 0, (persona, slug, milestone["key"])
            assert milestone["deliverable"], (persona, slug, milestone["key"])
            assert milestone["resources"], (persona, slug, milestone["key"])
            assert all(r["url"] for r in milestone["resources"]), (persona, slug)


def test_the_developers_ml_engineer_plan_teaches_training_deployment_and_monitoring(plans):
    path = plans[("senior developer", "developer-to-ml-engineer")]
    keys = [milestone["key"] for milestone in path["plan"]]
    for skill in ("classical-ml", "deep-learning-pytorch", "mlops-deployment", "model-monitoring"):
        assert f"skill-{skill}" in keys, keys
    # Foundations first, the machine learning next, then deployment and its monitoring.
    assert keys.index("skill-classical-ml") < keys.index("skill-mlops-deployment")
    assert keys.index("skill-mlops-deployment") < keys.index("skill-model-monitoring")
    assert keys[-2:] == ["portfolio", "interviews"]
    exam = next(m for m in path["plan"] if m["kind"] == "exam")
    # The guide's AWS ML Specialty is not confirmed; its successor stands in, after what it tests.
    assert exam["key"] == "exam-aws-ml-engineer-associate"
    assert "AWS ML Specialty" in exam["detail"]
    assert keys.index(exam["key"]) > keys.index("skill-mlops-deployment")


def test_the_marketers_ai_product_manager_plan_reads_like_a_mentors(plans):
    path = plans[("marketing manager", "business-to-ai-product-manager")]
    keys = [milestone["key"] for milestone in path["plan"]]
    # What AI is, then a quick hands-on step with it, before the long foundations.
    assert keys[:2] == ["skill-ai-literacy", "skill-prompt-engineering"], keys
    for skill in ("experimentation-metrics", "ai-product-management", "responsible-ai"):
        assert f"skill-{skill}" in keys, keys
    assert keys[-2:] == ["portfolio", "interviews"]
    # The product brief is the capstone, not asked for twice: the skill step is a teardown.
    briefs = [m["key"] for m in path["plan"] if "product brief" in m["deliverable"]]
    assert briefs == ["portfolio"], briefs
    # Neither of the guide's credentials for this route exists: the exam is a real one.
    exams = [m["key"] for m in path["plan"] if m["kind"] == "exam"]
    assert exams in ([], ["exam-google-generative-ai-leader"], ["exam-aws-ai-practitioner"])


def test_no_plan_asks_for_the_same_deliverable_twice(plans):
    for (persona, slug), path in plans.items():
        deliverables = [milestone["deliverable"] for milestone in path["plan"]]
        assert len(set(deliverables)) == len(deliverables), (persona, slug)


def test_each_plan_adds_up_to_its_study_hours_in_continuous_months(plans):
    for (persona, slug), path in plans.items():
        assert sum(m["hours"] for m in path["plan"]) == path["study_hours"]["total"]
        assert path["plan"][-1]["end_month"] == path["timeline"]["months"], (persona, slug)
        months = [(m["start_month"], m["end_month"]) for m in path["plan"]]
        assert months[0][0] == 1, (persona, slug)
        for (_, end), (start, _) in pairwise(months):
            assert start in (end, end + 1), (persona, slug, months)


# --- Issue 20: plans start where the person is ------------------------------------------------


def test_no_step_for_what_the_analyst_already_does(plans):
    path = plans[("data analyst", "analyst-to-data-scientist")]
    keys = [milestone["key"] for milestone in path["plan"]]
    # He writes SQL with joins and designs A/B tests: neither is a step of his plan.
    assert "skill-sql" not in keys and "skill-statistics" not in keys, keys
    assert "skill-experimentation-metrics" not in keys, keys
    assert "skill-classical-ml" in keys


def test_python_comes_before_pandas_for_someone_who_has_not_coded(plans):
    with_pandas = 0
    for (persona, slug), path in plans.items():
        if persona != "marketing manager":
            continue
        keys = [milestone["key"] for milestone in path["plan"]]
        if "skill-python-data" in keys:
            with_pandas += 1
            assert "skill-python-basics" in keys, slug
            assert keys.index("skill-python-basics") < keys.index("skill-python-data"), slug
    assert with_pandas >= 3


def test_the_training_data_plan_starts_with_guidelines_and_evaluation(plans):
    path = plans[("no experience", "domain-expert-to-ai-training-data-specialist")]
    keys = [milestone["key"] for milestone in path["plan"]]
    assert keys[:2] == ["skill-technical-writing", "skill-llm-evaluation"], keys
    assert "skill-python-data" not in keys and "skill-sql" not in keys


def test_no_plan_schedules_an_exam_from_another_field(plans):
    for (persona, slug), path in plans.items():
        exams = [m["key"] for m in path["plan"] if m["kind"] == "exam"]
        if slug in ("analyst-to-data-scientist", "finance-to-data-scientist"):
            assert "exam-aws-ml-engineer-associate" not in exams, (persona, slug)
