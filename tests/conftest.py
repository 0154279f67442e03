import io
import json
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.template.base import Template
from django.test import override_settings
from django.test.utils import instrumented_test_render
from django.urls import reverse

from config.sitewide.models import ContentVersion, LoadedValue
from tests import factories
from tests.e2e.live_site import PREPARED_RUN_VARIABLE, forget_prepared


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # The real hasher is slow on purpose; tests create hundreds of users.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# Captured as this module is imported, before pytest-django's test set-up replaces it.
_PRODUCTION_RENDER = Template._render


@pytest.fixture(autouse=True, scope="session")
def _rendered_as_in_production(django_test_environment):
    """Templates render as in production, unless a test is marked `template_context`.

    Django's test set-up makes every template render send a signal, and the test client then
    copies each template's context for `response.context`. Without that, the same HTML costs
    less: 16 % less per page (tests/test_fuzz.py's URL parameters: 43.9 s against 36.6 s), and
    the SQLite pass 359 against 413 CPU-seconds.
    """
    assert _PRODUCTION_RENDER is not instrumented_test_render, "captured after set-up"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "_render", _PRODUCTION_RENDER)
        yield


@pytest.fixture(autouse=True)
def _template_context(request):
    # `response.context` and `response.templates` are there only for a test that asks.
    if request.node.get_closest_marker("template_context") is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "_render", instrumented_test_render)
        yield


@pytest.fixture(autouse=True, scope="session")
def _embedded_caches():
    # In-process tests keep the per-process caches even when REDIS_URL is set: Redis's
    # clear() empties its whole database, which parallel test workers would share. The
    # two-server test (tests/test_two_servers.py) runs the site on Redis.
    with override_settings(CACHES=settings.EMBEDDED_CACHES):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The caches are per process; tests must not see each other's.
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def download_my_data():
    """``download(client)``: the "Download my data" file, read to its end as a browser saves
    it (the response is streamed), and parsed."""

    def download(client) -> dict:
        response = client.get(reverse("accounts:export_data"))
        assert response.status_code == 200
        return json.loads(b"".join(response.streaming_content))

    return download


@pytest.fixture
def password():
    return factories.PASSWORD


@pytest.fixture
def alice(db):
    return factories.UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return factories.UserFactory(username="bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def editor(db):
    """A staff member in the Content editors group, as the migrations define it."""
    user = factories.UserFactory(username="erin", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _content_models() -> list:
    """The models of our apps plus their auto-created M2M tables, parents before children,
    and what the loader remembers writing."""
    found = [LoadedValue]
    for app in ("careers", "assessments", "interviews"):
        for model in apps.get_app_config(app).get_models():
            found.append(model)
            found += [
                field.remote_field.through
                for field in model._meta.local_many_to_many
                if field.remote_field.through._meta.auto_created
            ]
    ordered: list = []
    while len(ordered) < len(found):
        for model in found:
            parents = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and field.related_model in found
            } - {model}
            if model not in ordered and parents <= set(ordered):
                ordered.append(model)
    return ordered


@pytest.fixture(scope="session")
def _guide_rows(django_db_setup, django_db_blocker):
    """The guide's content, loaded once per test session and kept as database-ready rows.

    Running load_guide costs over a second a test; copying its rows back costs a tenth with
    bulk_create, and a fraction of that as one COPY (PostgreSQL) or executemany (SQLite) per
    table, the values converted for the database once here.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_guide", stdout=io.StringIO())
        tables = []
        for model in _content_models():
            fields = model._meta.concrete_fields
            rows = [
                tuple(
                    field.get_db_prep_save(getattr(obj, field.attname), connection)
                    for field in fields
                )
                for obj in model._base_manager.order_by("pk")
            ]
            if rows:
                tables.append((model, [field.column for field in fields], rows))
        # Check the deferred foreign keys now, before the rollback skips them: the copies
        # below go in without queuing those checks again.
        connection.check_constraints()
        # By (app label, model): a flush gives them new ids (GuideCopy.current_tables).
        copy = GuideCopy(tables=tables, content_types=_content_type_ids())
        transaction.set_rollback(True)
    return copy


@cache
def _may_skip_foreign_key_triggers() -> bool:
    """On PostgreSQL as a superuser (as CI and the README's setup connect), triggers can be
    switched off for a bulk copy; anywhere else the rows are checked as usual."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return cursor.fetchone()[0]


def _content_type_ids() -> dict[tuple[str, str], int]:
    return {
        (app_label, model): pk
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


@dataclass
class GuideCopy:
    """The guide's rows ready for the database, and the content type ids they point at."""

    tables: list
    content_types: dict[tuple[str, str], int]

    def current_tables(self) -> list:
        """The rows, pointing at each content type by its id now.

        A test that commits ends by flushing the database, which makes the content types again
        under new ids; what the loader remembers writing points at them, so the copy follows
        them once and keeps the result.
        """
        now = _content_type_ids()
        moved = {pk: now[key] for key, pk in self.content_types.items() if now.get(key, pk) != pk}
        if moved:
            self.tables = [
                (model, columns, _content_types_moved(model, rows, moved))
                for model, columns, rows in self.tables
            ]
            self.content_types = now
        return self.tables


def _content_types_moved(model, rows: list, moved: dict[int, int]) -> list:
    fields = model._meta.concrete_fields
    at = {n for n, field in enumerate(fields) if field.related_model is ContentType}
    if not at:
        return rows
    return [
        tuple(moved.get(value, value) if n in at else value for n, value in enumerate(row))
        for row in rows
    ]


def _insert_guide(guide: GuideCopy) -> None:
    tables = guide.current_tables()
    quote = connection.ops.quote_name
    # One transaction (a savepoint inside a test's), so rows that point at rows inserted
    # after them pass the deferred foreign-key checks in autocommit tests too.
    with transaction.atomic(), connection.cursor() as cursor:
        unchecked = _may_skip_foreign_key_triggers()
        if unchecked:
            # The guide's rows were checked in _guide_rows: queue no foreign-key check for
            # each of the 9,600 (a test's end runs the queue, 65 ms each time).
            cursor.execute("SET LOCAL session_replication_role = replica")
        for model, columns, rows in tables:
            table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        if unchecked:
            cursor.execute("SET LOCAL session_replication_role = origin")
        # Rows went in with their primary keys: move PostgreSQL's sequences past them.
        models = [model for model, _, _ in tables]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    ContentVersion.bump()


@pytest.fixture
def guide(request, db, _guide_rows):
    """The guide's content as `make run` loads it."""
    if "guide_for_module" not in request.fixturenames:
        _insert_guide(_guide_rows)


@pytest.fixture(scope="module")
def guide_for_module(_guide_rows, django_db_blocker):
    """The guide's content once for a module whose every test reads it:
    ``pytestmark = pytest.mark.usefixtures("guide_for_module")``.

    Its rows go in inside a transaction held for the module; each test's own transaction is
    a savepoint within it, so a test's writes are undone and the guide's rows stay for the
    next. Copying the rows once instead of once a test saves about 0.1–0.3 s a test. A test
    that commits (transactional_db) cannot run inside it: collection refuses the mix.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _insert_guide(_guide_rows)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def with_guide(_guide_rows, django_db_blocker):
    """``with with_guide(): ...``: the guide's content in the database for the block only,
    rolled back at its end. For a module-scoped fixture that works out plain values from the
    content once, where `guide` would repeat the work for every test. Mark the tests
    `django_db`, so the test database is set up even when they run alone."""

    @contextmanager
    def block():
        with django_db_blocker.unblock(), transaction.atomic():
            _insert_guide(_guide_rows)
            yield
            transaction.set_rollback(True)

    return block


@pytest.fixture
def role_factory(db):
    return factories.RoleFactory


@pytest.fixture
def hub_factory(db):
    return factories.HubFactory


@pytest.fixture
def market_factory(db):
    return factories.MarketFactory


@pytest.fixture
def salary_band_factory(db):
    return factories.SalaryBandFactory


@pytest.fixture
def user_factory(db):
    return factories.UserFactory


def pytest_configure(config) -> None:
    """Name the run, so its live sites (the browser and two-server tests) migrate and load the
    guide once between them. The xdist workers inherit the name."""
    if not hasattr(config, "workerinput"):
        os.environ[PREPARED_RUN_VARIABLE] = secrets.token_hex(6)


def pytest_unconfigure(config) -> None:
    run = os.environ.pop(PREPARED_RUN_VARIABLE, None)
    if run and not hasattr(config, "workerinput"):
        forget_prepared(run)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups from the marks
def pytest_collection_modifyitems(items) -> None:
    """Every test under tests/e2e drives a browser: mark it, so CI can run those once.

    They also form one xdist group (`--dist loadgroup`): one worker runs them in file order,
    so the site and Chromium are started once, not at each switch of files.
    A test that commits cannot share guide_for_module's transaction: that mix stops the run.
    """
    e2e_dir = Path(__file__).resolve().parent / "e2e"
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = "transactional_db" in item.fixturenames or (
            marker is not None and marker.kwargs.get("transaction", False)
        )
        if commits and "guide_for_module" in item.fixturenames:
            raise pytest.UsageError(
                f"{item.nodeid} commits, so it cannot run inside guide_for_module's transaction"
            )
        if e2e_dir in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))
