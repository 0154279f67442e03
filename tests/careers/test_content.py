"""load_guide's careers content: every figure of the guide, idempotent loading, reset."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from careers.content import load_careers_guide
from careers.models import GuideEntry, Hub, Market, MarketFact, Role, SalaryBand

POSTINGS = {
    "machine-learning-engineer": ("Machine Learning Engineer", 45_200),
    "ai-research-scientist": ("AI Research Scientist", 12_800),
    "data-scientist-ai": ("Data Scientist (AI focus)", 38_900),
    "ai-product-manager": ("AI Product Manager", 8_400),
    "computer-vision-engineer": ("Computer Vision Engineer", 6_700),
    "nlp-engineer": ("Natural Language Processing Engineer", 5_200),
    "ai-ethics-specialist": ("AI Ethics Specialist", 1_900),
}
EMERGING = {
    "prompt-engineer": "Prompt Engineer",
    "llm-fine-tuning-specialist": "LLM Fine-tuning Specialist",
    "ai-safety-researcher": "AI Safety Researcher",
    "generative-ai-product-manager": "Generative AI Product Manager",
    "ai-training-data-specialist": "AI Training Data Specialist",
    "multimodal-ai-engineer": "Multimodal AI Engineer",
    "ai-infrastructure-engineer": "AI Infrastructure Engineer",
}
# role: ((entry min, max), (mid min, max), (senior min, max)); entry/mid base, senior total comp.
BANDS = {
    "machine-learning-engineer": ((120_000, 160_000), (165_000, 220_000), (250_000, 350_000)),
    "ai-research-scientist": ((140_000, 180_000), (200_000, 280_000), (300_000, 500_000)),
    "data-scientist-ai": ((110_000, 145_000), (150_000, 200_000), (220_000, 320_000)),
    "ai-product-manager": ((130_000, 170_000), (180_000, 240_000), (280_000, 400_000)),
    "computer-vision-engineer": ((125_000, 165_000), (170_000, 230_000), (260_000, 380_000)),
    "prompt-engineer": ((95_000, 130_000), (140_000, 180_000), (200_000, 280_000)),
    "ai-ethics-specialist": ((105_000, 140_000), (145_000, 190_000), (210_000, 290_000)),
}
HUBS = {
    "austin": (8_400, 340),
    "seattle": (12_200, 180),
    "new-york": (15_800, 220),
    "miami": (3_200, 420),
    "boston": (9_100, 160),
    "denver": (4_800, 280),
    "atlanta": (6_200, 310),
}
# slug: (average base, cost of living min, max, net-income advantage min, max)
MARKETS = {
    "san-francisco": (185_000, 100, 100, None, None),
    "austin": (158_000, 73, 73, 15, 15),
    "seattle": (168_000, 85, 85, 8, 8),
    "denver": (145_000, 68, 68, 18, 18),
    "miami": (140_000, 71, 71, 12, 12),
    "remote": (152_000, 65, 85, 10, 20),
    "toronto": (95_000, 78, 78, -8, -8),
}
FACTS = {
    "remote-share": (60, 60),
    "hybrid-share": (25, 25),
    "onsite-share": (15, 15),
    "remote-productivity": (85, 90),
    "bay-area-premium": (25, 40),
    "seattle-austin-pay": (85, 90),
    "equity-share": (20, 40),
    "remote-pay-percentile": (75, 90),
    "python-required": (80, 80),
}


def test_it_loads_the_seven_core_roles_with_their_postings(guide):
    for slug, (name, postings) in POSTINGS.items():
        role = Role.objects.get(slug=slug)
        assert (role.name, role.kind, role.active_postings) == (name, Role.Kind.CORE, postings)
        assert role.summary


def test_it_loads_the_seven_emerging_roles_and_the_transition_destination(guide):
    for slug, name in EMERGING.items():
        role = Role.objects.get(slug=slug)
        assert (role.name, role.kind) == (name, Role.Kind.EMERGING)
        assert role.summary
    prompt = Role.objects.get(slug="prompt-engineer")
    assert (prompt.quoted_salary_min_usd, prompt.quoted_salary_max_usd) == (95_000, 180_000)
    architect = Role.objects.get(slug="ai-solutions-architect")
    assert architect.kind == Role.Kind.TRANSITION
    assert architect.summary
    assert architect.active_postings is None
    assert not architect.salary_bands.exists()
    assert Role.objects.count() == 18  # fifteen from the guide, and our three routes' roles


def test_it_keeps_the_guides_own_profile_of_ml_engineer_and_research_scientist(guide):
    engineer = Role.objects.get(slug="machine-learning-engineer")
    scientist = Role.objects.get(slug="ai-research-scientist")
    assert engineer.profile_from_guide and scientist.profile_from_guide
    assert engineer.aspects() == [
        ("Primary focus", "Production systems, deployment, scalability"),
        ("Required experience", "3-7 years software engineering + ML"),
        ("Core skills", "Python, TensorFlow/PyTorch, MLOps, cloud platforms"),
        ("Daily tasks", "Model deployment, pipeline optimization, monitoring"),
        ("Collaboration", "Engineering teams, product managers, DevOps"),
        ("Success metrics", "System performance, uptime, user engagement"),
        ("Career path", "Senior engineer → ML architect → VP engineering"),
    ]
    assert scientist.aspects() == [
        ("Primary focus", "Research, algorithm development, publications"),
        ("Required experience", "PhD or 5+ years research experience"),
        ("Core skills", "Advanced mathematics, research methodology, academic writing"),
        ("Daily tasks", "Literature review, experiment design, paper writing"),
        ("Collaboration", "Academic researchers, research engineers, graduate students"),
        ("Success metrics", "Publications, citations, grant funding"),
        ("Career path", "Research scientist → principal scientist → research director"),
    ]


def test_every_other_core_and_emerging_role_has_a_full_written_profile(guide):
    others = Role.objects.exclude(kind=Role.Kind.TRANSITION).exclude(
        slug__in=["machine-learning-engineer", "ai-research-scientist"]
    )
    assert others.count() == 15  # with our three routes' roles
    assert set(others.filter(kind=Role.Kind.OURS).values_list("slug", flat=True)) == {
        "ai-engineer",
        "clinical-informatics-specialist",
        "education-ai-learning-designer",
    }
    for role in others:
        assert not role.profile_from_guide
        assert all(value for _label, value in role.aspects()), role.slug


def test_it_loads_the_salary_table_in_whole_dollars_with_its_basis(guide):
    assert SalaryBand.objects.count() == 21
    for slug, levels in BANDS.items():
        bands = {band.level: band for band in SalaryBand.objects.filter(role__slug=slug)}
        for level, basis, (low, high) in zip(
            ("entry", "mid", "senior"), ("base", "base", "total"), levels, strict=True
        ):
            band = bands[level]
            assert (band.min_usd, band.max_usd, band.basis) == (low, high, basis), (slug, level)
            assert isinstance(band.min_usd, int)


def test_it_loads_the_hubs_with_postings_growth_and_the_international_notes(guide):
    for slug, (postings, growth) in HUBS.items():
        hub = Hub.objects.get(slug=slug)
        assert (hub.active_postings, hub.growth_percent, hub.is_international) == (
            postings,
            growth,
            False,
        )
    notes = {hub.slug: hub.notes for hub in Hub.objects.filter(is_international=True)}
    assert set(notes) == {"toronto", "london", "singapore"}
    assert "academic institutions" in notes["toronto"]
    assert "European markets" in notes["london"] and "regulatory" in notes["london"]
    assert "Asian" in notes["singapore"]
    assert "$2.3 billion" in Hub.objects.get(slug="austin").notes
    assert "Latin American" in Hub.objects.get(slug="miami").notes


def test_it_loads_the_cost_benefit_table(guide):
    for slug, expected in MARKETS.items():
        market = Market.objects.get(slug=slug)
        assert (
            market.average_base_usd,
            market.cost_of_living_min,
            market.cost_of_living_max,
            market.net_income_advantage_min,
            market.net_income_advantage_max,
        ) == expected, slug
        assert market.key_benefits
    assert list(Market.objects.filter(is_baseline=True).values_list("slug", flat=True)) == [
        "san-francisco"
    ]
    assert Market.objects.get(slug="toronto").hub.slug == "toronto"
    assert Market.objects.get(slug="remote").hub is None


def test_it_loads_the_market_facts(guide):
    for slug, (low, high) in FACTS.items():
        fact = MarketFact.objects.get(slug=slug)
        assert (fact.value_min, fact.value_max) == (Decimal(low), Decimal(high)), slug
        assert fact.statement


def test_it_loads_the_guide_pages_entries(guide):
    counts = {
        section: GuideEntry.objects.filter(section=section).count()
        for section, _label in GuideEntry.Section.choices
    }
    assert counts == {
        "negotiation": 6,
        "remote-advantage": 6,
        "remote-limitation": 6,
        "onsite-case": 4,
        "faq": 7,
        "technical-prep": 6,
        "passage": 11,
    }
    orders = list(
        GuideEntry.objects.filter(section="negotiation").values_list("sort_order", flat=True)
    )
    assert orders == [1, 2, 3, 4, 5, 6]
    retention = GuideEntry.objects.get(slug="negotiation-retention-value")
    assert "6–12 months of salary" in retention.body
    assert (
        "2–3 competing offers" in GuideEntry.objects.get(slug="negotiation-competing-offers").body
    )
    assert "over 80%" in GuideEntry.objects.get(slug="faq-programming-languages").body


def test_loading_twice_creates_nothing_new(guide):
    before = (Role.objects.count(), SalaryBand.objects.count(), GuideEntry.objects.count())
    counts = load_careers_guide(reset=False)
    assert not any(key.endswith("created") for key in counts)
    assert counts["roles kept"] == 18
    assert (Role.objects.count(), SalaryBand.objects.count(), GuideEntry.objects.count()) == before


def test_loading_again_keeps_staff_edits_and_restores_deleted_rows(guide):
    Role.objects.filter(slug="machine-learning-engineer").update(active_postings=50_000)
    Market.objects.filter(slug="austin").update(average_base_usd=160_000)
    GuideEntry.objects.filter(slug="faq-without-phd").delete()
    SalaryBand.objects.filter(role__slug="prompt-engineer", level="mid").delete()

    call_command("load_guide", stdout=io.StringIO())

    assert Role.objects.get(slug="machine-learning-engineer").active_postings == 50_000
    assert Market.objects.get(slug="austin").average_base_usd == 160_000
    assert GuideEntry.objects.filter(slug="faq-without-phd").exists()
    band = SalaryBand.objects.get(role__slug="prompt-engineer", level="mid")
    assert (band.min_usd, band.max_usd) == (140_000, 180_000)


def test_reset_restores_the_guides_values_and_leaves_staff_additions(guide, role_factory):
    Role.objects.filter(slug="machine-learning-engineer").update(
        active_postings=1, name="Renamed", core_skills="Cobol"
    )
    SalaryBand.objects.filter(role__slug="ai-research-scientist", level="senior").update(
        max_usd=900_000
    )
    Hub.objects.filter(slug="miami").update(growth_percent=1)
    MarketFact.objects.filter(slug="remote-share").update(value_min=1, value_max=1)
    extra = role_factory(slug="staff-added-role")

    out = io.StringIO()
    call_command("load_guide", "--reset", stdout=out)

    role = Role.objects.get(slug="machine-learning-engineer")
    assert (role.name, role.active_postings) == ("Machine Learning Engineer", 45_200)
    assert role.core_skills == "Python, TensorFlow/PyTorch, MLOps, cloud platforms"
    assert SalaryBand.objects.get(role__slug="ai-research-scientist", level="senior").max_usd == (
        500_000
    )
    assert Hub.objects.get(slug="miami").growth_percent == 420
    assert MarketFact.objects.get(slug="remote-share").value_min == 60
    assert Role.objects.filter(pk=extra.pk).exists()
    assert "18 roles restored" in out.getvalue()


@pytest.mark.parametrize("reset", [False, True])
def test_loading_is_safe_on_an_empty_database(db, reset):
    counts = load_careers_guide(reset=reset)
    assert counts["roles created"] == 18
    assert counts["salary bands created"] == 21
