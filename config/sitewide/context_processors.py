"""What the page layout needs on every page: the main navigation, with the current section."""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse


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


def site_nav(request) -> dict:
    current = current_section(request.path_info)
    return {
        "nav_items": [
            {"label": item.label, "url": reverse(item.url_name), "current": n == current}
            for n, item in enumerate(NAV_ITEMS)
        ]
    }
