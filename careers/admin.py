"""Admin for the guide's content, so editors keep every figure current without a deploy."""

import datetime

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline
from django.db.models import Q

from config.sitewide.content_admin import ContentAdmin, DraftAdmin, HttpsURLFields
from config.sitewide.freshness import (
    Item,
    Section,
    change_url,
    register_freshness_section,
    review_cutoff,
)
from config.sitewide.provenance import source_of
from config.sitewide.user_data_admin import KeepUsersDataAdmin

from .models import (
    DigestSend,
    EditorNote,
    GuideEntry,
    Hub,
    Market,
    MarketFact,
    PageReview,
    Role,
    SalaryBand,
)


class EditorNoteInline(HttpsURLFields, GenericStackedInline):
    """Notes edited on the figure's own page, so staff attach one where they see the figure.

    Stacked, one field a line: a row of four wide fields ran past a laptop's screen, with
    its error message out of sight."""

    model = EditorNote
    extra = 0
    fields = ("body", "source_title", "source_url", "checked_on")


# Where a figure comes from, beside the figures on every form that edits them.
SOURCE_FIELDSET = (
    "Source of the figures",
    {
        "fields": ("source_title", "source_url", "checked_on"),
        "description": "Leave blank while the figures are the guide's; name the source and "
        "the day you checked it when you change one.",
    },
)


class SalaryBandInline(HttpsURLFields, admin.TabularInline):
    model = SalaryBand
    extra = 0
    max_num = len(SalaryBand.Level.choices)
    fields = ("level", "min_usd", "max_usd", "basis", "source_title", "source_url", "checked_on")


@admin.register(Role)
class RoleAdmin(KeepUsersDataAdmin):
    list_display = ("name", "kind", "active_postings", "profile_from_guide", "sort_order")
    # Figures are changed on the role's page, beside their source; the list only reorders.
    list_editable = ("sort_order",)
    list_filter = ("kind", "profile_from_guide")
    search_fields = ("name", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SalaryBandInline, EditorNoteInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "summary", "sort_order")}),
        (
            "Figures",
            {"fields": ("active_postings", "quoted_salary_min_usd", "quoted_salary_max_usd")},
        ),
        SOURCE_FIELDSET,
        (
            "Profile",
            {"fields": ("profile_from_guide", *(field for field, _ in Role.ASPECTS))},
        ),
    )


@admin.register(SalaryBand)
class SalaryBandAdmin(KeepUsersDataAdmin):
    list_display = ("role", "level", "min_usd", "max_usd", "basis")
    list_filter = ("level", "basis", "role__kind")
    search_fields = ("role__name",)
    list_select_related = ("role",)
    inlines = [EditorNoteInline]


class MarketInline(admin.TabularInline):
    model = Market
    extra = 0
    fields = ("name", "average_base_usd", "cost_of_living_min", "cost_of_living_max")
    # A market's figures change on its own page, with their source ("Change" link).
    readonly_fields = ("average_base_usd", "cost_of_living_min", "cost_of_living_max")
    show_change_link = True


@admin.register(Hub)
class HubAdmin(KeepUsersDataAdmin):
    list_display = ("name", "region", "active_postings", "growth_percent", "is_international")
    list_filter = ("is_international",)
    search_fields = ("name", "slug", "region", "notes")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MarketInline, EditorNoteInline]


@admin.register(Market)
class MarketAdmin(KeepUsersDataAdmin):
    list_display = (
        "name",
        "average_base_usd",
        "cost_of_living_min",
        "cost_of_living_max",
        "net_income_advantage_min",
        "net_income_advantage_max",
        "is_baseline",
        "sort_order",
    )
    list_editable = ("sort_order",)
    list_filter = ("is_baseline",)
    list_select_related = ("hub",)
    search_fields = ("name", "slug", "key_benefits")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [EditorNoteInline]


@admin.register(MarketFact)
class MarketFactAdmin(KeepUsersDataAdmin):
    list_display = ("label", "value_min", "value_max", "unit", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("label", "slug", "statement")
    prepopulated_fields = {"slug": ("label",)}
    inlines = [EditorNoteInline]


@admin.register(GuideEntry)
class GuideEntryAdmin(DraftAdmin, KeepUsersDataAdmin):
    list_display = ("title", "section", "is_published", "sort_order")
    list_editable = ("sort_order",)
    list_filter = ("section", "is_published")
    readonly_fields = ("preview_link",)
    preview_template = "admin/careers/guideentry/preview.html"
    search_fields = ("title", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("section", "sort_order")

    inlines = [EditorNoteInline]


@admin.register(EditorNote)
class EditorNoteAdmin(ContentAdmin):
    list_display = ("__str__", "source_title", "checked_on")
    list_filter = ("content_type", "checked_on")
    search_fields = ("body", "source_title", "source_url")


@admin.register(PageReview)
class PageReviewAdmin(ContentAdmin):
    list_display = ("path", "reviewed_on")
    search_fields = ("path",)


def _checked(obj) -> str:
    source = source_of(obj)
    return (
        f"{source.title or 'no source named'}, checked {source.date_text.lstrip(', ') or 'never'}"
    )


@register_freshness_section
def edited_passages(today: datetime.date) -> Section:
    edited = [entry for entry in GuideEntry.objects.all() if not entry.holds_guide_value()]
    return Section(
        "Guide passages edited since the guide",
        "Passages that no longer hold the guide's words; the site labels them with their source.",
        tuple(Item(entry.title, _checked(entry), change_url(entry)) for entry in edited),
    )


@register_freshness_section
def facts_past_review_age(today: datetime.date) -> Section:
    cutoff = review_cutoff(today)
    stale_sourced = [
        row
        for model in (Role, SalaryBand, Hub, Market, MarketFact, GuideEntry)
        for row in model.objects.exclude(source_title="").filter(
            Q(checked_on__lt=cutoff) | Q(checked_on__isnull=True)
        )
        if not row.holds_guide_value()
    ]
    notes = EditorNote.objects.filter(checked_on__lt=cutoff).select_related("content_type")
    items = [Item(str(row), _checked(row), change_url(row)) for row in stale_sourced]
    items += [
        Item(
            str(note), f"{note.source_title}, checked {note.checked_on:%d %b %Y}", change_url(note)
        )
        for note in notes
    ]
    return Section(
        "Our figures, passages and notes past review age",
        "Edited figures and editor's notes whose source was last checked too long ago.",
        tuple(items),
    )


@admin.register(DigestSend)
class DigestSendAdmin(admin.ModelAdmin):
    """Support can answer "did my digest go out?"; members' applications and contacts are
    their private notes and have no admin pages at all."""

    list_display = ("user", "period", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("user__username",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
