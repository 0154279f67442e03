"""The model authentication backend, with the per-request user read prepared once.

``get_user`` runs on every signed-in request. Django's backend compiles an ORM query for
it each time; this one runs the same query prepared once per connection (see
``careers.prepared``). Everything else (passwords, permissions, ``is_active``) is Django's.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError

from .prepared import PreparedQuery

_user = PreparedQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk))


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:  # a tampered session
            return None
        user = next(iter(_user(pk=pk)), None)
        return user if user is not None and self.user_can_authenticate(user) else None
