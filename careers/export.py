"""The careers sections of a user's "Download my data" file (``config.sitewide.export``)."""

from __future__ import annotations

from typing import Any

from .models import Application, DigestSend, Offer, OfferComparison, Profile, ReminderSettings

OFFER_TERM_FIELDS = (
    "offer_base_usd",
    "offer_bonus_usd",
    "offer_sign_on_usd",
    "offer_equity_grant_usd",
)


def export_profile(user) -> dict[str, Any]:
    """Your profile: background, experience, target role, location and weekly study hours."""
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
    """Your offer comparisons, with the terms of each offer."""
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


def export_applications(user) -> list[dict[str, Any]]:
    applications = (
        Application.objects.for_user(user)
        .select_related("role", "market")
        .prefetch_related("stage_changes", "contacts")
    )
    return [
        {
            "company": application.company,
            "role": application.role.slug if application.role else None,
            "role_title": application.role_title,
            "posting_url": application.posting_url,
            "posting_text": application.posting_text,
            "market": application.market.slug if application.market else None,
            "location": application.location,
            "stage": application.stage,
            "stage_changes": [
                {"stage": change.stage, "changed_on": change.changed_on.isoformat()}
                for change in application.stage_changes.all()
            ],
            "contacts": [
                {"name": contact.name, "role": contact.role, "how_met": contact.how_met}
                for contact in application.contacts.all()
            ],
            "notes": application.notes,
            "next_action": application.next_action,
            "next_action_on": (
                application.next_action_on.isoformat() if application.next_action_on else None
            ),
            "offer": {name: getattr(application, name) for name in OFFER_TERM_FIELDS},
            "created_at": application.created_at.isoformat(),
        }
        for application in applications
    ]


def export_reminder_settings(user) -> dict[str, Any]:
    row = ReminderSettings.objects.filter(user=user).first()
    return {
        "digest": row.digest if row else ReminderSettings.Frequency.OFF,
        "calendar_feed": bool(row and row.calendar_token),
        "digests_sent": list(
            DigestSend.objects.filter(user=user)
            .order_by("claimed_at")
            .values_list("period", flat=True)
        ),
    }
