"""The form of an interview round to come."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .models import InterviewRound

LATEST_YEAR = 2100


class RoundForm(forms.ModelForm):
    class Meta:
        model = InterviewRound
        fields = ("kind", "starts_at", "with_whom")
        labels = {"kind": "Kind of round", "starts_at": "When", "with_whom": "With whom"}
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now():
            raise forms.ValidationError("A round to come cannot be in the past.")
        if starts_at.year > LATEST_YEAR:
            raise forms.ValidationError(f"Enter a date before {LATEST_YEAR}.")
        return starts_at
