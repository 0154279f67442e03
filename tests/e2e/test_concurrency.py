"""Nothing lost under load: 32 signed-in clients writing at once through 4 gunicorn workers.

Each client is its own user with its own session and thread. Every kind of write in WRITES is
sent `per_user` times by every client, all clients released together; then the database (read
through the site's own settings, in a subprocess) must hold every one of them.

To add a kind of write (the issue's "50 ratings + 5 assessment steps per user"), write a class
with the four methods of ProfileSaves and append an instance to WRITES:
  - prepare(site, users): once before the clients start (e.g. find question ids).
  - perform(client, user_index, n): the n-th write of one client; raise AssertionError when
    the answer is not the success answer (e.g. the 302 after a rating POST).
  - verify(site, users): after all clients finish; return a list of problems found in the
    database (e.g. review log rows per user != 50, a card state that disagrees with its logs).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from tests.e2e.live_site import HttpClient, LiveSite

pytestmark = pytest.mark.e2e

CLIENTS = 32


@dataclass
class ProfileSaves:
    """The profile form saved again and again, each time with other study hours."""

    per_user: int = 10
    name: str = "profile save"

    def prepare(self, site: LiveSite, users: list[str]) -> None:
        pass

    @staticmethod
    def hours(user_index: int, n: int) -> int:
        return (user_index * 7 + n * 3) % 81

    def perform(self, client: HttpClient, user_index: int, n: int) -> None:
        form = {
            "background": "",
            "years_experience": n,
            "target_role": "",
            "weekly_study_hours": self.hours(user_index, n),
            "preferred_location": "",
        }
        response = client.post("/accounts/profile/", form)
        assert response.status == 302, f"profile save answered {response.status}"

    def verify(self, site: LiveSite, users: list[str]) -> list[str]:
        saved = site.run_django(
            "from careers.models import Profile\n"
            "result = dict(Profile.objects.filter(user__username__in=data['names'])"
            ".values_list('user__username', 'weekly_study_hours'))",
            names=users,
        )
        last = self.per_user - 1
        return [
            f"{name}: weekly_study_hours {saved.get(name)}, expected {self.hours(index, last)}"
            for index, name in enumerate(users)
            if saved.get(name) != self.hours(index, last)
        ]


WRITES = [
    ProfileSaves(per_user=10),
    # Ratings(per_user=50), AssessmentSteps(per_user=5): see the module docstring.
]


def run_client(
    site: LiveSite, session_key: str, user_index: int, start: threading.Barrier
) -> list[str]:
    client = site.client()
    client.set_cookie("sessionid", session_key)
    problems = []
    try:
        page = client.get("/accounts/profile/")  # also hands out the CSRF cookie
        assert page.status == 200, f"signed-in profile page answered {page.status}"
    except Exception as error:  # reported with the others
        start.abort()
        return [f"client {user_index} could not start: {error!r}"]
    start.wait(timeout=60)
    for writes in WRITES:
        for n in range(writes.per_user):
            try:
                writes.perform(client, user_index, n)
            except Exception as error:  # a failed write is a finding
                problems.append(f"client {user_index}, {writes.name} #{n}: {error!r}")
    return problems


def test_it_loses_no_write_when_32_users_write_at_once(live_site, unique_name):
    assert live_site.workers >= 4
    users = [unique_name("racer") for _ in range(CLIENTS)]
    sessions = live_site.create_users(users, sessions=True)
    for writes in WRITES:
        writes.prepare(live_site, users)
    start = threading.Barrier(CLIENTS)

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [
            pool.submit(run_client, live_site, sessions[name], index, start)
            for index, name in enumerate(users)
        ]
        request_problems = [problem for future in futures for problem in future.result()]

    assert request_problems == [], "\n".join(request_problems[:40])
    for writes in WRITES:
        problems = writes.verify(live_site, users)
        assert problems == [], f"{writes.name}: lost writes\n" + "\n".join(problems[:40])
