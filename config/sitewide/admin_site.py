"""The admin site: Django's, with the site-wide "recent changes" page and its one-click
revert, refusing filter values no date can hold with a 400; and the spreadsheet import's
confirmation bound to the session that uploaded the file."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST
from import_export.tmp_storages import CacheStorage

from . import freshness, history

if TYPE_CHECKING:
    from import_export.admin import ImportMixin
else:
    ImportMixin = object


class RecentChangesFilter(forms.Form):
    model = forms.ChoiceField(required=False, label="Content")
    editor = forms.CharField(required=False, max_length=150)
    since = forms.DateField(required=False, label="From", help_text="YYYY-MM-DD")
    until = forms.DateField(required=False, label="To", help_text="YYYY-MM-DD")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["model"]).choices = [("", "All content")] + [
            (table._meta.label_lower, table.instance_type._meta.verbose_name.capitalize())
            for table in history.historical_models()
        ]


class RevertForm(forms.Form):
    table = forms.CharField(max_length=200)
    change = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class CompassAdminSite(admin.AdminSite):
    site_header = "AI Careers Compass"
    site_title = "AI Careers Compass admin"
    index_title = "Content and users"

    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def refusing_overflow(request, *args, **kwargs):
            try:
                response = view(request, *args, **kwargs)
                if isinstance(response, SimpleTemplateResponse):
                    # Drawn here, not after the view returns: an autocomplete widget looks a
                    # posted id up while the form draws again, and Django's raises on one
                    # that is not a number.
                    try:
                        response.render()
                    except ValueError as error:
                        raise BadRequest("A value sent is not valid for its field.") from error
                return response
            except OverflowError as error:
                # A date-hierarchy filter such as ?created_at__year=99999999999, or an id
                # past 64 bits, in any model's admin (ours or a library's): the admin only
                # catches ValueError.
                raise BadRequest("A value is out of range.") from error

        return super().admin_view(refusing_overflow, cacheable)

    def get_urls(self):
        return [
            path("recent-changes/", self.admin_view(self.recent_changes), name="recent_changes"),
            path("freshness/", self.admin_view(self.freshness), name="freshness"),
            path(
                "recent-changes/revert/",
                self.admin_view(require_POST(self.revert_change)),
                name="revert_change",
            ),
            *super().get_urls(),
        ]

    def recent_changes(self, request):
        """Every editor's content changes, newest first, with the values before and after."""
        form = RecentChangesFilter(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        changes = history.recent_changes(
            model_label=filters.get("model", ""),
            editor=filters.get("editor", ""),
            since=filters.get("since"),
            until=filters.get("until"),
        )
        context = {
            **self.each_context(request),
            "title": "Recent changes",
            "form": form,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/recent_changes.html", context)

    def freshness(self, request):
        """What editors should check next: old facts, credentials, failed links, edits."""
        context = {
            **self.each_context(request),
            "title": "Freshness",
            "review_days": freshness.REVIEW_AGE.days,
            "sections": freshness.dashboard(timezone.localdate()),
        }
        return TemplateResponse(request, "admin/freshness.html", context)

    def revert_change(self, request):
        """Undo one change (or its whole bulk action) as a new, recorded change."""
        form = RevertForm(request.POST)
        table = history.historical_model(form.cleaned_data["table"]) if form.is_valid() else None
        record = table and table.objects.filter(history_id=form.cleaned_data["change"]).first()
        if record is None:
            raise Http404("No such change.")
        opts = record.instance_type._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        try:
            count = history.revert(record)
        except history.RevertRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Reverted {count} change(s); the revert is in the list.")
        return redirect("admin:recent_changes")


class CompassAdminConfig(AdminConfig):
    default_site = "config.sitewide.admin_site.CompassAdminSite"


# The names of the uploads a session may still confirm, newest last; a few, for several tabs.
PENDING_IMPORTS_KEY = "pending_imports"
MAX_PENDING_IMPORTS = 5


class SessionBoundImportMixin(ImportMixin):
    """For an ImportExportModelAdmin: the uploaded file waits in the library's CacheStorage
    (the shared cache, never a file the browser can name), under a name handed out to this
    session only. A confirmation naming anything else, or an upload no longer kept, is sent
    back to the import page with a message."""

    tmp_storage_class = CacheStorage

    def get_confirm_form_initial(self, request: HttpRequest, import_form) -> dict:
        initial = super().get_confirm_form_initial(request, import_form)
        if initial:
            pending = request.session.get(PENDING_IMPORTS_KEY, [])
            name = initial["import_file_name"]
            request.session[PENDING_IMPORTS_KEY] = [*pending, name][-MAX_PENDING_IMPORTS:]
        return initial

    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        name = request.POST.get("import_file_name", "")
        pending = request.session.get(PENDING_IMPORTS_KEY, [])
        if name not in pending or self.get_tmp_storage_class()(name=name).read() is None:
            self.message_user(
                request,
                "This import is not waiting for your confirmation (it was confirmed already, "
                "or it expired): upload the file again.",
                messages.ERROR,
            )
            return redirect("admin:{}_{}_import".format(*self.get_model_info()))
        # Claimed before importing, so a second click imports nothing twice.
        request.session[PENDING_IMPORTS_KEY] = [each for each in pending if each != name]
        return super().process_import(request, **kwargs)
