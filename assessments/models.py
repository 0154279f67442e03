"""The skills-gap questionnaire, the guide's transition paths, and each user's assessments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from careers.models import Profile, Role
from config.sitewide.ownership import OwnedQuerySet

from . import result_versions

# --- Content: the guide's framework and paths, edited by staff -------------------------------


class Dimension(models.Model):
    """One part of the guide's seven-part self-assessment framework."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    guide_prompt = models.TextField(help_text="What the guide asks you to evaluate.")
    improvement_advice = models.TextField(
        help_text="How to close a gap in this dimension; shown in the milestone plan."
    )
    is_planning_constraint = models.BooleanField(
        default=False,
        help_text="Shapes pacing and advice (risk, runway) instead of being a gap to close; "
        "paths are not matched on it.",
    )
    study_hours_per_point = models.PositiveSmallIntegerField(
        default=0,
        help_text="Our estimate, not the guide's: hours of study to close one point of a gap "
        "in this dimension. 0 for a planning constraint that study does not close.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    answer_options: list[AnswerOption]  # set by questionnaire.attach_options
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(unique=True)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    counts_toward_score = models.BooleanField(
        default=True,
        help_text="Off for a question asked only to check a prerequisite (customers, policy, "
        "degree), so it cannot pull down a dimension it does not measure.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        # The admin lists interview questions too; the names tell the two apart.
        verbose_name = "assessment question"

    def __str__(self) -> str:
        return self.text


class AnswerOption(models.Model):
    """An answer describing observable experience, worth a score from 0 to 100."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=300)
    score = models.PositiveSmallIntegerField(help_text="0 (none of this yet) to 100.")
    runway_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="For the runway question: the months of preparation this answer allows "
        "(empty for no limit or another question).",
    )
    keeps_income = models.BooleanField(
        default=False, help_text="This answer means the person cannot take a drop in income."
    )
    employer_adopting_ai = models.BooleanField(
        default=False,
        help_text="This answer means the person's employer is building or adopting AI, so a "
        "move inside the organisation is offered beside the paths.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="answeroption_score_0_100")
        ]

    def __str__(self) -> str:
        return self.text


class Skill(models.Model):
    """Something a role needs that a milestone teaches, with what to build to show it."""

    class Level(models.IntegerChoices):
        FOUNDATION = 1, "Foundation"
        INTERMEDIATE = 2, "Intermediate"
        ADVANCED = 3, "Advanced"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    dimensions = models.ManyToManyField(
        Dimension, related_name="skills", help_text="The dimensions this skill builds."
    )
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", help_text="Learnt before this."
    )
    deliverable = models.TextField(help_text="What the learner makes to show the skill.")
    typical_hours = models.PositiveSmallIntegerField(
        help_text="Our estimate of the study hours a beginner needs; weights a gap's hours."
    )
    shown_by = models.JSONField(
        default=list,
        blank=True,
        help_text="Answers that show someone already does this, as [question slug, minimum "
        'score] pairs, e.g. [["prog-data", 60]]: their plan then has no step for it.',
    )
    roles: models.ManyToManyField[Role, RoleSkill] = models.ManyToManyField(
        Role, through="RoleSkill", related_name="+", blank=True
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names postings use for it, e.g. ["PyTorch", "deep learning"].',
    )
    interview_categories = models.JSONField(
        default=list,
        blank=True,
        help_text='The question bank\'s categories that test it, e.g. ["system-design"].',
    )

    history = HistoricalRecords(m2m_fields=["dimensions", "prerequisites"])

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(typical_hours__gte=1), name="skill_typical_hours")
        ]

    def __str__(self) -> str:
        return self.name


class RoleSkill(models.Model):
    """A core skill of a role, in the order a mentor would teach it."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_links")
    core = models.BooleanField(
        default=False,
        help_text="One of the role's own skills, studied with the path's core hours; "
        "otherwise a foundation studied only to close a dimension gap.",
    )
    capstone = models.BooleanField(
        default=False, help_text="Its resources guide the plan's portfolio project."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="roleskill_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.role} · {self.skill}"


class LearningResourceQuerySet(models.QuerySet):
    def published(self):
        """What members see: an unpublished resource is an editor's draft."""
        return self.filter(is_published=True)


class LearningResource(models.Model):
    """A course, book or guide at a public address; ``checked_on`` is when it was seen there."""

    class Format(models.TextChoices):
        COURSE = "course", "Online course"
        BOOK = "book", "Book"
        TUTORIAL = "tutorial", "Tutorial"
        VIDEO = "video", "Video series"
        GUIDE = "guide", "Guide or framework"
        DOCS = "docs", "Documentation"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=120)
    url = models.URLField(max_length=300, unique=True)
    format = models.CharField(max_length=10, choices=Format.choices)
    level = models.PositiveSmallIntegerField(choices=Skill.Level.choices)
    hours = models.PositiveSmallIntegerField(
        help_text="Study hours: the provider's figure where it states one, else our estimate."
    )
    hours_from_provider = models.BooleanField(default=False)
    is_free = models.BooleanField(help_text="Free to study (a certificate may still cost money).")
    skills = models.ManyToManyField(Skill, related_name="resources", blank=True)
    dimensions = models.ManyToManyField(Dimension, related_name="resources", blank=True)
    source_url = models.URLField(max_length=300, help_text="Where the facts were checked.")
    checked_on = models.DateField()
    # The scheduled link check's last result (check_resource_links, from cron).
    link_status = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="HTTP status; blank when no answer."
    )
    link_error = models.CharField(max_length=200, blank=True, editable=False)
    link_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Untick to keep it as a draft: members' plans show only published resources.",
    )

    objects = LearningResourceQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["link_status", "link_error", "link_checked_at"],
        m2m_fields=["skills", "dimensions"],
    )

    class Meta:
        ordering = ["level", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=1), name="learningresource_hours")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.checked_on and self.checked_on > timezone.localdate():
            raise ValidationError(
                {"checked_on": "This date is in the future: give the day you checked it."}
            )

    @property
    def link_failed(self) -> bool:
        return self.link_checked_at is not None and not (
            self.link_status is not None and self.link_status < 400
        )


class CertificationQuerySet(models.QuerySet):
    def held_possible(self):
        """Credentials someone can hold: real ones, live or retired, not evidence."""
        return self.filter(
            status__in=[Certification.Status.ACTIVE, Certification.Status.RETIRED]
        ).exclude(kind=Certification.Kind.EVIDENCE)


class Certification(models.Model):
    """A credential or piece of evidence, as the guide names it, with its status today."""

    class Kind(models.TextChoices):
        EXAM = "exam", "Proctored exam"
        COURSE = "course", "Course certificate"
        EVIDENCE = "evidence", "Evidence (projects, publications)"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RETIRED = "retired", "Retired"
        NOT_FOUND = "not-found", "Not found"
        NOT_REAL = "not-real", "Not a real credential"

    class EvidenceKind(models.TextChoices):
        PROVIDER = "provider", "The provider's own page"
        INDEPENDENT = "independent", "Independent sources that agree"
        GUIDE = "guide", "The guide"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160, help_text="As the guide names it, where it does.")
    from_guide = models.BooleanField(
        default=False, help_text="Named by the guide; otherwise added by us."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EXAM)
    action = models.CharField(
        max_length=160, blank=True, help_text='For evidence: what you do, e.g. "Build a project".'
    )
    description = models.TextField(blank=True)
    provider = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    retired_on = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    alternative = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="What to earn instead of one that was not found or is not a real credential.",
    )
    status_note = models.TextField(blank=True, help_text="Our plain note on the status.")
    official_url = models.URLField(max_length=300, blank=True)
    exam_code = models.CharField(max_length=20, blank=True)
    cost_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="Only where the provider states it."
    )
    study_hours = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only where the provider states it."
    )
    source_url = models.URLField(
        max_length=300, help_text="Shown to users: the provider's own page, never a third party's."
    )
    checked_on = models.DateField()
    evidence_kind = models.CharField(
        max_length=20,
        choices=EvidenceKind.choices,
        default=EvidenceKind.PROVIDER,
        help_text="What the status rests on: the provider's page, or independent sources.",
    )
    evidence_sources = models.JSONField(
        default=list,
        blank=True,
        help_text='Named independent sources that agree, as a list of {"title", "url", "date"}.',
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="certifications", help_text="The skills it tests."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = CertificationQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["skills"])

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(retired_on__isnull=False),
                name="certification_retired_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The transition paths page lists every credential a path names, with its status.
        return reverse("paths:list")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = "This date is in the future: give the day you checked it."
        for field in ("successor", "alternative"):
            other = getattr(self, field)
            if other is None:
                continue
            if self.pk is not None and other.pk == self.pk:
                errors[field] = "A certification cannot stand in for itself: choose another."
            elif other.status == self.Status.RETIRED:
                errors[field] = f"{other} is retired itself: choose one that is offered today."
        if errors:
            raise ValidationError(errors)

    @property
    def can_be_sat(self) -> bool:
        """Whether a plan may send someone to sit it today: an active proctored exam with
        its official page to book through. The one rule; plans schedule no other."""
        return (
            self.status == self.Status.ACTIVE
            and self.kind == self.Kind.EXAM
            and bool(self.official_url)
        )

    @property
    def replacement(self) -> Certification | None:
        """What to earn instead: a retired one's successor; for one not found or not real, the
        real credential nearest to it."""
        if self.status == self.Status.RETIRED:
            return self.successor
        if self.status in (self.Status.NOT_FOUND, self.Status.NOT_REAL):
            return self.alternative
        return None


class TransitionPathQuerySet(models.QuerySet["TransitionPath"]):
    def with_details(self):
        """Everything a path page shows, in a fixed number of queries however many paths."""
        return self.select_related("target_role", "target_role__occupation_pay").prefetch_related(
            models.Prefetch(
                "certification_links",
                # With what replaces each: the page says when one is retired or unconfirmed.
                queryset=PathCertification.objects.select_related(
                    "certification__successor", "certification__alternative"
                ),
                to_attr="ordered_certifications",
            ),
            models.Prefetch(
                "prerequisites", queryset=Prerequisite.objects.order_by("sort_order", "pk")
            ),
            models.Prefetch(
                "requirement_levels",
                queryset=RequirementLevel.objects.select_related("dimension").order_by(
                    "dimension__sort_order", "pk"
                ),
            ),
            "target_role__salary_bands",
        )


class TransitionPath(models.Model):
    class Source(models.TextChoices):
        GUIDE = "guide", "The guide's"
        OURS = "ours", "Ours"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=160, help_text="As the guide writes it, with the arrow.")
    source = models.CharField(
        max_length=10,
        choices=Source.choices,
        default=Source.OURS,
        help_text="The guide's seven routes stay as the guide gives them; routes we add are ours.",
    )
    reasoning = models.TextField(
        blank=True, help_text="For a route of ours: why it makes sense, shown beside it."
    )
    background = models.CharField(
        max_length=20,
        choices=Profile.Background.choices,
        help_text="The background this path starts from.",
    )
    also_backgrounds = models.JSONField(
        default=list,
        blank=True,
        help_text='Other backgrounds this route suits, as a list of their codes, e.g. ["finance"].',
    )
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="transition_paths")
    timeline_min_months = models.PositiveSmallIntegerField()
    timeline_max_months = models.PositiveSmallIntegerField()
    summary = models.TextField()
    portfolio_project = models.TextField(help_text="The portfolio project the plan suggests.")
    core_study_hours = models.PositiveSmallIntegerField(
        default=0,
        help_text="Our estimate, not the guide's: hours of study of the target role's own "
        "skills that everyone on this path needs, on top of closing dimension gaps.",
    )
    certifications: models.ManyToManyField[Certification, PathCertification] = (
        models.ManyToManyField(
            Certification, through="PathCertification", related_name="paths", blank=True
        )
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = TransitionPathQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(timeline_min_months__gte=1)
                & Q(timeline_max_months__gte=F("timeline_min_months"))
                & Q(timeline_max_months__lte=60),
                name="transitionpath_timeline_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("paths:detail", args=[self.slug])

    @property
    def also_background_labels(self) -> list[str]:
        labels = dict(Profile.Background.choices)
        return [labels.get(code, code) for code in self.also_backgrounds or ()]


class InternalTransfer(models.Model):
    """A move into an AI-facing role at the person's own employer: offered beside a path to
    one of ``roles`` when they say their employer is building or adopting AI."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=160)
    summary = models.TextField(help_text="What the move is and how to start it.")
    reason = models.TextField(help_text="Why it is offered: what it keeps and what it saves.")
    job_search_min_months = models.PositiveSmallIntegerField(
        help_text="Our estimate, not the guide's: months from the end of study to the move."
    )
    job_search_max_months = models.PositiveSmallIntegerField()
    roles = models.ManyToManyField(
        Role, related_name="internal_transfers", help_text="The roles a move inside can reach."
    )
    basis = models.TextField(help_text="What the estimate rests on, shown beside it.")
    sources = models.JSONField(
        default=list, blank=True, help_text='Sources, as a list of {"title", "url", "date"}.'
    )
    checked_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(job_search_max_months__gte=F("job_search_min_months")),
                name="internaltransfer_search_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class OccupationPay(models.Model):
    """Pay for a role the guide gives no band for: a cited, dated public figure for the
    nearest occupation, labelled as such wherever it is shown."""

    role = models.OneToOneField(Role, on_delete=models.CASCADE, related_name="occupation_pay")
    occupation = models.CharField(
        max_length=160, help_text="The nearest occupation the source names, not this role."
    )
    median_usd = models.PositiveIntegerField(help_text="Median annual pay, US dollars.")
    figure_date = models.CharField(max_length=40, help_text='When the figure is for: "May 2023".')
    source_name = models.CharField(max_length=200)
    source_url = models.URLField(max_length=300)
    checked_on = models.DateField()

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.role}: {self.occupation}"


class PathCertification(models.Model):
    path = models.ForeignKey(
        TransitionPath, on_delete=models.CASCADE, related_name="certification_links"
    )
    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "certification"], name="pathcertification_once_per_path"
            )
        ]

    def __str__(self) -> str:
        return f"{self.path} · {self.certification}"


class RequirementLevel(models.Model):
    """How strong a path needs someone to be in one dimension, 0–100, set by staff."""

    path = models.ForeignKey(
        TransitionPath, on_delete=models.CASCADE, related_name="requirement_levels"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "dimension"], name="requirementlevel_one_per_dimension"
            ),
            models.CheckConstraint(condition=Q(level__lte=100), name="requirementlevel_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.path} · {self.dimension}: {self.level}"


class Prerequisite(models.Model):
    """A prerequisite from the guide's table, with how the answers show it is met.

    Met when the user's background is ``met_by_background``, or when their answer
    to ``question`` scores at least ``minimum_score``.
    """

    path = models.ForeignKey(TransitionPath, on_delete=models.CASCADE, related_name="prerequisites")
    slug = models.SlugField()
    name = models.CharField(max_length=160)
    met_by_background = models.CharField(
        max_length=20, choices=Profile.Background.choices, blank=True
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minimum_score = models.PositiveSmallIntegerField(null=True, blank=True)
    hard = models.BooleanField(
        default=False,
        help_text='Unmet, it keeps the path out of "strong fit" (no programming for ML Engineer).',
    )
    unlock = models.TextField(
        blank=True,
        help_text="What would meet it, in the user's words; shown when it is not met.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["path", "slug"], name="prerequisite_slug_per_path"),
            models.CheckConstraint(
                condition=Q(minimum_score__isnull=True) | Q(minimum_score__lte=100),
                name="prerequisite_minimum_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- Each user's assessments ----------------------------------------------------------------


class AssessmentQuerySet(OwnedQuerySet):
    def for_visitor(self, user, session_ids):
        """A signed-in user's assessments, or a visitor's unclaimed ones named in the session."""
        if user.is_authenticated:
            return self.for_user(user)
        return self.filter(user__isnull=True, pk__in=list(session_ids))

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def unfinished(self):
        return self.filter(completed_at__isnull=True)


class Assessment(models.Model):
    # Empty while a visitor without an account takes it; their session holds its id
    # until they sign up or log in, when it becomes theirs.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    # The assessment this one retakes; its answers prefill the steps.
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    background = models.CharField(max_length=20, choices=Profile.Background.choices, blank=True)
    background_other = models.CharField(
        max_length=100, blank=True, help_text="The profession, when it is not in the list."
    )
    weekly_study_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    interested_roles = models.ManyToManyField(Role, blank=True, related_name="+")
    held_certifications = models.ManyToManyField(Certification, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Snapshots taken on completion, so later content edits leave a past result alone.
    scores = models.JSONField(null=True, blank=True)
    # None until completed; then the snapshot results.py writes and reads (a JSON object).
    result: models.JSONField[Any, Any] = models.JSONField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The admin's list pages through all members' assessments newest first, and
            # filters them by date range and by finished or not.
            models.Index(fields=["-created_at", "-id"], name="assessment_newest_first"),
            models.Index(fields=["completed_at"], name="assessment_completed_at"),
        ]
        constraints = [
            # A double-clicked "Start" finds the unfinished one instead of making a second.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(completed_at__isnull=True),
                name="assessment_one_unfinished_per_user",
            ),
            models.CheckConstraint(
                condition=Q(weekly_study_hours__isnull=True) | Q(weekly_study_hours__lte=80),
                name="assessment_weekly_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk}"

    def get_absolute_url(self) -> str:
        if self.is_complete:
            return reverse("assessments:result", args=[self.pk])
        return reverse("assessments:resume", args=[self.pk])

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @cached_property
    def snapshot(self) -> dict:
        """The stored result in today's shape, whatever version it was saved in: every page
        reads it through here, never ``result`` itself."""
        return result_versions.upgrade(self.result)


class Answer(models.Model):
    """The answer option a user chose for one question of one assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: editing the questionnaire never deletes anyone's answers.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(AnswerOption, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="answer_one_per_assessment_question"
            )
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


class PathDismissal(models.Model):
    """A recommendation the user said was "not for me", and why."""

    class Reason(models.TextChoices):
        TOO_LONG = "too-long", "The timeline is too long for me"
        NOT_INTERESTED = "not-interested", "The work does not interest me"
        PAY = "pay", "The pay does not suit me"
        GAP_TOO_BIG = "gap-too-big", "The skills gap is too big"
        OTHER = "other", "Another reason"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="dismissals")
    # Slugs, not foreign keys: the result is a snapshot and may name a path staff later removed.
    path_slug = models.SlugField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "path_slug"], name="pathdismissal_once_per_path"
            )
        ]

    def __str__(self) -> str:
        return f"{self.path_slug}: {self.reason}"


class MilestoneTick(models.Model):
    """A milestone of a result's plan that the user has ticked off."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ticks")
    path_slug = models.SlugField()
    milestone_key = models.CharField(max_length=120)
    ticked_at = models.DateTimeField(auto_now_add=True)
    # What the user made: a link or a short note, asked for when ticking.
    evidence = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["ticked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "path_slug", "milestone_key"],
                name="milestonetick_once_per_milestone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.path_slug}: {self.milestone_key}"
