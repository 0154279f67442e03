"""Forms of the interviews app: bank filters, notes, ratings, practice sessions, fresh cycles."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from careers.selectors import RoleRef

from .bank import BankFilters
from .models import NOTE_MAX_CHARS, Category, Difficulty, Rating
from .status import Status

STAR_TEMPLATE = "Situation:\n\nTask:\n\nAction:\n\nResult:\n"


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
        self.fields["role"].choices = [("", "All roles"), *((r.slug, r.name) for r in roles)]
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
            field = self.fields[name]
            field.choices = [
                (value, f"{label} ({by_value.get(str(value), 0)})" if value else label)
                for value, label in field.choices
            ]


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


class PracticeRatingForm(RatingForm):
    question = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class PracticeForm(forms.Form):
    size = forms.IntegerField(label="Number of questions", min_value=1, max_value=50, initial=10)
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
