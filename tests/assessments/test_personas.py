"""The assessment's advice for people who actually switch, as a careful career coach would give it.

Each persona answers every question through the domain functions (answers are positions in
each question's list, 0 = the first answer, 1 when not given) and is held to the outcome a
coach would defend: the path the result opens with, its fit words, and what it must not say.
``pytest -s`` prints the table the issue's closing note asks for.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

import pytest
from django.utils.html import escape

from assessments.models import AnswerOption, Assessment, Certification
from assessments.questionnaire import (
    load_questionnaire,
    save_answers,
    save_background,
    start_assessment,
)
from assessments.result_page import read_result_page
from assessments.snapshot import complete_assessment
from careers.models import Role
from tests import factories

# One worker takes the whole module, so the personas' assessments are taken once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("personas")]

STRONG, POSSIBLE, STRETCH, NOT_YET = "strong fit", "possible with work", "a stretch", "not yet"
TODAY = datetime.date(2026, 12, 6)
TRAINING_DATA = "domain-expert-to-ai-training-data-specialist"
PRODUCT_PATHS = frozenset(
    {
        "business-to-ai-product-manager",
        "product-to-generative-ai-product-manager",
        "analyst-to-ai-product-manager",
    }
)
ANY = frozenset()  # any path: the words are what the coach cares about
# The position of "Yes: it is building AI into its products or services, or has an AI team."
# (1, "not sure", is the answer every other persona gives by default: no move inside).
EMPLOYER_ADOPTING_AI = 3


@dataclass(frozen=True)
class Persona:
    name: str
    background: str
    hours: int
    answers: dict[str, int]
    paths: frozenset[str]  # where the result may open; empty: anywhere
    words: frozenset[str]
    why: str
    goal: tuple[str, ...] = ()
    other: str = ""
    not_paths: frozenset[str] = frozenset()  # where it must not open


def _a(**answers: int) -> dict[str, int]:
    return {slug.replace("_", "-"): position for slug, position in answers.items()}


def P(*slugs: str) -> frozenset[str]:
    return frozenset(slugs)


W = P  # the same shape for words

PERSONAS = [
    # --- The ten career changers of the issue -------------------------------------------------
    Persona(
        "Privacy lawyer",
        "other",
        6,
        _a(
            domain_depth=3,
            domain_policy=3,
            domain_technology=1,
            domain_business=1,
            comm_writing=3,
            comm_stakeholders=3,
            comm_customers=2,
            analysis_problem_solving=2,
            analysis_research=1,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            learning_formal_study=2,
        ),
        P("marketing-to-ai-ethics-specialist"),
        W(POSSIBLE, STRONG),
        "Privacy law is AI governance's nearest profession: the ethics route (with the IAPP's "
        "AIGP), not a contract data-labelling fallback.",
        other="Privacy law",
        not_paths=P(TRAINING_DATA),
    ),
    Persona(
        "Mechanical engineer",
        "other",
        8,
        _a(
            math_statistics=2,
            math_linear_algebra=2,
            math_calculus=2,
            prog_experience=2,
            prog_python=1,
            prog_data=1,
            domain_depth=3,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_formal_study=1,
        ),
        ANY,
        W(POSSIBLE, STRETCH),
        "Maths is there, production code is not: an engineering or data route with work, never "
        "a confident badge, and not the data-labelling fallback.",
        other="Mechanical engineering",
        not_paths=P(TRAINING_DATA),
    ),
    Persona(
        "Graphic designer, 5 h a week, runway under 3 months",
        "design",
        5,
        _a(
            math_statistics=0,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            domain_depth=2,
            domain_technology=1,
            domain_business=1,
            analysis_problem_solving=1,
            analysis_data_decisions=1,
            comm_writing=2,
            comm_stakeholders=1,
            risk_study_runway=0,
            risk_income=0,
        ),
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "No maths, no code and under 3 months of runway: nothing here is a strong fit, whatever "
        "the points say.",
    ),
    Persona(
        "Technical recruiter",
        "other",
        6,
        _a(
            domain_depth=2,
            domain_technology=1,
            domain_business=1,
            comm_writing=1,
            comm_customers=2,
            comm_stakeholders=2,
            analysis_problem_solving=1,
            analysis_data_decisions=1,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
        ),
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "People skills without a technical base: the result is honest about the distance and "
        "does not fall back to data labelling for 'another profession'.",
        other="Technical recruiting",
        not_paths=P(TRAINING_DATA),
    ),
    Persona(
        "DevOps engineer",
        "developer",
        8,
        _a(
            prog_experience=4,
            prog_python=2,
            prog_data=2,
            math_statistics=1,
            math_linear_algebra=1,
            math_calculus=1,
            domain_depth=2,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=1,
            comm_stakeholders=1,
            learning_self_directed=2,
            learning_new_technology=2,
        ),
        P(
            "developer-to-ai-infrastructure-engineer",
            "developer-to-ai-engineer",
            "developer-to-ml-engineer",
        ),
        W(STRONG, POSSIBLE),
        "Runs production systems already: AI infrastructure or building on LLMs is the short "
        "step; maths for research roles is the long one.",
    ),
    Persona(
        "Biology postdoc",
        "academic",
        10,
        _a(
            math_statistics=3,
            math_linear_algebra=1,
            math_calculus=1,
            prog_experience=2,
            prog_python=2,
            prog_data=1,
            domain_depth=3,
            domain_technology=1,
            analysis_problem_solving=3,
            analysis_data_decisions=2,
            analysis_research=3,
            comm_writing=2,
            comm_stakeholders=1,
            learning_self_directed=2,
            learning_formal_study=3,
        ),
        P(
            "academic-to-ai-researcher",
            "academic-to-ai-safety-researcher",
            "analyst-to-data-scientist",
            "finance-to-data-scientist",
        ),
        W(POSSIBLE, STRETCH),
        "Research method and a doctorate, but not the maths of ML research: a real route with "
        "work, not a strong fit.",
    ),
    Persona(
        "Customer support lead",
        "other",
        6,
        _a(
            domain_depth=2,
            domain_technology=1,
            comm_writing=1,
            comm_customers=1,
            comm_stakeholders=2,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
            learning_new_technology=2,
        ),
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "Support leadership is a start, not a strong fit for any AI role.",
        other="Customer support lead",
        not_paths=P(TRAINING_DATA),
    ),
    Persona(
        "FP&A analyst",
        "finance",
        8,
        _a(
            math_statistics=2,
            math_linear_algebra=0,
            math_calculus=1,
            prog_experience=1,
            prog_python=0,
            prog_data=2,
            domain_depth=2,
            domain_technology=1,
            domain_business=2,
            analysis_problem_solving=2,
            analysis_data_decisions=3,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=1,
        ),
        P(
            "finance-to-data-scientist",
            "analyst-to-data-scientist",
            "analyst-to-ai-product-manager",
            "business-to-ai-product-manager",
            TRAINING_DATA,
        ),
        W(STRONG, POSSIBLE, STRETCH),
        "Spreadsheet statistics and SQL: financial AI data work is near (with its pay caveat "
        "shown), data science is the career with work.",
    ),
    Persona(
        "Journalist",
        "non-technical",
        6,
        _a(
            comm_writing=3,
            domain_depth=2,
            domain_technology=1,
            analysis_problem_solving=2,
            analysis_research=1,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
        ),
        P("non-tech-to-prompt-engineer"),
        W(POSSIBLE, STRETCH),
        "Professional writing is the guide's prerequisite for Prompt Engineer, but with no code "
        "at 6 hours a week it runs well past the guide's 3–6 months; the page must carry the "
        "note that the title has largely faded.",
    ),
    Persona(
        "Retired army officer",
        "other",
        8,
        _a(
            domain_depth=3,
            domain_policy=2,
            domain_business=2,
            domain_technology=1,
            comm_writing=1,
            comm_stakeholders=3,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            math_statistics=1,
            learning_formal_study=1,
        ),
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "Leadership and policy, no technical base: possible with work at best.",
        other="Army officer, retired",
        not_paths=P(TRAINING_DATA),
    ),
    Persona(
        "Marketing manager who wants AI product management",
        "marketing",
        6,
        _a(
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
            domain_depth=2,
            domain_technology=2,
            domain_policy=1,
            domain_business=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=2,
            comm_customers=2,
            comm_stakeholders=2,
            learning_self_directed=1,
            learning_new_technology=2,
        ),
        PRODUCT_PATHS,
        W(STRONG, POSSIBLE, STRETCH),
        "They asked for AI PM: the result opens with it, honestly worded, and offers anything "
        "nearer beside it, never instead.",
        goal=("ai-product-manager", "generative-ai-product-manager"),
    ),
    # --- The guide's seven starting points ----------------------------------------------------
    Persona(
        "Senior backend engineer",
        "developer",
        10,
        _a(
            prog_experience=4,
            prog_python=3,
            prog_data=3,
            math_statistics=2,
            math_linear_algebra=1,
            math_calculus=1,
            domain_depth=2,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=3,
            learning_new_technology=2,
            risk_study_runway=2,
            risk_income=2,
        ),
        P("developer-to-ml-engineer"),
        W(STRONG, POSSIBLE),
        "The guide's own route: production code is the hard part of ML engineering.",
        goal=("machine-learning-engineer",),
    ),
    Persona(
        "Data analyst",
        "analyst",
        8,
        _a(
            math_statistics=3,
            math_linear_algebra=1,
            math_calculus=1,
            prog_experience=2,
            prog_python=2,
            prog_data=2,
            domain_depth=1,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=3,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=2,
        ),
        P("analyst-to-data-scientist"),
        W(STRONG, POSSIBLE),
        "Statistics and SQL are there; Python modelling is the gap. The guide's route.",
        goal=("data-scientist-ai",),
    ),
    Persona(
        "SaaS product manager",
        "business",
        8,
        _a(
            math_statistics=2,
            prog_experience=1,
            prog_python=1,
            prog_data=1,
            domain_depth=2,
            domain_technology=2,
            domain_business=2,
            analysis_problem_solving=2,
            analysis_data_decisions=3,
            comm_writing=2,
            comm_customers=2,
            comm_stakeholders=3,
            learning_self_directed=2,
            learning_new_technology=2,
        ),
        P("business-to-ai-product-manager"),
        W(STRONG),
        "Already does the job on a non-AI product; the guide's route, short.",
        goal=("ai-product-manager",),
    ),
    Persona(
        "Copywriter",
        "non-technical",
        8,
        _a(
            comm_writing=3,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            analysis_problem_solving=2,
        ),
        P("non-tech-to-prompt-engineer"),
        W(STRONG, POSSIBLE),
        "Professional writing is the guide's prerequisite for its Non-tech route.",
    ),
    Persona(
        "PhD physicist",
        "academic",
        15,
        _a(
            math_statistics=4,
            math_linear_algebra=3,
            math_calculus=3,
            prog_experience=2,
            prog_python=2,
            prog_data=1,
            domain_depth=3,
            domain_technology=1,
            domain_policy=0,
            analysis_problem_solving=3,
            analysis_data_decisions=2,
            analysis_research=3,
            comm_writing=2,
            comm_stakeholders=1,
            learning_self_directed=3,
            learning_new_technology=2,
            learning_formal_study=3,
            risk_study_runway=2,
            risk_income=2,
        ),
        P("academic-to-ai-researcher", "academic-to-ai-safety-researcher"),
        W(STRONG, POSSIBLE),
        "Research method, maths and a doctorate: the guide's Academic route.",
    ),
    Persona(
        "Technical seller",
        "sales",
        8,
        _a(
            comm_customers=3,
            comm_stakeholders=2,
            comm_writing=2,
            domain_depth=2,
            domain_technology=2,
            domain_business=2,
            prog_experience=1,
            prog_python=1,
            prog_data=1,
            analysis_problem_solving=2,
            learning_new_technology=2,
        ),
        P("sales-to-ai-solutions-architect"),
        W(STRONG, POSSIBLE),
        "Demonstrates technical products to customers: the guide's Sales route.",
    ),
    Persona(
        "Brand manager who drafts policy",
        "marketing",
        8,
        _a(
            domain_depth=2,
            domain_policy=2,
            domain_technology=1,
            comm_writing=2,
            comm_stakeholders=2,
            comm_customers=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
        ),
        P("marketing-to-ai-ethics-specialist"),
        W(STRONG, POSSIBLE),
        "Policy analysis and stakeholder work: the guide's Marketing route, with the IAPP's "
        "AIGP instead of a credential that does not exist.",
    ),
    # --- Other people who switch ---------------------------------------------------------------
    Persona(
        "Registered nurse, 5 h a week, no income drop",
        "healthcare",
        5,
        _a(
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=0,
            prog_python=0,
            prog_data=0,
            domain_depth=3,
            domain_technology=1,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            comm_writing=1,
            comm_stakeholders=1,
            learning_self_directed=1,
            risk_study_runway=0,
            risk_income=0,
        ),
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "Clinical depth, no code, 5 hours a week and no runway: nothing is a strong fit, and "
        "the pacing says to keep the job.",
    ),
    Persona(
        "Secondary school teacher",
        "education",
        5,
        _a(
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
            domain_depth=3,
            domain_technology=1,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            comm_writing=2,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_formal_study=2,
            risk_study_runway=1,
            risk_income=1,
        ),
        ANY,
        W(POSSIBLE, STRETCH),
        "Teaching depth at 5 hours a week: a route with work, not a confident badge.",
    ),
    Persona(
        "Accountant",
        "finance",
        8,
        _a(
            math_statistics=2,
            math_linear_algebra=0,
            math_calculus=1,
            prog_experience=1,
            prog_python=0,
            prog_data=1,
            domain_depth=2,
            domain_technology=1,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=1,
            comm_stakeholders=1,
            learning_self_directed=1,
            learning_formal_study=1,
        ),
        ANY,
        W(POSSIBLE, STRETCH),
        "Finance knowledge with spreadsheet statistics: a route with work.",
    ),
    Persona(
        "UX researcher",
        "design",
        8,
        _a(
            math_statistics=2,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=1,
            prog_python=1,
            prog_data=1,
            domain_depth=2,
            domain_technology=2,
            domain_business=1,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            analysis_research=2,
            comm_writing=2,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_formal_study=2,
        ),
        ANY,
        W(POSSIBLE, STRETCH),
        "Research into what users need is half of product work, but no product ownership yet: "
        "possible with work.",
    ),
    Persona(
        "Product designer who wants generative AI products",
        "design",
        8,
        _a(
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=1,
            prog_python=0,
            prog_data=0,
            domain_depth=2,
            domain_technology=2,
            domain_business=2,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            comm_writing=2,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_new_technology=2,
        ),
        P("product-to-generative-ai-product-manager"),
        W(STRONG, POSSIBLE),
        "Owns a product's design already; the route they asked for opens the result.",
        goal=("generative-ai-product-manager",),
    ),
    Persona(
        "Fresh CS graduate",
        "student",
        20,
        _a(
            math_statistics=2,
            math_linear_algebra=1,
            math_calculus=1,
            prog_experience=2,
            prog_python=2,
            prog_data=2,
            domain_depth=0,
            domain_technology=0,
            analysis_problem_solving=1,
            analysis_data_decisions=1,
            comm_writing=1,
            comm_customers=0,
            comm_stakeholders=1,
            learning_self_directed=2,
            learning_new_technology=1,
            risk_study_runway=2,
            risk_income=1,
        ),
        P("graduate-to-ml-engineer", "developer-to-ai-engineer"),
        W(STRONG, POSSIBLE),
        "Programming and maths from the degree, no production years: an entry-level route.",
    ),
    # --- Employers adopting AI: a move inside is offered beside the path ----------------------
    Persona(
        "Hospital data analyst; the hospital is rolling out AI",
        "analyst",
        8,
        _a(
            math_statistics=3,
            math_linear_algebra=1,
            math_calculus=1,
            prog_experience=2,
            prog_python=2,
            prog_data=2,
            domain_depth=2,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=3,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=2,
            risk_income=0,
            risk_employer_ai=EMPLOYER_ADOPTING_AI,
        ),
        P("analyst-to-data-scientist", "analyst-to-ai-product-manager"),
        W(STRONG, POSSIBLE),
        "An analyst's route into data science or AI product work, and with no room for an "
        "income drop the hospital's own AI programme is the shorter door: the same study, no "
        "outside search, the salary kept.",
    ),
    Persona(
        "Backend developer at a company building LLM features",
        "developer",
        10,
        _a(
            prog_experience=3,
            prog_python=3,
            prog_data=2,
            math_statistics=1,
            math_linear_algebra=1,
            math_calculus=1,
            domain_depth=2,
            domain_technology=2,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_new_technology=2,
            risk_employer_ai=EMPLOYER_ADOPTING_AI,
        ),
        P("developer-to-ai-engineer"),
        W(STRONG, POSSIBLE),
        "Building on LLMs is the short step from backend work, and the team already doing it "
        "at their company is where to take it first.",
        goal=("ai-engineer",),
    ),
    Persona(
        "Operations manager at a firm adopting AI, wants AI product management",
        "operations",
        6,
        _a(
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            prog_experience=0,
            prog_python=0,
            prog_data=1,
            domain_depth=3,
            domain_technology=2,
            domain_business=2,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=2,
            comm_stakeholders=3,
            learning_self_directed=2,
            risk_employer_ai=EMPLOYER_ADOPTING_AI,
        ),
        PRODUCT_PATHS,
        W(POSSIBLE, STRETCH, STRONG),
        "Runs the operations an AI product would change: the product route they asked for "
        "opens the result, and the firm's own AI programme is the natural first door.",
        goal=("ai-product-manager",),
    ),
    # --- Controls ------------------------------------------------------------------------------
    Persona(
        "Control: no skills at all, 2 hours a week",
        "other",
        2,
        {},
        ANY,
        W(NOT_YET),
        "Nothing to build on yet: an honest 'not yet' with foundations.",
        other="Warehouse work",
    ),
    Persona(
        "Control: the strongest answer everywhere",
        "developer",
        20,
        {},
        ANY,
        W(STRONG),
        "Everything is met: a strong fit is right here.",
    ),
    Persona(
        "Control: middling answers, another profession",
        "other",
        10,
        {},
        ANY,
        W(POSSIBLE, STRETCH, NOT_YET),
        "A few years in a field and no technical skills: not a confident badge, and no "
        "background points for 'another profession'.",
        other="Logistics",
    ),
]


def _answers(persona: Persona, options: dict[str, list[AnswerOption]]) -> dict[str, int]:
    if persona.name.startswith("Control: no skills"):
        return dict.fromkeys(options, 0)
    if persona.name.startswith("Control: the strongest"):
        return {slug: len(opts) - 1 for slug, opts in options.items()}
    return persona.answers


def take(persona: Persona) -> Assessment:
    user = factories.UserFactory()
    assessment = start_assessment(user=user)
    save_background(
        assessment=assessment,
        background=persona.background,
        weekly_study_hours=persona.hours,
        interested_roles=Role.objects.filter(slug__in=persona.goal),
        held_certifications=[],
        background_other=persona.other,
    )
    questionnaire = load_questionnaire()
    options: dict[str, list[AnswerOption]] = {}
    for option in AnswerOption.objects.select_related("question").order_by(
        "question_id", "sort_order"
    ):
        options.setdefault(option.question.slug, []).append(option)
    chosen = _answers(persona, options)
    for step in questionnaire.dimension_steps():
        save_answers(
            assessment=assessment,
            options=[options[q.slug][chosen.get(q.slug, 1)] for q in step.questions],
        )
    complete_assessment(assessment=assessment, questionnaire=questionnaire)
    assessment.refresh_from_db()
    return assessment


def opening(assessment: Assessment) -> dict:
    """The path the result page opens with (their goal, ours, or the nearest when none fits)."""
    page = read_result_page(assessment=assessment, today=TODAY)
    return page.recommended or assessment.result["paths"][0]


def table_row(persona: Persona, path: dict) -> str:
    goal = ", ".join(persona.goal) or "none named"
    timeline = path["timeline"]
    credentials = (
        "; ".join(f"{c['name']} ({c['status']})" for c in path["certifications"]) or "none"
    )
    return (
        f"| {persona.name} ({persona.background}, {persona.hours} h/wk) | {goal} | "
        f"{path['name']} | {path['fit_words']} | {timeline['months']} | "
        f"{timeline['min']}–{timeline['max']} | {credentials} |"
    )


@pytest.fixture(scope="module")
def outcomes(with_guide):
    """Every persona's assessment and the path its result opens with, taken once for the
    module: each test reads them in a transaction of its own inside this one."""
    with with_guide():
        taken = [(persona, take(persona)) for persona in PERSONAS]
        yield [(persona, assessment, opening(assessment)) for persona, assessment in taken]


def test_each_persona_gets_the_advice_a_careful_coach_would_give(outcomes):
    print(
        "\n| persona | goal | first path | words | months at their hours | the guide's range "
        "| credentials |\n|---|---|---|---|---|---|---|"
    )
    failures = []
    for persona, _, path in outcomes:
        print(table_row(persona, path))
        if persona.paths and path["slug"] not in persona.paths:
            failures.append(f"{persona.name}: opens with {path['slug']} — {persona.why}")
        if path["slug"] in persona.not_paths:
            failures.append(f"{persona.name}: must not open with {path['slug']} — {persona.why}")
        if path["fit_words"] not in persona.words:
            failures.append(f"{persona.name}: {path['fit_words']} — {persona.why}")
    counts = Counter(path["fit_words"] for _, _, path in outcomes)
    print("\nFit words:", dict(counts))
    assert not failures, "\n".join(failures)


def test_strong_fit_goes_to_at_most_a_third_of_the_personas(outcomes):
    assert len(outcomes) >= 25
    strong = [persona.name for persona, _, path in outcomes if path["fit_words"] == STRONG]
    assert len(strong) <= len(outcomes) // 3, strong


def test_a_plan_longer_than_the_runway_is_never_a_strong_fit(outcomes):
    for persona, assessment, _ in outcomes:
        for path in assessment.result["paths"]:
            if path["timeline"]["exceeds_runway"]:
                assert path["fit_words"] != STRONG, (persona.name, path["slug"])


def test_the_words_are_explained_on_every_path(outcomes):
    for _, assessment, _ in outcomes:
        for path in assessment.result["paths"]:
            assert path["fit_reason"].lower().startswith(path["fit_words"].split()[0].lower())


def test_the_marketer_sees_the_role_she_asked_for_first(outcomes, client):
    persona, assessment, path = next(o for o in outcomes if o[0].name.startswith("Marketing"))
    assert path["slug"] in PRODUCT_PATHS
    client.force_login(assessment.user)
    content = client.get(assessment.get_absolute_url()).content.decode()
    assert f"Your goal: {path['role']['name']} — " in content
    assert "AI Ethics Specialist" not in content.split("Your goal:")[1].split("</h2>")[0]


def test_the_ranking_is_called_ours_when_no_role_is_named(outcomes, client):
    _, assessment, _ = next(o for o in outcomes if o[0].name == "Copywriter")
    client.force_login(assessment.user)
    content = client.get(assessment.get_absolute_url()).content.decode()
    assert "You named no target role, so this ranking is ours" in content


def test_the_journalist_sees_that_the_prompt_engineer_title_has_faded(outcomes, client):
    _, assessment, path = next(o for o in outcomes if o[0].name == "Journalist")
    client.force_login(assessment.user)
    content = client.get(assessment.get_absolute_url()).content.decode()
    assert path["role"]["slug"] == "prompt-engineer"
    assert "largely faded" in content


def test_another_profession_earns_no_background_points(outcomes):
    for persona, assessment, _ in outcomes:
        if persona.background == "other":
            assert not any(p["starts_from_yours"] for p in assessment.result["paths"]), persona


def test_no_plan_names_a_credential_that_does_not_exist(outcomes):
    unreal = set(
        Certification.objects.exclude(status=Certification.Status.ACTIVE).values_list(
            "slug", flat=True
        )
    )
    assert {"google-ai-product-manager", "partnership-on-ai-certification"} <= unreal
    for persona, assessment, _ in outcomes:
        for path in assessment.result["paths"]:
            exams = {m["key"].removeprefix("exam-") for m in path["plan"] if m["kind"] == "exam"}
            assert not exams & unreal, (persona.name, path["slug"], exams)
            for row in path["certifications"]:
                if row["status"] == Certification.Status.NOT_REAL:
                    assert not row["met"]


def test_a_recommendation_that_may_cut_the_nurses_income_says_so(outcomes, client):
    _, assessment, path = next(o for o in outcomes if o[0].name.startswith("Registered nurse"))
    assert any("cannot take a drop in income" in line for line in path["pacing"])
    assert any(
        "no pay figure for this role" in line or line.startswith("Entry pay for this role")
        for line in path["pacing"]
    ), path["pacing"]
    client.force_login(assessment.user)
    content = client.get(assessment.get_absolute_url()).content.decode()
    # Study months are not the whole wait: the job search after them, labelled as ours.
    assert "Then the job search: allow about 3–6 months more" in content
    assert "our estimate, not the guide" in content
    # Clinical informatics has no band from the guide: the nearest occupation's public figure.
    assert path["role"]["slug"] == "clinical-informatics-specialist"
    assert "The nearest occupation, not this role: medical and health services managers" in content


def _employer_adopts_ai(persona: Persona) -> bool:
    if persona.name.startswith("Control: the strongest"):
        return True  # the last answer everywhere, this "yes" among them
    return persona.answers.get("risk-employer-ai") == EMPLOYER_ADOPTING_AI


def test_a_move_inside_an_ai_adopting_employer_is_offered_beside_the_path(outcomes, client):
    adopting = [o for o in outcomes if _employer_adopts_ai(o[0]) and o[2]["fit_words"] != NOT_YET]
    assert len(adopting) == 4
    for persona, assessment, path in adopting:
        # Beside the path the result opens with, not in its place: that path is the one the
        # coach expects (checked above), and it carries the move with its own months.
        transfer = path["internal_transfer"]
        assert transfer is not None, persona.name
        assert transfer["role"] == path["role"]["name"]
        assert transfer["study_months"] == path["timeline"]["months"]
        low, high = transfer["job_search_months"]
        assert high < path["timeline"]["job_search_months"][1]
        client.force_login(assessment.user)
        content = client.get(assessment.get_absolute_url()).content.decode()
        card = content.split('id="internal-transfer"')[1].split("</div>")[0]
        assert "Also open to you: a move inside your own organisation" in card
        assert "keeps your salary" in card
        assert f"{low}–{high} months for the move inside" in card
        assert "our estimate, not the guide" in card
        assert "beside this path, not instead of it" in card


def test_no_move_inside_without_an_ai_adopting_employer_or_a_job_in_reach(outcomes, client):
    for persona, assessment, _ in outcomes:
        paths = assessment.result["paths"]
        if _employer_adopts_ai(persona):
            assert assessment.result["employer_adopting_ai"], persona.name
            # A job not yet within reach is no move to make, inside or out.
            assert not any(p["internal_transfer"] for p in paths if p["fit_words"] == NOT_YET)
            continue
        assert not assessment.result["employer_adopting_ai"], persona.name
        assert not any(p["internal_transfer"] for p in paths), persona.name
    _, assessment, _ = next(o for o in outcomes if o[0].name == "Data analyst")
    client.force_login(assessment.user)
    assert (
        'id="internal-transfer"' not in client.get(assessment.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Not a start of the route they were given: said plainly, never "Finance → ...".
        ("Mechanical engineer", "your background (mechanical engineering) is not where it starts"),
        # Their own start: the route named from it.
        ("Biology postdoc", "— the route from your background (academic or researcher)"),
        ("FP&A analyst", "— the route from your background (finance or accounting)"),
        ("Accountant", "— the route from your background (finance or accounting)"),
    ],
)
def test_the_route_is_named_for_the_person(outcomes, client, name, expected):
    _, assessment, path = next(o for o in outcomes if o[0].name == name)
    client.force_login(assessment.user)
    content = client.get(assessment.get_absolute_url()).content.decode()
    heading = content.split('id="recommended-heading">')[1].split("</h2>")[0]
    assert path["role"]["name"] in heading
    assert escape(expected) in heading, heading
    assert path["name"] not in heading
    home = client.get("/").content.decode()
    assert escape(expected) in home
