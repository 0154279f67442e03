"""A fresh database and a production-mode gunicorn on loopback, for browser, load and race tests.

Django-free on purpose: the pytest process keeps pytest-django's own test database, the benchmark
runs as a plain script, and both talk to the live site only over HTTP or through a subprocess
that runs with the site's environment.
"""

from __future__ import annotations

import fcntl
import http.cookiejar
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
PASSWORD = "a-long-live-site-password-41"  # noqa: S105 - throwaway accounts on a throwaway DB
RESULT_MARKER = "\n@@live-site-result@@"
# A test run names itself here (tests/conftest.py); its sites then migrate and load the guide
# once between them: the first keeps a copy of its prepared database and the others copy that.
PREPARED_RUN_VARIABLE = "COMPASS_PREPARED_RUN"

# Runs inside `python -c` with the site's environment; `data` comes in on stdin and whatever
# the snippet leaves in `result` goes back as JSON.
_PRELUDE = """\
import json, sys
import django
django.setup()
data = json.load(sys.stdin)
result = None
"""
_EPILOGUE = f"""
sys.stdout.write({RESULT_MARKER!r} + json.dumps(result, default=str))
"""

_CREATE_USERS = """\
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from careers.models import Profile

# One hash for every account: hashing is the slow part and the password is the same.
hashed = make_password(data["password"])
groups = list(Group.objects.filter(name__in=data["groups"]))
result = {}
for name in data["names"]:
    user = get_user_model().objects.create(
        username=name, email=f"{name}@example.com", password=hashed,
        is_staff=data["staff"], is_superuser=data["superuser"],
    )
    Profile.objects.create(user=user)
    if groups:
        user.groups.set(groups)
    session_key = None
    if data["sessions"]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        session_key = session.session_key
    result[name] = session_key
"""


class LiveSiteError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Database:
    """A database of its own: a temp SQLite file, or a new database on DATABASE_URL's server."""

    url: str
    engine: str
    _drop_name: str | None = None
    _admin_url: str | None = None

    @classmethod
    def create(cls, *, label: str, workdir: Path) -> Database:
        base = os.environ.get("DATABASE_URL", "")
        if not base or base.startswith("sqlite"):
            return cls(url=f"sqlite:///{workdir / f'{label}.sqlite3'}", engine="sqlite")
        database = cls._on_server(base, f"{label}_{secrets.token_hex(4)}")
        # From the test databases' migrated template when there is one (config/settings.py),
        # so the site's `migrate` has nothing left to do.
        template = os.environ.get("DATABASE_TEST_TEMPLATE", "").strip()
        suffix = f' TEMPLATE "{template}"' if template else ""
        _postgres(base, f'CREATE DATABASE "{database._drop_name}"{suffix}')
        return database

    @classmethod
    def prepared(cls, run: str) -> Database:
        """Where test run `run` keeps its migrated database with the guide loaded."""
        base = os.environ.get("DATABASE_URL", "")
        if not base or base.startswith("sqlite"):
            path = Path(tempfile.gettempdir()) / f"compass-prepared-{run}.sqlite3"
            return cls(url=f"sqlite:///{path}", engine="sqlite")
        return cls._on_server(base, f"prepared_{run}")

    @classmethod
    def _on_server(cls, base: str, suffix: str) -> Database:
        parts = urllib.parse.urlsplit(base)
        name = f"{parts.path.lstrip('/') or 'compass'}_{suffix}"
        url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
        return cls(url=url, engine="postgresql", _drop_name=name, _admin_url=base)

    @property
    def _path(self) -> Path:
        return Path(self.url.removeprefix("sqlite:///"))

    def exists(self) -> bool:
        if self.engine == "sqlite":
            return self._path.exists()
        import psycopg  # only needed on the PostgreSQL pass

        with psycopg.connect(self._admin_url, autocommit=True) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self._drop_name]
            )
            return found.fetchone() is not None

    def copy_from(self, source: Database) -> None:
        """Make this database a copy of `source`, which nothing may be connected to."""
        if self.engine == "sqlite":
            with (
                closing(sqlite3.connect(source._path)) as original,
                closing(sqlite3.connect(self._path)) as copy,
            ):
                original.backup(copy)
            return
        _postgres(self._admin_url, f'DROP DATABASE IF EXISTS "{self._drop_name}"')
        _postgres(
            self._admin_url, f'CREATE DATABASE "{self._drop_name}" TEMPLATE "{source._drop_name}"'
        )

    def drop(self) -> None:
        if self.engine == "sqlite":
            self._path.unlink(missing_ok=True)
        elif self._drop_name and self._admin_url:
            _postgres(self._admin_url, f'DROP DATABASE IF EXISTS "{self._drop_name}" WITH (FORCE)')
            self._drop_name = None


def _postgres(url: str | None, statement: str) -> None:
    import psycopg  # only needed on the PostgreSQL pass

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def _one_at_a_time(name: str) -> Iterator[None]:
    """Hold a lock shared by every process of this user on this machine."""
    with open(Path(tempfile.gettempdir()) / f"{name}-{os.getuid()}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def forget_prepared(run: str) -> None:
    """Drop what test run `run` kept prepared (tests/conftest.py, when the run ends)."""
    Database.prepared(run).drop()


def site_environment(
    database_url: str, *, static_root: Path, redis_url: str = ""
) -> dict[str, str]:
    """Production mode over plain HTTP on loopback; none of the caller's DJANGO_* leaks in.

    Nor does the caller's REDIS_URL: a site caches in Redis only when given ``redis_url``,
    and then under a release name of its own, so two sites never read each other's keys.

    The site's static files are its own too (``static_root``): a collectstatic rewrites each
    hashed file (delete, then save), and a server starting beside it on a shared folder failed
    to boot when whitenoise's scan met a file in that gap.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "REDIS_URL"
    }
    if redis_url:
        env.update(REDIS_URL=redis_url, DJANGO_RELEASE=f"live-{secrets.token_hex(6)}")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_PLAIN_HTTP="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(static_root),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def forget_release(redis_url: str, release: str) -> None:
    """Delete what a site with ``redis_url`` cached under its release name."""
    import redis  # only needed where a site caches in Redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"compass-{release}*"):
        client.delete(key)
    client.close()


@dataclass
class LiveSite:
    """A prepared database plus a gunicorn serving it; `url` has no trailing slash."""

    database: Database
    env: dict[str, str]
    workdir: Path
    workers: int = 4
    port: int = 0
    process: subprocess.Popen | None = None
    timings: dict[str, float] = field(default_factory=dict)
    gunicorn_args: list[str] = field(default_factory=list)  # e.g. a --config for the benchmark

    # -- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls, *, label: str, workdir: Path | None = None, workers: int = 4, redis_url: str = ""
    ) -> LiveSite:
        workdir = workdir or Path(tempfile.mkdtemp(prefix=f"compass-{label}-"))
        database = Database.create(label=label, workdir=workdir)
        return cls(
            database=database,
            env=site_environment(database.url, static_root=workdir / "static", redis_url=redis_url),
            workdir=workdir,
            workers=workers,
        )

    def prepare(self) -> None:
        """Migrate, load the guide and collect the hashed static files, as a deployment does.

        In a test run that names itself (PREPARED_RUN_VARIABLE), only the run's first site
        migrates and loads; the others copy its database as it was then, in about a second.
        """
        run = os.environ.get(PREPARED_RUN_VARIABLE)
        if not run:
            self._migrate_and_load()
        else:
            with _one_at_a_time(f"compass-prepared-{run}"):
                prepared = Database.prepared(run)
                if prepared.exists():
                    started = time.monotonic()
                    self.database.copy_from(prepared)
                    self.timings["copy prepared"] = time.monotonic() - started
                else:
                    self._migrate_and_load()
                    prepared.copy_from(self.database)
        self._timed("collectstatic", "collectstatic", "--noinput")

    def _migrate_and_load(self) -> None:
        self._timed("migrate", "migrate", "--noinput")
        self._timed("load_guide", "load_guide")

    def start(self, *, timeout: float = 60) -> None:
        self.port = free_port()
        log = open(self.workdir / "gunicorn.log", "ab")  # noqa: SIM115 - lives as long as the server
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-tmp-dir",
                "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir(),
                "--graceful-timeout",
                "5",
                # Its default path is one per user: servers of parallel tests would share it.
                "--no-control-socket",
                *self.gunicorn_args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LiveSiteError(
                    f"gunicorn exited with {self.process.returncode}:\n{self.log()}"
                )
            if self._healthy():
                self.timings["start"] = time.monotonic() - started
                return
            time.sleep(0.1)
        self.stop()
        raise LiveSiteError(f"gunicorn did not answer /healthz in {timeout} s:\n{self.log()}")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def close(self) -> None:
        self.stop()
        self.database.drop()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log(self, tail: int = 60, *, since: int = 0) -> str:
        """The server's output (gunicorn and Django's log): the last `tail` lines after `since`."""
        path = self.workdir / "gunicorn.log"
        if not path.exists():
            return ""
        with open(path, "rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        return "\n".join(lines[-tail:])

    def log_mark(self) -> int:
        """A position in the server's log, for log(since=...)."""
        path = self.workdir / "gunicorn.log"
        return path.stat().st_size if path.exists() else 0

    # -- the site's database, through a subprocess with the site's environment -------------

    def manage(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise LiveSiteError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def run_django(self, code: str, **data: Any) -> Any:
        """Run `code` with Django set up against the site's database; returns its `result`.

        `data` (JSON-serialisable keyword arguments) is available to the code as `data`.
        """
        result = subprocess.run(
            [sys.executable, "-c", _PRELUDE + code + _EPILOGUE],
            cwd=ROOT,
            env=self.env,
            input=json.dumps(data),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0 or RESULT_MARKER not in result.stdout:
            raise LiveSiteError(f"Django snippet failed:\n{code}\n{result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.rsplit(RESULT_MARKER, 1)[1])

    def create_users(
        self,
        names: list[str],
        *,
        password: str = PASSWORD,
        staff: bool = False,
        superuser: bool = False,
        groups: tuple[str, ...] = (),
        sessions: bool = False,
    ) -> dict[str, str | None]:
        """Create users (each with a profile, as sign-up does); returns name → session key.

        With sessions=True each user also gets a signed-in session made on the server, so a
        client can send `sessionid=<key>` without paying for a password hash per login.
        """
        return self.run_django(
            _CREATE_USERS,
            names=names,
            password=password,
            staff=staff,
            superuser=superuser,
            groups=list(groups),
            sessions=sessions,
        )

    def client(self) -> HttpClient:
        return HttpClient(self.url)

    def _timed(self, label: str, *args: str) -> None:
        started = time.monotonic()
        self.manage(*args)
        self.timings[label] = time.monotonic() - started


# -- a small HTTP client with cookies and CSRF, for logins, load and race tests --------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str
    url: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    # Callers check the redirect itself (a POST answered with 302 is the success signal).
    def redirect_request(self, *args, **kwargs):
        return None


class HttpClient:
    """One browser-like session: a cookie jar, Django's CSRF token on every POST, no redirects."""

    def __init__(self, base_url: str, *, timeout: float = 30) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def set_cookie(self, name: str, value: str) -> None:
        host = urllib.parse.urlsplit(self.base_url).hostname
        self.cookies.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )  # fmt: skip
        )

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> Response:
        return self._send(urllib.request.Request(self.base_url + path, headers=headers or {}))

    def post(
        self, path: str, data: dict[str, Any] | list[tuple[str, Any]], **headers: str
    ) -> Response:
        """POST a form; fetches a page first when there is no CSRF cookie yet."""
        if self.cookie("csrftoken") is None:
            self.get(path)
        token = self.cookie("csrftoken") or ""
        items = list(data.items()) if isinstance(data, dict) else list(data)
        body = urllib.parse.urlencode([*items, ("csrfmiddlewaretoken", token)]).encode()
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
            method="POST",
        )
        return self._send(request)

    def login(self, username: str, password: str = PASSWORD) -> None:
        """Sign in through the login form, as a person would."""
        self.get("/accounts/login/")
        response = self.post("/accounts/login/", {"username": username, "password": password})
        if response.status != 302:
            raise LiveSiteError(f"login as {username} failed: {response.status}\n{response.text}")

    def _send(self, request: urllib.request.Request) -> Response:
        try:
            with self._opener.open(request, timeout=self.timeout) as raw:
                return _response(raw, raw.status)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            with error:
                return _response(error, error.code)


def _response(raw, status: int) -> Response:
    headers = {key.lower(): value for key, value in raw.headers.items()}
    return Response(
        status=status, headers=headers, text=raw.read().decode(errors="replace"), url=raw.url
    )
