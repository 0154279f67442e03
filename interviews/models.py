"""The interview question bank and each user's practice record: card states, reviews, notes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, FilteredRelation, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models import Application, Role
from config.sitewide.ownership import OwnedQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class PracticeOf(TypedDict):
    """What ``QuestionQuerySet.with_practice_of`` adds to each question."""

    card_state: int | None
    card_due: datetime | None
    card_last_rated_at: datetime | None
    card_review_count: int | None
    note_body: str | None
    note_updated_at: datetime | None
    bookmarked: bool


NOTE_MAX_CHARS = 10_000


class Category(models.TextChoices):
    ALGORITHMS = "algorithms", "Algorithms and implementation"
    SYSTEM_DESIGN = "system-design", "ML system design"
    MODEL_EVALUATION = "model-evaluation", "Model selection and evaluation"
    DATA_PREPROCESSING = "data-preprocessing", "Data preprocessing"
    DEBUGGING = "debugging", "Debugging and optimisation"
    RECENT_TECHNIQUES = "recent-techniques", "Recent techniques"
    EXPERIMENTATION = "experimentation", "Experimentation"
    BEHAVIOURAL = "behavioural", "Behavioural"
    ETHICS = "ethics", "AI ethics"
    PRODUCT_SENSE = "product-sense", "Product sense"


# Answers to these are stories about the candidate, so the draft offers a STAR outline.
STAR_CATEGORIES = frozenset({Category.BEHAVIOURAL, Category.ETHICS})


class Difficulty(models.IntegerChoices):
    FOUNDATIONAL = 1, "Foundational"
    INTERMEDIATE = 2, "Intermediate"
    ADVANCED = 3, "Advanced"


class Rating(models.IntegerChoices):
    AGAIN = 1, "Again"
    HARD = 2, "Hard"
    GOOD = 3, "Good"
    EASY = 4, "Easy"


class QuestionQuerySet(models.QuerySet["Question"]):
    def published(self):
        """The shared bank: published questions that belong to no user."""
        return self.filter(is_published=True, owner__isnull=True)

    def owned_by(self, user):
        """A user's own private questions (none for a visitor)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def practised_by(self, user):
        """What the user may practise: the shared bank and their own questions."""
        if not user.is_authenticated:
            return self.published()
        return self.filter(Q(is_published=True, owner__isnull=True) | Q(owner=user))

    def reachable_by(self, user):
        """What the user may open: what they practise, plus a bank question withdrawn after
        they rated, drafted or bookmarked it, so their notes and history stay theirs to read."""
        if not user.is_authenticated:
            return self.published()
        if user.is_staff:  # staff preview drafts as members will see them once published
            return self.filter(Q(owner__isnull=True) | Q(owner=user))
        # Each read through the user's own rows (their unique user-and-question index): a join
        # to the three tables would read every member's rows of a withdrawn question.
        theirs = (
            Q(pk__in=CardState.objects.filter(user=user).values("question"))
            | Q(pk__in=Note.objects.filter(user=user).values("question"))
            | Q(pk__in=Bookmark.objects.filter(user=user).values("question"))
        )
        return self.filter(
            Q(is_published=True, owner__isnull=True)
            | Q(owner=user)
            | Q(theirs, owner__isnull=True, is_published=False)
        )

    def with_practice_of(self, user):
        """Add the user's card (``card_state``, ``card_due``, ``card_last_rated_at``,
        ``card_review_count``: the rating form's repeat guard), draft
        (``note_body``, ``note_updated_at``) and bookmark (``bookmarked``) to each question.

        The question page's personal reads, in the same query: each is a LEFT JOIN on a
        table with one row per user and question at most (its unique constraint).
        """
        return self.annotate(
            my_card=FilteredRelation("card_states", condition=Q(card_states__user=user)),
            my_note=FilteredRelation("notes", condition=Q(notes__user=user)),
            my_bookmark=FilteredRelation("bookmarks", condition=Q(bookmarks__user=user)),
            card_state=F("my_card__state"),
            card_due=F("my_card__due"),
            card_last_rated_at=F("my_card__last_rated_at"),
            card_review_count=F("my_card__review_count"),
            note_body=F("my_note__body"),
            note_updated_at=F("my_note__updated_at"),
            bookmarked=ExpressionWrapper(
                Q(my_bookmark__pk__isnull=False), output_field=models.BooleanField()
            ),
        )


# The answer guide's size the help text promises: enough to check an answer, not a script
# (single checkable claims, so a bundled point split in three counts three).
KEY_POINTS_MIN, KEY_POINTS_MAX = 3, 9


class BankHistory(HistoricalRecords):
    """History of the shared bank only: a member's own question is their data, not content."""

    def create_historical_record(self, instance, history_type, using=None):
        if instance.owner_id is None:
            super().create_historical_record(instance, history_type, using=using)


class Question(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    prompt = models.TextField()
    category = models.CharField(max_length=30, choices=Category.choices)
    difficulty = models.PositiveSmallIntegerField(choices=Difficulty.choices)
    roles = models.ManyToManyField(
        Role,
        related_name="interview_questions",
        blank=True,
        help_text="The roles whose interviews ask this kind of question.",
    )
    key_points = models.TextField(
        help_text="What a strong answer covers: one checkable claim per line (three to nine)."
    )
    key_point_evidence = models.TextField(
        blank=True,
        help_text=(
            "Words and phrases that show each key point was covered, plain words as well as "
            "jargon: one line per key point, in the same order, terms separated by "
            "semicolons; a line of just - for none. The search aliases count too."
        ),
    )
    follow_ups = models.TextField(
        blank=True, help_text="Optional follow-up questions, one per line."
    )
    from_guide = models.BooleanField(
        default=False,
        help_text="Asked or named by the guide (not a question written for the app).",
    )
    sample_answer = models.TextField(
        blank=True,
        help_text="Our sample strong answer, shown in mock reports after the attempt "
        "(labelled as ours).",
    )
    company = models.CharField(
        max_length=120,
        blank=True,
        help_text="For a user's own question: the company that asked it.",
    )
    is_published = models.BooleanField("published", default=True)
    # A user's own question: private to them, scheduled like the bank's, never listed in it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_interview_questions",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()
    history = BankHistory(m2m_fields=["roles"])

    class Meta:
        # The data file's order, which groups questions by category.
        ordering = ["pk"]
        # The admin lists assessment questions too; the names tell the two apart.
        verbose_name = "interview question"
        constraints = [
            models.CheckConstraint(
                condition=Q(difficulty__gte=1) & Q(difficulty__lte=3),
                name="question_difficulty_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="question_category_known"
            ),
        ]

    def __str__(self) -> str:
        return self.prompt if len(self.prompt) <= 80 else self.prompt[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("interviews:question", args=[self.pk])

    @property
    def key_point_list(self) -> list[str]:
        return _lines(self.key_points)

    @property
    def key_point_evidence_list(self) -> list[list[str]]:
        """Each key point's evidence terms, in the key points' order ([] where none)."""
        return evidence_terms(self.key_point_evidence, count=len(self.key_point_list))

    @property
    def follow_up_list(self) -> list[str]:
        return _lines(self.follow_ups)

    def key_points_problem(self) -> str:
        """Why the answer guide is not ready for the bank, in the editor's words; "" if it is."""
        count = len(self.key_point_list)
        if KEY_POINTS_MIN <= count <= KEY_POINTS_MAX:
            return ""
        return (
            f"A published question needs {KEY_POINTS_MIN} to {KEY_POINTS_MAX} key points, one "
            f"per line; this one has {count}. Save it unpublished, as a draft, until it has."
        )

    def clean(self) -> None:
        super().clean()
        if self.owner_id is None and self.is_published and self.key_points_problem():
            raise ValidationError({"key_points": self.key_points_problem()})
        lines = _lines(self.key_point_evidence)
        points = _lines(self.key_points)
        if lines and len(lines) != len(points):
            raise ValidationError(
                {
                    "key_point_evidence": (
                        f"Give one line of evidence per key point: there are {len(points)} "
                        f"key points and {len(lines)} lines (write - for a point without any)."
                    )
                }
            )

    @property
    def offers_star_template(self) -> bool:
        return self.category in STAR_CATEGORIES


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


NO_EVIDENCE = "-"


def evidence_terms(text: str, *, count: int) -> list[list[str]]:
    """The evidence field's lines as lists of terms, one list per key point (``count``)."""
    lines = _lines(text)
    terms = [
        [term.strip() for term in line.split(";") if term.strip() and term.strip() != NO_EVIDENCE]
        for line in lines
    ]
    return terms[:count] + [[] for _ in range(count - len(terms))]


def evidence_text(evidence: list[list[str]]) -> str:
    """``evidence_terms`` back as the field's text; empty when no point has any."""
    if not any(evidence):
        return ""
    return "\n".join("; ".join(terms) or NO_EVIDENCE for terms in evidence)


class CardState(models.Model):
    """One user's spaced-repetition state for one question (the fsrs card, serialised).

    Users' rows PROTECT the question they are about: staff unpublish questions, and the
    admin refuses to delete one anybody practised (config.sitewide.user_data_admin).
    """

    class State(models.IntegerChoices):
        # NEW is ours: never rated, or rated before a fresh cycle started. The others are fsrs's.
        NEW = 0, "New"
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_cards"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="card_states")
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.NEW)
    card = models.JSONField(
        default=dict, blank=True, help_text="fsrs Card.to_dict(); empty when new."
    )
    due = models.DateTimeField(null=True, blank=True)
    interval_days = models.PositiveIntegerField(
        default=0, help_text="Whole days between the last rating and the due date."
    )
    last_rated_at = models.DateTimeField(null=True, blank=True)
    review_count = models.PositiveIntegerField(default=0)
    # A fresh cycle makes the question new again; the first attempt ever is kept.
    cycle = models.PositiveIntegerField(default=1)
    cycle_started_at = models.DateTimeField(null=True, blank=True)
    first_rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    first_rated_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="cardstate_one_per_user"),
            models.CheckConstraint(
                condition=Q(first_rating__isnull=True)
                | (Q(first_rating__gte=1) & Q(first_rating__lte=4)),
                name="cardstate_first_rating_1_to_4",
            ),
        ]
        indexes = [
            # The practice queue and "due today" look up a user's cards by due date.
            models.Index(fields=["user", "due"], name="cardstate_user_due"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_id}"

    @property
    def is_new(self) -> bool:
        return self.state == self.State.NEW


class ReviewLog(models.Model):
    """One rating, kept for ever: fresh cycles and the streak both read the history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_reviews"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="review_logs")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    rated_at = models.DateTimeField()
    state_before = models.PositiveSmallIntegerField(choices=CardState.State.choices)
    state_after = models.PositiveSmallIntegerField(choices=CardState.State.choices)
    due = models.DateTimeField(help_text="When the scheduler brings the question back.")
    interval_days = models.PositiveIntegerField(default=0)
    cycle = models.PositiveIntegerField(default=1)
    # The card's review count after this rating. Unique per card, so one rating of the card
    # as the user saw it is recorded once, however often the form arrives (issue 10).
    # Empty on logs written before it existed.
    review_number = models.PositiveIntegerField(null=True, blank=True)
    # How the attempt went, as the user checked it against the key points (see self_check.py).
    covered_points = models.JSONField(
        null=True, blank=True, help_text="The key points the user ticked as covered, if checked."
    )
    key_point_total = models.PositiveSmallIntegerField(null=True, blank=True)
    suggested_rating = models.PositiveSmallIntegerField(
        choices=Rating.choices, null=True, blank=True
    )
    seconds_taken = models.PositiveIntegerField(
        null=True, blank=True, help_text="Time from showing the question to rating it, if timed."
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-rated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question", "review_number"], name="reviewlog_once_per_review"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=4), name="reviewlog_rating_1_to_4"
            ),
        ]
        indexes = [models.Index(fields=["user", "rated_at"], name="reviewlog_user_rated_at")]

    def __str__(self) -> str:
        return f"{self.user} rated {self.question_id} {self.get_rating_display()}"


class FreshCycle(models.Model):
    """A fresh cycle the user started: it ends the due spans of the questions it made new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_fresh_cycles"
    )
    # Blank: the whole bank.
    category = models.CharField(max_length=32, choices=Category.choices, blank=True)
    started_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "started_at"], name="freshcycle_user_started_at")]

    def __str__(self) -> str:
        return f"{self.user} started afresh {self.category or 'everything'}"


class PracticeSummary(models.Model):
    """What the progress page needs from a user's whole review history, kept as ratings arrive.

    Days are counted in ``time_zone``; figures read in another zone are rebuilt from the logs
    (see ``interviews.progress``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="interview_practice_summary",
    )
    # Empty until first built: an empty zone never matches, so the first reader builds it.
    time_zone = models.CharField(max_length=64, blank=True)
    last_day = models.DateField(null=True, blank=True, help_text="The last day with a rating.")
    current_run = models.PositiveIntegerField(default=0, help_text="The streak on last_day.")
    longest_run = models.PositiveIntegerField(default=0)
    # The first day after last_day on which a question was due until a fresh cycle ended it.
    missed_due_day = models.DateField(null=True, blank=True)
    # The user's practice version (interviews.status.practice_version) these figures are at.
    practice_version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user}'s practice summary"


class PracticeDay(models.Model):
    """One user's ratings and "Again" ratings in one category on one day (in the summary's zone)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_practice_days"
    )
    day = models.DateField()
    category = models.CharField(max_length=32, choices=Category.choices)
    ratings = models.PositiveIntegerField(default=0)
    agains = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index the progress page reads the last 30 days through.
            models.UniqueConstraint(
                fields=["user", "day", "category"], name="practiceday_once_per_user_day_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.day}: {self.ratings} in {self.category}"


class Note(models.Model):
    """A private answer draft; never shown to anyone but its author (not even in admin)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_notes"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="notes")
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="note_one_per_user"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), NOTE_MAX_CHARS),
                name="note_body_max_length",
            ),
        ]

    def __str__(self) -> str:
        return f"Note by {self.user} on {self.question_id}"


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_bookmarks"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="bookmark_one_per_user")
        ]

    def __str__(self) -> str:
        return f"Bookmark by {self.user} on {self.question_id}"


class SearchAlias(models.Model):
    """Two ways of saying the same thing; a search for either finds both (staff edit these)."""

    term = models.CharField(max_length=60, unique=True, help_text="e.g. RAG")
    means = models.CharField(max_length=120, help_text="e.g. retrieval-augmented generation")

    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name_plural = "search aliases"

    def __str__(self) -> str:
        return f"{self.term} ↔ {self.means}"


# The guide: "Most AI positions involve 4-6 interview rounds".
MOCK_LOOP_SIZES = (4, 5, 6)


class InterviewShape(models.Model):
    """How one family of roles is interviewed (staff edit these): the categories its questions
    come from first, in order, and, through ``MockRound.shape``, its mock rounds.

    The first shape is the one a mock for "any role" (or a role of no shape) follows.
    """

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(unique=True)
    categories = models.JSONField(
        default=list, help_text="The question categories asked first, most important first."
    )
    roles = models.ManyToManyField(
        Role, related_name="interview_shapes", blank=True, help_text="The roles interviewed so."
    )

    history = HistoricalRecords(m2m_fields=["roles"])

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        categories = self.categories if isinstance(self.categories, list) else None
        if not categories or not set(categories) <= set(Category.values):
            raise ValidationError({"categories": "Choose one or more of the bank's categories."})


class MockRound(models.Model):
    """One round of a mock interview loop, in interview order (staff edit these).

    A loop of N rounds for a shape asks every round of that shape (or of none) whose
    ``in_loops_of`` is N or less.
    """

    position = models.PositiveSmallIntegerField(
        unique=True, help_text="Where the round comes in the loop: 1 is first."
    )
    name = models.CharField(max_length=80, unique=True)
    shape = models.ForeignKey(
        InterviewShape,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        help_text="The roles' interview shape that asks this round; blank: every shape.",
    )
    categories = models.JSONField(
        default=list, help_text="The question categories this round asks from."
    )
    preferred_questions = models.ManyToManyField(
        Question,
        blank=True,
        related_name="+",
        help_text="Questions this round asks first, when they suit the role (e.g. annotation "
        "guidelines rather than SQL in a data-quality round).",
    )
    from_guide = models.BooleanField(
        default=False, help_text="The guide names this round; otherwise it is our addition."
    )
    in_loops_of = models.PositiveSmallIntegerField(
        choices=[(size, f"{size} rounds or more") for size in MOCK_LOOP_SIZES],
        help_text="The shortest loop that asks this round.",
    )
    question_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="How many questions the round asks (1 to 3); blank: the 1 or 2 the user "
        "chooses for every round.",
    )
    suggested_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Suggested minutes per answer (1 to 60); blank: the timer's suggestion for "
        "the question's category.",
    )

    history = HistoricalRecords(m2m_fields=["preferred_questions"])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_loops_of__in=MOCK_LOOP_SIZES), name="mockround_loop_size"
            ),
            models.CheckConstraint(
                condition=Q(question_count__isnull=True) | Q(question_count__range=(1, 3)),
                name="mockround_question_count_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(suggested_minutes__isnull=True) | Q(suggested_minutes__range=(1, 60)),
                name="mockround_suggested_minutes_1_to_60",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        categories = self.categories if isinstance(self.categories, list) else None
        if not categories or not set(categories) <= set(Category.values):
            raise ValidationError({"categories": "Choose one or more of the bank's categories."})


class MockInterview(models.Model):
    """One rehearsal of an interview loop: rounds of timed, typed answers, then a report."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mock_interviews"
    )
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when the user confirmed the ratings and the questions were scheduled.
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Mock interview by {self.user} on {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("interviews:mock_detail", args=[self.pk])


class MockAnswer(models.Model):
    """One question of a mock interview, in the order asked, with the typed answer."""

    mock = models.ForeignKey(MockInterview, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    round_number = models.PositiveSmallIntegerField()
    round_name = models.CharField(max_length=80)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    suggested_seconds = models.PositiveIntegerField()
    shown_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField(blank=True)
    covered_points = models.JSONField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["mock", "position"], name="mockanswer_one_per_position"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), NOTE_MAX_CHARS),
                name="mockanswer_body_max_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mock} · {self.position}"


def interval_days_between(start: datetime, end: datetime) -> int:
    """Whole days from a rating to its due date (learning steps of minutes are 0)."""
    return max(0, (end - start) // timedelta(days=1))


class InterviewRoundQuerySet(OwnedQuerySet):
    owner_lookup = "application__user"


class InterviewRound(models.Model):
    """A real interview of one of the member's applications, on a date."""

    class Kind(models.TextChoices):
        SCREEN = "screen", "Screening call"
        TECHNICAL = "technical", "Technical interview"
        SYSTEM_DESIGN = "system-design", "System design interview"
        BEHAVIOURAL = "behavioural", "Behavioural interview"
        ETHICS = "ethics", "AI ethics interview"
        ONSITE = "onsite", "Onsite interview"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interview_rounds"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField()
    with_whom = models.CharField(max_length=120, blank=True, help_text="e.g. the hiring manager")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InterviewRoundQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        # The home page, practice and the digest look for a member's next rounds by date.
        indexes = [models.Index(fields=["application", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.starts_at:%Y-%m-%d}"


if TYPE_CHECKING:
    QuestionWithPractice = WithAnnotations[Question, PracticeOf]
