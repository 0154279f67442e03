"""Our routes added for issue 20 that keep a professional's field: clinical informatics from
healthcare, learning design for AI in education from teaching. Each loads from the data files,
shows its dated sources as ours, and reaches the people it is written for. (Developer → AI
Engineer has its own tests with the advice rules.)"""

import pytest
from django.urls import reverse

from assessments.models import RoleSkill, TransitionPath
from careers.models import EditorNote, Role
from tests import factories

pytestmark = pytest.mark.usefixtures("guide_for_module")

ROUTES = {
    "healthcare-to-clinical-informatics": "clinical-informatics-specialist",
    "teacher-to-education-ai-learning-designer": "education-ai-learning-designer",
}
SOURCES = {
    "clinical-informatics-specialist": "https://amia.org/community/working-groups/nursing-informatics",
    "education-ai-learning-designer": "https://doi.org/10.54675/ZJTE2084",
}


def test_load_guide_loads_the_new_roles_paths_skills_and_notes(guide):
    for path_slug, role_slug in ROUTES.items():
        path = TransitionPath.objects.get(slug=path_slug)
        assert path.source == TransitionPath.Source.OURS
        assert path.target_role.slug == role_slug
        assert "checked 6 December 2026" in path.reasoning
        assert path.requirement_levels.count() == 6
        assert path.prerequisites.filter(hard=True).count() == 1
        role = Role.objects.get(slug=role_slug)
        # No pay band: the guide has none and no cited figure fits a band.
        assert not role.salary_bands.exists()
        assert RoleSkill.objects.filter(role=role, capstone=True).count() == 1
        skills = RoleSkill.objects.filter(role=role, core=True)
        assert all(link.skill.resources.exists() for link in skills), role
        notes = EditorNote.objects.filter(object_id=role.pk, content_type__model="role")
        assert SOURCES[role_slug] in {note.source_url for note in notes}


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(("path_slug", "role_slug"), ROUTES.items())
def test_each_new_role_and_path_page_shows_its_source_as_ours(client, path_slug, role_slug):
    role_page = client.get(reverse("careers:role_detail", args=[role_slug]))
    assert role_page.status_code == 200
    content = role_page.content.decode()
    assert "(ours, not the guide's)" in content
    assert f'href="{SOURCES[role_slug]}"' in content
    assert "checked 6 December 2026" in content
    assert "The guide's salary table does not cover this role." in content

    path_page = client.get(reverse("paths:detail", args=[path_slug]))
    assert path_page.status_code == 200
    content = path_page.content.decode()
    assert "Our route, not the guide's." in content
    assert "checked 6 December 2026" in content
    assert "(our estimate)" in content


def _positions(**answers):
    return {slug.replace("_", "-"): position for slug, position in answers.items()}


PERSONAS = {
    "healthcare-to-clinical-informatics": (
        "healthcare",
        5,
        _positions(
            prog_experience=0,
            prog_python=0,
            prog_data=1,
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            domain_depth=3,
            domain_technology=2,
            domain_policy=1,
            analysis_problem_solving=2,
            analysis_data_decisions=2,
            comm_writing=1,
            comm_stakeholders=2,
            learning_self_directed=1,
            learning_new_technology=2,
            risk_study_runway=0,
            risk_income=0,
        ),  # fmt: skip
    ),
    "teacher-to-education-ai-learning-designer": (
        "education",
        5,
        _positions(
            prog_experience=1,
            prog_python=0,
            prog_data=1,
            math_statistics=1,
            math_linear_algebra=0,
            math_calculus=0,
            domain_depth=2,
            domain_technology=1,
            analysis_problem_solving=2,
            analysis_data_decisions=1,
            comm_writing=2,
            comm_stakeholders=2,
            learning_self_directed=2,
            learning_new_technology=2,
        ),  # fmt: skip
    ),
}


@pytest.mark.parametrize("path_slug", PERSONAS, ids=["charge nurse", "secondary teacher"])
def test_the_person_it_is_written_for_gets_the_new_route_near_the_top(take_assessment, path_slug):
    background, hours, answers = PERSONAS[path_slug]
    assessment = take_assessment(
        factories.UserFactory(), background=background, hours=hours, answers=answers
    )
    paths = assessment.result["paths"]
    top_three = [path["slug"] for path in paths[:3]]
    assert path_slug in top_three, top_three
    offered = next(path for path in paths if path["slug"] == path_slug)
    assert offered["fit_words"] != "not yet"


def test_a_writer_from_another_field_is_not_sent_to_the_clinical_or_teaching_route(
    take_assessment,
):
    assessment = take_assessment(
        factories.UserFactory(),
        background="other",
        answers=_positions(prog_experience=0, prog_python=0, comm_writing=3),
    )
    first = assessment.result["paths"][0]["slug"]
    assert first not in {
        "healthcare-to-clinical-informatics",
        "teacher-to-education-ai-learning-designer",
    }
