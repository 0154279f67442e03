"""The scoring rules, held to common sense with the shipped questions and paths (no database)."""

import dataclasses

import pytest

from assessments import scoring
from assessments.loader import read_data
from careers.content import read_data as read_careers_data

DIMENSIONS = read_data("dimensions")
PATHS = read_data("paths")
QUESTION_DIMENSION = {q["slug"]: d["slug"] for d in DIMENSIONS for q in d["questions"]}
ANSWER_SCORES = {
    q["slug"]: [a[1] for a in q["answers"]] for d in DIMENSIONS for q in d["questions"]
}
# Questions asked only for a prerequisite, and planning constraints, move no match score.
COUNTED = {
    q["slug"]
    for d in DIMENSIONS
    if not d.get("is_planning_constraint")
    for q in d["questions"]
    if q.get("counts_toward_score", True)
}
REQUIREMENTS = [
    scoring.PathRequirements(
        slug=path["slug"],
        background=path["background"],
        also_backgrounds=tuple(path["also_backgrounds"]),
        target_role_slug=path["target_role"],
        timeline_min_months=path["timeline_min_months"],
        timeline_max_months=path["timeline_max_months"],
        requirements=path["requirements"],
        prerequisites=tuple(
            scoring.PrerequisiteRule(
                slug=p["slug"],
                name=p["name"],
                met_by_background=p["met_by_background"],
                question=p["question"],
                minimum_score=p["minimum_score"],
                hard=p["hard"],
            )
            for p in path["prerequisites"]
        ),
        sort_order=order,
    )
    for order, path in enumerate(PATHS)
]
PATH = {path.slug: path for path in REQUIREMENTS}


def rank(background, *, interested=(), **answers):
    """Rank the paths for someone choosing the answer at each position (1 unless given)."""
    chosen = {
        slug: ANSWER_SCORES[slug][answers.get(slug.replace("-", "_"), 1)] for slug in ANSWER_SCORES
    }
    by_dimension = {}
    for slug, score in chosen.items():
        if slug in COUNTED:
            by_dimension.setdefault(QUESTION_DIMENSION[slug], []).append(score)
    scores = scoring.score_dimensions(
        answer_scores=by_dimension, dimension_slugs=[d["slug"] for d in DIMENSIONS]
    )
    return scoring.rank_paths(
        scores=scores,
        paths=REQUIREMENTS,
        background=background,
        question_scores=chosen,
        interested_role_slugs=interested,
    )


def first(background, *, interested=(), **answers):
    return rank(background, interested=interested, **answers)[0].path.slug


# --- The three people ---------------------------------------------------------------


def test_it_sends_a_developer_who_writes_python_daily_and_knows_statistics_to_ml_engineering():
    # Several routes start from development now: the role they want decides among them.
    ranked = rank(
        "developer",
        interested=("machine-learning-engineer",),
        prog_experience=4, prog_python=3, prog_data=2,
        math_statistics=3, math_linear_algebra=2, math_calculus=1,
        analysis_problem_solving=2, analysis_data_decisions=2,
    )  # fmt: skip
    assert ranked[0].path.slug == "developer-to-ml-engineer"
    assert ranked[0].fit > ranked[1].fit


def test_it_sends_a_marketer_strong_in_communication_and_policy_to_ai_ethics():
    ranked = rank(
        "marketing",
        prog_experience=0, prog_python=0, prog_data=1,
        math_statistics=1, math_linear_algebra=0, math_calculus=0,
        comm_writing=2, comm_stakeholders=3, comm_customers=2,
        domain_policy=2, domain_depth=2,
    )  # fmt: skip
    assert ranked[0].path.slug == "marketing-to-ai-ethics-specialist"
    assert all(check.met for check in ranked[0].prerequisites)


def test_it_sends_a_writer_with_no_programming_to_prompt_engineering():
    ranked = rank(
        "non-technical",
        prog_experience=0, prog_python=0, prog_data=0,
        math_statistics=0, math_linear_algebra=0, math_calculus=0,
        comm_writing=3,
    )  # fmt: skip
    assert ranked[0].path.slug == "non-tech-to-prompt-engineer"


def test_it_does_not_send_the_writer_to_a_technical_path_even_without_a_background():
    ranked = rank(
        "other",
        prog_experience=0, prog_python=0, prog_data=0,
        math_statistics=0, math_linear_algebra=0, math_calculus=0,
        comm_writing=3,
    )  # fmt: skip
    assert ranked[0].path.slug == "non-tech-to-prompt-engineer"
    technical = {
        "developer-to-ml-engineer",
        "academic-to-ai-researcher",
        "analyst-to-data-scientist",
    }
    assert not technical & {fit.path.slug for fit in ranked[:3]}


# --- Every path comes first for somebody ----------------------------------------------------


def test_it_puts_business_to_ai_product_manager_first_for_a_business_manager():
    assert first(
        "business",
        interested=("ai-product-manager",),
        domain_depth=2, domain_technology=2, comm_stakeholders=3, comm_customers=2,
        analysis_data_decisions=2, prog_experience=1,
    ) == "business-to-ai-product-manager"  # fmt: skip


def test_it_puts_developer_to_ml_engineer_first_for_a_backend_developer():
    assert first(
        "developer", interested=("machine-learning-engineer",),
        prog_experience=4, prog_python=3, prog_data=3, math_statistics=2,
    ) == "developer-to-ml-engineer"  # fmt: skip


def test_it_puts_analyst_to_data_scientist_first_for_a_data_analyst():
    assert first(
        "analyst",
        math_statistics=3, prog_data=2, prog_experience=2,
        analysis_data_decisions=3, analysis_problem_solving=2,
    ) == "analyst-to-data-scientist"  # fmt: skip


def test_it_puts_non_tech_to_prompt_engineer_first_for_a_copywriter():
    assert first(
        "non-technical", comm_writing=3, prog_experience=0, prog_python=0, math_calculus=0,
    ) == "non-tech-to-prompt-engineer"  # fmt: skip


def test_it_puts_academic_to_ai_researcher_first_for_a_postdoc():
    assert first(
        "academic",
        interested=("ai-research-scientist",),
        math_statistics=4, math_linear_algebra=2, math_calculus=2,
        analysis_research=3, analysis_problem_solving=3,
        learning_formal_study=3, learning_self_directed=2,
        prog_python=2, prog_experience=2, domain_depth=3,
        risk_study_runway=2, risk_income=2,
    ) == "academic-to-ai-researcher"  # fmt: skip


def test_it_puts_sales_to_ai_solutions_architect_first_for_a_technical_seller():
    assert first(
        "sales",
        comm_customers=3, comm_stakeholders=3, domain_depth=2, domain_technology=2,
        risk_past_changes=2, risk_study_runway=2,
    ) == "sales-to-ai-solutions-architect"  # fmt: skip


def test_it_puts_marketing_to_ai_ethics_specialist_first_for_a_brand_manager():
    assert first(
        "marketing",
        comm_writing=2, comm_stakeholders=3, domain_policy=2, domain_depth=2,
        prog_experience=0, prog_python=0,
    ) == "marketing-to-ai-ethics-specialist"  # fmt: skip


# --- The parts of the score -----------------------------------------------------------------


def test_it_scores_a_dimension_as_the_rounded_mean_and_zero_when_unanswered():
    scores = scoring.score_dimensions(
        answer_scores={"a": [0, 55, 100], "b": [25, 50]}, dimension_slugs=["a", "b", "c"]
    )
    assert scores == {"a": 52, "b": 38, "c": 0}


def test_it_counts_a_matching_background_and_interest_in_the_role():
    # Without prerequisites, which a background can also meet.
    path = dataclasses.replace(PATH["developer-to-ml-engineer"], prerequisites=())
    scores = dict.fromkeys(path.requirements, 50)
    plain = scoring.fit_path(scores=scores, path=path, background="other")
    matched = scoring.fit_path(scores=scores, path=path, background="developer")
    interested = scoring.fit_path(
        scores=scores,
        path=path,
        background="other",
        interested_role_slugs=["machine-learning-engineer"],
    )
    assert matched.fit - plain.fit == scoring.BACKGROUND_POINTS
    assert interested.fit - plain.fit == scoring.INTEREST_POINTS
    assert matched.background_match and interested.interested


def test_it_lists_shortfalls_largest_first_with_their_size():
    path = PATH["academic-to-ai-researcher"]
    scores = dict(path.requirements.items())
    scores["mathematical-foundations"] -= 30
    scores["programming-readiness"] -= 10
    fit = scoring.fit_path(scores=scores, path=path, background="academic")
    assert [(s.dimension, s.gap) for s in fit.shortfalls] == [
        ("mathematical-foundations", 30),
        ("programming-readiness", 10),
    ]
    assert fit.total_gap == 40


def test_it_explains_a_fit_in_plain_words():
    path = PATH["developer-to-ml-engineer"]
    scores = dict(path.requirements)
    scores["mathematical-foundations"] = 40
    fit = scoring.fit_path(
        scores=scores,
        path=path,
        background="developer",
        question_scores={"prog-experience": 100, "math-statistics": 25},
    )
    names = {slug: slug.replace("-", " ").capitalize() for slug in path.requirements}
    reasons = scoring.explain_fit(
        fit=fit, dimension_names=names, background_label="Software developer"
    )
    assert reasons[0] == "This path starts from your background: Software developer."
    assert "Your answers show programming experience, which this path expects." in reasons
    assert (
        "Mathematical foundations falls short by 25 points: you scored 40, "
        "the path asks for 65." in reasons
    )
    assert any(reason.startswith("Your programming readiness (85) meets") for reason in reasons)


@pytest.mark.parametrize(
    ("background", "answer_score", "met"),
    [("developer", None, True), ("other", 75, True), ("other", 50, False), ("other", None, False)],
)
def test_it_meets_a_prerequisite_by_background_or_by_answer(background, answer_score, met):
    assert (
        scoring.prerequisite_met(
            background=background,
            met_by_background="developer",
            answer_score=answer_score,
            minimum_score=75,
        )
        is met
    )


def test_it_ranks_ties_by_smaller_gap_then_the_guides_order():
    a = scoring.PathRequirements("a", "x", "r", 1, 2, {"d": 50}, sort_order=2)
    b = scoring.PathRequirements("b", "x", "r", 1, 2, {"d": 50}, sort_order=1)
    ranked = scoring.rank_paths(scores={"d": 50}, paths=[a, b], background="")
    assert [fit.path.slug for fit in ranked] == ["b", "a"]


def test_it_counts_the_share_of_prerequisites_met():
    path = dataclasses.replace(
        PATH["analyst-to-data-scientist"], background="nobody", target_role_slug="none"
    )
    scores = dict(path.requirements)

    def fit(**question_scores):
        return scoring.fit_path(
            scores=scores, path=path, background="other", question_scores=question_scores
        )

    none, one, both = (
        fit(),
        fit(**{"math-statistics": 80}),
        fit(**{"math-statistics": 80, "prog-data": 60}),
    )
    assert both.fit - one.fit == one.fit - none.fit == scoring.PREREQUISITE_POINTS / 2
    assert [check.met for check in one.prerequisites] == [True, False]


def test_it_keeps_acronyms_when_naming_prerequisites_mid_sentence():
    path = PATH["analyst-to-data-scientist"]
    fit = scoring.fit_path(
        scores=dict(path.requirements),
        path=path,
        background="analyst",
        question_scores={"math-statistics": 80, "prog-data": 60},
    )
    reasons = scoring.explain_fit(fit=fit, dimension_names={}, background_label="Analyst")
    assert (
        "Your answers show statistics background and SQL experience, which this path expects."
        in (reasons)
    )


# --- Issue 12: every route reachable, interest counted, a floor under "recommended" ---------


@pytest.mark.parametrize("path", REQUIREMENTS, ids=[p.slug for p in REQUIREMENTS])
def test_every_path_comes_first_for_someone_it_suits(path):
    """Someone at exactly the path's levels, from its background, who wants its role."""
    question_scores = {
        rule.question: rule.minimum_score for rule in path.prerequisites if rule.question
    }
    ranked = scoring.rank_paths(
        scores=dict(path.requirements),
        paths=REQUIREMENTS,
        background=path.background,
        question_scores=question_scores,
        interested_role_slugs=[path.target_role_slug],
    )
    assert ranked[0].path.slug == path.slug
    best = ranked[0]
    assert not best.hard_prerequisites_unmet and not best.far_short and not best.none_met
    # At the levels it asks for, from its background, inside the guide's range: strong.
    verdict = scoring.fit_verdict(
        months=path.timeline_max_months,
        guide_min_months=path.timeline_min_months,
        guide_max_months=path.timeline_max_months,
        runway_months=None,
    )
    assert verdict.words == scoring.STRONG


def test_there_is_a_route_into_every_role():
    roles = {role["slug"] for role in read_careers_data("roles.json")}
    # Fifteen from the guide's pages, and our AI Engineer, clinical informatics and
    # education routes (issue 20).
    assert len(roles) == 18
    assert {
        "ai-engineer",
        "clinical-informatics-specialist",
        "education-ai-learning-designer",
    } <= roles
    assert {path.target_role_slug for path in REQUIREMENTS} == roles


def test_the_guides_seven_routes_are_labelled_and_ours_carry_their_reasoning():
    guide = [p for p in PATHS if p["source"] == "guide"]
    assert [p["name"] for p in guide] == [
        "Business → AI Product Manager",
        "Developer → ML Engineer",
        "Analyst → Data Scientist (AI)",
        "Non-tech → Prompt Engineer",
        "Academic → AI Researcher",
        "Sales → AI Solutions Architect",
        "Marketing → AI Ethics Specialist",
    ]
    ours = [p for p in PATHS if p["source"] == "ours"]
    assert ours and all(len(p["reasoning"]) > 80 for p in ours)


def test_stated_interest_weighs_at_least_as_much_as_background():
    """The bug: a marketer who ticked AI Product Manager was sent to AI Ethics Specialist,
    because background added 15 points and interest 5."""
    assert scoring.INTEREST_POINTS >= scoring.BACKGROUND_POINTS
    marketer = {
        "prog_experience": 1, "prog_python": 0, "prog_data": 1,
        "math_statistics": 1, "math_linear_algebra": 0, "math_calculus": 0,
        "domain_depth": 2, "domain_technology": 2, "domain_policy": 1, "domain_business": 2,
        "comm_writing": 2, "comm_stakeholders": 2, "comm_customers": 2,
    }  # fmt: skip
    wants_pm = rank("marketing", interested=("ai-product-manager",), **marketer)
    assert wants_pm[0].path.target_role_slug == "ai-product-manager"
    assert not wants_pm[0].none_met


def test_an_unmet_hard_prerequisite_keeps_a_path_out_of_strong_fit_and_says_what_unlocks_it():
    path = PATH["developer-to-ml-engineer"]
    scores = dict(path.requirements)  # every dimension met, so the points are high
    fit = scoring.fit_path(
        scores=scores,
        path=dataclasses.replace(
            path,
            prerequisites=tuple(
                dataclasses.replace(rule, unlock="Write a program other people use.")
                for rule in path.prerequisites
            ),
        ),
        background="analyst",
        question_scores={"prog-experience": 50, "math-statistics": 80},
        interested_role_slugs=["machine-learning-engineer"],
    )
    assert fit.fit >= 75  # high points: still not a strong fit
    verdict = scoring.fit_verdict(
        months=path.timeline_min_months,
        guide_min_months=path.timeline_min_months,
        guide_max_months=path.timeline_max_months,
        runway_months=None,
        hard_unmet=[check.name for check in fit.hard_prerequisites_unmet],
    )
    assert verdict.words == scoring.POSSIBLE
    assert "needs programming experience, which your answers do not show" in verdict.reason
    reasons = scoring.explain_fit(fit=fit, dimension_names={}, background_label="Analyst")
    assert any("What would unlock it: Write a program other people use." in r for r in reasons)


def test_nothing_is_within_reach_when_no_prerequisite_is_met():
    """The bug: a fit of 42 with every prerequisite unmet still got a confident badge."""
    ranked = rank("other", **{slug.replace("-", "_"): 0 for slug in ANSWER_SCORES})
    assert all(fit.none_met for fit in ranked)
    verdict = scoring.fit_verdict(
        months=3, guide_min_months=3, guide_max_months=6, runway_months=None, none_met=True
    )
    assert verdict.words == scoring.NOT_YET
    steps = scoring.foundations(scores=dict.fromkeys(COUNTED, 0), nearest=ranked[:3])
    assert steps and steps == sorted(steps, key=lambda c: -c.gap)


# --- Issue 20: the words come from the distance to the job, never from the points ------------


@pytest.mark.parametrize(
    ("months", "runway", "hard_unmet", "far_short", "elsewhere", "words"),
    [
        (6, None, (), (), "", "strong fit"),
        (2, None, (), (), "", "strong fit"),  # shorter than the guide's range is fine
        (9, None, (), (), "", "possible with work"),  # past the guide's 3–6 months
        (12, None, (), (), "", "possible with work"),  # up to twice its longest
        (13, None, (), (), "", "a stretch"),
        (24, None, (), (), "", "a stretch"),
        (25, None, (), (), "", "not yet"),  # more than four times its longest
        (5, 3, (), (), "", "possible with work"),  # longer than the runway: never strong
        (5, None, ("Programming experience",), (), "", "possible with work"),
        (5, None, (), ("Programming readiness",), "", "possible with work"),
        (5, None, (), (), "software developer", "possible with work"),
    ],
)
def test_it_puts_the_distance_to_the_job_in_words(
    months, runway, hard_unmet, far_short, elsewhere, words
):
    verdict = scoring.fit_verdict(
        months=months,
        guide_min_months=3,
        guide_max_months=6,
        runway_months=runway,
        hard_unmet=hard_unmet,
        far_short=far_short,
        starts_elsewhere=elsewhere,
    )
    assert verdict.words == words
    assert verdict.reason.lower().startswith(words.split()[0])
    assert f"about {months} month" in verdict.reason or words == "not yet"


def test_the_reason_says_what_keeps_a_path_from_strong():
    verdict = scoring.fit_verdict(
        months=14,
        guide_min_months=6,
        guide_max_months=9,
        runway_months=12,
        hard_unmet=["Business experience"],
        starts_elsewhere="business or product",
    )
    assert verdict.reason == (
        "Possible with work: about 14 months at your hours is longer than the guide's 6–9 "
        "months; it needs business experience, which your answers do not show; it is longer "
        "than the 12 months you can keep preparing; it starts from business or product, not "
        "from your background."
    )


def test_a_prerequisite_only_a_background_meets_keeps_a_short_path_a_stretch():
    """A journalist is not sent first to a route built on teaching because it is short: no
    amount of study gives them the teaching background it builds on."""
    verdict = scoring.fit_verdict(
        months=5,
        guide_min_months=4,
        guide_max_months=9,
        runway_months=None,
        hard_unmet=["Teaching experience"],
        builds_on=["Teaching experience"],
    )
    assert verdict.words == scoring.STRETCH
    assert verdict.reason == (
        "A stretch: it builds on teaching experience, which your background does not give "
        "and study alone cannot."
    )
