"""Staff editing of the questionnaire and the transition paths; users' answers only as counts."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from config.sitewide.admin_lists import LargeTableAdmin
from config.sitewide.content_admin import ContentAdmin, DraftAdmin
from config.sitewide.freshness import (
    Item,
    Section,
    change_url,
    register_freshness_section,
    review_cutoff,
)
from config.sitewide.history import bulk_reason, save_in_bulk
from config.sitewide.user_data_admin import KeepUsersDataAdmin

from .catalogue import credential_row, why_unavailable
from .models import (
    Answer,
    AnswerOption,
    Assessment,
    Certification,
    Dimension,
    InternalTransfer,
    LearningResource,
    OccupationPay,
    PathCertification,
    Prerequisite,
    Question,
    RequirementLevel,
    RoleSkill,
    Skill,
    TransitionPath,
)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("sort_order", "slug", "text")
    extra = 0
    show_change_link = True


@admin.register(Dimension)
class DimensionAdmin(KeepUsersDataAdmin):
    list_display = ("name", "study_hours_per_point", "sort_order", "question_count")
    list_editable = ("study_hours_per_point", "sort_order")
    search_fields = ("name", "guide_prompt")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(questions_count=Count("questions"))

    @admin.display(description="Questions", ordering="questions_count")
    def question_count(self, obj) -> int:
        return obj.questions_count


class AnswerOptionInline(admin.TabularInline):
    model = AnswerOption
    fields = ("sort_order", "text", "score", "runway_months", "keeps_income")
    extra = 1


@admin.register(Question)
class QuestionAdmin(KeepUsersDataAdmin):
    list_display = ("text", "dimension", "counts_toward_score", "sort_order", "option_count")
    list_filter = ("dimension",)
    list_select_related = ("dimension",)
    search_fields = ("text", "slug")
    prepopulated_fields = {"slug": ("text",)}
    ordering = ("dimension__sort_order", "sort_order")
    inlines = [AnswerOptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(options_count=Count("options"))

    @admin.display(description="Answers", ordering="options_count")
    def option_count(self, obj) -> int:
        return obj.options_count


class RetireForm(forms.Form):
    retired_on = forms.DateField(
        label="Retired on", help_text="The provider's retirement date (YYYY-MM-DD)."
    )
    successor = forms.ModelChoiceField(
        queryset=Certification.objects.filter(status=Certification.Status.ACTIVE),
        required=False,
        help_text="What plans schedule instead, if anything.",
        error_messages={
            "invalid_choice": "Choose a certification that is offered today (not a retired one)."
        },
    )
    checked_on = forms.DateField(
        label="Checked on",
        required=False,
        help_text="Leave blank to keep each certification's own “checked on” date.",
    )

    def __init__(self, *args, retiring=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.retiring = {certification.pk for certification in retiring}

    def clean_successor(self):
        successor = self.cleaned_data["successor"]
        if successor is not None and successor.pk in self.retiring:
            raise forms.ValidationError(
                f"{successor} is one of those being retired: it cannot be their successor."
            )
        return successor

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on and checked_on > timezone.localdate():
            raise forms.ValidationError("This date is in the future: give the day you checked.")
        return checked_on


def retirement_notice(certification: Certification, *, retired_on, successor) -> str:
    """What members' saved plans will say about the certification once it is retired."""
    retired = copy.copy(certification)
    retired.status, retired.retired_on, retired.successor = (
        Certification.Status.RETIRED,
        retired_on,
        successor,
    )
    return why_unavailable(credential_row(retired))


def plans_affected(certification: Certification) -> dict:
    """Which paths list a certification, and how many saved plans schedule its exam: what
    changes if it is retired (new plans use its successor; saved ones keep their snapshot)."""
    # A path uses it when it names it, or names one it stands in for.
    uses = (
        Q(certification_links__certification=certification)
        | Q(certification_links__certification__successor=certification)
        | Q(certification_links__certification__alternative=certification)
    )
    paths = list(
        TransitionPath.objects.filter(pk__in=TransitionPath.objects.filter(uses).values("pk"))
        .order_by("sort_order", "pk")
        .values_list("name", flat=True)
    )
    saved = Assessment.objects.completed().filter(result__icontains=f'"exam-{certification.slug}"')
    return {"certification": certification, "paths": paths, "saved_plans": saved.count()}


def saved_plans_citing(*, step_keys: tuple[str, ...] = (), urls: tuple[str, ...] = ()) -> int:
    """How many members' saved plans have a step that refers to any of these: a step's key
    (an exam step, ``exam-<slug>``) or a resource's address, in a step of any kind (a skill,
    the exam, the portfolio project, interview practice)."""
    cites = Q()
    for text in (*step_keys, *urls):
        if text:
            # Matched as a whole JSON string, quotes included, so one address is not read as
            # the start of a longer one.
            cites |= Q(result__icontains=f'"{text}"')
    if not cites:
        return 0
    return Assessment.objects.completed().filter(cites).count()


@admin.register(Certification)
class CertificationAdmin(KeepUsersDataAdmin):
    list_display = ("name", "provider", "kind", "status", "retired_on", "from_guide", "checked_on")
    list_filter = ("status", "kind", "from_guide")
    search_fields = ("name", "provider", "exam_code", "description")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("skills",)
    readonly_fields = ("used_by",)
    actions = ("retire",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "from_guide", "kind", "action", "description")}),
        (
            "Status today",
            {"fields": ("status", "retired_on", "successor", "alternative", "status_note")},
        ),
        (
            "Facts from the provider",
            {"fields": ("provider", "official_url", "exam_code", "cost_usd", "study_hours")},
        ),
        ("Checked", {"fields": ("source_url", "checked_on")}),
        ("In plans", {"fields": ("skills", "used_by", "sort_order")}),
    )

    @admin.display(description="Used by")
    def used_by(self, obj) -> str:
        if obj.pk is None:
            return "—"
        affected = plans_affected(obj)
        paths = ", ".join(affected["paths"]) or "no path"
        cited = saved_plans_citing(step_keys=(f"exam-{obj.slug}",), urls=(obj.official_url,))
        return (
            f"{paths}; in {cited} saved plan(s), by any step; "
            f"scheduled as an exam in {affected['saved_plans']} of them."
        )

    @admin.action(description="Retire the selected certifications…", permissions=["change"])
    def retire(self, request, queryset):
        """Shows what members will see, then retires on confirmation (recorded as one run)."""
        already = list(queryset.filter(status=Certification.Status.RETIRED))
        retiring = list(queryset.exclude(status=Certification.Status.RETIRED))
        submitted = "apply" in request.POST or "preview" in request.POST
        form = RetireForm(request.POST if submitted else None, retiring=retiring)
        if "apply" in request.POST and form.is_valid():
            for certification in retiring:
                certification.status = Certification.Status.RETIRED
                certification.retired_on = form.cleaned_data["retired_on"]
                certification.successor = form.cleaned_data["successor"]
                certification.checked_on = form.cleaned_data["checked_on"] or (
                    certification.checked_on
                )
            count = save_in_bulk(
                retiring,
                ["status", "retired_on", "successor", "checked_on"],
                reason=bulk_reason("Retire certifications"),
                user=request.user,
            )
            left = f" {len(already)} already retired left as they were." if already else ""
            self.message_user(request, f"{count} certification(s) retired.{left}", messages.SUCCESS)
            return None
        notices = {}
        if form.is_valid():
            notices = {
                certification.pk: retirement_notice(
                    certification,
                    retired_on=form.cleaned_data["retired_on"],
                    successor=form.cleaned_data["successor"],
                )
                for certification in retiring
            }
        context = {
            **self.admin_site.each_context(request),
            "title": "Retire certifications",
            "opts": self.model._meta,
            "form": form,
            "affected": [
                {**plans_affected(certification), "notice": notices.get(certification.pk)}
                for certification in retiring
            ],
            "already": already,
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/assessments/certification/retire.html", context)


class RoleSkillInline(admin.TabularInline):
    model = RoleSkill
    fields = ("role", "core", "sort_order")
    extra = 0


@admin.register(Skill)
class SkillAdmin(ContentAdmin):
    list_display = ("name", "level", "typical_hours")
    list_filter = ("level", "dimensions")
    search_fields = ("name", "deliverable")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("dimensions", "prerequisites")
    readonly_fields = ("learning_resources",)
    inlines = [RoleSkillInline]

    @admin.display(description="Learning resources")
    def learning_resources(self, obj) -> str:
        """The resources that teach it (each chosen on the resource's own page), drafts marked."""
        resources = obj.resources.order_by("level", "title") if obj.pk else []
        if not resources:
            return "None yet: tick this skill on a learning resource's page."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}){}</li>',
                (
                    (
                        change_url(resource),
                        resource.title,
                        resource.provider,
                        "" if resource.is_published else " — draft, not shown to members",
                    )
                    for resource in resources
                ),
            ),
        )


@admin.register(InternalTransfer)
class InternalTransferAdmin(ContentAdmin):
    list_display = ("title", "job_search_min_months", "job_search_max_months", "checked_on")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("roles",)


@admin.register(OccupationPay)
class OccupationPayAdmin(ContentAdmin):
    list_display = ("role", "occupation", "median_usd", "figure_date", "checked_on")
    list_select_related = ("role",)
    search_fields = ("role__name", "occupation", "source_name")


@admin.register(LearningResource)
class LearningResourceAdmin(DraftAdmin, ContentAdmin):
    list_display = (
        "title",
        "provider",
        "format",
        "level",
        "hours",
        "is_free",
        "is_published",
        "checked_on",
    )
    list_filter = ("format", "level", "is_free", "is_published", "dimensions")
    preview_template = "admin/assessments/learningresource/preview.html"
    search_fields = ("title", "provider", "url")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("skills", "dimensions")
    readonly_fields = ("preview_link", "link_check", "used_by")
    actions = ("mark_checked", *DraftAdmin.actions)

    @admin.display(description="Used by")
    def used_by(self, obj) -> str:
        if obj.pk is None:
            return "—"
        return f"Linked from a step of {saved_plans_citing(urls=(obj.url,))} saved plan(s)."

    @admin.display(description="Link check")
    def link_check(self, obj) -> str:
        return link_check_text(obj)

    @admin.action(description="Mark the selected resources checked today", permissions=["change"])
    def mark_checked(self, request, queryset) -> None:
        today = timezone.localdate()
        resources = list(queryset)
        for resource in resources:
            resource.checked_on = today
        count = save_in_bulk(
            resources, ["checked_on"], reason=bulk_reason("Mark checked"), user=request.user
        )
        self.message_user(request, f"{count} resource(s) marked checked today.", messages.SUCCESS)


def link_check_text(resource: LearningResource) -> str:
    if resource.link_checked_at is None:
        return "Not checked by the scheduled link check yet."
    when = date_format(timezone.localtime(resource.link_checked_at), "j M Y")
    if resource.link_failed:
        answer = resource.link_status or "no answer"
        return f"Failed on {when} ({answer}: {resource.link_error})."
    return f"Answered on {when} ({resource.link_status})."


@register_freshness_section
def credentials_by_status(today) -> Section:
    cutoff = review_cutoff(today)
    rows = Certification.objects.order_by("status", "checked_on", "name")
    return Section(
        "Credentials by status and last check",
        "Every credential, grouped by status, the longest unchecked first.",
        tuple(
            Item(
                cert.name,
                f"{cert.get_status_display()} · checked {date_format(cert.checked_on, 'j M Y')}"
                + (" · past review age" if cert.checked_on < cutoff else ""),
                change_url(cert),
            )
            for cert in rows
        ),
    )


@register_freshness_section
def failed_links(today) -> Section:
    failed = [r for r in LearningResource.objects.exclude(link_checked_at=None) if r.link_failed]
    return Section(
        "Resources whose links failed",
        "From the scheduled link check (manage.py check_resource_links, run from cron). Fix the "
        "address, or mark it checked from the resources list once you have looked.",
        tuple(Item(r.title, link_check_text(r), change_url(r)) for r in failed),
    )


@register_freshness_section
def resources_past_review_age(today) -> Section:
    old = LearningResource.objects.filter(checked_on__lt=review_cutoff(today))
    return Section(
        "Resources past review age",
        "Learning resources whose facts (hours, price, level) were last checked too long ago.",
        tuple(
            Item(r.title, f"checked {date_format(r.checked_on, 'j M Y')}", change_url(r))
            for r in old.order_by("checked_on")
        ),
    )


class RequirementLevelInline(admin.TabularInline):
    model = RequirementLevel
    fields = ("dimension", "level")
    extra = 0


class PathCertificationInline(admin.TabularInline):
    model = PathCertification
    fields = ("certification", "sort_order")
    extra = 1
    verbose_name = "certification"
    verbose_name_plural = "certifications"


class PrerequisiteInline(admin.TabularInline):
    model = Prerequisite
    fields = (
        "sort_order",
        "name",
        "slug",
        "hard",
        "met_by_background",
        "question",
        "minimum_score",
        "unlock",
    )
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(TransitionPath)
class TransitionPathAdmin(KeepUsersDataAdmin):
    list_display = (
        "name",
        "source",
        "background",
        "target_role",
        "timeline_label",
        "core_study_hours",
        "sort_order",
    )
    list_filter = ("source", "background")
    list_select_related = ("target_role",)
    list_editable = ("sort_order",)
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RequirementLevelInline, PathCertificationInline, PrerequisiteInline]

    @admin.display(description="Timeline")
    def timeline_label(self, obj) -> str:
        return f"{obj.timeline_min_months}–{obj.timeline_max_months} months"


@admin.register(Assessment)
class AssessmentAdmin(LargeTableAdmin, admin.ModelAdmin):
    """Counts only: staff see how many assessments and answers exist, never what was answered."""

    # Hundreds of thousands of rows: nothing here reads more than the page shown. Dates are
    # filtered by range (a date hierarchy asks for every distinct day first), and each row's
    # answers are counted for that row alone.
    list_display = ("pk", "created_at", "completed_at", "answer_count")
    list_filter = (
        ("created_at", admin.DateFieldListFilter),
        ("completed_at", admin.EmptyFieldListFilter),
    )
    list_display_links = None
    sortable_by = ("pk", "created_at", "completed_at")

    def get_queryset(self, request):
        answers = (
            Answer.objects.filter(assessment=OuterRef("pk"))
            .order_by()
            .values("assessment")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .only("pk", "created_at", "completed_at")
            .annotate(answers_count=Coalesce(Subquery(answers), 0))
        )

    @admin.display(description="Answers")
    def answer_count(self, obj) -> int:
        return obj.answers_count

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        # The list of counts only; no page shows one assessment.
        return obj is None and super().has_view_permission(request, obj)
