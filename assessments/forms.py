"""Forms for the questionnaire steps and the actions on a result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django import forms

from careers.models import Profile, Role
from config.sitewide.fields import ModelMultipleIdsField

from .models import AnswerOption, Certification, PathDismissal, Question
from .timeline import MIN_WEEKLY_HOURS

MAX_WEEKLY_HOURS = 80
HOURS_RANGE = f"{MIN_WEEKLY_HOURS} to {MAX_WEEKLY_HOURS}"


class BackgroundForm(forms.Form):
    background = forms.ChoiceField(
        label="Which best describes your current background?",
        choices=Profile.Background.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the background closest to yours.",
            "invalid_choice": "Choose one of the backgrounds listed.",
        },
    )
    background_other = forms.CharField(
        label="If another profession, which?",
        max_length=100,
        required=False,
        help_text="Optional. Shown in your result, so the advice speaks to your field.",
    )
    weekly_study_hours = forms.IntegerField(
        label="Hours a week you can study",
        min_value=MIN_WEEKLY_HOURS,
        max_value=MAX_WEEKLY_HOURS,
        help_text="A realistic average over the coming months; your timeline is worked out "
        "from it.",
        widget=forms.NumberInput(
            attrs={"min": MIN_WEEKLY_HOURS, "max": MAX_WEEKLY_HOURS, "inputmode": "numeric"}
        ),
        error_messages={
            "required": f"Enter the hours a week you can study, from {HOURS_RANGE}.",
            "invalid": f"Enter a whole number of hours, from {HOURS_RANGE}.",
            # No plan can be worked out at zero hours, so say so rather than promise one.
            "min_value": (
                f"A plan needs at least {MIN_WEEKLY_HOURS} hour of study a week; "
                f"enter {HOURS_RANGE}."
            ),
            "max_value": f"Enter a number of hours from {HOURS_RANGE}.",
        },
    )
    interested_roles = ModelMultipleIdsField(
        label="Roles that interest you",
        queryset=Role.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional. A role you tick counts as much as your background does.",
        error_messages={
            "invalid_choice": "Choose roles from the list.",
            "invalid_pk_value": "Choose roles from the list.",
        },
    )
    # "None yet" comes first, as it is the commonest answer.
    held_none = forms.BooleanField(required=False, label="None yet")
    held_certifications = ModelMultipleIdsField(
        label="Certifications you already hold",
        queryset=Certification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional. These count as done in your plan.",
        error_messages={
            "invalid_choice": "Choose certifications from the list.",
            "invalid_pk_value": "Choose certifications from the list.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        roles = cast(forms.ModelMultipleChoiceField, self.fields["interested_roles"])
        roles.queryset = Role.objects.order_by("sort_order", "name")
        # Only real credentials: none the guide names that does not exist, and no evidence
        # (projects, publications), which the plan asks for instead.
        held = cast(forms.ModelMultipleChoiceField, self.fields["held_certifications"])
        held.queryset = Certification.objects.held_possible().order_by("sort_order", "name")

    def step_one_data(self) -> dict:
        """What step 1 saves ("None yet" is the absence of certifications, not a value)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "held_none"}

    def clean(self):
        cleaned = super().clean()
        data = self.cleaned_data
        if data.get("held_none") and data.get("held_certifications"):
            self.add_error(
                "held_certifications",
                "Tick “None yet” or the certifications you hold, not both.",
            )
        return cleaned


class DimensionStepForm(forms.Form):
    """One required radio group per question; the choices are that question's answers only."""

    def __init__(self, *args, questions: Sequence[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.options: dict[int, AnswerOption] = {}
        for question in self.questions:
            for option in question.answer_options:
                self.options[option.pk] = option
            self.fields[self.field_name(question)] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=[(option.pk, option.text) for option in question.answer_options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the answer that fits you best.",
                    "invalid_choice": "That is not one of this question's answers; "
                    "choose one from the list.",
                },
            )

    @staticmethod
    def field_name(question: Question) -> str:
        return f"question_{question.pk}"

    def chosen_options(self) -> list[AnswerOption]:
        return [self.options[self.cleaned_data[self.field_name(q)]] for q in self.questions]


class DismissForm(forms.Form):
    path = forms.SlugField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Why is it not for you?",
        choices=PathDismissal.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a reason, so the result can remember it.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )


class PathForm(forms.Form):
    path = forms.SlugField()


class TickForm(forms.Form):
    path = forms.SlugField()
    milestone = forms.CharField(max_length=120)
    done = forms.BooleanField(required=False)
    evidence = forms.CharField(
        max_length=500,
        required=False,
        strip=True,
        label="What you made",
        help_text="A link to it, or a short note on what you did.",
    )

    def clean(self):
        cleaned = super().clean()
        data = self.cleaned_data
        # Ticking asks for the deliverable; undoing a tick asks for nothing.
        if data.get("done") and not data.get("evidence"):
            self.add_error(
                "evidence", "Add a link to what you made, or a short note on what you did."
            )
        return cleaned
