"""The link check runs against a local HTTP server, so it needs no network."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Certification, LearningResource
from tests import factories


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        # Like some real sites: HEAD is refused, GET works.
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response({"/ok": 200, "/moved": 301, "/gone": 404}.get(self.path, 404))
            if self.path == "/moved":
                self.send_header("Location", "/ok")
        self.end_headers()

    def do_GET(self):
        self.do_HEAD() if self.path != "/no-head" else self._ok()

    def _ok(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def resource(slug, url):
    return LearningResource.objects.create(
        slug=slug,
        title=slug,
        provider="Local",
        url=url,
        format="course",
        level=1,
        hours=1,
        is_free=True,
        source_url=url,
        checked_on="2026-12-01",
    )


def test_it_reports_only_the_dead_addresses(db, server, capsys):
    resource("alive", f"{server}/ok")
    resource("moved", f"{server}/moved")
    resource("no-head", f"{server}/no-head")
    resource("gone", f"{server}/gone")
    factories.CertificationFactory(slug="exam", official_url=f"{server}/gone-exam")
    with pytest.raises(CommandError, match="2 dead address"):
        call_command("check_resource_links", timeout=5)
    out = capsys.readouterr().out
    assert f"DEAD {server}/gone (404" in out and "resource gone" in out
    assert f"DEAD {server}/gone-exam (404" in out and "certification exam" in out
    assert "/ok " not in out and "/moved" not in out and "/no-head" not in out
    assert "3 of 5 addresses answered." in out
    # Each resource keeps its result, for the admin's freshness dashboard.
    stored = {r.slug: (r.link_status, r.link_failed) for r in LearningResource.objects.all()}
    assert stored == {
        "alive": (200, False),
        "moved": (200, False),
        "no-head": (200, False),
        "gone": (404, True),
    }


def test_it_says_so_when_there_is_no_network(db):
    # Nothing listens on port 9 of this machine: every address goes unanswered.
    resource("unreachable", "http://127.0.0.1:9/")
    with pytest.raises(CommandError, match="no network"):
        call_command("check_resource_links", timeout=2)


def test_it_passes_when_every_address_answers(db, server, capsys):
    resource("alive", f"{server}/ok")
    Certification.objects.all().delete()
    call_command("check_resource_links", timeout=5)
    assert "1 of 1 addresses answered." in capsys.readouterr().out
