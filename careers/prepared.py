"""ORM queries compiled once per connection and rerun with new values.

The reads every signed-in page makes (the user's card on a question, their bookmarks, their
notes) are tiny: the database answers them in tens of microseconds, while the ORM spends
several hundred building and compiling the query each time. A prepared query is written
with the ORM as usual, compiled once, and then run straight through the cursor with the
ORM's own converters and ``from_db``, so its results are exactly what the queryset would
give.

    card_for = PreparedQuery(
        lambda user_id, question_id: CardState.objects.filter(
            user_id=user_id, question_id=question_id
        )[:1]
    )
    cards = card_for(user_id=user.pk, question_id=question.pk)  # a list of CardState

Parameters are whole numbers (ids): the query is compiled with a distinct placeholder
number for each one, and whatever else the queryset holds (constants, limits) is fixed.
Plain model rows, ``values_list()`` and ``values_list(flat=True)`` are supported; anything
else (``select_related``, annotations, ``values()``) is refused when the query is first
compiled, so a misuse fails in tests rather than returning wrong rows.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable

# Placeholder ids no real row has, one per parameter: negative, and within a 32-bit integer
# column's range (outside it, Django compiles the lookup to "no rows" instead of SQL).
_PLACEHOLDER_BASE = -2_147_000_001


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple  # a parameter's name (str) where a value goes, else the fixed value
    converters: tuple  # (column index, converter functions, expression)
    model: type | None  # rows become instances of this model
    field_names: tuple[str, ...]  # attnames, for from_db
    flat: bool


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.names = tuple(inspect.signature(build).parameters)
        self._model = None  # the queryset's model, for the database router
        # One compiled form per connection object (each thread has its own).
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, **values: int) -> list[Any]:
        if set(values) != set(self.names):
            raise TypeError(f"expected values for {', '.join(self.names)}")
        for name, value in values.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if self._model is None:
            self._model = self.build(**dict.fromkeys(self.names, 0)).model
        queryset_db = router.db_for_read(self._model)
        connection = connections[queryset_db]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(connection)
        params = [values[p] if isinstance(p, str) else p for p in compiled.params]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = [self._convert(row, compiled.converters, connection) for row in rows]
        if compiled.model is not None:
            model, names = compiled.model, compiled.field_names
            return [model.from_db(queryset_db, names, row) for row in rows]
        if compiled.flat:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    @staticmethod
    def _convert(row, converters, connection) -> list:
        row = list(row)
        for position, functions, expression in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return row

    def _compile(self, connection) -> _Compiled:
        placeholders = {name: _PLACEHOLDER_BASE - n for n, name in enumerate(self.names)}
        queryset = self.build(**placeholders)
        query = queryset.query
        if query.annotation_select or query.extra_select or query.select_related:
            raise ValueError("prepared queries take plain rows: no annotations or joins out")
        if queryset._iterable_class not in (
            ModelIterable,
            ValuesListIterable,
            FlatValuesListIterable,
        ):
            raise ValueError("prepared queries return models or values_list() rows")
        compiler = query.get_compiler(connection=connection)
        sql, raw_params = compiler.as_sql()
        by_value = {value: name for name, value in placeholders.items()}
        params = tuple(
            by_value.get(value, value) if isinstance(value, int) else value for value in raw_params
        )
        missing = set(self.names) - {p for p in params if isinstance(p, str)}
        if missing:
            raise ValueError(f"parameters not used by the query: {', '.join(sorted(missing))}")
        expressions = [column for column, _sql, _alias in compiler.select]
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(expressions).items()
        )
        model = field_names = None
        if queryset._iterable_class is ModelIterable:
            model = compiler.klass_info["model"]
            field_names = tuple(column.target.attname for column in expressions)
        return _Compiled(
            sql=sql,
            params=params,
            converters=converters,
            model=model,
            field_names=field_names or (),
            flat=queryset._iterable_class is FlatValuesListIterable,
        )
