from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "config.sitewide"
    label = "sitewide"
    verbose_name = "Site-wide infrastructure"
