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
    InterviewShape,
    MockRound,
    Question,
    SearchAlias,
)

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.json"
ALIASES_FILE = Path(__file__).resolve().parent / "data" / "search_aliases.json"
MOCK_ROUNDS_FILE = Path(__file__).resolve().parent / "data" / "mock_rounds.json"
SHAPES_FILE = Path(__file__).resolve().parent / "data" / "interview_shapes.json"
SAMPLE_ANSWERS_FILE = Path(__file__).resolve().parent / "data" / "sample_answers.json"

REQUIRED_KEYS = ("slug", "prompt", "category", "difficulty", "roles", "key_points")


class QuestionDataError(ValueError):
    """The questions file says something the bank cannot hold; the message names the entry."""


def _is_key_point(point: object) -> bool:
    """A key point: its text, or {"text": ..., "evidence": [terms that show it]}."""
    if isinstance(point, dict):
        evidence = point.get("evidence", [])
        return isinstance(point.get("text"), str) and isinstance(evidence, list)
    return isinstance(point, str)


def _point_text(point: str | dict) -> str:
    return point["text"] if isinstance(point, dict) else point


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
    if not isinstance(entry["key_points"], list) or not all(
        map(_is_key_point, entry["key_points"])
    ):
        raise QuestionDataError(
            f"{label}: key_points must be a list of strings or of "
            '{"text": ..., "evidence": [...]} objects.'
        )
    return {
        "prompt": entry["prompt"].strip(),
        "category": entry["category"],
        "difficulty": entry["difficulty"],
        # One item per line, so admin editors and spreadsheet imports edit plain text.
        "key_points": "\n".join(_point_text(point).strip() for point in entry["key_points"]),
        "follow_ups": "\n".join(item.strip() for item in entry.get("follow_ups", [])),
        "from_guide": bool(entry.get("from_guide", False)),
        "is_published": bool(entry.get("published", True)),
    }


def load_questions(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing questions (by slug); leave staff edits alone unless ``reset``.

    Roles are looked up by slug, so this runs after the careers loader has created them.
    """
    entries = json.loads((path or QUESTIONS_FILE).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise QuestionDataError("The questions file must hold a JSON list of questions.")
    roles = {role.slug: role for role in Role.objects.all()}
    existing = {question.slug: question for question in Question.objects.all()}
    counts = {"questions created": 0, "questions restored": 0, "questions kept": 0}
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


def load_sample_answers(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Give questions our sample strong answer (by slug); one staff wrote stays unless
    ``reset``. Runs after the questions are loaded."""
    entries = json.loads((path or SAMPLE_ANSWERS_FILE).read_text(encoding="utf-8"))
    answers = entries["answers"]
    counts = {"sample answers set": 0, "sample answers kept": 0}
    questions = Question.objects.published().filter(slug__in=answers)
    unknown = set(answers) - set(questions.values_list("slug", flat=True))
    if unknown:
        raise QuestionDataError(
            f"The sample answers file names unknown question {', '.join(sorted(unknown))}."
        )
    for question in questions:
        if question.sample_answer and not reset:
            counts["sample answers kept"] += 1
            continue
        question.sample_answer = answers[question.slug].strip()
        question.save(update_fields=["sample_answer"])
        counts["sample answers set"] += 1
    return counts


def read_interview_shapes(path: Path | None = None) -> list[dict[str, Any]]:
    data = json.loads((path or SHAPES_FILE).read_text(encoding="utf-8"))
    return [
        {
            "slug": entry["slug"],
            "name": entry["name"],
            "position": position,
            "categories": [Category(category).value for category in entry["categories"]],
            "roles": list(entry["roles"]),
        }
        for position, entry in enumerate(data["shapes"], 1)
    ]


def load_interview_shapes(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing interview shapes (by slug) with their roles; staff edits stay unless
    ``reset``. A role belongs to one shape at most."""
    entries = read_interview_shapes(path)
    roles = {role.slug: role for role in Role.objects.all()}
    claimed: dict[str, str] = {}
    for entry in entries:
        for role_slug in entry["roles"]:
            if role_slug not in roles:
                raise QuestionDataError(
                    f"Shape {entry['slug']!r} names unknown role {role_slug!r}."
                )
            if role_slug in claimed:
                raise QuestionDataError(
                    f"Role {role_slug!r} is in two shapes, {claimed[role_slug]!r} and "
                    f"{entry['slug']!r}."
                )
            claimed[role_slug] = entry["slug"]
    counts = {"interview shapes created": 0, "interview shapes kept": 0}
    existing = {shape.slug: shape for shape in InterviewShape.objects.all()}
    taken = {shape.position for shape in existing.values()}
    for entry in entries:
        fields = {key: entry[key] for key in ("name", "categories")}
        shape = existing.get(entry["slug"])
        if shape is not None and not reset:
            counts["interview shapes kept"] += 1
            continue
        if shape is None:
            position = entry["position"] if entry["position"] not in taken else max(taken) + 1
            shape = InterviewShape(slug=entry["slug"], position=position, **fields)
            taken.add(position)
        else:
            for name, value in fields.items():
                setattr(shape, name, value)
        shape.full_clean(validate_unique=False)
        shape.save()
        shape.roles.set([roles[role_slug] for role_slug in entry["roles"]])
        counts["interview shapes created"] += 1
    return counts


def read_mock_rounds(path: Path | None = None) -> list[dict[str, Any]]:
    """The mock interview rounds in the data file, in interview order, as model fields
    (``shape``: the shape's slug, or None for a round of every shape)."""
    data = json.loads((path or MOCK_ROUNDS_FILE).read_text(encoding="utf-8"))
    rounds = [
        {
            "position": position,
            "name": entry["name"],
            "shape": entry.get("shape"),
            "categories": [Category(category).value for category in entry["categories"]],
            "from_guide": bool(entry["from_guide"]),
            "in_loops_of": int(entry["in_loops_of"]),
            "question_count": entry.get("question_count"),
            "suggested_minutes": entry.get("suggested_minutes"),
            "prefer": list(entry.get("prefer", [])),
        }
        for position, entry in enumerate(data["rounds"], 1)
    ]
    shapes = {entry["shape"] for entry in rounds if entry["shape"]} or {None}
    for shape in shapes:
        asked = [entry for entry in rounds if entry["shape"] in (None, shape)]
        for size in MOCK_LOOP_SIZES:
            if sum(entry["in_loops_of"] <= size for entry in asked) != size:
                label = f"the {shape} shape" if shape else "every shape"
                raise QuestionDataError(
                    f"The mock rounds file does not make a loop of {size} rounds for {label}."
                )
    return rounds


def load_mock_rounds(*, reset: bool = False, path: Path | None = None) -> dict[str, int]:
    """Create missing mock interview rounds (by name); staff edits stay unless ``reset``,
    which makes the rounds exactly the file's (no answer links to a round row).

    Runs after the interview shapes are loaded. A round kept from before rounds had shapes
    is given the file's shape, or every role's mock would still ask it.
    """
    entries = read_mock_rounds(path)
    shapes = {shape.slug: shape for shape in InterviewShape.objects.all()}
    missing = {entry["shape"] for entry in entries if entry["shape"]} - set(shapes)
    if missing:
        raise QuestionDataError(
            f"The mock rounds file names unknown shape {', '.join(sorted(missing))}."
        )
    # A preferred question not in the bank (unpublished, or a test's bank) is left out; the
    # bank's tests check that the file names questions of the round's categories.
    wanted = {slug for entry in entries for slug in entry["prefer"]}
    questions = {q.slug: q for q in Question.objects.published().filter(slug__in=wanted)}
    counts = {"mock rounds created": 0, "mock rounds kept": 0}
    if reset:
        MockRound.objects.all().delete()
    existing = {round_.name: round_ for round_ in MockRound.objects.all()}
    taken = {round_.position for round_ in existing.values()}
    upgraded = False
    for entry in entries:
        shape = shapes.get(entry["shape"]) if entry["shape"] else None
        preferred = [questions[slug] for slug in entry.pop("prefer") if slug in questions]
        kept = existing.get(entry["name"])
        if kept is not None:
            if kept.shape_id is None and shape is not None:
                kept.shape = shape
                kept.save(update_fields=["shape"])
                kept.preferred_questions.set(preferred)
                upgraded = True
            counts["mock rounds kept"] += 1
            continue
        # A new round goes where the file puts it, unless staff moved another round there.
        position = entry["position"] if entry["position"] not in taken else max(taken) + 1
        round_ = MockRound(**{**entry, "shape": shape, "position": position})
        round_.full_clean()
        round_.save()
        round_.preferred_questions.set(preferred)
        taken.add(position)
        counts["mock rounds created"] += 1
    if upgraded:
        _order_as_the_file(entries)
    return counts


def _order_as_the_file(entries: list[dict[str, Any]]) -> None:
    """Put the rounds in the file's order: once, when rounds kept from before rounds had
    shapes are given theirs, or the new rounds would come after the old last round."""
    rounds = {round_.name: round_ for round_ in MockRound.objects.all()}
    named = [rounds.pop(entry["name"]) for entry in entries if entry["name"] in rounds]
    ordered = named + sorted(rounds.values(), key=lambda round_: round_.position)
    # Out of the way first: positions are unique.
    for offset, round_ in enumerate(ordered, 1):
        round_.position = 1000 + offset
    MockRound.objects.bulk_update(ordered, ["position"])
    for offset, round_ in enumerate(ordered, 1):
        round_.position = offset
    MockRound.objects.bulk_update(ordered, ["position"])
