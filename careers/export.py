"""The careers part of a user's "Download my data" file, and the file itself."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from . import registry
from .accounts import login_history
from .models import Offer, OfferComparison, Profile


def export_profile(user) -> dict[str, Any]:
    profiles = Profile.objects.select_related("target_role", "preferred_hub")
    profile = profiles.filter(user=user).first()
    if profile is None:
        return {}
    return {
        "background": profile.background,
        "years_experience": profile.years_experience,
        "target_role": profile.target_role.slug if profile.target_role else None,
        "preferred_location": profile.preferred_location_label or None,
        "weekly_study_hours": profile.weekly_study_hours,
        "updated_at": profile.updated_at.isoformat(),
    }


def export_offer_comparisons(user) -> list[dict[str, Any]]:
    comparisons = OfferComparison.objects.for_user(user).prefetch_related("offers__market")
    return [
        {
            "name": comparison.name,
            "created_at": comparison.created_at.isoformat(),
            "offers": [
                {
                    **{name: getattr(offer, name) for name in Offer.TERM_FIELDS},
                    "market": offer.market.slug if offer.market else None,
                }
                for offer in comparison.offers.all()
            ],
        }
        for comparison in comparisons
    ]


def user_data(user) -> dict[str, Any]:
    """Everything the app stores about one user, from every app that registered a section."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "login_history": login_history(user),
    }
    for section, exporter in registry.data_exporters.items():
        data[section] = exporter(user)
    return data
