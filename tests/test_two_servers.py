"""Issue 24 item 4: two app servers on one PostgreSQL and one Redis agree with each other.

Two production-mode gunicorns, each with workers of its own, serve one database and one
Redis, as a site that outgrows one machine runs behind its load balancer. The limits
(sign-up, reset, login lockout) count across both, a content edit through one shows at once
on the other (visitor pages included, which both keep in Redis), a logout through one ends
the session on both, and a rating through one shows on the other's progress page.

It runs only with DATABASE_URL on PostgreSQL and REDIS_URL set (as `.ci/run` does on its
PostgreSQL pass): that is the deployment under test. SQLite is one file on one machine, so
it cannot be shared by servers on several, and without REDIS_URL there is no shared cache
to check. Elsewhere it is skipped with that reason.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest

from tests.e2e.flows import signed_in
from tests.e2e.live_site import PASSWORD, HttpClient, LiveSite, forget_release

REDIS_URL = os.environ.get("REDIS_URL", "")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

pytestmark = [
    pytest.mark.skipif(
        not (ON_POSTGRES and REDIS_URL),
        reason="needs DATABASE_URL on PostgreSQL and REDIS_URL: the deployment of several servers",
    ),
    # One worker takes the whole module, so the two servers are prepared and started once.
    pytest.mark.xdist_group("two-servers"),
]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Server A and server B: one database, one Redis, one secret key and release."""
    first = LiveSite.create(
        label="twoservers", workdir=tmp_path_factory.mktemp("a"), workers=2, redis_url=REDIS_URL
    )
    second = LiveSite(
        database=first.database, env=first.env, workdir=tmp_path_factory.mktemp("b"), workers=2
    )
    try:
        first.prepare()
        first.create_users(["editor"], staff=True, groups=("Content editors",))
        first.create_users(["member", "leaver"])
        first.start(timeout=240)
        second.start(timeout=240)
        yield first, second
    finally:
        second.stop()
        first.close()
        forget_release(REDIS_URL, first.env["DJANGO_RELEASE"])


def same_browser_on(site: LiveSite, client: HttpClient) -> HttpClient:
    """A client for `site` carrying `client`'s cookies: the load balancer switched servers."""
    other = site.client()
    for cookie in client.cookies:
        other.set_cookie(cookie.name, cookie.value)
    return other


def signup(site: LiveSite, username: str, email: str) -> int:
    fields = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return site.client().post("/accounts/signup/", fields).status


def test_a_sign_up_limit_counts_across_both_servers(servers):
    first, second = servers
    email = "one-inbox@example.com"
    answers = [signup(site, f"joiner{n}", email) for n, site in enumerate([first, second] * 2)]
    # Three an hour per email address (SIGNUPS_PER_EMAIL_PER_HOUR), wherever they land.
    assert answers == [302, 302, 302, 429]


def test_a_reset_limit_counts_across_both_servers(servers):
    first, second = servers
    answers = [
        site.client().post("/accounts/password_reset/", {"email": f"x{n}@example.com"}).status
        for n, site in enumerate([first, second] * 6)
    ]
    # Ten an hour from one address (RESETS_PER_ADDRESS_PER_HOUR), wherever they land.
    assert answers == [302] * 10 + [429] * 2


def test_a_login_lockout_holds_on_both_servers(servers):
    first, second = servers
    guess = {"username": "target", "password": "not the password"}
    answers = [site.client().post("/accounts/login/", guess).status for site in [first, second] * 3]
    # The fifth failure (AXES_FAILURE_LIMIT) locks the pair, whichever server saw the others.
    assert answers == [200, 200, 200, 200, 429, 429]


class _FormFields(HTMLParser):
    """The fields a browser would submit from one form, with their current values."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "option" and self._select is not None and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value", "")))
        if "name" not in attributes:
            return
        name, kind = attributes["name"], attributes.get("type", "text")
        if tag == "input" and kind not in {"submit", "button", "file", "image", "reset"}:
            if kind not in {"checkbox", "radio"}:
                self.fields.append((name, attributes.get("value", "")))
            elif "checked" in attributes:
                self.fields.append((name, attributes.get("value", "on")))
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    """What submitting the form unchanged would send (the client adds its own CSRF token)."""
    parser = _FormFields(form_id)
    parser.feed(page)
    return [(name, value) for name, value in parser.fields if name != "csrfmiddlewaretoken"]


def test_a_content_edit_through_one_server_shows_at_once_on_the_other(servers):
    first, second = servers
    roles = second.client().get("/roles/").text
    role = re.search(r'href="/roles/(?!compare/)([\w-]+)/"', roles).group(1)
    before = second.client().get(f"/roles/{role}/")
    assert before.status == 200
    editor = signed_in(first, "editor")
    changelist = editor.get(f"/admin/careers/role/?q={role}").text
    change_path = re.search(r'href="(/admin/careers/role/\d+/change/)', changelist).group(1)
    fields = form_fields(editor.get(change_path).text, "role_form")
    summary = "Edited on server A, read on server B at once."
    edited = [(name, summary if name == "summary" else value) for name, value in fields]

    saved = editor.post(change_path, [*edited, ("_save", "Save")])

    assert saved.status == 302, re.findall(r'class="errorlist.*?</ul>', saved.text, re.S)
    # A visitor on server B (no cookies: the shared page cache's pages) sees the edit.
    after = second.client().get(f"/roles/{role}/")
    assert after.status == 200
    assert summary in after.text
    assert summary not in before.text


def test_visitor_pages_are_kept_in_the_shared_cache(servers):
    import redis

    first, second = servers
    release = first.env["DJANGO_RELEASE"]
    assert first.client().get("/roles/").status == 200
    assert second.client().get("/hubs/").status == 200
    client = redis.Redis.from_url(REDIS_URL)
    try:
        kept = list(client.scan_iter(match=f"compass-{release}-pages:*"))
    finally:
        client.close()
    assert kept, "no visitor page reached Redis"


def test_a_logout_through_one_server_ends_the_session_on_both(servers):
    first, second = servers
    on_first = signed_in(first, "leaver")
    on_second = same_browser_on(second, on_first)
    assert on_second.get("/accounts/profile/").status == 200

    assert on_first.post("/accounts/logout/", {}).status == 302

    assert on_second.get("/accounts/profile/").status == 302
    assert on_second.get("/accounts/profile/").location.startswith("/accounts/login/")


def test_a_rating_through_one_server_shows_on_the_others_progress_page(servers):
    first, second = servers
    on_first = signed_in(first, "member")
    on_second = same_browser_on(second, on_first)
    question = re.search(r'href="/interviews/(\d+)/"', on_second.get("/interviews/").text)
    link = f'href="/interviews/{question.group(1)}/"'
    before = on_second.get("/interviews/progress/")
    assert before.status == 200
    assert link not in before.text

    rated = on_first.post(f"/interviews/{question.group(1)}/rate/", {"rating": 3})

    assert rated.status == 302
    after = on_second.get("/interviews/progress/")
    assert link in after.text
