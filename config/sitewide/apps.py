from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "config.sitewide"
    label = "sitewide"
    verbose_name = "Site-wide infrastructure"

    def ready(self) -> None:
        from django.contrib import admin

        from . import signals  # noqa: F401  (connects the content-change receivers)
        from .auth_forms import AdminLoginForm

        # The admin's login counts failures like the site's (django-axes) and checks lengths.
        admin.site.login_form = AdminLoginForm
