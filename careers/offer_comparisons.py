"""Saving and deleting a user's offer comparisons."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from .models import Offer, OfferComparison

MAX_SAVED_COMPARISONS = 50


class TooManyComparisons(Exception):
    """The user already keeps as many comparisons as we store for one person."""


@transaction.atomic
def save_offer_comparison(*, user, name: str, offers: Sequence[dict]) -> OfferComparison:
    """Save offers given as Offer field values (as OfferForm.offer_fields gives them)."""
    if OfferComparison.objects.for_user(user).count() >= MAX_SAVED_COMPARISONS:
        raise TooManyComparisons
    comparison = OfferComparison.objects.create(user=user, name=name)
    Offer.objects.bulk_create(
        Offer(comparison=comparison, position=position, **fields)
        for position, fields in enumerate(offers)
    )
    return comparison
