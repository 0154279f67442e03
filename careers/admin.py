"""Admin for the guide's content, so editors keep every figure current without a deploy."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .content_admin import KeepUsersDataAdmin
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


class EditorNoteInline(GenericTabularInline):
    """Notes edited on the figure's own page, so staff attach one where they see the figure."""

    model = EditorNote
    extra = 0
    fields = ("body", "source_title", "source_url", "checked_on")


class SalaryBandInline(admin.TabularInline):
    model = SalaryBand
    extra = 0
    max_num = len(SalaryBand.Level.choices)
    fields = ("level", "min_usd", "max_usd", "basis")


@admin.register(Role)
class RoleAdmin(KeepUsersDataAdmin):
    list_display = ("name", "kind", "active_postings", "profile_from_guide", "sort_order")
    list_editable = ("active_postings", "sort_order")
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
    autocomplete_fields = ("role",)
    inlines = [EditorNoteInline]


class MarketInline(admin.TabularInline):
    model = Market
    extra = 0
    fields = ("name", "average_base_usd", "cost_of_living_min", "cost_of_living_max")
    show_change_link = True


@admin.register(Hub)
class HubAdmin(KeepUsersDataAdmin):
    list_display = ("name", "region", "active_postings", "growth_percent", "is_international")
    list_editable = ("active_postings", "growth_percent")
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
    autocomplete_fields = ("hub",)
    inlines = [EditorNoteInline]


@admin.register(MarketFact)
class MarketFactAdmin(KeepUsersDataAdmin):
    list_display = ("label", "value_min", "value_max", "unit", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("label", "slug", "statement")
    prepopulated_fields = {"slug": ("label",)}
    inlines = [EditorNoteInline]


@admin.register(GuideEntry)
class GuideEntryAdmin(KeepUsersDataAdmin):
    list_display = ("title", "section", "sort_order")
    list_editable = ("sort_order",)
    list_filter = ("section",)
    search_fields = ("title", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("section", "sort_order")

    inlines = [EditorNoteInline]


@admin.register(EditorNote)
class EditorNoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source_title", "checked_on")
    list_filter = ("content_type", "checked_on")
    search_fields = ("body", "source_title", "source_url")


@admin.register(PageReview)
class PageReviewAdmin(admin.ModelAdmin):
    list_display = ("path", "reviewed_on")
    search_fields = ("path",)


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
