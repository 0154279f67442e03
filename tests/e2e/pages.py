"""The site's pages, in one list: the accessibility audit walks it.

Add a page with one line. `path` is a URL, or a function (site, username) → URL or None for
pages whose address depends on data (None fails the audit: the page should exist).
`signed_in=True` opens the page as the shared "auditor"; `user="..."` as a persona of its own
(for pages whose state would disturb the others, e.g. a practice session in progress).
`then(page)` runs in the browser after the page loads, to reach a state only clicks reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from playwright.sync_api import Page

from tests.e2e import flows
from tests.e2e.live_site import LiveSite

AUDITOR = "auditor"
QUESTION = r"/interviews/\d+/"

PathFinder = Callable[[LiveSite, "str | None"], "str | None"]


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str | PathFinder
    signed_in: bool = False
    status: int = 200
    user: str | None = None
    then: Callable[[Page], None] | None = None

    @property
    def username(self) -> str | None:
        return self.user or (AUDITOR if self.signed_in else None)

    def resolve(self, site: LiveSite) -> str | None:
        if isinstance(self.path, str):
            return self.path
        return self.path(site, self.username)


def first_link(listing: str, pattern: str, *, query: str = "") -> PathFinder:
    """The first href on `listing` matching `pattern` (e.g. a question from the bank)."""

    def find(site: LiveSite, username: str | None) -> str | None:
        response = site.client().get(listing)
        match = re.search(rf'href="({pattern})"', response.text) if response.status == 200 else None
        return match.group(1) + query if match else None

    return find


# Assessments answered once per site and user; every step of it can then be audited.
_answered: dict[tuple[str, str], int] = {}


def assessment_step(number: int) -> PathFinder:
    """Step `number` of the user's assessment, with every step before the review answered."""

    def find(site: LiveSite, username: str | None) -> str | None:
        key = (site.url, username or "")
        if key not in _answered:
            client = flows.signed_in(site, username)
            assessment_id = flows.start(client)
            flows.answer_through(client, assessment_id, 99)
            _answered[key] = assessment_id
        return flows.step_path(_answered[key], number)

    return find


def assessment_result(site: LiveSite, username: str | None) -> str | None:
    """The result of an assessment the user has just taken from start to finish."""
    client = flows.signed_in(site, username)
    return flows.complete(client, flows.start(client))


def plan_print(site: LiveSite, username: str | None) -> str | None:
    """The printable plan of an assessment the user has just taken."""
    result = assessment_result(site, username)
    return result.replace("/result/", "/plan/print/") if result else None


def start_practice(page: Page) -> None:
    """Begin a three-question session (unless one is running) and stay on its first question."""
    start = page.get_by_role("button", name="Start practising")
    if start.count():
        page.get_by_label("Number of questions").fill("3")
        start.click()
        page.wait_for_url("**/interviews/practice/")
    page.locator("#practice-heading").wait_for()


def reveal_practice_answer(page: Page) -> None:
    start_practice(page)
    page.get_by_role("button", name="Save my answer and compare").click()
    page.locator("#strong-answer").wait_for()


# One application in interviewing, with a posting, a contact and a round, per site and user.
_applications: dict[tuple[str, str], int] = {}
_MAKE_APPLICATION = """\
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from careers.applications import create_application
from interviews.models import InterviewRound
user = get_user_model().objects.get(username=data["username"])
application = create_application(
    user=user,
    fields={
        "company": "Lumen Health",
        "role_title": "Machine Learning Engineer",
        "stage": "interviewing",
        "posting_url": "https://jobs.example.com/lumen/42",
        "posting_text": "Python, SQL, PyTorch, Docker and Kubernetes; A/B testing a plus.",
        "next_action": "Send the thank-you note",
        "next_action_on": datetime.date.today(),
    },
    on=datetime.date.today(),
)
application.contacts.create(name="Priya", role="Recruiter", how_met="PyData meetup")
InterviewRound.objects.create(
    application=application,
    kind="technical",
    starts_at=timezone.now() + datetime.timedelta(days=3),
    with_whom="Dana",
)
result = application.pk
"""


def job_application(suffix: str = "") -> PathFinder:
    """A page of the user's application (made once), e.g. its edit form with "edit/"."""

    def find(site: LiveSite, username: str | None) -> str | None:
        key = (site.url, username or "")
        if key not in _applications:
            _applications[key] = site.run_django(_MAKE_APPLICATION, username=username)
        return f"/applications/{_applications[key]}/{suffix}"

    return find


def posting_gaps(site: LiveSite, username: str | None) -> str | None:
    application = job_application()(site, username)
    return f"/assessment/gaps/{application.split('/')[2]}/"


def home_with_rounds(site: LiveSite, username: str | None) -> str | None:
    """The home page once the user has a round coming up."""
    return "/" if job_application()(site, username) else None


SALARY_QUERY = urlencode(
    [
        ("role", "machine-learning-engineer"),
        ("level", "mid"),
        ("markets", "austin"),
        ("markets", "seattle"),
        ("markets", "remote"),
    ]
)
OFFER_QUERY = urlencode(
    [
        ("offer-0-label", "Start-up"),
        ("offer-0-base_usd", "150000"),
        ("offer-0-equity_grant_usd", "160000"),
        ("offer-0-bonus_usd", "10000"),
        ("offer-0-market", "austin"),
        ("offer-1-label", "Remote scale-up"),
        ("offer-1-base_usd", "175000"),
        ("offer-1-equity_grant_usd", ""),
        ("offer-1-bonus_usd", "15000"),
        ("offer-1-market", "remote"),
    ]
)

PAGES = [
    PageSpec("home", "/"),
    PageSpec("home-signed-in", "/", signed_in=True),
    PageSpec("signup", "/accounts/signup/"),
    PageSpec("login", "/accounts/login/"),
    PageSpec("password-reset", "/accounts/password_reset/"),
    PageSpec("profile", "/accounts/profile/", signed_in=True),
    PageSpec("password-change", "/accounts/password_change/", signed_in=True),
    PageSpec("delete-account", "/accounts/delete/", signed_in=True),
    PageSpec("not-found", "/no-such-page/", status=404),
    # careers
    PageSpec("roles", "/roles/"),
    PageSpec("role", "/roles/machine-learning-engineer/"),
    PageSpec("compare", "/roles/compare/?a=machine-learning-engineer&b=nlp-engineer"),
    PageSpec("hubs", "/hubs/"),
    PageSpec("hub", "/hubs/austin/"),
    PageSpec("salaries", f"/salaries/?{SALARY_QUERY}"),
    PageSpec("offers", "/salaries/offers/"),
    PageSpec("offers-compared", f"/salaries/offers/?{OFFER_QUERY}"),
    PageSpec("offers-compared-signed-in", f"/salaries/offers/?{OFFER_QUERY}", signed_in=True),
    PageSpec("guide-negotiation", "/guide/negotiation/"),
    PageSpec("guide-work-arrangements", "/guide/work-arrangements/"),
    PageSpec("guide-interviews", "/guide/interviews/"),
    PageSpec("guide-faq", "/guide/faq/"),
    # assessments: the auditor's assessment has every step answered, so each one opens
    PageSpec("assessment", "/assessment/", signed_in=True),
    *(
        PageSpec(f"assessment-step-{number}", assessment_step(number), signed_in=True)
        for number in range(1, 10)
    ),
    PageSpec("assessment-result", assessment_result, user="auditor-result"),
    PageSpec("plan-print", plan_print, user="auditor-plan"),
    PageSpec("paths", "/paths/"),
    PageSpec("path", first_link("/paths/", r"/paths/[\w-]+/")),
    # interviews
    PageSpec("bank", "/interviews/"),
    PageSpec("bank-signed-in", "/interviews/", signed_in=True),
    PageSpec("question", first_link("/interviews/", QUESTION), signed_in=True),
    PageSpec(
        "question-key-points",
        first_link("/interviews/", QUESTION, query="?show=1"),
        signed_in=True,
    ),
    PageSpec("practice", "/interviews/practice/", signed_in=True),
    PageSpec(
        "practice-question", "/interviews/practice/", user="auditor-practice", then=start_practice
    ),
    PageSpec(
        "practice-key-points",
        "/interviews/practice/",
        user="auditor-practice",
        then=reveal_practice_answer,
    ),
    PageSpec("progress", "/interviews/progress/", signed_in=True),
    PageSpec("mock-interviews", "/interviews/mock/", signed_in=True),
    PageSpec("own-questions", "/interviews/mine/", signed_in=True),
    PageSpec("fresh-cycle", "/interviews/progress/fresh-cycle/", signed_in=True),
    # the job search: one application with a posting, a contact and a round to come
    PageSpec("applications", "/applications/", user="auditor-jobs"),
    PageSpec("applications-list", "/applications/?view=list", user="auditor-jobs"),
    PageSpec("application-new", "/applications/new/", user="auditor-jobs"),
    PageSpec("application", job_application(), user="auditor-jobs"),
    PageSpec("application-edit", job_application("edit/"), user="auditor-jobs"),
    PageSpec("application-delete", job_application("delete/"), user="auditor-jobs"),
    PageSpec("posting-gaps", posting_gaps, user="auditor-jobs"),
    PageSpec("home-with-rounds", home_with_rounds, user="auditor-jobs"),
    PageSpec("reminders", "/applications/reminders/", user="auditor-jobs"),
]

PERSONAS = sorted({spec.username for spec in PAGES if spec.username})
