"""Forms of the interviews app: bank filters, notes, ratings, practice sessions, fresh cycles."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django import forms
from django.utils.safestring import mark_safe

from careers.models import Role

from .bank import BankFilters, RoleChoice
from .mock import LOOP_SIZES, QUESTIONS_PER_ROUND
from .models import NOTE_MAX_CHARS, Category, Difficulty, Rating, Status


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

    roles: tuple[RoleChoice, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles_by_slug = {role.slug: role for role in self.roles}
        # Filled by show_counts(): each value's count, keyed by the value as submitted, and
        # labels with a count in them.
        self.counts: dict[str, dict[str, int]] = {}
        self.labels: dict[str, str] = {}

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
        self.counts["category"] = bank.category_counts
        self.counts["difficulty"] = {str(k): v for k, v in bank.difficulty_counts.items()}
        self.counts["role"] = {
            role.slug: bank.role_counts.get(role.pk, 0) for role in self.roles_by_slug.values()
        }
        if "status" in self.fields:
            self.counts["status"] = bank.status_counts
            self.labels["bookmarked"] = f"Bookmarked only ({bank.bookmarked_count})"

    def controls(self) -> list[FilterControl]:
        """What the page template needs to draw each filter control by hand.

        The same markup Django's widgets give (names, ids, values, selected and checked
        states, aria-invalid pointing at the error list), without a widget template per
        option: those cost a quarter of the page's time.
        """
        controls = []
        for name, field in self.fields.items():
            errors = self.errors.get(name, []) if self.is_bound else []
            raw = self.data.get(name) if self.is_bound else None
            control = FilterControl(
                name=name,
                id=f"id_{name}",
                label=self.labels.get(name, field.label),
                kind=_CONTROL_KINDS[name],
                errors=list(errors),
            )
            if control.kind == "select":
                current = "" if raw is None else str(raw)
                control.options = _options_html(field.choices, current, self.counts.get(name))
            elif control.kind == "checkbox":
                control.checked = forms.CheckboxInput().check_test(
                    field.widget.value_from_datadict(self.data, self.files, name)
                )
            else:
                control.value = raw or ""
                control.max_length = field.max_length
            controls.append(control)
        return controls


class _SharedFields(dict):
    """Form fields set up once and only ever read: each form may share them, not copy them."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


@lru_cache(maxsize=8)
def bank_filter_form(roles: tuple[RoleChoice, ...], signed_in: bool) -> type[BankFilterForm]:
    """The filter form for these roles, visitor or signed in, its fields set up once.

    Django deep-copies a form's fields for every form it builds; with their choices that
    was a sixth of the bank page's time. These fields never change after set-up (the
    counts go in ``labels`` and the options, not in the fields), so forms share them.
    """
    fields = copy.deepcopy(BankFilterForm.base_fields)
    fields["role"].choices = [("", "All roles"), *((role.slug, role.name) for role in roles)]
    if not signed_in:
        del fields["status"]
        del fields["bookmarked"]
    form_class = type("BankFilterForm", (BankFilterForm,), {"roles": roles})
    form_class.base_fields = _SharedFields(fields)
    return form_class


def _options_html(choices, current: str, counts: dict[str, int] | None) -> str:
    """A select's <option> elements, the value ``current`` selected, counts in the labels."""
    options = []
    for value, label in choices:
        value = str(value)
        if value and counts is not None:
            label = f"{label} ({counts.get(value, 0)})"
        selected = " selected" if value == current else ""
        options.append(f'<option value="{escape(value)}"{selected}>{escape(str(label))}</option>')
    return mark_safe("\n".join(options))  # noqa: S308 - every value and label is escaped


_CONTROL_KINDS = {
    "q": "search",
    "category": "select",
    "role": "select",
    "difficulty": "select",
    "status": "select",
    "bookmarked": "checkbox",
}


@dataclass
class FilterControl:
    name: str
    id: str
    label: str
    kind: str  # search, select or checkbox
    errors: list[str]
    options: str = ""  # the select's <option> elements, escaped
    value: str = ""
    max_length: int | None = None
    checked: bool = False


class NoteField(forms.CharField):
    def to_python(self, value):
        # Browsers count a line break as one character but send two; count it as the user sees it.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class NoteForm(forms.Form):
    body = NoteField(
        label="Your notes and answer draft",
        required=False,
        max_length=NOTE_MAX_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Private to you. Up to {NOTE_MAX_CHARS:,} characters.",
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=Rating.choices,
        coerce=int,
        error_messages={
            "required": "Rate the attempt Again, Hard, Good or Easy.",
            "invalid_choice": "Rate the attempt Again, Hard, Good or Easy.",
        },
    )


class CoveredForm(forms.Form):
    """The key points the user ticked as covered, by position in the question's list."""

    covered = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Tick only the key points listed."},
    )

    def __init__(self, *args, key_point_count: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covered"].choices = [(str(i), str(i)) for i in range(key_point_count)]

    def ticked(self) -> list[int] | None:
        """The ticks of a "suggest a rating" request (a GET), or None before the user ticks."""
        if "suggest" not in self.data or not self.is_valid():
            return None
        return self.cleaned_data["covered"]


class CheckedRatingForm(CoveredForm, RatingForm):
    pass


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
    size = forms.IntegerField(label="Number of questions", min_value=1, max_value=50, initial=10)
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
        label="Rounds",
        coerce=int,
        choices=[(size, f"{size} rounds") for size in LOOP_SIZES],
        initial=4,
        help_text="The guide: most AI positions involve 4–6 interview rounds.",
    )
    per_round = forms.TypedChoiceField(
        label="Questions per round",
        coerce=int,
        choices=[(count, str(count)) for count in QUESTIONS_PER_ROUND],
        initial=1,
    )


class MockAnswerForm(AnswerForm):
    position = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class MockReportForm(forms.Form):
    """Per question of a finished mock: the key points ticked and the rating confirmed."""

    def __init__(self, *args, rounds, **kwargs) -> None:
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
                    initial=int(report.check.suggested),
                    error_messages={
                        "invalid_choice": "Rate each answer Again, Hard, Good or Easy."
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
