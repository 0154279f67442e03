"""Forms of the interviews app: bank filters, notes, ratings, practice sessions, fresh cycles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

from django import forms

from .bank import BankFilters, RoleChoice
from .models import NOTE_MAX_CHARS, Category, Difficulty, Rating, Status

STAR_TEMPLATE = "Situation:\n\nTask:\n\nAction:\n\nResult:\n"


class BankFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ChoiceField(label="Category", required=False)
    role = forms.ChoiceField(label="Role", required=False)
    difficulty = forms.TypedChoiceField(
        label="Difficulty", required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label="My status", required=False)
    bookmarked = forms.BooleanField(label="Bookmarked only", required=False)

    def __init__(self, *args, roles: Sequence[RoleChoice], signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles_by_slug = {role.slug: role for role in roles}
        self.fields["category"].choices = [("", "All categories"), *Category.choices]
        self.fields["role"].choices = [("", "All roles")] + [(r.slug, r.name) for r in roles]
        self.fields["difficulty"].choices = [("", "Any difficulty"), *Difficulty.choices]
        self.fields["status"].choices = [("", "Any status"), *Status.choices]
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
        self._count_labels("category", bank.category_counts)
        self._count_labels("difficulty", {str(k): v for k, v in bank.difficulty_counts.items()})
        role_ids = {role.slug: role.pk for role in self.roles_by_slug.values()}
        self._count_labels(
            "role", {slug: bank.role_counts.get(pk, 0) for slug, pk in role_ids.items()}
        )
        if "status" in self.fields:
            self._count_labels("status", bank.status_counts)
            self.fields["bookmarked"].label = f"Bookmarked only ({bank.bookmarked_count})"

    def _count_labels(self, name: str, counts: dict[str, int]) -> None:
        self.fields[name].choices = [
            (value, label if value == "" else f"{label} ({counts.get(str(value), 0)})")
            for value, label in self.fields[name].choices
        ]

    def controls(self) -> list[FilterControl]:
        """What the page template needs to draw each filter control by hand.

        The same markup Django's widgets would give (names, ids, values, selected and
        checked states, aria-invalid with the error list's id), drawn by one template
        loop rather than a widget template per option, which cost a quarter of the page.
        """
        controls = []
        for name, field in self.fields.items():
            errors = self.errors.get(name, []) if self.is_bound else []
            raw = self.data.get(name) if self.is_bound else None
            control = FilterControl(
                name=name,
                id=f"id_{name}",
                label=field.label,
                kind=_CONTROL_KINDS[name],
                errors=list(errors),
            )
            if control.kind == "select":
                current = "" if raw is None else str(raw)
                control.options = [
                    (str(value), label, str(value) == current) for value, label in field.choices
                ]
            elif control.kind == "checkbox":
                control.checked = forms.CheckboxInput().check_test(
                    field.widget.value_from_datadict(self.data, self.files, name)
                )
            else:
                control.value = raw or ""
                control.max_length = field.max_length
            controls.append(control)
        return controls


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
    options: list[tuple[str, str, bool]] = dc_field(default_factory=list)  # value, label, selected
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
