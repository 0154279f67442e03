"""The careers part of a user's "Download my data" file, and the file itself, streamed.

Each app's exporter (``registry.register_data_exporter``) returns its section: plain JSON
data, or an iterator (a generator) of rows, or a dict of either. Iterators are written row by
row as the rows are read, so the file takes the same memory whatever the member's history.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from config.sitewide import registry
from config.sitewide.accounts import login_history

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


def _about() -> dict[str, str]:
    """What each section holds: the first line of its exporter's docstring."""
    about = {
        "account": "Your username, e-mail address and when you joined and last signed in.",
        "login_history": "Each sign-in: when, from which address and browser.",
    }
    for section, exporter in registry.data_exporters.items():
        summary = (exporter.__doc__ or "").strip().split("\n")[0]
        about[section] = summary or f"Your {section.replace('_', ' ')}."
    return about


def user_data(user) -> dict[str, Any]:
    """Everything the app stores about one user, from every app that registered a section.

    Sections that are iterators are read only as the file is written (``stream_user_data``).
    """
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "about": _about(),
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


CHUNK_CHARS = 64 * 1024


def _json_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """``value`` as indented JSON, in pieces: dicts key by key, iterators row by row (each row
    is plain JSON data); anything else in one piece."""
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict) and value:
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ("," if index else "") + inner + json.dumps(key) + ": "
            yield from _json_pieces(item, depth + 1)
        yield "\n" + "  " * depth + "}"
    elif isinstance(value, Iterator):
        yield "["
        empty = True
        for row in value:
            yield ("" if empty else ",") + inner + json.dumps(row, cls=DjangoJSONEncoder)
            empty = False
        yield "]" if empty else "\n" + "  " * depth + "]"
    else:
        yield json.dumps(value, cls=DjangoJSONEncoder)


def stream_user_data(user) -> Iterator[bytes]:
    """The "Download my data" file as UTF-8 JSON, in chunks of about 64 KB as it is read."""
    pieces: list[str] = []
    size = 0
    for piece in _json_pieces(user_data(user)):
        pieces.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    pieces.append("\n")
    yield "".join(pieces).encode()


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
