"""The role a member practises for: the profile's choice, else one another app suggests.

Other apps may know a target role the profile does not (e.g. the latest assessment's
recommended path); they register a function user -> RoleRef | None here. The hook is the
interviews app's own (``interviews.apps`` registers the assessment's recommendation), not
one of the platform's registries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from careers.models import Profile
from careers.selectors import RoleRef, role_by

TargetRoleProvider = Callable[[Any], "RoleRef | None"]
target_role_providers: list[TargetRoleProvider] = []


def register_target_role_provider(provider: TargetRoleProvider) -> None:
    if provider not in target_role_providers:
        target_role_providers.append(provider)


def target_role_for(*, user) -> RoleRef | None:
    """The role the user prepares for: the profile's choice first, then any provider's."""
    role_id = Profile.objects.filter(user=user).values_list("target_role_id", flat=True).first()
    return target_role_from(user=user, chosen_id=role_id)


def target_role_from(*, user, chosen_id: int | None) -> RoleRef | None:
    """``target_role_for`` when the profile's choice (``chosen_id``) was read already."""
    role = role_by(pk=chosen_id) if chosen_id is not None else None
    if role is not None:
        return role
    for provider in target_role_providers:
        role = provider(user)
        if role is not None:
            return role
    return None
