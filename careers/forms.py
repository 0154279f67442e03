"""Forms for the account pages: sign-up, profile, deleting an account."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UserCreationForm

from config.sitewide.auth_forms import ThrottledForm

from .models import Hub, Profile, Role

REMOTE = "remote"


class SignupForm(ThrottledForm, UserCreationForm):
    """Sign-up; says nothing about whether an email address already has an account."""

    email = forms.EmailField(
        help_text="Used only to reset your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]  # the stubs lack this Meta
        model = get_user_model()
        fields = ("username", "email")
        help_texts = {
            "username": (
                "The name you sign in with. Letters, numbers and . @ + - _ only, no spaces."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_help()
        self.fields["password2"].help_text = "Type the same password again, to catch a typo."

    def validate_password_for_user(self, user, password_field_name: str = "password1") -> None:
        # Django files "too common" or "too short" under the confirmation field; they are
        # about the password itself, so they go under the field where it was typed.
        super().validate_password_for_user(  # type: ignore[misc]  # stubs: no SetPasswordMixin base
            user, password_field_name=password_field_name
        )

    def clean(self):
        self.limit(
            "signup",
            self.client,
            per_hour=settings.SIGNUPS_PER_ADDRESS_PER_HOUR,
            message="Too many sign-ups from your network. Try again in an hour.",
        )
        if email := self.cleaned_data.get("email"):
            self.limit(
                "signup-email",
                email.casefold(),
                per_hour=settings.SIGNUPS_PER_EMAIL_PER_HOUR,
                message="Too many sign-ups with this email address. Try again in an hour.",
            )
        return super().clean()


def password_help() -> str:
    """The password rules in one sentence, with the minimum length the settings ask for."""
    lengths = [
        validator.min_length
        for validator in password_validation.get_default_password_validators()
        if isinstance(validator, password_validation.MinimumLengthValidator)
    ]
    length = f"At least {max(lengths)} characters; " if lengths else ""
    return (
        f"{length}a few words strung together work well. Not a common password, not only "
        "numbers, and not too like your name or email address."
    )


class ProfileForm(forms.ModelForm):
    preferred_location = forms.ChoiceField(required=False, label="Preferred location")

    class Meta:
        model = Profile
        fields = ("background", "years_experience", "target_role", "weekly_study_hours")
        labels = {
            "background": "Current background",
            "years_experience": "Years of professional experience",
            "target_role": "Target role",
            "weekly_study_hours": "Hours a week you can study",
        }
        widgets = {
            "years_experience": forms.NumberInput(attrs={"min": 0, "max": 60}),
            "weekly_study_hours": forms.NumberInput(attrs={"min": 0, "max": 80}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        target_role = cast(forms.ModelChoiceField, self.fields["target_role"])
        target_role.queryset = Role.objects.all()
        target_role.empty_label = "Not decided yet"
        background = cast(forms.ChoiceField, self.fields["background"])
        background.choices = [("", "Choose one")] + list(Profile.Background.choices)
        self.hubs = {hub.slug: hub for hub in Hub.objects.all()}
        cast(forms.ChoiceField, self.fields["preferred_location"]).choices = [
            ("", "No preference"),
            (REMOTE, "Remote"),
        ] + [(slug, hub.name) for slug, hub in self.hubs.items()]
        if self.instance.prefers_remote:
            self.initial["preferred_location"] = REMOTE
        elif self.instance.preferred_hub_id:
            self.initial["preferred_location"] = self.instance.preferred_hub.slug

    def clean_years_experience(self):
        return _within("years_experience", self.cleaned_data["years_experience"], 60)

    def clean_weekly_study_hours(self):
        return _within("weekly_study_hours", self.cleaned_data["weekly_study_hours"], 80)

    def save(self, commit: bool = True) -> Profile:
        location = self.cleaned_data.get("preferred_location") or ""
        self.instance.prefers_remote = location == REMOTE
        self.instance.preferred_hub = self.hubs.get(location)
        return super().save(commit=commit)


def _within(field: str, value: int | None, maximum: int) -> int | None:
    if value is not None and value > maximum:
        raise forms.ValidationError(f"Enter a number from 0 to {maximum}.")
    return value


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password
