"""Admin lists over tables that grow with the members: a page's worth of work at any size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
else:
    ModelAdmin = object

# Below this many rows an exact count is cheap enough to be worth its precision.
ESTIMATE_FROM_ROWS = 50_000
# Query parameters that page or sort a list without filtering it.
NOT_FILTERS = {"p", "o"}


class EstimatedCountPaginator(Paginator):
    """Counts a whole large PostgreSQL table from the planner's statistics (``reltuples``,
    kept by autovacuum) instead of COUNT(*), which reads every row; small tables and other
    databases are counted exactly."""

    def __init__(self, object_list, per_page, *args, **kwargs) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.table = object_list.model._meta.db_table
        self.using = object_list.db

    @cached_property
    def count(self) -> int:
        connection = connections[self.using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [self.table]
                )
                (estimate,) = cursor.fetchone()
            if estimate >= ESTIMATE_FROM_ROWS:
                return estimate
        return super().count


class LargeTableAdmin(ModelAdmin):
    """A ModelAdmin mixin: only the filtered count is taken, and the unfiltered list of a large
    table is counted from statistics. Its ``list_filter`` and ``search_fields`` should use
    indexed columns, and it should have no ``date_hierarchy`` (that asks for every distinct
    date first)."""

    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if set(request.GET) - NOT_FILTERS:
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return EstimatedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
