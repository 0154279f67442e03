"""Admin behaviour shared by every content model: users' data is never deleted with it."""

from __future__ import annotations

from . import registry
from .content_admin import ContentAdmin

REFUSAL = (
    "{count} saved item(s) point at this: users' practice, notes, bookmarks, assessments, "
    "profiles or offers, or other content that needs it. It cannot be deleted without "
    "deleting them. Unpublish it instead where it has a “published” box, or edit it."
)


def user_data_count(objs) -> int:
    """How many rows of users' data point straight at any of ``objs`` (all of one model)."""
    objs = list(objs)
    if not objs:
        return 0
    model = type(objs[0])
    total = 0
    for user_model, field_name in registry.user_data_links:
        if user_model._meta.get_field(field_name).related_model is model:
            total += user_model._default_manager.filter(**{f"{field_name}__in": objs}).count()
    return total


class KeepUsersDataAdmin(ContentAdmin):
    """Refuses to delete content that users' data points at, and never lists that data.

    Direct links come from the registry; rows further down a cascade (the answers to a
    dimension's questions) are protected by their foreign keys and reported by Django as
    "protected", which is replaced here by a count, so no one's activity is listed.
    """

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        held = user_data_count(objs) + len(protected)
        if held:
            return [], {}, perms_needed, [REFUSAL.format(count=held)]
        return deleted, model_count, perms_needed, protected
