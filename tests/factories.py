"""factory-boy factories for every model the tests build; exposed as fixtures in conftest."""

import datetime

import factory
from django.contrib.auth import get_user_model

from assessments.models import (
    AnswerOption,
    Assessment,
    Certification,
    Dimension,
    PathCertification,
    Prerequisite,
    RequirementLevel,
    TransitionPath,
)
from assessments.models import Question as AssessmentQuestion
from careers.models import (
    GuideEntry,
    Hub,
    Market,
    MarketFact,
    Offer,
    OfferComparison,
    Profile,
    Role,
    SalaryBand,
)
from interviews.models import Bookmark, CardState, Category, Note, Question

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)
    profile = factory.RelatedFactory("tests.factories.ProfileFactory", factory_related_name="user")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Role {n}")
    slug = factory.Sequence(lambda n: f"role-{n}")
    kind = Role.Kind.CORE
    active_postings = factory.Sequence(lambda n: 1000 + n)
    summary = "A role for testing."


class SalaryBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryBand

    role = factory.SubFactory(RoleFactory)
    level = SalaryBand.Level.ENTRY
    min_usd = 100_000
    max_usd = 150_000
    basis = SalaryBand.Basis.BASE


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    active_postings = 1000
    growth_percent = 100


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Market
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Market {n}")
    slug = factory.Sequence(lambda n: f"market-{n}")
    average_base_usd = 150_000
    cost_of_living_min = 80
    cost_of_living_max = 80
    net_income_advantage_min = 5
    net_income_advantage_max = 5


# --- interviews ---------------------------------------------------------------------------


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"question-{n}")
    prompt = factory.Sequence(lambda n: f"Explain interview topic number {n}.")
    category = Category.ALGORITHMS
    difficulty = 2
    key_points = "States the idea\nGives the trade-offs\nNames a metric"
    follow_ups = "What would you change at scale?"
    is_published = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)


class CardStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardState

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)
    body = "My draft answer."


class BookmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bookmark

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)


# --- assessments ------------------------------------------------------------------------------


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.Sequence(lambda n: f"dimension-{n}")
    guide_prompt = "What the guide asks you to evaluate."
    improvement_advice = "How to get better at it."
    sort_order = factory.Sequence(lambda n: 100 + n)


class AssessmentQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentQuestion
        skip_postgeneration_save = True

    dimension = factory.SubFactory(DimensionFactory)
    slug = factory.Sequence(lambda n: f"question-{n}")
    text = factory.Sequence(lambda n: f"Question {n}?")
    sort_order = factory.Sequence(lambda n: n)
    # Four answers scoring 0, 33, 67 and 100.
    options = factory.RelatedFactoryList(
        "tests.factories.AnswerOptionFactory", factory_related_name="question", size=4
    )


class AnswerOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerOption

    question = factory.SubFactory(AssessmentQuestionFactory, options=[])
    text = factory.Sequence(lambda n: f"Answer {n}")
    sort_order = factory.Sequence(lambda n: n % 4)
    score = factory.LazyAttribute(lambda option: round(option.sort_order * 100 / 3))


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Certification {n}")
    slug = factory.Sequence(lambda n: f"certification-{n}")
    source_url = "https://example.com/certification"
    checked_on = datetime.date(2026, 12, 1)


class TransitionPathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransitionPath
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Path {n}")
    slug = factory.Sequence(lambda n: f"path-{n}")
    background = "other"
    target_role = factory.SubFactory(RoleFactory)
    timeline_min_months = 6
    timeline_max_months = 12
    summary = "A path for testing."
    portfolio_project = "Build something that shows it."


class PathCertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathCertification

    path = factory.SubFactory(TransitionPathFactory)
    certification = factory.SubFactory(CertificationFactory)


class RequirementLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequirementLevel

    path = factory.SubFactory(TransitionPathFactory)
    dimension = factory.SubFactory(DimensionFactory)
    level = 50


class PrerequisiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prerequisite

    path = factory.SubFactory(TransitionPathFactory)
    slug = factory.Sequence(lambda n: f"prerequisite-{n}")
    name = factory.Sequence(lambda n: f"Prerequisite {n}")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    user = factory.SubFactory(UserFactory)


# --- careers: saved offer comparisons, market facts, guide entries ---


class OfferComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferComparison

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Comparison {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    comparison = factory.SubFactory(OfferComparisonFactory)
    label = factory.Sequence(lambda n: f"Offer {n}")
    base_usd = 150_000
    equity_grant_usd = 120_000
    bonus_usd = 10_000
    market = factory.SubFactory(MarketFactory)
    position = factory.Sequence(lambda n: n)


class MarketFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketFact
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"fact-{n}")
    label = factory.Sequence(lambda n: f"Fact {n}")
    value_min = 10
    value_max = 20
    statement = "A fact for testing."


class GuideEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideEntry
        django_get_or_create = ("slug",)

    section = GuideEntry.Section.FAQ
    slug = factory.Sequence(lambda n: f"entry-{n}")
    title = factory.Sequence(lambda n: f"Entry {n}")
    body = "An entry for testing."
    sort_order = factory.Sequence(lambda n: n)
