"""The site's pages, in one list: the accessibility audit and the keyboard checks walk it.

Add a page with one line. `path` is a URL, or a function (site, username) → URL or None for
pages whose address depends on data (None skips the page). `pending=True` marks a page from
an issue still being built: it is skipped while it answers 404 — drop the flag once it exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.e2e.live_site import LiveSite

QUESTION = r"/interviews/\d+/"

PathFinder = Callable[[LiveSite, "str | None"], "str | None"]


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str | PathFinder
    signed_in: bool = False
    status: int = 200
    pending: bool = False

    def resolve(self, site: LiveSite, username: str | None) -> str | None:
        return self.path if isinstance(self.path, str) else self.path(site, username)


def first_link(listing: str, pattern: str) -> PathFinder:
    """The first href on `listing` matching `pattern` (e.g. a question from the bank)."""

    def find(site: LiveSite, username: str | None) -> str | None:
        response = site.client().get(listing)
        match = re.search(rf'href="({pattern})"', response.text) if response.status == 200 else None
        return match.group(1) if match else None

    return find


def new_assessment(site: LiveSite, username: str | None) -> str | None:
    """Start an assessment as the (signed-in) auditor; the URL of its first step."""
    client = site.client()
    client.login(username)
    response = client.post("/assessment/start/", {})
    for _ in range(3):  # start → resume → the open step
        if response.status != 302:
            return None
        if re.fullmatch(r"/assessment/\d+/step/\d+/", response.location):
            return response.location
        response = client.get(response.location)
    return None


PAGES = [
    PageSpec("home", "/"),
    PageSpec("signup", "/accounts/signup/"),
    PageSpec("login", "/accounts/login/"),
    PageSpec("password-reset", "/accounts/password_reset/"),
    PageSpec("profile", "/accounts/profile/", signed_in=True),
    PageSpec("password-change", "/accounts/password_change/", signed_in=True),
    PageSpec("delete-account", "/accounts/delete/", signed_in=True),
    PageSpec("not-found", "/no-such-page/", status=404),
    # careers (issue 3)
    PageSpec("roles", "/roles/", pending=True),
    PageSpec("role", "/roles/machine-learning-engineer/", pending=True),
    PageSpec("compare", "/roles/compare/?a=machine-learning-engineer&b=nlp-engineer", pending=True),
    PageSpec("hubs", "/hubs/", pending=True),
    PageSpec("hub", "/hubs/austin/", pending=True),
    PageSpec("salaries", "/salaries/", pending=True),
    PageSpec("offers", "/salaries/offers/", pending=True),
    PageSpec("guide-negotiation", "/guide/negotiation/", pending=True),
    PageSpec("guide-work-arrangements", "/guide/work-arrangements/", pending=True),
    PageSpec("guide-faq", "/guide/faq/", pending=True),
    # assessments (issue 4). Later steps and the result need answers first: write a PathFinder
    # like new_assessment that posts each step's form and returns the next step's URL.
    PageSpec("assessment", "/assessment/", signed_in=True, pending=True),
    PageSpec("assessment-step-1", new_assessment, signed_in=True, pending=True),
    PageSpec("paths", "/paths/", pending=True),
    PageSpec("path", first_link("/paths/", r"/paths/[\w-]+/"), pending=True),
    # interviews (issue 5)
    PageSpec("bank", "/interviews/", pending=True),
    PageSpec("bank-signed-in", "/interviews/", signed_in=True, pending=True),
    PageSpec("question", first_link("/interviews/", QUESTION), signed_in=True, pending=True),
    PageSpec("practice", "/interviews/practice/", signed_in=True, pending=True),
    PageSpec("progress", "/interviews/progress/", signed_in=True, pending=True),
]
