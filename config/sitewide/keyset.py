"""Reading a long, growing list (a member's ratings, sign-ins) page by page in plain queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db.models import Q, QuerySet

# Rows per query: a page is held in memory while it is written out.
PAGE_ROWS = 1000


def in_pages(queryset: QuerySet, moment: str, key: Callable, size: int = 0) -> Iterator:
    """The rows of ``queryset`` in order of ``moment`` then pk (both descending when
    ``moment`` starts with "-"), ``size`` (``PAGE_ROWS``) per plain query, each page starting
    after the last one's ``key(row)`` = (moment, pk).

    A short list is one query, like any list; a long one goes page by page, each found
    through an index on the owner and the moment, in the same memory whatever its length.
    Unlike ``.iterator()`` on PostgreSQL it holds no server-side cursor, which costs a
    round trip to declare and one to close: most lists of a member are short.
    """
    size = size or PAGE_ROWS
    field = moment.removeprefix("-")
    newer, older = ("lt", "lte") if moment.startswith("-") else ("gt", "gte")
    queryset = queryset.order_by(moment, moment.replace(field, "pk"))
    page = list(queryset[:size])
    while page:
        yield from page
        if len(page) < size:
            return
        at, pk = key(page[-1])
        after = Q(**{f"{field}__{newer}": at}) | Q(**{field: at, f"pk__{newer}": pk})
        page = list(queryset.filter(after, **{f"{field}__{older}": at})[:size])
