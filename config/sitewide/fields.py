"""Form fields that keep hostile input away from the database."""

from __future__ import annotations

from django import forms

# The range of a 64-bit primary key; SQLite cannot even bind an integer outside it.
SMALLEST_ID, LARGEST_ID = -(2**63), 2**63 - 1


class ModelMultipleIdsField(forms.ModelMultipleChoiceField):
    """Refuses ids no key can hold as an invalid choice, before any query is built
    (SQLite raises OverflowError on them instead of finding nothing)."""

    def clean(self, value):
        for item in value if isinstance(value, list | tuple) else ():
            try:
                number = int(item)
            except (TypeError, ValueError):
                continue  # Django's own check reports a non-number
            if not SMALLEST_ID <= number <= LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super().clean(value)
