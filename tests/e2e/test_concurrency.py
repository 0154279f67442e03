"""Nothing lost under load: 32 signed-in clients writing at once through 4 gunicorn workers.

Each client is its own user with its own session and thread. Every kind of write in WRITES is
sent `per_user` times by every client, all clients released together; then the database (read
through the site's own settings, in a subprocess) must hold every one of them:
  - 5 profile saves: the last one wins;
  - 50 ratings over five questions: 50 review log rows per user, each with the rating sent,
    in the order sent; each card state counts its logs and is due when its latest log says;
  - 5 assessment steps (start, the background, then steps 2..5): the assessment holds the
    background and every answer sent.
Runs on SQLite and, with DATABASE_URL set, on PostgreSQL (the live site makes its own database).

To add a kind of write, write a class with the four methods of ProfileSaves and append an
instance to WRITES:
  - prepare(site, users): once before the clients start (e.g. find question ids).
  - perform(client, user_index, n): the n-th write of one client; raise AssertionError when
    the answer is not the success answer (e.g. the 302 after a rating POST).
  - verify(site, users): after all clients finish; return a list of problems found in the
    database (e.g. review log rows per user != 50, a card state that disagrees with its logs).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from tests.e2e import flows
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


_CHECK_RATINGS = """\
from django.contrib.auth import get_user_model
from interviews.models import CardState, ReviewLog

result = {}
users = get_user_model().objects.filter(username__in=data["names"])
for user in users:
    logs = list(
        ReviewLog.objects.filter(user=user).order_by("rated_at", "pk")
        .values("question_id", "rating", "due", "rated_at", "state_after")
    )
    cards = {
        card.question_id: card for card in CardState.objects.filter(user=user)
    }
    problems = []
    by_question = {}
    for log in logs:
        by_question.setdefault(log["question_id"], []).append(log)
    for question_id, question_logs in by_question.items():
        card = cards.get(question_id)
        latest = question_logs[-1]
        if card is None:
            problems.append(f"question {question_id}: logs but no card state")
            continue
        if card.review_count != len(question_logs):
            problems.append(
                f"question {question_id}: review_count {card.review_count}, "
                f"{len(question_logs)} logs"
            )
        if card.due != latest["due"] or card.last_rated_at != latest["rated_at"]:
            problems.append(
                f"question {question_id}: card due {card.due} / rated {card.last_rated_at}, "
                f"latest log due {latest['due']} / rated {latest['rated_at']}"
            )
        if card.state != latest["state_after"]:
            problems.append(f"question {question_id}: card state {card.state}, log says "
                            f"{latest['state_after']}")
    for question_id in set(cards) - set(by_question):
        problems.append(f"question {question_id}: a card state without logs")
    result[user.username] = {
        "sequence": {str(q): [log["rating"] for log in ql] for q, ql in by_question.items()},
        "count": len(logs),
        "problems": problems,
    }
"""


@dataclass
class Ratings:
    """Self-ratings POSTed from the question page, spread over a few questions."""

    per_user: int = 50
    questions: int = 5
    name: str = "rating"
    question_ids: list[int] = field(default_factory=list)

    def prepare(self, site: LiveSite, users: list[str]) -> None:
        self.question_ids = site.run_django(
            "from interviews.models import Question\n"
            "result = list(Question.objects.published().order_by('pk')"
            ".values_list('pk', flat=True)[:data['n']])",
            n=self.questions,
        )
        assert len(self.question_ids) == self.questions, "the bank has too few questions"

    def sent(self, user_index: int, n: int) -> tuple[int, int]:
        """The n-th rating of a client: (question id, rating 1..4)."""
        question = self.question_ids[(user_index + n) % len(self.question_ids)]
        return question, (user_index * 3 + n * 5 + n // 4) % 4 + 1

    def perform(self, client: HttpClient, user_index: int, n: int) -> None:
        question, rating = self.sent(user_index, n)
        response = client.post(f"/interviews/{question}/rate/", {"rating": rating})
        expected = f"/interviews/{question}/?show=1&rated=1#rating"
        assert response.status == 302, f"rating answered {response.status}"
        assert response.location == expected, f"rating sent us to {response.location}"

    def verify(self, site: LiveSite, users: list[str]) -> list[str]:
        stored = site.run_django(_CHECK_RATINGS, names=users)
        problems = []
        for index, name in enumerate(users):
            found = stored.get(name)
            if found is None:
                problems.append(f"{name}: no such user")
                continue
            if found["count"] != self.per_user:
                problems.append(f"{name}: {found['count']} review logs, sent {self.per_user}")
            problems += [f"{name}: {problem}" for problem in found["problems"]]
            expected: dict[str, list[int]] = {}
            for n in range(self.per_user):
                question, rating = self.sent(index, n)
                expected.setdefault(str(question), []).append(rating)
            if found["sequence"] != expected:
                problems.append(f"{name}: ratings stored {found['sequence']}, sent {expected}")
        return problems


@dataclass
class AssessmentSteps:
    """Start an assessment and save its steps 1..5 (the background, then answers)."""

    per_user: int = 5
    name: str = "assessment step"
    forms: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    started: dict[int, int] = field(default_factory=dict)

    def prepare(self, site: LiveSite, users: list[str]) -> None:
        """Read the forms of steps 1..per_user from the site, as a scout taking them."""
        scout = f"{users[0]}-scout"
        site.create_users([scout])
        client = flows.signed_in(site, scout)
        assessment_id = flows.start(client)
        for number in range(1, self.per_user + 1):
            page = client.get(flows.step_path(assessment_id, number))
            assert page.status == 200, f"step {number} answered {page.status}"
            self.forms[number] = flows.choices(page.text)
            response = client.post(flows.step_path(assessment_id, number), self.answers(0, number))
            assert response.status == 302, f"the scout's step {number}: {response.status}"

    def answers(self, user_index: int, number: int) -> list[tuple[str, str | int]]:
        """What a client answers on step `number`: a different pick per user and question."""
        form: list[tuple[str, str | int]] = [
            (name, values[(user_index + position) % len(values)])
            for position, (name, values) in enumerate(self.forms[number].items())
        ]
        if number == 1:
            form.append(("weekly_study_hours", 1 + user_index % 40))
        return form

    def perform(self, client: HttpClient, user_index: int, n: int) -> None:
        number = n + 1
        if number == 1:
            self.started[user_index] = flows.start(client)
        assessment_id = self.started[user_index]
        response = client.post(
            flows.step_path(assessment_id, number), self.answers(user_index, number)
        )
        assert response.status == 302, f"step {number} answered {response.status}"
        expected = flows.step_path(assessment_id, number + 1)
        assert response.location == expected, f"step {number} sent us to {response.location}"

    def verify(self, site: LiveSite, users: list[str]) -> list[str]:
        stored = site.run_django(
            "from assessments.models import Answer, Assessment\n"
            "result = {}\n"
            "for a in Assessment.objects.filter(user__username__in=data['names']):\n"
            "    result.setdefault(a.user.username, []).append({\n"
            "        'background': a.background, 'hours': a.weekly_study_hours,\n"
            "        'answers': {f'question_{q}': str(o) for q, o in\n"
            "                    Answer.objects.filter(assessment=a).values_list(\n"
            "                        'question_id', 'option_id')}})",
            names=users,
        )
        problems = []
        for index, name in enumerate(users):
            found = stored.get(name, [])
            if len(found) != 1:
                problems.append(f"{name}: {len(found)} assessments, expected 1")
                continue
            background = dict(self.answers(index, 1))
            expected_answers = {
                key: str(value)
                for number in range(2, self.per_user + 1)
                for key, value in self.answers(index, number)
            }
            if found[0]["background"] != background["background"]:
                problems.append(f"{name}: background {found[0]['background']!r}")
            if found[0]["hours"] != background["weekly_study_hours"]:
                problems.append(f"{name}: weekly study hours {found[0]['hours']}")
            if found[0]["answers"] != expected_answers:
                problems.append(f"{name}: answers {found[0]['answers']}, sent {expected_answers}")
        return problems


WRITES = [ProfileSaves(per_user=5), Ratings(per_user=50), AssessmentSteps(per_user=5)]


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
