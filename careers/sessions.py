"""The database session store, with the per-request read done without the ORM.

Every signed-in request loads its session. Django's store builds an ORM query for that,
and compiling it costs more than running it; this store sends the same precompiled
SELECT. Sessions stay in the database, so a logout or a password change ends the session
in every server process at once. Writes (login, logout, flash messages) are rare and keep
Django's code.
"""

from __future__ import annotations

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone


@cache
def _select_sql() -> str:
    quote = connection.ops.quote_name
    return "SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s".format(
        data=quote(Session._meta.get_field("session_data").column),
        table=quote(Session._meta.db_table),
        key=quote(Session._meta.get_field("session_key").column),
        expiry=quote(Session._meta.get_field("expire_date").column),
    )


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict:
        key = self.session_key
        row = None
        if key:  # None unless the cookie held a well-formed key
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.execute(_select_sql(), [key, now])
                row = cursor.fetchone()
        if row is None:
            # Unknown or expired: the same as Django's store, a new key on the next save.
            self._session_key = None
            return {}
        return self.decode(row[0])
