"""Forms that take effect once: a random key drawn into each form, claimed with its write.

A form that arrives twice (a double click, a retry after a timeout, the same page in two
tabs) carries the same key; the second arrival finds it claimed and records nothing. The
claim is a row in the write's own transaction, so a write that fails (a 503) leaves the
key unclaimed and the user's retry counts; two arrivals at once meet at the unique
constraint, one waiting for the other.

    submission = SubmissionKeyField()            # on the form; drawn as a hidden input
    with transaction.atomic():
        earlier = claim_submission(user=user, key=form.cleaned_data["submission"])
        if earlier is None:
            ...write...
            record_outcome(user=user, key=key, outcome=url)
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction

from .models import SubmittedForm

# A repeat arrives within seconds; a day covers any retry, and the daily prune keeps it small.
KEPT_FOR = timedelta(days=1)


class SubmissionKeyField(forms.UUIDField):
    """A hidden field whose initial value is a fresh random key each time a form is drawn.

    Optional: a form drawn before the key existed, or posted by hand, records as before.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault("error_messages", {"invalid": "Reload the page and send the form again."})
        super().__init__(**kwargs)


def claim_submission(*, user, key: uuid.UUID | None) -> str | None:
    """Claim the form's key; call it inside the transaction of the write it guards.

    None: this is the form's first arrival (or it has no key), so go ahead and write.
    Otherwise the form arrived before: where its first arrival led ("" if nowhere).
    """
    if key is None:
        return None
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a repeat
            SubmittedForm.objects.create(user=user, key=key)
    except IntegrityError:
        earlier = SubmittedForm.objects.filter(user=user, key=key)
        return earlier.values_list("outcome", flat=True).first() or ""
    return None


def record_outcome(*, user, key: uuid.UUID | None, outcome: str) -> None:
    """Where the first arrival led (the question or mock it made), for a repeat to follow."""
    if key is not None:
        SubmittedForm.objects.filter(user=user, key=key).update(outcome=outcome)


def prune_submissions(*, now) -> int:
    """Forget keys older than any repeat; returns how many were deleted."""
    deleted, _ = SubmittedForm.objects.filter(submitted_at__lt=now - KEPT_FOR).delete()
    return deleted
