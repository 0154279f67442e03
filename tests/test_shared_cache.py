"""Issue 24 item 4: REDIS_URL switches both caches to one Redis, keyed per release."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.live_site import ROOT
from tests.settings_probe import settings_in_a_fresh_process

REDIS = "django.core.cache.backends.redis.RedisCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def test_it_keeps_the_embedded_caches_without_redis():
    caches = settings_in_a_fresh_process("CACHES", REDIS_URL="")
    assert {alias: cache["BACKEND"] for alias, cache in caches.items()} == {
        "default": LOCMEM,
        "pages": LOCMEM,
    }


def test_it_serves_both_caches_from_redis_when_asked():
    caches = settings_in_a_fresh_process(
        "CACHES", REDIS_URL="redis://cache.internal:6379/3", DJANGO_RELEASE="2026-12-06.1"
    )
    assert {alias: cache["BACKEND"] for alias, cache in caches.items()} == {
        "default": REDIS,
        "pages": REDIS,
    }
    assert {cache["LOCATION"] for cache in caches.values()} == {"redis://cache.internal:6379/3"}
    # Each release and each alias has keys of its own.
    assert caches["default"]["KEY_PREFIX"] == "compass-2026-12-06.1"
    assert caches["pages"]["KEY_PREFIX"] == "compass-2026-12-06.1-pages"


def test_a_new_release_never_reads_the_last_ones_keys():
    prefixes = {
        settings_in_a_fresh_process(
            "CACHES", REDIS_URL="redis://127.0.0.1:6379/3", DJANGO_RELEASE=release
        )["pages"]["KEY_PREFIX"]
        for release in ("4f1c2a9e0b7d", "9b0e3d2c1a4f")
    }
    assert len(prefixes) == 2


def test_it_names_the_release_by_its_git_commit_by_default():
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the release is then the package version")
    caches = settings_in_a_fresh_process(
        "CACHES", REDIS_URL="redis://127.0.0.1:6379/3", DJANGO_RELEASE=""
    )
    assert caches["default"]["KEY_PREFIX"] == f"compass-{commit}"
