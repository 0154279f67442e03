"""Checks that the catalogue's addresses still answer: broken or moved links are content bugs."""

from __future__ import annotations

import datetime
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .models import LearningResource

USER_AGENT = "AI-Careers-Compass-link-check/1.0"
# Few at a time: the addresses belong to many small sites as well as large ones.
WORKERS = 4


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None  # None when no answer came at all
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def unreachable(self) -> bool:
        return self.status is None


def check_url(url: str, *, timeout: float) -> LinkResult:
    """HEAD the address, falling back to GET for servers that refuse HEAD; redirects are
    followed, so a moved page that still leads somewhere counts as alive."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return LinkResult(url=url, status=response.status)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return LinkResult(url=url, status=error.code, error=str(error.reason))
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return LinkResult(url=url, status=None, error=str(getattr(error, "reason", error)))
    return LinkResult(url=url, status=None, error="no answer")


def check_urls(urls: Iterable[str], *, timeout: float) -> list[LinkResult]:
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda url: check_url(url, timeout=timeout), unique))


def store_link_results(results: Iterable[LinkResult], *, checked_at: datetime.datetime) -> None:
    """Keep each resource's latest result, so the admin lists failed links without a shell.

    A result is a machine's observation, not an edit, so it stays out of the content history.
    """
    for result in results:
        LearningResource.objects.filter(url=result.url).update(
            link_status=result.status, link_error=result.error[:200], link_checked_at=checked_at
        )
