"""Loads the question bank from interviews/data/questions.json for ``manage.py load_guide``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careers.models import Role
from config.sitewide.loading import LoadReport, sync_row

from .models import (
    MOCK_LOOP_SIZES,
    Category,
    Difficulty,
    InterviewShape,
    MockRound,
    Question,
    SearchAlias,
    evidence_text,
)

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.json"
ALIASES_FILE = Path(__file__).resolve().parent / "data" / "search_aliases.json"
MOCK_ROUNDS_FILE = Path(__file__).resolve().parent / "data" / "mock_rounds.json"
SHAPES_FILE = Path(__file__).resolve().parent / "data" / "interview_shapes.json"
SAMPLE_ANSWERS_FILE = Path(__file__).resolve().parent / "data" / "sample_answers.json"

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


def load_sample_answers(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Give questions our sample strong answer (by slug), updated as load_questions does.
    Runs after the questions are loaded."""
    entries = json.loads((path or SAMPLE_ANSWERS_FILE).read_text(encoding="utf-8"))
    answers = entries["answers"]
    report = report or LoadReport()
    counts: dict[str, int] = {}
    known = set(
        Question.objects.published().filter(slug__in=answers).values_list("slug", flat=True)
    )
    unknown = set(answers) - known
    if unknown:
        raise QuestionDataError(
            f"The sample answers file names unknown question {', '.join(sorted(unknown))}."
        )
    for slug, answer in answers.items():
        _, status = sync_row(
            Question, {"slug": slug}, {"sample_answer": answer.strip()}, reset=reset, report=report
        )
        counts[f"sample answers {status}"] = counts.get(f"sample answers {status}", 0) + 1
    report.save()
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


def load_interview_shapes(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Create missing interview shapes (by slug) with their roles, and update the others as
    load_questions does. A role belongs to one shape at most."""
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
    report = report or LoadReport()
    counts: dict[str, int] = {}
    taken = set(InterviewShape.objects.values_list("position", flat=True))
    existing = set(InterviewShape.objects.values_list("slug", flat=True))
    for entry in entries:
        values = {key: entry[key] for key in ("name", "categories")}
        if entry["slug"] not in existing:
            position = entry["position"] if entry["position"] not in taken else max(taken) + 1
            values["position"] = position
            taken.add(position)
        shape, status = sync_row(
            InterviewShape, {"slug": entry["slug"]}, values, reset=reset, report=report
        )
        if status in ("created", "restored"):
            shape.roles.set([roles[role_slug] for role_slug in entry["roles"]])
        counts[f"interview shapes {status}"] = counts.get(f"interview shapes {status}", 0) + 1
    report.save()
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


def load_mock_rounds(
    *, reset: bool = False, path: Path | None = None, report: LoadReport | None = None
) -> dict[str, int]:
    """Create missing mock interview rounds (by name) and update the others field by field as
    load_questions does; ``reset`` makes the rounds exactly the file's (no answer links to a
    round row).

    Runs after the interview shapes are loaded. A round kept from before rounds had shapes
    is given the file's shape, or every role's mock would still ask it.
    """
    entries = read_mock_rounds(path)
    report = report or LoadReport()
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
        values = {key: value for key, value in entry.items() if key not in ("name", "position")}
        values["shape"] = shape
        kept = existing.get(entry["name"])
        gains_shape = kept is not None and kept.shape_id is None and shape is not None
        if kept is None:
            # A new round goes where the file puts it, unless staff moved another round there.
            values["position"] = (
                entry["position"] if entry["position"] not in taken else max(taken) + 1
            )
            taken.add(values["position"])
        round_, status = sync_row(
            MockRound, {"name": entry["name"]}, values, reset=False, report=report
        )
        if status == "created" or gains_shape:
            round_.preferred_questions.set(preferred)
        upgraded = upgraded or gains_shape
        counts[f"mock rounds {status}"] = counts.get(f"mock rounds {status}", 0) + 1
    if upgraded:
        _order_as_the_file(entries)
    report.save()
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
