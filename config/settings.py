"""Settings for AI Careers Compass, read from environment variables with safe local defaults."""

import importlib.metadata
import os
import subprocess
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (got {value!r}).")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more (got {value!r}).")
    return number


DEBUG = env_bool("DJANGO_DEBUG", True)
# Kept apart from DEBUG, which the test runner switches off: commands that must never run
# against a live site (seed_demo) check this.
PRODUCTION_MODE = not DEBUG
# Production mode over plain HTTP on loopback, for the benchmark and browser tests only.
PLAIN_HTTP = env_bool("DJANGO_PLAIN_HTTP", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-local-development-key-not-for-production-use"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG=0) needs " + " and ".join(missing) + " to be set."
        )

INSTALLED_APPS = [
    "config.sitewide.admin_site.CompassAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "import_export",
    "simple_history",
    "config.sitewide",
    "careers",
    "assessments",
    "interviews",
]

MIDDLEWARE = [
    # Outermost: the content version is read once per request, by whatever needs it first.
    "config.sitewide.caching.content_version_per_request",
    # Next, so it sees responses as they leave: cookies set and Vary headers patched.
    "config.sitewide.caching.VisitorPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.sitewide.middleware.permissions_policy",
    "config.sitewide.middleware.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.sitewide.middleware.refuse_nul_characters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Credits each content change in the history to the staff member who made it.
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.sitewide.middleware.private_when_signed_in",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.sitewide.context_processors.site_nav",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# How long a request waits for a lock held by another writer before it gives up with a 503
# and Retry-After (config.sitewide.middleware), and how long any one statement may run.
# Short, so a stalled write frees its worker thread in seconds; see "Database faults" in the
# README.
DATABASE_LOCK_WAIT_SECONDS = 3
DATABASE_STATEMENT_SECONDS = 10

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Several server processes share one file: writers queue instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_WAIT_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={DATABASE_LOCK_WAIT_SECONDS * 1000}"
        f" -c statement_timeout={DATABASE_STATEMENT_SECONDS * 1000}"
    )
    # A migrated database on the same server that test databases are copied from, so their
    # own `migrate` finds nothing left to do (CI migrates one once for every test process).
    if template := os.environ.get("DATABASE_TEST_TEMPLATE", "").strip():
        DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "careers:home"

# How many proxies in front of the app append to X-Forwarded-For (0: clients connect
# directly, and the header is ignored as anyone can forge it). See the README.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Login throttling, kept in the database so every server process sees the same count.
# Per account and address; a stranger's failures elsewhere never lock the user out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures while locked out are not counted, so nobody can keep an account locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Sign-in logs (addresses, browsers) are kept this long, then `prune_login_logs` deletes them.
LOGIN_LOG_RETENTION_DAYS = env_int("DJANGO_LOGIN_LOG_RETENTION_DAYS", 90)
AXES_CLIENT_IP_CALLABLE = "config.sitewide.throttling.client_ip"
AXES_USERNAME_CALLABLE = "config.sitewide.throttling.attempted_username"
AXES_USERNAME_FORM_FIELD = "username"
# Across usernames, one address may fail this often per cool-off (password spraying).
LOGIN_FAILURES_PER_ADDRESS = 20
# Sign-up and password reset, per client address and per email address, each hour.
SIGNUPS_PER_ADDRESS_PER_HOUR = 10
SIGNUPS_PER_EMAIL_PER_HOUR = 3
RESETS_PER_ADDRESS_PER_HOUR = 10
RESETS_PER_EMAIL_PER_HOUR = 3
# Nobody grows the database without bound (issue 26). Assessments started without an account,
# per address each hour; a visitor's unfinished assessment, and a session holding only that,
# is kept this many days after its last change (a completed one as long as any session).
VISITOR_ASSESSMENTS_PER_ADDRESS_PER_HOUR = 20
VISITOR_UNFINISHED_DAYS = 2
# Per member: own questions kept at once, and mock interviews started in any 24 hours.
OWN_QUESTIONS_PER_MEMBER = 500
MOCK_INTERVIEWS_PER_MEMBER_PER_DAY = 20

# Import needs add and change (QuestionAdmin), export the view permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes the hashed files whitenoise serves; each live test site has its own.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 0 if DEBUG else 365 * 24 * 60 * 60

# The embedded caches: per process, so each server process keeps its own copy.
EMBEDDED_CACHES = {
    # Content read once per content version, and each user's figures keyed by what they
    # are worked out from: small values, a few MB at most.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "compass",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Whole public pages for visitors (config.sitewide.caching): about 30 KB each, so the
    # bound keeps a process's page cache under about 15 MB.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "compass-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}


def release_name() -> str:
    """What is deployed: DJANGO_RELEASE, else the checkout's git commit, else the version."""
    if name := os.environ.get("DJANGO_RELEASE", "").strip():
        return name
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    if commit:
        return commit
    try:
        return "v" + importlib.metadata.version("ai-careers-compass")
    except importlib.metadata.PackageNotFoundError:
        return "unversioned"


# Several app servers share one Redis (see the README). Keys carry the release, so a new
# release never reads pages rendered, or values pickled, by the last one.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    RELEASE = release_name()
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A stalled Redis fails a request in seconds instead of holding its thread.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": f"compass-{RELEASE}"},
        "pages": {**_redis, "KEY_PREFIX": f"compass-{RELEASE}-pages"},
    }
else:
    CACHES = EMBEDDED_CACHES

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "compass@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
# The digest is sent from cron, outside any request: its links need the site's address.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG and not PLAIN_HTTP:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Secure, host-only, path "/": a sibling subdomain cannot set or shadow them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
