"""The offers form: up to four offers as people type them (amounts, vesting, a market or
another city), and naming a comparison to save it.

Market choices come from the list the view has already loaded, so validating and rendering
the form costs no query of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import cast
from urllib.parse import urlencode

from django import forms
from django.contrib.humanize.templatetags.humanize import apnumber
from django.forms import formset_factory

from .models import Market, Offer, OfferComparison
from .offers import (
    DEFAULT_CLIFF_MONTHS,
    DEFAULT_VESTING_YEARS,
    OFFER_AMOUNT_LIMIT_USD,
    OFFER_YEARS,
    OfferTerms,
    OtherCity,
    vesting_by_year,
)

AMOUNT_PATTERN = re.compile(r"^(?P<number>\d{1,9}(?:\.\d{1,6})?)(?P<suffix>[km]?)$")
AMOUNT_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000}


class AmountField(forms.IntegerField):
    """Whole US dollars as people type them: "$190k", "190,000", "190000" and "1.2m"."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", OFFER_AMOUNT_LIMIT_USD - 1)
        kwargs["error_messages"] = {
            "min_value": "Enter an amount of 0 or more.",
            "max_value": "Enter an amount below $10,000,000.",
            **kwargs.get("error_messages", {}),
        }
        kwargs.setdefault("widget", forms.TextInput(attrs={"maxlength": 20}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = re.sub(r"[\s$,]|usd", "", str(value).lower())
        if text.startswith("-"):
            raise forms.ValidationError(self.error_messages["min_value"])
        match = AMOUNT_PATTERN.match(text)
        if match is None:
            raise forms.ValidationError("Enter an amount such as 190000, 190,000 or $190k.")
        amount = Decimal(match["number"]) * AMOUNT_SUFFIXES[match["suffix"]]
        if amount != amount.to_integral_value():
            raise forms.ValidationError("Enter whole dollars, without cents.")
        return int(amount)


OTHER_CITY = "other"
LIQUID, PRIVATE = "liquid", "private"


# What a user types to make a slot an offer; the other fields have defaults.
TYPED_FIELDS = (
    "label",
    "base_usd",
    "bonus_usd",
    "sign_on_usd",
    "equity_grant_usd",
    "refresher_usd",
    "custom_vesting",
    "market",
    "other_city",
    "other_cost_of_living_index",
    "other_pay_level_percent",
)


def _whole(label: str, low: int, high: int, **kwargs) -> forms.IntegerField:
    message = f"Enter a whole number from {low} to {high}."
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"min": low, "max": high}),
        **kwargs,
    )


def parse_vesting(text: str) -> tuple[Decimal, ...]:
    """Custom yearly vesting, e.g. "5, 15, 40, 40": up to four percentages, 100 or less in all."""
    parts = [part for part in re.split(r"[\s,;/%]+", text) if part]
    try:
        percents = [Decimal(part) for part in parts]
    except ArithmeticError:
        raise forms.ValidationError("Enter percentages such as 5, 15, 40, 40.") from None
    if not percents or len(percents) > OFFER_YEARS:
        raise forms.ValidationError(f"Enter one to {OFFER_YEARS} yearly percentages.")
    if any(not percent.is_finite() or percent < 0 or percent > 100 for percent in percents):
        raise forms.ValidationError("Each yearly percentage is from 0 to 100.")
    if sum(percents) > 100:
        raise forms.ValidationError("The yearly percentages add up to more than 100.")
    return tuple(percents) + (Decimal(0),) * (OFFER_YEARS - len(percents))


class OfferForm(forms.Form):
    label = forms.CharField(label="Offer name", max_length=80, required=False)
    base_usd = AmountField(
        label="Base salary ($ a year)",
        error_messages={"required": "Enter the base salary, such as 190000 or $190k."},
    )
    bonus_usd = AmountField(label="Target bonus ($ a year)", required=False)
    sign_on_usd = AmountField(label="Sign-on bonus ($, paid once)", required=False)
    clawback_months = _whole(
        "Sign-on repaid if you leave within (months)", 0, 60, help_text="0 if there is none."
    )
    equity_grant_usd = AmountField(
        label="Equity grant ($, whole grant)",
        required=False,
        help_text="Its value today, all years together.",
    )
    vesting_years = _whole("Vesting period (years)", 1, 10, initial=DEFAULT_VESTING_YEARS)
    cliff_months = _whole("Cliff (months)", 0, 120, initial=DEFAULT_CLIFF_MONTHS)
    custom_vesting = forms.CharField(
        label="Or custom yearly vesting (%)",
        max_length=40,
        required=False,
        help_text="Years 1–4, such as 5, 15, 40, 40. Replaces the period and cliff.",
    )
    refresher_usd = AmountField(
        label="Refresher grant ($ a year)",
        required=False,
        help_text="Granted each year from year 2, vesting like the first grant.",
    )
    equity_liquid = forms.ChoiceField(
        label="Can you sell the equity?",
        choices=[(LIQUID, "Yes: public or liquid shares"), (PRIVATE, "Not yet: private company")],
        initial=LIQUID,
        required=False,
        error_messages={"invalid_choice": "Choose liquid or private equity."},
    )
    private_discount_percent = _whole(
        "Discount on private equity (%)",
        0,
        100,
        initial=0,
        help_text="How much less you count shares you cannot sell yet; your choice.",
    )
    market = forms.ChoiceField(
        label="Market",
        error_messages={
            "required": "Choose the market the job is in.",
            "invalid_choice": "We have no market by that name; choose one from the list.",
        },
    )
    other_city = forms.CharField(label="Another city: its name", max_length=80, required=False)
    other_cost_of_living_index = _whole(
        "Its cost-of-living index (San Francisco = 100)",
        1,
        500,
        help_text=(
            "The C2ER Cost of Living Index (coli.org) sets the US average to 100: divide the "
            "city's index by San Francisco's and multiply by 100."
        ),
    )
    other_pay_level_percent = _whole(
        "Its AI pay level (% of San Francisco's)",
        1,
        300,
        help_text=(
            "The city's average AI salary ÷ San Francisco's × 100; the Bureau of Labor "
            "Statistics publishes wages by metro area (bls.gov/oes)."
        ),
    )

    def __init__(self, *args, markets: Sequence[Market], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.markets = {market.slug: market for market in markets}
        cast(forms.ChoiceField, self.fields["market"]).choices = (
            [("", "Choose a market")]
            + [(slug, market.name) for slug, market in self.markets.items()]
            + [(OTHER_CITY, "Another city (enter its figures)")]
        )

    def has_changed(self) -> bool:
        """Filled in when anything beyond the preset defaults (vesting, cliff) was typed.

        The defaults are shown filled in, so an untouched offer slot still sends them; it is
        not an offer, and must not be checked or counted.
        """
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in TYPED_FIELDS)

    def clean_vesting_years(self) -> int:
        years = self.cleaned_data["vesting_years"]
        return DEFAULT_VESTING_YEARS if years is None else years

    def clean_cliff_months(self) -> int:
        months = self.cleaned_data["cliff_months"]
        return DEFAULT_CLIFF_MONTHS if months is None else months

    def clean_custom_vesting(self) -> tuple[Decimal, ...] | None:
        text = self.cleaned_data["custom_vesting"].strip()
        return parse_vesting(text) if text else None

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        # A typed but invalid index already has its own message.
        index_missing = "other_cost_of_living_index" not in self.errors and not cleaned.get(
            "other_cost_of_living_index"
        )
        if cleaned.get("market") == OTHER_CITY and index_missing:
            self.add_error(
                "other_cost_of_living_index",
                "Enter the city's cost-of-living index, with San Francisco as 100.",
            )
        return cleaned

    def _market(self):
        data = self.cleaned_data
        if data["market"] != OTHER_CITY:
            return self.markets[data["market"]]
        return OtherCity(
            name=data["other_city"].strip() or "Another city",
            cost_of_living_index=data["other_cost_of_living_index"],
            pay_level_percent=data["other_pay_level_percent"],
        )

    def terms(self, position: int) -> OfferTerms:
        data = self.cleaned_data
        vesting = data["custom_vesting"] or vesting_by_year(
            years=data["vesting_years"], cliff_months=data["cliff_months"]
        )
        return OfferTerms(
            label=data["label"].strip() or f"Offer {position}",
            base_usd=data["base_usd"],
            market=self._market(),
            bonus_usd=data["bonus_usd"] or 0,
            sign_on_usd=data["sign_on_usd"] or 0,
            clawback_months=data["clawback_months"] or 0,
            equity_grant_usd=data["equity_grant_usd"] or 0,
            vesting_percent=vesting,
            refresher_usd=data["refresher_usd"] or 0,
            equity_liquid=data["equity_liquid"] != PRIVATE,
            private_discount_percent=data["private_discount_percent"] or 0,
        )

    def offer_fields(self, position: int) -> dict:
        """The offer as the model stores it: what was typed, so it reopens as it was."""
        data = self.cleaned_data
        other = data["market"] == OTHER_CITY
        return {
            "label": data["label"].strip() or f"Offer {position}",
            "base_usd": data["base_usd"],
            "bonus_usd": data["bonus_usd"] or 0,
            "sign_on_usd": data["sign_on_usd"] or 0,
            "clawback_months": data["clawback_months"] or 0,
            "equity_grant_usd": data["equity_grant_usd"] or 0,
            "vesting_years": data["vesting_years"],
            "cliff_months": data["cliff_months"],
            "custom_vesting": self.data.get(self.add_prefix("custom_vesting"), "").strip(),
            "refresher_usd": data["refresher_usd"] or 0,
            "equity_liquid": data["equity_liquid"] != PRIVATE,
            "private_discount_percent": data["private_discount_percent"] or 0,
            "market": None if other else self.markets[data["market"]],
            "other_city": data["other_city"].strip() if other else "",
            "other_cost_of_living_index": data["other_cost_of_living_index"] if other else None,
            "other_pay_level_percent": data["other_pay_level_percent"] if other else None,
        }


class BaseOfferFormSet(forms.BaseFormSet):
    def __init__(self, *args, markets: Sequence[Market], **kwargs) -> None:
        self.markets = markets
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "markets": self.markets}

    def filled_forms(self) -> list[OfferForm]:
        return [form for form in self.forms if form.has_changed()]

    def offer_terms(self) -> list[OfferTerms]:
        return [form.terms(n) for n, form in enumerate(self.filled_forms(), start=1)]

    def offer_fields(self) -> list[dict]:
        return [form.offer_fields(n) for n, form in enumerate(self.filled_forms(), start=1)]


# How many offers a comparison takes: the formset, its messages and the page all say these.
MIN_OFFERS = 2
OFFER_SLOTS = 4
OfferFormSet = cast(
    type[BaseOfferFormSet],
    formset_factory(
        OfferForm,
        formset=BaseOfferFormSet,
        extra=MIN_OFFERS,
        min_num=MIN_OFFERS,
        max_num=OFFER_SLOTS,
        absolute_max=OFFER_SLOTS,
        validate_min=True,
        validate_max=True,
    ),
)
OFFER_PREFIX = "offer"
OFFER_FORMSET_ERRORS = {
    "too_few_forms": f"Fill in at least {apnumber(MIN_OFFERS)} offers to compare.",
    "too_many_forms": f"Compare at most {apnumber(OFFER_SLOTS)} offers at a time.",
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


def offer_query_string(offers: Sequence[Offer]) -> str:
    """The shareable GET query that opens saved offers in the comparison form."""
    params: list[tuple[str, str | int]] = []
    for index, offer in enumerate(offers):
        for name in Offer.TERM_FIELDS:
            value = getattr(offer, name)
            if name == "market":
                value = offer.market.slug if offer.market else OTHER_CITY
            elif name == "equity_liquid":
                value = LIQUID if value else PRIVATE
            elif value is None:
                value = ""
            params.append((f"{OFFER_PREFIX}-{index}-{name}", value))
    return urlencode(params)


class SaveComparisonForm(forms.ModelForm):
    class Meta:
        model = OfferComparison
        fields = ("name",)
        labels = {"name": "Name this comparison"}
        error_messages = {"name": {"required": "Give the comparison a name to save it."}}
