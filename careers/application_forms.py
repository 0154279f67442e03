"""Forms of the member's job search: an application, a stage move, a contact, offer terms."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone

from .applications import MAX_POSTING_CHARS
from .models import Application, Contact, Market, ReminderSettings, Role

# Far enough back for any real job search; keeps date arithmetic sane on odd input.
EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_DAY = datetime.date(2100, 12, 31)


def _sane_day(value: datetime.date | None) -> datetime.date | None:
    if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
        raise forms.ValidationError("Enter a date between 2000 and 2100.")
    return value


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicationForm(forms.ModelForm):
    posting_url = forms.URLField(
        label="Link to the posting",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "Enter a web address starting with http:// or https://."},
    )
    posting_text = forms.CharField(
        label="The posting's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_POSTING_CHARS,
        help_text=(
            f"Paste it here (up to {MAX_POSTING_CHARS:,} characters) to see which skills it asks "
            "for. It stays on this site."
        ),
        error_messages={
            "max_length": (
                f"The posting's text can be at most {MAX_POSTING_CHARS:,} characters "
                "(it has %(show_value)d). Keep the requirements and drop the rest."
            )
        },
    )

    class Meta:
        model = Application
        fields: tuple[str, ...] = (
            "company",
            "role",
            "role_title",
            "posting_url",
            "posting_text",
            "market",
            "location",
            "notes",
            "next_action",
            "next_action_on",
        )
        labels = {
            "role": "Closest role of ours",
            "role_title": "Job title",
            "market": "Market (for pay and cost of living)",
            "next_action": "Next action",
            "next_action_on": "Next action by",
        }
        help_texts = {"role_title": "Leave empty to use our role's name."}
        widgets = {"next_action_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        role = cast(forms.ModelChoiceField, self.fields["role"])
        role.queryset = Role.objects.all()
        role.empty_label = "None of these"
        market = cast(forms.ModelChoiceField, self.fields["market"])
        market.queryset = Market.objects.all()
        market.empty_label = "Not one of these"

    def clean_next_action_on(self):
        return _sane_day(self.cleaned_data["next_action_on"])

    def clean(self):
        cleaned = super().clean()
        data = self.cleaned_data
        no_title = not data.get("role_title", "").strip() and "role_title" not in self.errors
        if no_title and not data.get("role"):
            self.add_error("role_title", "Give the job title, or choose the closest role.")
        return cleaned


class NewApplicationForm(ApplicationForm):
    stage = forms.ChoiceField(label="Stage", choices=Application.Stage.choices, initial="saved")

    class Meta(ApplicationForm.Meta):
        fields = (*ApplicationForm.Meta.fields[:6], "stage", *ApplicationForm.Meta.fields[6:])


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label="Move to", choices=Application.Stage.choices)
    changed_on = forms.DateField(
        label="On",
        required=False,
        widget=DateInput(),
        help_text="Leave empty for today. Earlier days are fine: it is your history.",
    )

    def clean_changed_on(self):
        day = _sane_day(self.cleaned_data["changed_on"]) or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError("A stage change cannot be in the future.")
        return day


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ("name", "role", "how_met")
        labels = {"role": "Their role", "how_met": "How you met"}


class OfferTermsForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = (
            "offer_base_usd",
            "offer_bonus_usd",
            "offer_sign_on_usd",
            "offer_equity_grant_usd",
        )
        labels = {
            "offer_base_usd": "Base salary (US$ a year)",
            "offer_bonus_usd": "Target bonus (US$ a year)",
            "offer_sign_on_usd": "Sign-on bonus (US$)",
            "offer_equity_grant_usd": "Equity grant, whole (US$)",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model's integer range keeps absurd figures out; a base salary makes an offer.
        self.fields["offer_base_usd"].required = True


class AcceptForm(forms.Form):
    close_others = forms.BooleanField(
        label="Withdraw my other open applications",
        required=False,
        help_text="Marks them withdrawn here; write to each company yourself, kindly.",
    )


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ("digest",)
        labels = {"digest": "E-mail digest"}
        widgets = {"digest": forms.RadioSelect}
