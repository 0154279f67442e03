"""Loads the question bank from interviews/data/questions.json for ``manage.py load_guide``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careers.models import Role

from .models import (
    MOCK_LOOP_SIZES,
    Category,
    Difficulty,
    MockRound,
    Question,
    SearchAlias,
    evidence_text,
)

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
    for key in ("roles", "follow_ups"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise QuestionDataError(f"{label}: {key} must be a list of strings.")
    points = [_key_point(point, label) for point in _listed(entry["key_points"], label)]
    return {
        "prompt": entry["prompt"].strip(),
        "category": entry["category"],
        "difficulty": entry["difficulty"],
        # One item per line, so admin editors and spreadsheet imports edit plain text.
        "key_points": "\n".join(text for text, _ in points),
        "key_point_evidence": evidence_text([evidence for _, evidence in points]),
        "follow_ups": "\n".join(item.strip() for item in entry.get("follow_ups", [])),
        "from_guide": bool(entry.get("from_guide", False)),
        "is_published": bool(entry.get("published", True)),
    }


def _listed(value: Any, label: str) -> list:
    if not isinstance(value, list):
        raise QuestionDataError(f"{label}: key_points must be a list.")
    return value


def key_point_text(point: str | dict) -> str:
    """A key point's text in the data file, whichever shape it has there."""
    return point if isinstance(point, str) else point["text"]


def _key_point(point: Any, label: str) -> tuple[str, list[str]]:
    """A key point as (text, evidence terms): a plain string, or
    ``{"text": ..., "evidence": [...]}`` with the words and phrases that show it."""
    if isinstance(point, str):
        return point.strip(), []
    if (
        isinstance(point, dict)
        and set(point) <= {"text", "evidence"}
        and isinstance(point.get("text"), str)
        and isinstance(point.get("evidence", []), list)
        and all(isinstance(term, str) and ";" not in term for term in point.get("evidence", []))
    ):
        return point["text"].strip(), [term.strip() for term in point.get("evidence", [])]
    raise QuestionDataError(
        f"{label}: each key point must be a string or "
        '{"text": "...", "evidence": ["...", ...]} (terms without semicolons).'
    )


def load_questions(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing questions (by slug); leave staff edits alone unless ``reset``.

    Roles are looked up by slug, so this runs after the careers loader has created them.
    """
    entries = json.loads((path or QUESTIONS_FILE).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise QuestionDataError("The questions file must hold a JSON list of questions.")
    roles = {role.slug: role for role in Role.objects.all()}
    existing = {question.slug: question for question in Question.objects.all()}
    counts = {
        "questions created": 0,
        "questions restored": 0,
        "questions kept": 0,
        "evidence added": 0,
    }
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
        question = existing.get(slug)
        if question is not None and not reset:
            counts["questions kept"] += 1
            counts["evidence added"] += _add_missing_evidence(question, fields)
            continue
        if question is None:
            question = Question(slug=slug, **fields)
            counts["questions created"] += 1
        else:
            for name, value in fields.items():
                setattr(question, name, value)
            counts["questions restored"] += 1
        question.full_clean(validate_unique=False)
        question.save()
        question.roles.set([roles[role_slug] for role_slug in entry["roles"]])
    return counts


def _add_missing_evidence(question: Question, fields: dict[str, Any]) -> int:
    """Give a kept question the file's evidence terms when it has none and its key points
    are still the file's (an addition, not an edit: nothing staff wrote changes)."""
    if (
        question.key_point_evidence.strip()
        or not fields["key_point_evidence"]
        or question.key_point_list != fields["key_points"].split("\n")
    ):
        return 0
    question.key_point_evidence = fields["key_point_evidence"]
    question.save(update_fields=["key_point_evidence", "updated_at"])
    return 1


def load_search_aliases(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing search aliases (by term); staff edits stay unless ``reset``."""
    entries = json.loads((path or ALIASES_FILE).read_text(encoding="utf-8"))
    counts = {"search aliases created": 0, "search aliases kept": 0}
    for entry in entries:
        if reset:
            SearchAlias.objects.update_or_create(term=entry["term"], defaults=entry)
            counts["search aliases created"] += 1
            continue
        _, created = SearchAlias.objects.get_or_create(term=entry["term"], defaults=entry)
        counts["search aliases created" if created else "search aliases kept"] += 1
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


def load_mock_rounds(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing mock interview rounds (by name); staff edits stay unless ``reset``,
    which makes the rounds exactly the file's (no answer links to a round row)."""
    entries = read_mock_rounds(path)
    counts = {"mock rounds created": 0, "mock rounds kept": 0}
    if reset:
        MockRound.objects.all().delete()
    existing = set(MockRound.objects.values_list("name", flat=True))
    taken = set(MockRound.objects.values_list("position", flat=True))
    for entry in entries:
        if entry["name"] in existing:
            counts["mock rounds kept"] += 1
            continue
        # A new round goes where the file puts it, unless staff moved another round there.
        position = entry["position"] if entry["position"] not in taken else max(taken) + 1
        round_ = MockRound(**{**entry, "position": position})
        round_.full_clean()
        round_.save()
        taken.add(position)
        counts["mock rounds created"] += 1
    return counts
