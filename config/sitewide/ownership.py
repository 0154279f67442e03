"""Ownership in one place: the QuerySet every member-owned model scopes its reads through."""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to one user, fetched through ``for_user`` (views call nothing else,
    so another member's row is a missing call in review and a 404 in use)."""

    # The lookup from the row to its owner: "user", or through a parent ("application__user").
    owner_lookup: ClassVar[str] = "user"

    def for_user(self, user):
        return self.filter(**{self.owner_lookup: user})
