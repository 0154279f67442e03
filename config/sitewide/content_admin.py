"""The admin base for content models: history with values, no silent overwrites, drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .caching import bump_content_version
from .freshness import change_url
from .history import bulk_reason, latest_version, save_in_bulk

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
else:
    ModelAdmin = object

# The most rows one inline edits on a content page (a role's bands, a path's requirements): a
# post that claims more is refused with Django's "Please submit at most 100 forms" instead of
# building the 2,000 forms per inline Django allows by default, about a second's work.
INLINE_ROWS_LIMIT = 100

STALE = (
    "{who} saved this on {when}, after you opened it: {changes}. Your changes were not "
    "saved. Reload the page to start from their version."
)


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor started from; a save based on an older one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", latest_version(self.instance))

    def clean(self):
        cleaned = super().clean()
        submitted = self.cleaned_data.get("version")
        current = latest_version(self.instance)
        # The admin's own form always sends the version; a script that leaves it out saves
        # as before, without the check.
        if submitted is not None and current is not None and submitted != current:
            record = type(self.instance).history.get(history_id=current)
            previous = record.prev_record
            changes = (
                "; ".join(
                    f"{change.field}: “{change.old}” → “{change.new}”"
                    for change in record.diff_against(previous).changes
                )
                if previous
                else "a new version"
            )
            who = record.history_user or "Someone (or load_guide)"
            when = date_format(record.history_date, "j M Y, H:i")
            raise forms.ValidationError(STALE.format(who=who, when=when, changes=changes))
        return cleaned


class HttpsURLFields:
    """For a ModelAdmin or an inline: a web address typed without a scheme gets https://, as
    Django 6 will assume (and without the warning Django 5.2 gives on every such form)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


class ContentAdmin(HttpsURLFields, SimpleHistoryAdmin):
    """Every content model's admin: a history of values and a refused stale save."""

    # Any ModelForm will do: get_form adds the version check to it.
    form: type[forms.ModelForm] = VersionCheckedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, VersionCheckedForm):
            kwargs["form"] = type(f"VersionChecked{base.__name__}", (VersionCheckedForm, base), {})
        return super().get_form(request, obj, change, **kwargs)

    def get_formsets_with_inlines(self, request, obj=None):
        for inline in self.get_inline_instances(request, obj):
            limit = min(inline.get_max_num(request, obj) or INLINE_ROWS_LIMIT, INLINE_ROWS_LIMIT)
            yield inline.get_formset(request, obj, max_num=limit, absolute_max=limit), inline

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        name, options = fieldsets[0]
        if "version" not in options["fields"]:
            fieldsets[0] = (name, {**options, "fields": (*options["fields"], "version")})
        return fieldsets


class DraftAdmin(ModelAdmin):
    """For content with a "published" box (a ModelAdmin mixin): a new row starts as a draft,
    staff preview any row as members will see it, and publishing is a deliberate step (the
    box, or the list's actions, each run recorded and revertible as one)."""

    preview_template = ""
    actions: tuple[str, ...] = ("publish", "unpublish")

    def get_changeform_initial_data(self, request):
        return {"is_published": False, **super().get_changeform_initial_data(request)}

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("No such content.")
        context = {"object": obj, "change_url": change_url(obj)}
        return TemplateResponse(request, self.preview_template, context)

    @admin.display(description="Preview")
    def preview_link(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "Save it (as a draft) first, then preview it here."
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk])
        return format_html('<a href="{}">Preview as members will see it</a>', url)

    def _set_published(self, request, queryset, *, published: bool) -> None:
        rows = list(queryset.exclude(is_published=published))
        for row in rows:
            row.is_published = published
        verb = "Publish" if published else "Unpublish"
        count = save_in_bulk(rows, ["is_published"], reason=bulk_reason(verb), user=request.user)
        # A bulk write sends no save signal: the content version makes pages show it at once.
        bump_content_version()
        self.message_user(request, f"{count} {verb.lower()}ed.", messages.SUCCESS)

    @admin.action(description="Publish the selected drafts", permissions=["change"])
    def publish(self, request, queryset) -> None:
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish the selected (back to drafts)", permissions=["change"])
    def unpublish(self, request, queryset) -> None:
        self._set_published(request, queryset, published=False)
