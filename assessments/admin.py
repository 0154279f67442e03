"""Staff editing of the questionnaire and the transition paths; users' answers only as counts."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q

from .models import (
    AnswerOption,
    Assessment,
    Certification,
    Dimension,
    PathCertification,
    Prerequisite,
    Question,
    RequirementLevel,
    TransitionPath,
)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("sort_order", "slug", "text")
    extra = 0
    show_change_link = True


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
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
class QuestionAdmin(admin.ModelAdmin):
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


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "sort_order")
    list_filter = ("kind",)
    list_editable = ("sort_order",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


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
class TransitionPathAdmin(admin.ModelAdmin):
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
class AssessmentAdmin(admin.ModelAdmin):
    """Counts only: staff see how many assessments and answers exist, never what was answered."""

    list_display = ("pk", "created_at", "completed_at", "answer_count")
    list_filter = (("completed_at", admin.EmptyFieldListFilter),)
    list_display_links = None
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .only("pk", "created_at", "completed_at")
            .annotate(answers_count=Count("answers", filter=Q(answers__isnull=False)))
        )

    @admin.display(description="Answers", ordering="answers_count")
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
