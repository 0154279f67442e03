"""Issues 10 (item 10) and 26: hostile values in every form field, URL id, URL parameter and
admin filter and form, as a visitor, a member and a content editor; every result branch.

Each request may be refused (a 4xx, or the form again with its errors) but never a 500.
The forms are read from the pages themselves, so a field added later is fuzzed too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessments.models import Question as AssessmentQuestion
from assessments.questionnaire import load_questionnaire
from assessments.result_actions import dismiss_path
from careers.models import OfferComparison
from interviews.mock import start_mock
from interviews.models import Question
from interviews.own_questions import add_own_question
from tests.assessments.conftest import content, take_assessment  # noqa: F401 (fixtures)
from tests.factories import AssessmentFactory, QuestionFactory

pytestmark = pytest.mark.usefixtures("guide_for_module")

HOSTILE = [
    "9223372036854775808",  # one past the largest 64-bit integer
    "-99999999999999999999",
    "a\x00b",
    "x" * 3000,
    "not a number",
]
HOSTILE_DATE_PARTS = ["99999999999", "-1", "0", "not a number"]
HOSTILE_IDS = ["9223372036854775808", "99999999999999999999", "0"]
# Fields that only carry the CSRF token or end the signed-in session under test.
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
SKIPPED_ACTIONS = {"/accounts/logout/", "/admin/logout/"}
PROJECT = Path(__file__).resolve().parent.parent


class FormReader(HTMLParser):
    """The forms of a page: (method, action, {field name: a value the page offers})."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action"), {}))
        elif not self.forms or not attrs.get("name"):
            return
        elif tag in ("input", "textarea", "button"):
            self.forms[-1][2].setdefault(attrs["name"], attrs.get("value") or "1")
        elif tag == "select":
            self._select = attrs["name"]
            self.forms[-1][2].setdefault(self._select, "")
        if tag == "option" and self._select and attrs.get("value"):
            fields = self.forms[-1][2]
            fields[self._select] = fields[self._select] or attrs["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_on(client: Client, url: str, seen: set):
    """The page's forms not met before (a result page repeats one tick form per milestone)."""
    response = client.get(url)
    assert response.status_code == 200, url
    reader = FormReader()
    reader.feed(response.content.decode())
    for method, action, fields in reader.forms:
        action = action or urlsplit(url).path
        shape = (method, action, frozenset(fields))
        if action not in SKIPPED_ACTIONS and shape not in seen:
            seen.add(shape)
            yield method, action, fields


def send(client: Client, method: str, url: str, data: dict):
    if method == "post":
        return client.post(url, data)
    return client.get(f"{url}?{urlencode(data, doseq=True)}")


def assert_answered(response, what: str) -> None:
    assert response.status_code < 500, what
    # A 405 (a GET to a form's address) is Django's, with an empty body and an Allow header.
    if response.status_code >= 400 and response.status_code != 405:
        assert response.content.strip(), f"{what}: a {response.status_code} with no message"


def fuzz_forms(client: Client, pages: list[str]) -> int:
    sent, seen = 0, set()
    for page in pages:
        for method, action, fields in forms_on(client, page, seen):
            for name in fields.keys() - SKIPPED_FIELDS:
                for value in HOSTILE:
                    response = send(client, method, action, {**fields, name: value})
                    assert_answered(response, f"{method} {action} {name}={value[:30]!r}")
                    sent += 1
    return sent


@pytest.fixture
def fuzzer(client, alice, take_assessment, settings):  # noqa: F811
    settings.SIGNUPS_PER_ADDRESS_PER_HOUR = settings.RESETS_PER_ADDRESS_PER_HOUR = 10_000
    settings.LOGIN_FAILURES_PER_ADDRESS = 10_000
    settings.VISITOR_ASSESSMENTS_PER_ADDRESS_PER_HOUR = 10_000
    settings.MOCK_INTERVIEWS_PER_MEMBER_PER_DAY = settings.OWN_QUESTIONS_PER_MEMBER = 10_000
    client.raise_request_exception = False  # a 500 must show as a 500, not an exception
    done = take_assessment(alice, background="developer")
    open_one = take_assessment(alice, complete=False, stop_after=2)
    OfferComparison.objects.create(user=alice, name="Mine")
    return client, done, open_one


def every_result_branch(user, take_assessment) -> list[str]:  # noqa: F811
    """Result pages in every state: no path fits, one path set aside, every path set aside."""
    first_answers = {
        q.slug: 0 for q in AssessmentQuestion.objects.filter(options__isnull=False).distinct()
    }
    no_fit = take_assessment(user, background="sales", hours=1, answers=first_answers)
    some_aside = take_assessment(user, background="developer")
    all_aside = take_assessment(user, background="analyst")
    dismiss_path(
        assessment=some_aside, path_slug=some_aside.result["paths"][0]["slug"], reason="pay"
    )
    for path in all_aside.result["paths"]:
        dismiss_path(assessment=all_aside, path_slug=path["slug"], reason="pay")
    return [reverse("assessments:result", args=[a.pk]) for a in (no_fit, some_aside, all_aside)]


def practice_pages(user) -> list[str]:
    """An own question, a mock interview at its first question and one at its report."""
    own = add_own_question(
        user=user, prompt="Tell me about it.", category="behavioural", key_points="A\nB"
    )
    now = timezone.now()
    asking = start_mock(user=user, role=None, loop_size=4, per_round=1, now=now)
    finished = start_mock(user=user, role=None, loop_size=4, per_round=1, now=now)
    finished.answers.update(shown_at=now, answered_at=now, body="My answer")
    finished.finished_at = now
    finished.save(update_fields=["finished_at"])
    return [
        reverse("interviews:own_questions"),
        own.get_absolute_url() + "?show=1",
        reverse("interviews:mock"),
        asking.get_absolute_url(),
        finished.get_absolute_url(),
    ]


def member_pages(done, open_one) -> list[str]:
    question = Question.objects.published().first()
    steps = range(1, load_questionnaire().review_number + 1)
    return [
        "/",
        reverse("careers:role_list"),
        reverse("careers:salary_explorer"),
        reverse("careers:offer_compare"),
        reverse("accounts:profile"),
        reverse("accounts:delete_account"),
        reverse("password_change"),
        reverse("assessments:landing"),
        *(reverse("assessments:step", args=[open_one.pk, n]) for n in steps if n <= 3),
        reverse("assessments:result", args=[done.pk]),
        reverse("assessments:plan_print", args=[done.pk]),
        reverse("interviews:bank"),
        question.get_absolute_url() + "?show=1",
        reverse("interviews:practice"),
        reverse("interviews:progress"),
        reverse("interviews:fresh_cycle"),
    ]


def test_every_form_field_survives_hostile_values(fuzzer, alice):
    client, done, open_one = fuzzer
    visitor_pages = [reverse("accounts:signup"), reverse("login"), reverse("password_reset")]
    sent = fuzz_forms(client, visitor_pages)
    client.force_login(alice)
    sent += fuzz_forms(client, member_pages(done, open_one))
    assert sent > 300  # the pages' forms were found and fuzzed


def test_every_result_branch_and_practice_form_survives_hostile_values(
    fuzzer,
    alice,
    take_assessment,  # noqa: F811
):
    client, *_ = fuzzer
    pages = every_result_branch(alice, take_assessment) + practice_pages(alice)
    client.force_login(alice)
    sent = fuzz_forms(client, pages)
    assert sent > 100


def visitor_pages(client: Client) -> list[str]:
    """What a visitor without an account can open: public pages and their own assessment."""
    client.post(reverse("assessments:start"))
    (started,) = client.session["assessments:visitor"]
    # Step 2 opens once step 1 is answered.
    client.post(
        reverse("assessments:step", args=[started, 1]),
        {"background": "other", "background_other": "Retail", "weekly_study_hours": "5"},
    )
    return [
        "/",
        reverse("careers:role_list"),
        reverse("careers:role_compare"),
        reverse("careers:hub_list"),
        reverse("careers:salary_explorer"),
        reverse("careers:offer_compare"),
        reverse("paths:list"),
        reverse("interviews:bank"),
        reverse("assessments:landing"),
        reverse("assessments:step", args=[started, 1]),
        reverse("assessments:step", args=[started, 2]),
        reverse("accounts:signup"),
        reverse("login"),
        reverse("password_reset"),
    ]


def test_every_visitor_form_survives_hostile_values(fuzzer):
    client, *_ = fuzzer
    sent = fuzz_forms(client, visitor_pages(client))
    assert sent > 100


def url_parameters() -> set[str]:
    """Every query parameter a view reads: named in the code (request.GET, the page cache's
    list of what a page reads) or a field of a form drawn with GET."""
    names = set()
    for app in ("careers", "assessments", "interviews", "config"):
        for path in (PROJECT / app).rglob("*.py"):
            text = path.read_text()
            names |= set(re.findall(r"GET\.(?:get|getlist)\(\"([\w-]+)\"", text))
            for listed in re.findall(r"cached_for_visitors\(([^)]*)\)", text):
                names |= set(re.findall(r"\"([\w-]+)\"", listed))
    return names


def test_every_url_parameter_survives_hostile_values(fuzzer, alice, take_assessment):  # noqa: F811
    client, done, open_one = fuzzer
    names = url_parameters() | {"offer-0-salary", "offer-TOTAL_FORMS", "markets"}
    assert {"role", "a", "b", "kind", "show", "page", "next", "from"} <= names
    visitor = Client(raise_request_exception=False)
    member_only = [*every_result_branch(alice, take_assessment), *practice_pages(alice)]
    client.force_login(alice)
    sent = 0
    for who, pages in (
        (visitor, visitor_pages(visitor)),
        (client, member_pages(done, open_one) + member_only),
    ):
        for page in pages:
            base, _, query = page.partition("?")
            for name in names:
                for value in ("9223372036854775808", "not a number", "x" * 3000):
                    url = f"{base}?{urlencode({name: value})}{'&' + query if query else ''}"
                    response = who.get(url)
                    assert_answered(response, url[:120])
                    sent += 1
    assert sent > 1000


@pytest.fixture
def editor(user_factory, client):
    user = user_factory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    client.raise_request_exception = False
    client.force_login(user)
    return client


def test_every_admin_form_an_editor_has_survives_hostile_values(editor, guide):
    client = editor
    pages = []
    for model in (model for model in apps.get_models() if admin.site.is_registered(model)):
        info = (model._meta.app_label, model._meta.model_name)
        add = reverse("admin:{}_{}_add".format(*info))
        if client.get(add).status_code == 200:
            pages.append(add)
    pages.append(reverse("admin:interviews_question_import"))
    assert len(pages) > 10
    sent, seen = 0, set()
    for page in pages:
        for method, action, fields in forms_on(client, page, seen):
            # Admin pages draw slowly, so every field of a form at once (a form validates
            # each field on its own): all past 64 bits, then each the kind that breaks it.
            names = fields.keys() - SKIPPED_FIELDS
            for hostile in (
                ()
                if not names
                else (
                    dict.fromkeys(names, "9223372036854775808"),
                    {
                        n: "9223372036854775808" if fields[n].isdigit() else "x" * 3000
                        for n in names
                    },
                )
            ):
                response = send(client, method, action, {**fields, **hostile})
                assert_answered(response, f"{method} {action} {sorted(hostile)[:3]}...")
                sent += 1
    assert sent > 20


def routes(resolver: URLResolver = None, prefix: str = ""):
    """Every route of the app outside the admin, as a pattern string."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver) and not route.startswith("admin/"):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def test_every_url_id_survives_hostile_values(fuzzer, alice):
    client, *_ = fuzzer
    client.force_login(alice)
    with_ids = [route for route in routes() if "<int:" in route]
    assert len(with_ids) >= 10
    for route in with_ids:
        for value in HOSTILE_IDS:
            url = "/" + re.sub(r"<int:\w+>", value, route)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                assert_answered(response, f"{method} {url}")
                assert response.status_code in (302, 400, 404, 405), f"{method} {url}"


def admin_params(client: Client, changelist: str, model_admin) -> dict[str, list[str]]:
    """The query parameters a changelist understands (its filters, search, order, page),
    each with the hostile values to try."""
    page = client.get(changelist).content.decode()
    names = {"q", "o", "p"} | {
        name
        for href in re.findall(r'href="\?([^"]+)"', page)
        for name in re.findall(r"(?:^|&amp;|&)([\w-]+)=", href)
    }
    params = dict.fromkeys(names, HOSTILE)
    if model_admin.date_hierarchy:
        for part in ("year", "month", "day"):
            params[f"{model_admin.date_hierarchy}__{part}"] = HOSTILE + HOSTILE_DATE_PARTS
    return params


@pytest.fixture
def admin_fuzzer(client, admin_user, alice, role_factory):
    """One row where each list needs one to draw its filters; no more, to keep it fast."""
    QuestionFactory(roles=[role_factory()])
    AssessmentFactory(user=alice)
    client.post(reverse("login"), {"username": "alice", "password": "wrong"})  # axes rows
    client.raise_request_exception = False
    client.force_login(admin_user)
    return client


def test_every_admin_filter_and_object_id_survives_hostile_values(admin_fuzzer):
    client = admin_fuzzer
    sent = 0
    for model in (model for model in apps.get_models() if admin.site.is_registered(model)):
        model_admin = admin.site.get_model_admin(model)
        info = (model._meta.app_label, model._meta.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        for name, values in admin_params(client, changelist, model_admin).items():
            for value in values:
                response = client.get(changelist, {name: value})
                assert_answered(response, f"{changelist}?{name}={value[:30]!r}")
                sent += 1
        for value in HOSTILE_IDS + ["a\x00b"]:
            response = client.get(reverse("admin:{}_{}_change".format(*info), args=[value]))
            assert_answered(response, f"{model.__name__} change {value!r}")
    assert sent > 200
