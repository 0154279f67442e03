"""Content from the AI Jobs 2026 guide, and the job seeker's own profile and saved offers."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from config.sitewide.ownership import OwnedQuerySet
from config.sitewide.provenance import Provenance

from .offers import DEFAULT_CLIFF_MONTHS, DEFAULT_VESTING_YEARS


class Role(Provenance):
    class Kind(models.TextChoices):
        CORE = "core", "Core AI role"
        EMERGING = "emerging", "Emerging generative-AI role"
        # Named only as the destination of one of the guide's transition paths.
        TRANSITION = "transition", "Transition destination"
        # Not in the guide: a role we added, with our reasons and sources (AI Engineer).
        OURS = "ours", "Added by us, not in the guide"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORE)
    active_postings = models.PositiveIntegerField(
        null=True, blank=True, help_text="Active job postings; blank where the guide gives none."
    )
    summary = models.TextField()
    quoted_salary_min_usd = models.PositiveIntegerField(
        null=True, blank=True, help_text="A salary range the guide quotes outside the band table."
    )
    quoted_salary_max_usd = models.PositiveIntegerField(null=True, blank=True)
    primary_focus = models.TextField(blank=True)
    required_experience = models.TextField(blank=True)
    core_skills = models.TextField(blank=True)
    daily_tasks = models.TextField(blank=True)
    collaboration = models.TextField(blank=True)
    success_metrics = models.TextField(blank=True)
    career_path = models.TextField(blank=True)
    profile_from_guide = models.BooleanField(
        default=False, help_text="The profile aspects are the guide's own, not written for the app."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    # The aspects of the guide's ML engineer vs research scientist table, in its order.
    ASPECTS = (
        ("primary_focus", "Primary focus"),
        ("required_experience", "Required experience"),
        ("core_skills", "Core skills"),
        ("daily_tasks", "Daily tasks"),
        ("collaboration", "Collaboration"),
        ("success_metrics", "Success metrics"),
        ("career_path", "Career path"),
    )

    history = HistoricalRecords()

    FACT_FIELDS = ("active_postings", "quoted_salary_min_usd", "quoted_salary_max_usd")

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quoted_salary_min_usd__isnull=True)
                | Q(quoted_salary_max_usd__gte=F("quoted_salary_min_usd")),
                name="role_quoted_salary_min_le_max",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:role_detail", args=[self.slug])

    def aspects(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, field)) for field, label in self.ASPECTS]


# Plausible yearly pay for any AI role, so a slip ($1, an extra zero) is caught on save.
SALARY_FLOOR_USD, SALARY_CEILING_USD = 10_000, 2_000_000


class SalaryBand(Provenance):
    class Level(models.TextChoices):
        ENTRY = "entry", "Entry level (0–2 years)"
        MID = "mid", "Mid-level (3–5 years)"
        SENIOR = "senior", "Senior level (6+ years)"

    class Basis(models.TextChoices):
        BASE = "base", "Base salary"
        TOTAL = "total", "Total compensation"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_bands")
    level = models.CharField(max_length=10, choices=Level.choices)
    min_usd = models.PositiveIntegerField()
    max_usd = models.PositiveIntegerField()
    basis = models.CharField(max_length=10, choices=Basis.choices)
    history = HistoricalRecords()

    FACT_FIELDS = ("min_usd", "max_usd", "basis")
    LEVEL_ORDER: dict[str, int] = {Level.ENTRY: 0, Level.MID: 1, Level.SENIOR: 2}

    class Meta:
        ordering = ["role__sort_order", "role__name", "level"]
        constraints = [
            models.UniqueConstraint(fields=["role", "level"], name="salaryband_one_per_role_level"),
            models.CheckConstraint(
                condition=Q(max_usd__gte=F("min_usd")), name="salaryband_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} · {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return reverse("careers:role_detail", args=[self.role.slug])

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        for field in ("min_usd", "max_usd"):
            value = getattr(self, field)
            if value is not None and not SALARY_FLOOR_USD <= value <= SALARY_CEILING_USD:
                errors[field] = (
                    f"A yearly salary of ${value:,} is not plausible for an AI role: "
                    f"give whole US dollars a year between ${SALARY_FLOOR_USD:,} "
                    f"and ${SALARY_CEILING_USD:,}."
                )
        bounds_given = self.min_usd is not None and self.max_usd is not None
        if not errors and bounds_given and self.max_usd < self.min_usd:
            errors["max_usd"] = "The top of the band is below its bottom: swap them or fix one."
        try:
            super().clean()
        except ValidationError as error:
            errors = {**error.message_dict, **errors}
        if errors:
            raise ValidationError(errors)


class Hub(Provenance):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=60, blank=True, help_text="State or country, e.g. TX.")
    is_international = models.BooleanField(default=False)
    active_postings = models.PositiveIntegerField(null=True, blank=True)
    growth_percent = models.PositiveIntegerField(
        null=True, blank=True, help_text="Growth in job postings over two years, in percent."
    )
    notes = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    FACT_FIELDS = ("active_postings", "growth_percent")

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:hub_detail", args=[self.slug])


class Market(Provenance):
    """A row of the guide's cost-benefit table; ranges store equal min and max when exact."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="markets"
    )
    average_base_usd = models.PositiveIntegerField()
    cost_of_living_min = models.PositiveSmallIntegerField()
    cost_of_living_max = models.PositiveSmallIntegerField()
    net_income_advantage_min = models.SmallIntegerField(
        null=True, blank=True, help_text="Percent; blank for the baseline market."
    )
    net_income_advantage_max = models.SmallIntegerField(null=True, blank=True)
    is_baseline = models.BooleanField(
        default=False, help_text="The market every other is compared with (San Francisco)."
    )
    key_benefits = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    FACT_FIELDS = (
        "average_base_usd",
        "cost_of_living_min",
        "cost_of_living_max",
        "net_income_advantage_min",
        "net_income_advantage_max",
    )

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_of_living_max__gte=F("cost_of_living_min"))
                & Q(cost_of_living_min__gt=0),
                name="market_cost_of_living_range",
            ),
            models.CheckConstraint(
                condition=Q(net_income_advantage_min__isnull=True)
                | Q(net_income_advantage_max__gte=F("net_income_advantage_min")),
                name="market_net_income_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.hub is not None:
            return reverse("careers:hub_detail", args=[self.hub.slug])
        return reverse("careers:hub_list")


class MarketFact(Provenance):
    """A headline figure of the guide, e.g. the share of remote postings."""

    slug = models.SlugField(unique=True)
    label = models.CharField(max_length=160)
    value_min = models.DecimalField(max_digits=6, decimal_places=1)
    value_max = models.DecimalField(max_digits=6, decimal_places=1)
    unit = models.CharField(max_length=20, default="%")
    qualifier = models.CharField(
        max_length=20, blank=True, help_text="The guide's own hedge before the figure: over, about."
    )
    statement = models.TextField(help_text="The fact in a sentence, as shown on the site.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    FACT_FIELDS = ("value_min", "value_max", "qualifier", "unit", "statement")

    class Meta:
        ordering = ["sort_order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_max__gte=F("value_min")), name="marketfact_min_le_max"
            )
        ]

    def __str__(self) -> str:
        return self.label


class GuideEntryQuerySet(models.QuerySet):
    def published(self):
        """What members see: an unpublished entry is an editor's draft."""
        return self.filter(is_published=True)


class GuideEntry(Provenance):
    """One item of the guide's advice pages: a tactic, an advantage, an FAQ entry."""

    class Section(models.TextChoices):
        NEGOTIATION = "negotiation", "Negotiation tactic"
        REMOTE_ADVANTAGE = "remote-advantage", "Remote work advantage"
        REMOTE_LIMITATION = "remote-limitation", "Remote work limitation"
        ONSITE_CASE = "onsite-case", "The case for on-site work"
        FAQ = "faq", "Frequently asked question"
        TECHNICAL_PREP = "technical-prep", "Technical interview preparation strategy"
        # A single passage of the guide that one or more pages place by its slug.
        PASSAGE = "passage", "Passage shown beside related content"

    section = models.CharField(max_length=20, choices=Section.choices)
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Untick to keep it as a draft: members see only published passages.",
    )
    objects = GuideEntryQuerySet.as_manager()
    history = HistoricalRecords()

    FACT_FIELDS = ("title", "body")

    class Meta:
        ordering = ["section", "sort_order"]
        verbose_name_plural = "guide entries"

    def __str__(self) -> str:
        return self.title

    # The page each section is shown on; a passage is placed by slug on several pages.
    SECTION_PAGES: dict[str, str] = {
        Section.NEGOTIATION: "careers:guide_negotiation",
        Section.REMOTE_ADVANTAGE: "careers:guide_work_arrangements",
        Section.REMOTE_LIMITATION: "careers:guide_work_arrangements",
        Section.ONSITE_CASE: "careers:guide_work_arrangements",
        Section.FAQ: "careers:guide_faq",
        Section.TECHNICAL_PREP: "careers:guide_interviews",
    }
    # A passage's first page, where "View on site" takes an editor.
    PASSAGE_PAGES = {
        "passage-key-takeaways": "careers:home",
        "passage-bands-major-hubs": "careers:role_list",
        "passage-bureau-of-labor-statistics": "careers:salary_explorer",
        "passage-preparation-time": "paths:list",
        "passage-non-technical-entry": "paths:list",
    }

    def get_absolute_url(self) -> str:
        if self.section == self.Section.PASSAGE:
            return reverse(self.PASSAGE_PAGES.get(self.slug, "careers:guide_interviews"))
        return reverse(self.SECTION_PAGES[self.section])


class Profile(models.Model):
    class Background(models.TextChoices):
        # The first seven are where the guide's paths start; the rest are the other
        # people who switch, so that nobody has to pick a background that is not theirs.
        BUSINESS = "business", "Business or product"
        DEVELOPER = "developer", "Software developer"
        ANALYST = "analyst", "Data or BI analyst"
        NON_TECHNICAL = "non-technical", "Writing or communications"
        ACADEMIC = "academic", "Academic or researcher"
        SALES = "sales", "Sales"
        MARKETING = "marketing", "Marketing"
        HEALTHCARE = "healthcare", "Healthcare or clinical"
        EDUCATION = "education", "Teaching or education"
        FINANCE = "finance", "Finance or accounting"
        DESIGN = "design", "Design or UX"
        OPERATIONS = "operations", "Operations or project management"
        IT_SUPPORT = "it-support", "IT support or QA"
        STUDENT = "student", "Student or recent graduate"
        OTHER = "other", "Another profession"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    background = models.CharField(max_length=20, choices=Background.choices, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    target_role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    preferred_hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prefers_remote = models.BooleanField(default=False)
    weekly_study_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(years_experience__isnull=True) | Q(years_experience__lte=60),
                name="profile_years_experience_range",
            ),
            models.CheckConstraint(
                condition=Q(weekly_study_hours__isnull=True) | Q(weekly_study_hours__lte=80),
                name="profile_weekly_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def preferred_location_label(self) -> str:
        if self.prefers_remote:
            return "Remote"
        return self.preferred_hub.name if self.preferred_hub else ""


class OfferComparison(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offer_comparisons"
    )
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """One offer of a saved comparison, as the user entered it (see pay.OfferTerms)."""

    comparison = models.ForeignKey(OfferComparison, on_delete=models.CASCADE, related_name="offers")
    label = models.CharField(max_length=80)
    base_usd = models.PositiveIntegerField()
    bonus_usd = models.PositiveIntegerField(default=0, help_text="Target bonus a year.")
    sign_on_usd = models.PositiveIntegerField(default=0)
    clawback_months = models.PositiveSmallIntegerField(default=0)
    equity_grant_usd = models.PositiveIntegerField(default=0, help_text="The whole initial grant.")
    vesting_years = models.PositiveSmallIntegerField(default=DEFAULT_VESTING_YEARS)
    cliff_months = models.PositiveSmallIntegerField(default=DEFAULT_CLIFF_MONTHS)
    custom_vesting = models.CharField(
        max_length=40, blank=True, help_text="Yearly percentages, e.g. 10,20,30,40; overrides."
    )
    refresher_usd = models.PositiveIntegerField(default=0, help_text="Refresher grant a year.")
    equity_liquid = models.BooleanField(default=True)
    private_discount_percent = models.PositiveSmallIntegerField(default=0)
    market = models.ForeignKey(
        Market, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "Another city": the user's own figures, used when no guide market is chosen.
    other_city = models.CharField(max_length=80, blank=True)
    other_cost_of_living_index = models.PositiveSmallIntegerField(null=True, blank=True)
    other_pay_level_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    # The offer's terms as the model, the form, a shared link and the data download name them.
    TERM_FIELDS = (
        "label",
        "base_usd",
        "bonus_usd",
        "sign_on_usd",
        "clawback_months",
        "equity_grant_usd",
        "vesting_years",
        "cliff_months",
        "custom_vesting",
        "refresher_usd",
        "equity_liquid",
        "private_discount_percent",
        "market",
        "other_city",
        "other_cost_of_living_index",
        "other_pay_level_percent",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_usd__lt=10_000_000)
                & Q(equity_grant_usd__lt=10_000_000)
                & Q(bonus_usd__lt=10_000_000)
                & Q(sign_on_usd__lt=10_000_000)
                & Q(refresher_usd__lt=10_000_000),
                name="offer_amounts_below_ten_million",
            ),
            models.CheckConstraint(
                condition=Q(private_discount_percent__lte=100)
                & Q(clawback_months__lte=60)
                & Q(vesting_years__gte=1)
                & Q(vesting_years__lte=10)
                & Q(cliff_months__lte=120),
                name="offer_terms_in_range",
            ),
            models.CheckConstraint(
                condition=Q(market__isnull=False) | Q(other_cost_of_living_index__gt=0),
                name="offer_has_a_market_or_an_index",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class EditorNote(models.Model):
    """Our note beside one of the guide's figures where later public data differs.

    Attached to any content object (a market fact, a role, a market, a band) so the note
    follows the figure wherever a page shows it; the guide's own value is never changed.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    body = models.TextField(help_text="What later public data says, in a sentence or two.")
    source_url = models.URLField(max_length=500, help_text="Where the later data is published.")
    source_title = models.CharField(max_length=200, help_text="The source's name, as linked.")
    checked_on = models.DateField(help_text="When an editor last checked the source.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type_id", "object_id", "pk"]
        # Pages look notes up by the object they sit beside.
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"Note on {self.content_type.name} {self.object_id}"

    def clean(self) -> None:
        super().clean()
        if self.checked_on and self.checked_on > timezone.localdate():
            raise ValidationError(
                {"checked_on": "This date is in the future: give the day you checked it."}
            )


class PageReview(models.Model):
    """When an editor last checked a page of the site against the guide and later data."""

    path = models.CharField(
        max_length=200, unique=True, help_text="The page's address, such as /salaries/."
    )
    reviewed_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return f"{self.path} reviewed {self.reviewed_on}"


class Application(models.Model):
    """A job the member is after, from a saved posting to an accepted offer (or not)."""

    class Stage(models.TextChoices):
        SAVED = "saved", "Saved"
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications"
    )
    company = models.CharField(max_length=120)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role_title = models.CharField(max_length=120, blank=True, help_text="As the posting says.")
    posting_url = models.URLField(max_length=500, blank=True)
    posting_text = models.TextField(blank=True)
    market = models.ForeignKey(
        Market, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(max_length=120, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SAVED)
    notes = models.TextField(blank=True)
    next_action = models.CharField(max_length=200, blank=True)
    next_action_on = models.DateField(null=True, blank=True)
    # The offer's terms, once there is one; they prefill the offer comparison.
    offer_base_usd = models.PositiveIntegerField(null=True, blank=True)
    offer_bonus_usd = models.PositiveIntegerField(null=True, blank=True)
    offer_sign_on_usd = models.PositiveIntegerField(null=True, blank=True)
    offer_equity_grant_usd = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        # The board and the digest read a member's applications by stage.
        indexes = [models.Index(fields=["user", "stage"])]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return self.role_title or (self.role.name if self.role else "A role")


class StageChange(models.Model):
    """One move of an application to a stage, on the day the member says it happened."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(max_length=20, choices=Application.Stage.choices)
    changed_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.changed_on}"


class Contact(models.Model):
    """Someone the member met about an application: their private note, shown to nobody else."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    how_met = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ReminderSettings(models.Model):
    """A member's opt-in e-mail digest and the secret of their private calendar feed."""

    class Frequency(models.TextChoices):
        OFF = "off", "Off"
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly (Mondays)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    digest = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminders of {self.user}"


class DigestSend(models.Model):
    """One digest for one member and period: the row is claimed before sending, so two
    schedulers or a repeated run never send it twice (send_digests command)."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, retried on the next run"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends"
    )
    period = models.CharField(max_length=20, help_text="e.g. daily:2026-12-06, weekly:2026-W49")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="digestsend_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period} digest for {self.user}: {self.status}"
