"""Forms of the public explore pages: the role list's filter, the role comparison and the
salary explorer.

Choices come from lists the view has already loaded, so validating and rendering a form
costs no query of its own; each form turns slugs back into those objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from django import forms

from .models import Market, Role, SalaryBand

ALL_KINDS = ""

if TYPE_CHECKING:
    from .selectors import RoleRef

# A role page offers the comparison knowing only the other roles' names.
RoleT = TypeVar("RoleT", Role, "RoleRef")


def _single_values(form: forms.Form, *names: str) -> None:
    """A URL that repeats a single-choice parameter is ambiguous: say so rather than guess."""
    getlist = getattr(form.data, "getlist", None)
    if getlist is None:
        return
    for name in names:
        if len(getlist(name)) > 1:
            form.add_error(name, "Choose only one.")


class RoleFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            (ALL_KINDS, "All roles"),
            (Role.Kind.CORE, "Core AI roles"),
            (Role.Kind.EMERGING, "Emerging generative-AI roles"),
        ],
        error_messages={"invalid_choice": "Choose all, core or emerging roles."},
    )

    def clean(self):
        _single_values(self, "kind")
        return super().clean()


class RoleCompareForm(forms.Form, Generic[RoleT]):
    a = forms.ChoiceField(label="First role", error_messages={"required": "Choose the first role."})
    b = forms.ChoiceField(
        label="Second role", error_messages={"required": "Choose the second role."}
    )

    def __init__(self, *args, roles: Sequence[RoleT], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles: dict[str, RoleT] = {role.slug: role for role in roles}
        choices = [("", "Choose a role")] + [(role.slug, role.name) for role in roles]
        for name in ("a", "b"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices
            self.fields[name].error_messages["invalid_choice"] = (
                "We have no role by that name; choose one from the list."
            )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        _single_values(self, "a", "b")
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Choose a different role to compare with.")
        return cleaned

    @property
    def role_a(self) -> RoleT:
        return self.roles[self.cleaned_data["a"]]

    @property
    def role_b(self) -> RoleT:
        return self.roles[self.cleaned_data["b"]]


class SalaryExplorerForm(forms.Form):
    role = forms.ChoiceField(label="Role", error_messages={"required": "Choose a role."})
    level = forms.ChoiceField(
        label="Experience level",
        choices=SalaryBand.Level.choices,
        error_messages={
            "required": "Choose an experience level.",
            "invalid_choice": "Choose entry, mid-level or senior.",
        },
    )
    markets = forms.MultipleChoiceField(
        label="Markets",
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick two or more.",
        error_messages={"required": "Pick at least two markets to compare."},
    )

    def __init__(self, *args, roles: Sequence[Role], markets: Sequence[Market], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only roles in the guide's salary table can be explored.
        self.roles = {role.slug: role for role in roles if role.salary_bands.all()}
        self.known_markets = {market.slug: market for market in markets}
        self.baseline = next((market for market in markets if market.is_baseline), None)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (slug, role.name) for slug, role in self.roles.items()
        ]
        self.fields["role"].error_messages["invalid_choice"] = (
            "The guide has no salary band for that role; choose one from the list."
        )
        cast(forms.ChoiceField, self.fields["markets"]).choices = [
            (slug, market.name) for slug, market in self.known_markets.items()
        ]
        self.fields["markets"].error_messages["invalid_choice"] = (
            "We have no market called %(value)s; pick from the list."
        )

    # The explorer's own form sends this; a link from a role, path or result page does not.
    SUBMITTED = "chosen"

    @classmethod
    def data_for(cls, query, *, roles: Sequence[Role], markets: Sequence[Market]):
        """What to explore: the form's choices as sent, or, for a link that names only some of
        them (a role), the defaults for the rest, so the link opens on a result."""
        defaults = cls.default_data(roles=roles, markets=markets)
        if cls.SUBMITTED in query:
            return query
        data = query.copy()
        for name, value in defaults.items():
            if name not in data:
                data.setlist(name, value if isinstance(value, list) else [value])
        return data

    @classmethod
    def default_data(cls, *, roles: Sequence[Role], markets: Sequence[Market]) -> dict:
        """What the explorer shows before anyone chooses: the first role, mid-level, all markets."""
        first_role = next((role for role in roles if role.salary_bands.all()), None)
        return {
            "role": first_role.slug if first_role else "",
            "level": SalaryBand.Level.MID,
            "markets": [market.slug for market in markets],
        }

    def clean_markets(self) -> list[Market]:
        slugs = self.cleaned_data["markets"]
        if len(set(slugs)) != len(slugs):
            raise forms.ValidationError("Pick each market only once.")
        if len(slugs) < 2:
            raise forms.ValidationError("Pick at least two markets to compare.")
        # Keep the guide's table order, whatever order the URL listed them in.
        return [market for slug, market in self.known_markets.items() if slug in slugs]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        _single_values(self, "role", "level")
        if self.baseline is None:
            # Every pay level is a share of the baseline's average salary.
            raise forms.ValidationError(
                "No market is marked as the baseline, so pay levels cannot be worked out."
            )
        role, level = cleaned.get("role"), cleaned.get("level")
        if role and level and not self.errors:
            band = next((b for b in self.roles[role].salary_bands.all() if b.level == level), None)
            if band is None:
                self.add_error("level", "The guide gives no band for this role at that level.")
            cleaned["band"] = band
            cleaned["role"] = self.roles[role]
        return cleaned
