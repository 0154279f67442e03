from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "config.sitewide"
    label = "sitewide"
    verbose_name = "Site-wide infrastructure"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the content-change receivers)
