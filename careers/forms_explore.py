"""Forms of the public explorer pages: role filter and comparison, salary explorer, offers.

Choices come from lists the view has already loaded, so validating and rendering a form
costs no query of its own; each form turns slugs back into those objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlencode

from django import forms
from django.forms import formset_factory

from .models import Market, Offer, OfferComparison, Role, SalaryBand
from .pay import OFFER_AMOUNT_LIMIT_USD, OfferTerms

ALL_KINDS = ""


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


class RoleCompareForm(forms.Form):
    a = forms.ChoiceField(label="First role", error_messages={"required": "Choose the first role."})
    b = forms.ChoiceField(
        label="Second role", error_messages={"required": "Choose the second role."}
    )

    def __init__(self, *args, roles: Sequence[Role], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles = {role.slug: role for role in roles}
        choices = [("", "Choose a role")] + [(role.slug, role.name) for role in roles]
        for name in ("a", "b"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = (
                "We have no role by that name; choose one from the list."
            )

    def clean(self):
        cleaned = super().clean()
        _single_values(self, "a", "b")
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Choose a different role to compare with.")
        return cleaned

    @property
    def role_a(self) -> Role:
        return self.roles[self.cleaned_data["a"]]

    @property
    def role_b(self) -> Role:
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
        self.markets = {market.slug: market for market in markets}
        self.baseline = next((market for market in markets if market.is_baseline), None)
        self.fields["role"].choices = [(slug, role.name) for slug, role in self.roles.items()]
        self.fields["role"].error_messages["invalid_choice"] = (
            "The guide has no salary band for that role; choose one from the list."
        )
        self.fields["markets"].choices = [
            (slug, market.name) for slug, market in self.markets.items()
        ]
        self.fields["markets"].error_messages["invalid_choice"] = (
            "We have no market called %(value)s; pick from the list."
        )

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
        return [market for slug, market in self.markets.items() if slug in slugs]

    def clean(self):
        cleaned = super().clean()
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


class WholeDollarsField(forms.IntegerField):
    """Whole US dollars as people type them: "$150,000" and "150000" are the same."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", OFFER_AMOUNT_LIMIT_USD - 1)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter whole dollars, such as 150000.",
                "min_value": "Enter an amount of 0 or more.",
                "max_value": "Enter an amount below $10,000,000.",
            },
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 14})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s$,]", "", value)
            if re.search(r"\.\d*[1-9]", value):
                raise forms.ValidationError("Enter whole dollars, without cents.")
        return super().to_python(value)


class OfferForm(forms.Form):
    label = forms.CharField(label="Offer name", max_length=80, required=False)
    base_usd = WholeDollarsField(label="Base salary ($ a year)")
    equity_usd_per_year = WholeDollarsField(label="Equity ($ a year)", required=False)
    bonus_usd = WholeDollarsField(label="Bonus ($ a year)", required=False)
    market = forms.ChoiceField(
        label="Market",
        error_messages={
            "required": "Choose the market the job is in.",
            "invalid_choice": "We have no market by that name; choose one from the list.",
        },
    )

    def __init__(self, *args, markets: Sequence[Market], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.markets = {market.slug: market for market in markets}
        self.fields["market"].choices = [("", "Choose a market")] + [
            (slug, market.name) for slug, market in self.markets.items()
        ]

    def terms(self, position: int) -> OfferTerms:
        data = self.cleaned_data
        return OfferTerms(
            label=data["label"].strip() or f"Offer {position}",
            base_usd=data["base_usd"],
            equity_usd_per_year=data["equity_usd_per_year"] or 0,
            bonus_usd=data["bonus_usd"] or 0,
            market=self.markets[data["market"]],
        )


class BaseOfferFormSet(forms.BaseFormSet):
    def __init__(self, *args, markets: Sequence[Market], **kwargs) -> None:
        self.markets = markets
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "markets": self.markets}

    def offer_terms(self) -> list[OfferTerms]:
        filled = [form for form in self.forms if form.has_changed()]
        return [form.terms(position) for position, form in enumerate(filled, start=1)]


OfferFormSet = formset_factory(
    OfferForm,
    formset=BaseOfferFormSet,
    extra=2,
    min_num=2,
    max_num=4,
    absolute_max=4,
    validate_min=True,
    validate_max=True,
)
OFFER_PREFIX = "offer"
OFFER_SLOTS = 4
OFFER_FORMSET_ERRORS = {
    "too_few_forms": "Fill in at least two offers to compare.",
    "too_many_forms": "Compare at most four offers at a time.",
}


def offer_formset(data=None, *, markets: Sequence[Market]) -> BaseOfferFormSet:
    """The offers form, always four slots.

    The page always shows the same four slots, so the server sets the formset's management
    numbers itself: shared links stay short and a tampered count cannot change anything.
    """
    if data is not None:
        data = data.copy()
        data[f"{OFFER_PREFIX}-TOTAL_FORMS"] = str(OFFER_SLOTS)
        data[f"{OFFER_PREFIX}-INITIAL_FORMS"] = "0"
    return OfferFormSet(
        data, prefix=OFFER_PREFIX, markets=markets, error_messages=OFFER_FORMSET_ERRORS
    )


def offer_query_string(offers: Sequence[Offer | OfferTerms]) -> str:
    """The shareable GET query that opens these offers in the comparison form."""
    params: list[tuple[str, str | int]] = []
    for index, offer in enumerate(offers):
        prefix = f"{OFFER_PREFIX}-{index}"
        params += [
            (f"{prefix}-label", offer.label),
            (f"{prefix}-base_usd", offer.base_usd),
            (f"{prefix}-equity_usd_per_year", offer.equity_usd_per_year),
            (f"{prefix}-bonus_usd", offer.bonus_usd),
            (f"{prefix}-market", offer.market.slug),
        ]
    return urlencode(params)


class SaveComparisonForm(forms.ModelForm):
    class Meta:
        model = OfferComparison
        fields = ("name",)
        labels = {"name": "Name this comparison"}
        error_messages = {"name": {"required": "Give the comparison a name to save it."}}
