"""Many members fast, for the benchmark at 200,000: copies of the seeded demo members, made in
PostgreSQL with one INSERT … SELECT per table.

    python -m tests.bench.members --total 200000     # against DATABASE_URL, after seed_demo

``seed_demo`` writes each member through Python (a minute per 2,000 on a shared machine);
copying its members and everything that hangs on them inside the database takes seconds per
100,000. Copy k of a row gets the id ``id + k × max(id)`` of its table, and every foreign key to
a copied table moves the same way, so copies never collide and keep their own rows; usernames
and e-mail addresses get ``-c<k>``. Only tables that hold rows of the members are copied (found
from the foreign keys to ``auth_user``, and the foreign keys to those), never content.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import DatabaseError, connection, transaction  # noqa: E402

USERS = "auth_user"
# Tables that point at a user without holding that user's rows (content history, admin log).
NOT_MEMBER_ROWS = ("history_user_id",)
UNIQUE_TEXT = {USERS: ("username", "email")}
# A seeded assessment's stored result is about 250 KB of JSON: 200,000 copies would fill the
# disk. Copies keep every other column (so admin lists see them as they are) and no result;
# the member pages are measured on original members.
COPIED_AS = {"assessments_assessment": {"result": "NULL"}}

_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
"""


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def member_tables(cursor) -> dict[str, dict[str, str]]:
    """Tables holding members' rows, users first, each with its foreign keys to the others."""
    cursor.execute(_FOREIGN_KEYS)
    keys = cursor.fetchall()
    tables: dict[str, dict[str, str]] = {USERS: {}}
    for _depth in range(3):
        for table, column, parent in keys:
            if parent in tables and column not in NOT_MEMBER_ROWS and table != parent:
                tables.setdefault(table, {})[column] = parent
    for table, column, parent in keys:  # self-references (an assessment's previous one)
        if table == parent and table in tables:
            tables[table][column] = parent
    return tables


def _source_rows(table: str, parents: dict[str, str], strides: dict[str, int], sources) -> str:
    """The WHERE clause picking a table's original rows that belong to an original member
    (``sources`` holds the clauses of the tables before it)."""
    if table == USERS:
        return f"id <= {strides[USERS]}"
    # A table keyed by its user (one row per member) has no id of its own.
    own = f"id <= {strides[table]} AND " if strides[table] else ""
    owners = [
        f"{column} IS NOT NULL"
        if parent == USERS
        else f"{column} IN (SELECT id FROM {parent} WHERE {sources[parent]})"
        for column, parent in parents.items()
        if parent != table
    ]
    return f"{own}({' OR '.join(owners)})"


def _skip_key_checks(cursor) -> None:
    """Copies point only at copies (the test says so): checking millions of foreign keys at
    commit takes longer than the copy. Only a superuser may switch the checks off."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass  # the keys are checked at commit: slower, as correct


def clone_members(total: int) -> dict[str, int]:
    """Copy the members (all users; none may be staff) until there are ``total``; returns the
    rows written per table."""
    with connection.cursor() as cursor:
        # Millions of rows in one statement: past the site's statement timeout.
        cursor.execute("SET statement_timeout = 0")
        cursor.execute(f"SELECT count(*), count(*) FILTER (WHERE is_staff) FROM {USERS}")
        members, staff = cursor.fetchone()
        if staff or not members or total % members:
            raise SystemExit(
                f"Run on a database with seed_demo's members only (no staff), and ask for a "
                f"multiple of their number ({members})."
            )
        copies = total // members - 1
        tables = member_tables(cursor)
        columns = {table: _columns(cursor, table) for table in tables}
        strides, empty = {}, set()
        for table in tables:
            cursor.execute(f"SELECT count(*) = 0 FROM {table}")  # noqa: S608
            if cursor.fetchone()[0]:
                empty.add(table)
            strides[table] = 0
            if "id" in columns[table]:
                cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608
                strides[table] = cursor.fetchone()[0]
        sources: dict[str, str] = {}
        while len(sources) < len(tables):  # each table after the tables it points at
            for table, parents in tables.items():
                if table not in sources and set(parents.values()) <= {*sources, table}:
                    sources[table] = _source_rows(table, parents, strides, sources)
        written = {}
        with transaction.atomic():
            _skip_key_checks(cursor)
            for table, parents in tables.items():
                if table in empty:
                    continue
                select = []
                for column in columns[table]:
                    if column == "id":
                        select.append(f"id + k * {strides[table]}")
                    elif parents.get(column) in (USERS, table):
                        select.append(f"{column} + k * {strides[parents[column]]}")
                    elif column in parents:
                        # A table only partly copied (members' own questions among the
                        # bank's): a reference moves only to a row that was copied.
                        parent = parents[column]
                        copied = f"SELECT id FROM {parent} WHERE {sources[parent]}"  # noqa: S608
                        select.append(
                            f"CASE WHEN {column} IN ({copied}) "
                            f"THEN {column} + k * {strides[parent]} ELSE {column} END"
                        )
                    elif column in COPIED_AS.get(table, {}):
                        select.append(COPIED_AS[table][column])
                    elif column in UNIQUE_TEXT.get(table, ()):
                        select.append(f"{column} || '-c' || k")
                    else:
                        select.append(column)
                cursor.execute(
                    f"INSERT INTO {table} SELECT {', '.join(select)} "  # noqa: S608
                    f"FROM {table}, generate_series(1, {copies}) AS k "
                    f"WHERE {sources[table]}"
                )
                written[table] = cursor.rowcount
                if strides[table]:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"(SELECT max(id) FROM {table}))",  # noqa: S608
                        [table],
                    )
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, required=True, help="members wanted in all")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print("Copying members needs PostgreSQL (set DATABASE_URL).", file=sys.stderr)
        return 2
    started = time.monotonic()
    written = clone_members(args.total)
    rows = ", ".join(f"{table} {count:,}" for table, count in written.items())
    print(f"Copied in {time.monotonic() - started:.0f} s: {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
