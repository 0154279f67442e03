"""Site-wide behaviour: settings, security headers, health check, templates, admin."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key-for-the-test",
    "DJANGO_ALLOWED_HOSTS": "compass.example.com",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_prints_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_or_hosts(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"needs {missing}" in result.stderr


def test_healthz_is_tiny_and_sessionless(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Set-Cookie" not in response.headers


def test_security_headers_and_strict_csp(client, db):
    response = client.get(reverse("careers:home"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_base_layout_has_landmarks_skip_link_and_local_htmx(client, db):
    content = client.get(reverse("careers:home")).content.decode()
    assert 'href="#main"' in content
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in content
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js', content)
    assert '"includeIndicatorStyles": false' in content
    assert "http://" not in content.replace("http://www.w3.org", "")
    assert "https://" not in content


def test_signed_in_pages_send_the_csrf_token_with_htmx(alice_client):
    content = alice_client.get(reverse("accounts:profile")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in content
    assert "alice" in content
    assert 'action="/accounts/logout/"' in content


def test_templates_have_no_inline_script_style_or_hx_on():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|<style|hx-on", text):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_unknown_page_is_a_404_in_the_site_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "find that page" in content
    assert 'class="site-header"' in content


def test_admin_is_branded(admin_client):
    response = admin_client.get("/admin/")
    assert "AI Careers Compass" in response.content.decode()


def test_admin_pages_carry_the_site_icon_and_name_the_two_question_models_apart(admin_client):
    content = admin_client.get("/admin/").content.decode()
    assert '<link rel="icon" href="/static/icons/compass.svg"' in content
    assert ">Assessment questions<" in content
    assert ">Interview questions<" in content
    assert ">Questions<" not in content


def test_the_header_menu_is_a_disclosure_holding_the_navigation_and_account_links(alice_client):
    content = alice_client.get(reverse("careers:home")).content.decode()
    menu = content[content.index('<details class="site-menu">') : content.index("</details>")]
    assert '<summary class="site-menu-button">Menu</summary>' in menu
    assert '<nav class="site-nav" aria-label="Main">' in menu
    assert 'action="/accounts/logout/"' in menu


def test_content_editors_group_exists_with_only_content_permissions(db):
    group = Group.objects.get(name="Content editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_role", "change_salaryband", "change_hub", "change_market"} <= codenames
    assert not {"change_user", "change_profile", "change_offercomparison"} & codenames
