"""The parts of the page layout that are the same on every page, rendered once per process.

The header's brand and main navigation, the stylesheet and script tags and the account
links depend only on the URL map, the static files manifest and which section the page is
in: none of them change while a process runs. Rendering them through the template engine
on every request cost about as much as a small page, so each variant is rendered once and
kept (eight navigation variants: one per section, and none).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString


class NavItem(NamedTuple):
    label: str
    url_name: str
    section: str  # the page is in this section when its path starts with this


NAV_ITEMS = (
    NavItem("Roles", "careers:role_list", "/roles/"),
    NavItem("Hubs", "careers:hub_list", "/hubs/"),
    NavItem("Salaries", "careers:salary_explorer", "/salaries/"),
    NavItem("Paths", "paths:list", "/paths/"),
    NavItem("Assessment", "assessments:landing", "/assessment/"),
    NavItem("Interviews", "interviews:bank", "/interviews/"),
    NavItem("Guide", "careers:guide_negotiation", "/guide/"),
)


def current_section(path_info: str) -> int | None:
    """Which navigation item the page belongs to, by position (None: none of them)."""
    return next((n for n, item in enumerate(NAV_ITEMS) if path_info.startswith(item.section)), None)


@cache
def _nav(current: int | None, script_prefix: str) -> SafeString:
    items = [
        {"label": item.label, "url": reverse(item.url_name), "current": n == current}
        for n, item in enumerate(NAV_ITEMS)
    ]
    return render_to_string("_site_nav.html", {"items": items})


@cache
def _brand(script_prefix: str) -> SafeString:
    return render_to_string("_site_brand.html")


@cache
def _head(script_prefix: str) -> SafeString:
    return render_to_string("_site_head.html")


@cache
def _links(script_prefix: str) -> dict[str, str]:
    names = {
        "profile": "accounts:profile",
        "logout": "logout",
        "login": "login",
        "signup": "accounts:signup",
    }
    return {key: reverse(name) for key, name in names.items()}


def site_chrome(request) -> dict:
    prefix = get_script_prefix()
    return {
        "site_head": _head(prefix),
        "site_brand": _brand(prefix),
        "site_nav": _nav(current_section(request.path_info), prefix),
        "site_links": _links(prefix),
    }
