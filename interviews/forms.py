"""Forms of the interviews app: bank filters, notes, ratings, practice sessions, fresh cycles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from careers.models import Role
from careers.selectors import RoleRef
from config.sitewide.fields import ModelMultipleIdsField
from config.sitewide.submissions import SubmissionKeyField

from .bank import BankFilters
from .mock import QUESTIONS_PER_ROUND
from .models import MOCK_LOOP_SIZES, NOTE_MAX_CHARS, Category, Difficulty, Rating
from .practice_queue import DEFAULT_SESSION_SIZE, MAX_SESSION_SIZE
from .status import Status


class BankFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "All categories"), *Category.choices]
    )
    role = forms.ChoiceField(label="Role", required=False)
    difficulty = forms.TypedChoiceField(
        label="Difficulty",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any difficulty"), *Difficulty.choices],
    )
    status = forms.ChoiceField(
        label="My status", required=False, choices=[("", "Any status"), *Status.choices]
    )
    bookmarked = forms.BooleanField(label="Bookmarked only", required=False)

    def __init__(self, *args, roles: Sequence[RoleRef], signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles_by_slug = {role.slug: role for role in roles}
        role = cast(forms.ChoiceField, self.fields["role"])
        role.choices = [("", "All roles"), *((r.slug, r.name) for r in roles)]
        if not signed_in:
            del self.fields["status"]
            del self.fields["bookmarked"]

    def filters(self) -> BankFilters:
        """The valid filters; a bad value is reported beside its field and otherwise ignored."""
        self.is_valid()
        data = self.cleaned_data
        return BankFilters(
            text=(data.get("q") or "").strip(),
            category=data.get("category") or "",
            role=self.roles_by_slug.get(data.get("role") or ""),
            difficulty=data.get("difficulty"),
            status=data.get("status") or "",
            bookmarked=bool(data.get("bookmarked")),
        )

    def show_counts(self, bank) -> None:
        """Put each value's count in its option label, e.g. "Behavioural (7)"."""
        counts = {
            "category": bank.category_counts,
            "difficulty": {str(level): n for level, n in bank.difficulty_counts.items()},
            "role": {
                role.slug: bank.role_counts.get(role.pk, 0) for role in self.roles_by_slug.values()
            },
        }
        if "status" in self.fields:
            counts["status"] = bank.status_counts
            # The bound field (already made by validation) holds the label it shows.
            self["bookmarked"].label = f"Bookmarked only ({bank.bookmarked_count})"
        for name, by_value in counts.items():
            field = cast(forms.ChoiceField, self.fields[name])
            # Django reads choices back as a list; the stubs give the read the write's type.
            listed = cast(list[tuple[Any, str]], field.choices)
            field.choices = [
                (value, f"{label} ({by_value.get(str(value), 0)})" if value else label)
                for value, label in listed
            ]


class NoteField(forms.CharField):
    def to_python(self, value):
        # Browsers count a line break as one character but send two; count it as the user sees it.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=Rating.choices,
        coerce=int,
        error_messages={
            "required": "Rate the attempt Again, Hard, Good or Easy.",
            "invalid_choice": "Rate the attempt Again, Hard, Good or Easy.",
        },
    )
    # The card's review count the page showed: makes a repeated submit a no-op (see
    # scheduling.rate). Optional, so a page drawn before it existed still works.
    seen = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Reload the page and rate again."},
    )
    # Drawn by hand in _rating_buttons.html: a repeat of the same form records once, with
    # or without ``seen``.
    submission = SubmissionKeyField()

    def rating_fields(self) -> dict:
        """The rating as ``scheduling.rate_once`` takes it: the form's key, rating and seen."""
        data = self.cleaned_data
        return {"key": data["submission"], "rating": data["rating"], "seen": data["seen"]}


# What a page says when the same rating form arrived twice (see RatingForm.submission).
ALREADY_RECORDED = "That rating was already recorded, so it counts once."


class CoveredForm(forms.Form):
    """The key points the user ticked as covered, by position in the question's list."""

    covered = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Tick only the key points listed."},
    )

    def __init__(self, *args, key_point_count: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        covered = cast(forms.MultipleChoiceField, self.fields["covered"])
        covered.choices = [(str(i), str(i)) for i in range(key_point_count)]

    def ticked(self) -> list[int] | None:
        """The ticks of a "suggest a rating" request (a GET), or None before the user ticks."""
        if "suggest" not in self.data or not self.is_valid():
            return None
        return self.cleaned_data["covered"]


class CheckedRatingForm(CoveredForm, RatingForm):
    def redraw_status(self) -> int | None:
        """None when the rating is to be recorded; else the checklist is drawn again: 200 for
        "Update the suggestion" with valid ticks, 400 with what to correct."""
        valid = self.is_valid()
        suggesting = "suggest" in self.data
        if valid and not suggesting:
            return None
        return 200 if suggesting and not self.has_error("covered") else 400


class PracticeRatingForm(CheckedRatingForm):
    question = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    """The answer box shown before the key points; it saves the user's private draft."""

    body = NoteField(
        label="Your answer",
        required=False,
        max_length=NOTE_MAX_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Private to you and kept as your draft. Up to {NOTE_MAX_CHARS:,} characters.",
    )


class PracticeForm(forms.Form):
    size = forms.IntegerField(
        label="Number of questions",
        min_value=1,
        max_value=MAX_SESSION_SIZE,
        initial=DEFAULT_SESSION_SIZE,
    )
    timed = forms.BooleanField(
        label="Time my answers",
        required=False,
        help_text="Shows a suggested time per question and keeps how long each answer took.",
    )
    categories = forms.MultipleChoiceField(
        label="Categories",
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to practise every category.",
    )
    # Sent by the home page's "Practise them": exactly the questions due today, nothing new.
    due_today = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FreshCycleForm(forms.Form):
    category = forms.ChoiceField(
        label="Questions to start again",
        required=False,
        choices=[("", "The whole bank"), *Category.choices],
    )


class BookmarkForm(forms.Form):
    bookmarked = forms.TypedChoiceField(
        choices=[("1", "Bookmark"), ("0", "Remove the bookmark")], coerce=lambda value: value == "1"
    )


class MockStartForm(forms.Form):
    role = forms.ModelChoiceField(
        label="Role you are interviewing for",
        queryset=Role.objects.all(),
        required=False,
        empty_label="Any role",
    )
    loop_size = forms.TypedChoiceField(
        label="Number of rounds",
        coerce=int,
        choices=[(size, f"{size} rounds") for size in MOCK_LOOP_SIZES],
        initial=4,
        help_text="The guide: most AI positions involve 4–6 interview rounds.",
    )
    per_round = forms.TypedChoiceField(
        label="Questions per round",
        coerce=int,
        choices=[(count, str(count)) for count in QUESTIONS_PER_ROUND],
        initial=1,
    )
    submission = SubmissionKeyField()


class MockAnswerForm(AnswerForm):
    position = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class MockReportForm(forms.Form):
    """Per question of a finished mock: the key points ticked and the rating confirmed.

    ``suggesting``: the user asks for suggestions from their ticks, so a rating not chosen
    yet (where no suggestion could be made) is no error."""

    def __init__(self, *args, rounds, suggesting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for round_report in rounds:
            for report in round_report.answers:
                position = report.answer.position
                covered = forms.TypedMultipleChoiceField(
                    coerce=int,
                    required=False,
                    choices=[(str(point.index), point.text) for point in report.check.points],
                    error_messages={"invalid_choice": "Tick only the key points listed."},
                )
                rating = forms.TypedChoiceField(
                    label="Rating",
                    choices=Rating.choices,
                    coerce=int,
                    required=not suggesting,
                    empty_value=None,
                    initial=report.check.suggested,
                    error_messages={
                        "invalid_choice": "Rate each answer Again, Hard, Good or Easy.",
                        "required": "Choose a rating for each answer.",
                    },
                )
                self.fields[f"covered-{position}"] = covered
                self.fields[f"rating-{position}"] = rating

    def ticks(self) -> dict[int, list[int]]:
        return {
            int(name.removeprefix("covered-")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("covered-")
        }

    def ratings(self) -> dict[int, int]:
        return {
            int(name.removeprefix("rating-")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("rating-")
        }


class OwnQuestionForm(forms.Form):
    prompt = forms.CharField(
        label="Question", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = forms.ChoiceField(label="Category", choices=Category.choices)
    key_points = forms.CharField(
        label="Key points of a strong answer",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line, one to ten of them: after answering you tick which you covered.",
    )
    follow_ups = forms.CharField(
        label="Follow-up questions (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line.",
    )
    roles = ModelMultipleIdsField(
        label="Roles it is asked for (optional)",
        queryset=Role.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Practice for one of these roles asks it with that role's questions.",
    )
    company = forms.CharField(
        label="Company that asked it (optional)",
        required=False,
        max_length=120,
    )
    submission = SubmissionKeyField()

    def clean_key_points(self) -> str:
        points = [line.strip() for line in self.cleaned_data["key_points"].splitlines()]
        points = [point for point in points if point]
        if not 1 <= len(points) <= 10:
            raise forms.ValidationError("Write one to ten key points, one per line.")
        return "\n".join(points)
