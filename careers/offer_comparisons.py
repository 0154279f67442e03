"""Saving and deleting a user's offer comparisons."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from .models import Offer, OfferComparison
from .pay import OfferTerms

MAX_SAVED_COMPARISONS = 50


class TooManyComparisons(Exception):
    """The user already keeps as many comparisons as we store for one person."""


@transaction.atomic
def save_offer_comparison(*, user, name: str, offers: Sequence[OfferTerms]) -> OfferComparison:
    if OfferComparison.objects.for_user(user).count() >= MAX_SAVED_COMPARISONS:
        raise TooManyComparisons
    comparison = OfferComparison.objects.create(user=user, name=name)
    Offer.objects.bulk_create(
        Offer(
            comparison=comparison,
            label=terms.label,
            base_usd=terms.base_usd,
            equity_usd_per_year=terms.equity_usd_per_year,
            bonus_usd=terms.bonus_usd,
            market=terms.market,
            position=position,
        )
        for position, terms in enumerate(offers)
    )
    return comparison
