"""Staff editing of the question bank, with spreadsheet (CSV) import and export.

Users' notes, card states and review logs are private and deliberately not registered here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ManyToManyWidget

from careers.content_admin import KeepUsersDataAdmin
from careers.models import Role
from config.sitewide.caching import bump_content_version

from .models import Category, MockRound, Question, SearchAlias


class RoleSlugsWidget(ManyToManyWidget):
    """Roles as comma-separated slugs; an unknown slug fails the row instead of vanishing."""

    def clean(self, value, row=None, **kwargs):
        roles = super().clean(value, row=row, **kwargs)
        if not value:
            return roles
        wanted = {slug.strip() for slug in str(value).split(self.separator) if slug.strip()}
        unknown = wanted - set(roles.values_list("slug", flat=True))
        if unknown:
            raise ValueError(f"Unknown role slug(s): {', '.join(sorted(unknown))}.")
        return roles


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class QuestionResource(resources.ModelResource):
    """Questions as CSV rows. Text cells that a spreadsheet would run as a formula are
    exported behind a leading apostrophe (shown as text), which an import takes off again.

    The library's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=",
    which leaves "+", "-" and "@" live and changes the text.
    """

    roles = fields.Field(
        attribute="roles", column_name="roles", widget=RoleSlugsWidget(Role, field="slug")
    )

    class Meta:
        model = Question
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "prompt",
            "category",
            "difficulty",
            "roles",
            "key_points",
            "key_point_evidence",
            "follow_ups",
            "from_guide",
            "is_published",
        )
        # Runs the model's validation (choices, difficulty range, slug format) on every row.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        # The shared bank only: users' own questions never leave their account.
        return super().get_queryset().filter(owner__isnull=True).prefetch_related("roles")

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
                row[column] = value[1:]


@admin.register(Question)
class QuestionAdmin(KeepUsersDataAdmin, ImportExportModelAdmin):
    resource_classes = [QuestionResource]
    list_display = ("short_prompt", "category", "difficulty", "role_list", "is_published")
    list_filter = ("category", "difficulty", "is_published", "from_guide", "roles")
    search_fields = ("prompt", "slug", "key_points")
    filter_horizontal = ("roles",)
    prepopulated_fields = {"slug": ("prompt",)}
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("prompt", "slug", "category", "difficulty", "roles")}),
        ("Answer guide", {"fields": ("key_points", "key_point_evidence", "follow_ups")}),
        ("Publishing", {"fields": ("is_published", "from_guide")}),
    )

    def has_import_permission(self, request) -> bool:
        # An import both adds and changes questions; the setting checks "change".
        return super().has_import_permission(request) and self.has_add_permission(request)

    def get_queryset(self, request):
        # Users' own questions are private to them, even from staff. The roles column
        # would otherwise cost a query per row.
        return super().get_queryset(request).filter(owner__isnull=True).prefetch_related("roles")

    @admin.display(description="Prompt", ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return str(question)

    @admin.display(description="Roles")
    def role_list(self, question: Question) -> str:
        return ", ".join(role.name for role in question.roles.all())

    def _set_published(self, request, queryset, *, published: bool) -> None:
        count = queryset.update(is_published=published)
        # update() sends no save signals, so the public page cache is invalidated here.
        bump_content_version()
        verb = "published" if published else "unpublished"
        self.message_user(request, f"{count} question(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish the selected questions", permissions=["change"])
    def publish(self, request, queryset) -> None:
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish the selected questions", permissions=["change"])
    def unpublish(self, request, queryset) -> None:
        self._set_published(request, queryset, published=False)


@admin.register(SearchAlias)
class SearchAliasAdmin(admin.ModelAdmin):
    """Two wordings a bank search treats as one: "RAG" also finds "retrieval-augmented"."""

    list_display = ("term", "means")
    search_fields = ("term", "means")


class MockRoundForm(forms.ModelForm):
    categories = forms.TypedMultipleChoiceField(
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The question categories this round asks from.",
    )

    class Meta:
        model = MockRound
        fields = (
            "position",
            "name",
            "categories",
            "in_loops_of",
            "question_count",
            "suggested_minutes",
            "from_guide",
        )


@admin.register(MockRound)
class MockRoundAdmin(admin.ModelAdmin):
    """The rounds of a mock interview; an edit shows in the next mock interview started."""

    form = MockRoundForm
    list_display = ("position", "name", "in_loops_of", "question_count", "suggested_minutes")
    list_display_links = ("name",)
    ordering = ("position",)
