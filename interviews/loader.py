"""Loads the question bank from interviews/data/questions.json for ``manage.py load_guide``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careers.models import Role
from config.sitewide.loading import LoadReport, sync_row

from .models import MOCK_LOOP_SIZES, Category, Difficulty, MockRound, Question, SearchAlias

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.json"
ALIASES_FILE = Path(__file__).resolve().parent / "data" / "search_aliases.json"
MOCK_ROUNDS_FILE = Path(__file__).resolve().parent / "data" / "mock_rounds.json"

REQUIRED_KEYS = ("slug", "prompt", "category", "difficulty", "roles", "key_points")


class QuestionDataError(ValueError):
    """The questions file says something the bank cannot hold; the message names the entry."""


def _fields(entry: dict[str, Any], position: int) -> dict[str, Any]:
    label = f"Question {entry.get('slug') or f'#{position + 1}'!r} in the questions file"
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if missing:
        raise QuestionDataError(f"{label} lacks {', '.join(missing)}.")
    if entry["category"] not in Category.values:
        raise QuestionDataError(f"{label} has an unknown category {entry['category']!r}.")
    if entry["difficulty"] not in Difficulty.values:
        raise QuestionDataError(f"{label} has difficulty {entry['difficulty']!r}; use 1, 2 or 3.")
    for key in ("roles", "key_points", "follow_ups"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise QuestionDataError(f"{label}: {key} must be a list of strings.")
    return {
        "prompt": entry["prompt"].strip(),
        "category": entry["category"],
        "difficulty": entry["difficulty"],
        # One item per line, so admin editors and spreadsheet imports edit plain text.
        "key_points": "\n".join(point.strip() for point in entry["key_points"]),
        "follow_ups": "\n".join(item.strip() for item in entry.get("follow_ups", [])),
        "from_guide": bool(entry.get("from_guide", False)),
        "is_published": bool(entry.get("published", True)),
    }


def load_questions(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Create missing questions (by slug) and bring the others up to date field by field
    where staff have not edited them (``config.sitewide.loading``); ``reset`` restores all.

    Roles are looked up by slug, so this runs after the careers loader has created them.
    """
    entries = json.loads((path or QUESTIONS_FILE).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise QuestionDataError("The questions file must hold a JSON list of questions.")
    report = report or LoadReport()
    roles = {role.slug: role for role in Role.objects.all()}
    counts = {f"questions {status}": 0 for status in ("created", "restored", "changed", "kept")}
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise QuestionDataError(
                f"Entry #{position + 1} in the questions file is not an object."
            )
        fields = _fields(entry, position)
        slug = entry["slug"]
        if slug in seen:
            raise QuestionDataError(f"Question {slug!r} appears twice in the questions file.")
        seen.add(slug)
        unknown = [role_slug for role_slug in entry["roles"] if role_slug not in roles]
        if unknown:
            raise QuestionDataError(
                f"Question {slug!r} names unknown role {', '.join(map(repr, unknown))}; "
                "load the careers content first or fix the slug."
            )
        question, status = sync_row(Question, {"slug": slug}, fields, reset=reset, report=report)
        counts[f"questions {status}"] += 1
        if status in ("created", "restored"):
            question.roles.set([roles[role_slug] for role_slug in entry["roles"]])
    report.save()
    return counts


def load_search_aliases(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Create missing search aliases (by term) and update the others as load_questions does."""
    entries = json.loads((path or ALIASES_FILE).read_text(encoding="utf-8"))
    report = report or LoadReport()
    counts: dict[str, int] = {}
    for entry in entries:
        values = {key: value for key, value in entry.items() if key != "term"}
        _, status = sync_row(
            SearchAlias, {"term": entry["term"]}, values, reset=reset, report=report
        )
        counts[f"search aliases {status}"] = counts.get(f"search aliases {status}", 0) + 1
    report.save()
    return counts


def read_mock_rounds(path: Path | None = None) -> list[dict[str, Any]]:
    """The mock interview rounds in the data file, in interview order, as model fields."""
    data = json.loads((path or MOCK_ROUNDS_FILE).read_text(encoding="utf-8"))
    rounds = [
        {
            "position": position,
            "name": entry["name"],
            "categories": [Category(category).value for category in entry["categories"]],
            "from_guide": bool(entry["from_guide"]),
            "in_loops_of": int(entry["in_loops_of"]),
            "question_count": entry.get("question_count"),
            "suggested_minutes": entry.get("suggested_minutes"),
        }
        for position, entry in enumerate(data["rounds"], 1)
    ]
    for size in MOCK_LOOP_SIZES:
        if sum(entry["in_loops_of"] <= size for entry in rounds) != size:
            raise QuestionDataError(f"The mock rounds file does not make a loop of {size} rounds.")
    return rounds


def load_mock_rounds(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Create missing mock interview rounds (by name) and update the others as load_questions
    does; ``reset`` makes the rounds exactly the file's (no answer links to a round row)."""
    entries = read_mock_rounds(path)
    report = report or LoadReport()
    counts = {"mock rounds created": 0, "mock rounds kept": 0}
    if reset:
        MockRound.objects.all().delete()
    existing = set(MockRound.objects.values_list("name", flat=True))
    taken = set(MockRound.objects.values_list("position", flat=True))
    for entry in entries:
        values = {key: value for key, value in entry.items() if key not in ("name", "position")}
        if entry["name"] not in existing:
            # A new round goes where the file puts it, unless staff moved another round there.
            values["position"] = (
                entry["position"] if entry["position"] not in taken else max(taken) + 1
            )
            taken.add(values["position"])
        _, status = sync_row(MockRound, {"name": entry["name"]}, values, reset=False, report=report)
        counts[f"mock rounds {status}"] = counts.get(f"mock rounds {status}", 0) + 1
    report.save()
    return counts
