"""Staff editing of the question bank, with spreadsheet (CSV) import and export.

Users' notes, card states and review logs are private and deliberately not registered here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ManyToManyWidget, Widget

from careers.models import Role
from config.sitewide.admin_site import SessionBoundImportMixin
from config.sitewide.content_admin import ContentAdmin
from config.sitewide.user_data_admin import KeepUsersDataAdmin

from .models import Category, Difficulty, InterviewShape, MockRound, Question, SearchAlias
from .publishing import members_affected, set_published


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


class ChoiceLabelWidget(Widget):
    """A choice as the label editors see ("Intermediate"); an import takes the label or the
    stored code, so older files still load."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value).strip() if value is not None else ""
        for code, label in self.choices.choices:
            if text.casefold() in (str(code).casefold(), label.casefold()):
                return code
        allowed = ", ".join(label for _, label in self.choices.choices)
        raise ValueError(f"“{text}” is not one of: {allowed}.")

    def render(self, value, obj=None, **kwargs):
        return self.choices(value).label if value not in (None, "") else ""


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
    category = fields.Field(
        attribute="category", column_name="category", widget=ChoiceLabelWidget(Category)
    )
    difficulty = fields.Field(
        attribute="difficulty", column_name="difficulty", widget=ChoiceLabelWidget(Difficulty)
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

    def import_instance(self, instance, row, **kwargs):
        # Unknown role slugs are reported with the row's other mistakes, as a validation
        # error, so one bad row no longer hides every other row's errors.
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.fields["roles"].clean(row)
        except ValueError as error:
            errors["roles"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
                row[column] = value[1:]


@admin.register(Question)
class QuestionAdmin(SessionBoundImportMixin, KeepUsersDataAdmin, ImportExportModelAdmin):
    resource_classes = [QuestionResource]
    list_display = ("short_prompt", "category", "difficulty", "role_list", "is_published")
    list_filter = ("category", "difficulty", "is_published", "from_guide", "roles")
    search_fields = ("prompt", "slug", "key_points")
    filter_horizontal = ("roles",)
    prepopulated_fields = {"slug": ("prompt",)}
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("prompt", "slug", "category", "difficulty", "roles")}),
        (
            "Answer guide",
            {"fields": ("key_points", "key_point_evidence", "follow_ups", "sample_answer")},
        ),
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

    def get_changeform_initial_data(self, request):
        # A new question starts as a draft: publishing is a deliberate step.
        return {"is_published": False, **super().get_changeform_initial_data(request)}

    @admin.action(description="Publish the selected questions", permissions=["change"])
    def publish(self, request, queryset) -> None:
        count, refused = set_published(queryset, published=True, user=request.user)
        self.message_user(request, f"{count} question(s) published.", messages.SUCCESS)
        for question in refused:
            self.message_user(
                request,
                f"Not published: “{question}”. {question.key_points_problem()}",
                messages.WARNING,
            )

    @admin.action(description="Unpublish the selected questions…", permissions=["change"])
    def unpublish(self, request, queryset):
        """Says how many members practised them, then withdraws them on confirmation."""
        if "apply" in request.POST:
            count, _ = set_published(queryset, published=False, user=request.user)
            self.message_user(request, f"{count} question(s) unpublished.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Unpublish questions",
            "opts": self.model._meta,
            "questions": list(queryset),
            "members": members_affected(queryset),
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/interviews/question/unpublish.html", context)


@admin.register(SearchAlias)
class SearchAliasAdmin(ContentAdmin):
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
            "shape",
            "categories",
            "preferred_questions",
            "in_loops_of",
            "question_count",
            "suggested_minutes",
            "from_guide",
        )


@admin.register(MockRound)
class MockRoundAdmin(ContentAdmin):
    """The rounds of a mock interview; an edit shows in the next mock interview started."""

    form = MockRoundForm
    filter_horizontal = ("preferred_questions",)
    list_display = (
        "position",
        "name",
        "shape",
        "in_loops_of",
        "question_count",
        "suggested_minutes",
    )
    list_display_links = ("name",)
    ordering = ("position",)


class InterviewShapeForm(forms.ModelForm):
    categories = forms.TypedMultipleChoiceField(
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The question categories asked first, in the bank's order of categories.",
    )

    class Meta:
        model = InterviewShape
        fields = ("position", "name", "slug", "categories", "roles")


@admin.register(InterviewShape)
class InterviewShapeAdmin(ContentAdmin):
    """How a family of roles is interviewed: its first categories and, via rounds, its mock."""

    form = InterviewShapeForm
    list_display = ("position", "name")
    list_display_links = ("name",)
    filter_horizontal = ("roles",)
    ordering = ("position",)
