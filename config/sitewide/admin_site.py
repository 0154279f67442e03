"""The admin site: Django's, refusing filter values no date can hold with a 400."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import BadRequest


class CompassAdminSite(admin.AdminSite):
    site_header = "AI Careers Compass"
    site_title = "AI Careers Compass admin"
    index_title = "Content and users"

    def admin_view(self, view, cacheable=False):
        @wraps(view)
        def refusing_overflow(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except OverflowError as error:
                # A date-hierarchy filter such as ?created_at__year=99999999999, in any
                # model's list (ours or a library's): the admin only catches ValueError.
                raise BadRequest("A filter value is out of range.") from error

        return super().admin_view(refusing_overflow, cacheable)


class CompassAdminConfig(AdminConfig):
    default_site = "config.sitewide.admin_site.CompassAdminSite"
