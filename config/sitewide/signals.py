"""Keeps cached pages and the "Content editors" group in step with the content models."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from . import caching, registry

CONTENT_EDITORS = "Content editors"


@receiver(post_save)
@receiver(post_delete)
def bump_content_version(sender, **kwargs) -> None:
    if sender in registry.content_models:
        caching.bump_content_version()


@receiver(m2m_changed)
def bump_content_version_on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and type(instance) in registry.content_models:
        caching.bump_content_version()


@receiver(post_migrate)
def grant_content_permissions(sender, using="default", **kwargs) -> None:
    """Give the editors every permission on content models, and nothing else.

    Runs after each app migrates, once auth has created that app's permissions.
    """
    group, _ = Group.objects.using(using).get_or_create(name=CONTENT_EDITORS)
    content_types = ContentType.objects.db_manager(using).get_for_models(
        *registry.content_models, for_concrete_models=False
    )
    permissions = Permission.objects.using(using).filter(content_type__in=content_types.values())
    group.permissions.add(*permissions)
