"""What the user does with a result: set a path aside, tick a milestone, target its role."""

from __future__ import annotations

from careers.models import Profile, Role

from .models import Assessment, MilestoneTick, PathDismissal


def dismiss_path(*, assessment: Assessment, path_slug: str, reason: str) -> None:
    """ "Not for me": hide a path from the result, remembering why."""
    # update_or_create retries on the unique constraint, so a double submit is harmless.
    PathDismissal.objects.update_or_create(
        assessment=assessment, path_slug=path_slug, defaults={"reason": reason}
    )


def restore_path(*, assessment: Assessment, path_slug: str) -> None:
    PathDismissal.objects.filter(assessment=assessment, path_slug=path_slug).delete()


def set_milestone_done(
    *, assessment: Assessment, path_slug: str, milestone_key: str, done: bool, evidence: str = ""
) -> None:
    """Tick a milestone off with what was made for it, or undo the tick."""
    ticks = MilestoneTick.objects.filter(
        assessment=assessment, path_slug=path_slug, milestone_key=milestone_key
    )
    if not done:
        ticks.delete()
        return
    # A double submit keeps the first tick and its date (get_or_create handles the race).
    MilestoneTick.objects.get_or_create(
        assessment=assessment,
        path_slug=path_slug,
        milestone_key=milestone_key,
        defaults={"evidence": evidence},
    )


def make_target_role(*, user, role_slug: str) -> Role | None:
    """Set the profile's target role to a result's role; None if that role no longer exists."""
    role = Role.objects.filter(slug=role_slug).first()
    if role is None:
        return None
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.target_role = role
    profile.save(update_fields=["target_role", "updated_at"])
    return role
