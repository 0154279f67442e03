"""The admin site: Django's, refusing filter values no date can hold with a 400; and the
spreadsheet import's confirmation bound to the session that uploaded the file."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse
from import_export.tmp_storages import CacheStorage


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


class CompassAdminConfig(AdminConfig):
    default_site = "config.sitewide.admin_site.CompassAdminSite"


# The names of the uploads a session may still confirm, newest last; a few, for several tabs.
PENDING_IMPORTS_KEY = "pending_imports"
MAX_PENDING_IMPORTS = 5


class SessionBoundImportMixin:
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
