"""Issue 10, item 12: browser permissions, private caching and host-only cookies."""

import pytest
from django.urls import reverse

from tests.settings_probe import settings_in_a_fresh_process


@pytest.mark.parametrize("url", ["/healthz", "/roles/", "/accounts/login/", "/no-such-page/"])
def test_every_response_denies_camera_microphone_geolocation_and_payment(client, db, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.parametrize(
    "url_name", ["accounts:profile", "accounts:export_data", "interviews:progress", "careers:home"]
)
def test_signed_in_pages_are_never_stored(alice_client, url_name):
    response = alice_client.get(reverse(url_name))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_visitor_pages_stay_cacheable(client, db):
    assert "no-store" not in client.get(reverse("careers:role_list")).get("Cache-Control", "")


def test_over_tls_the_cookies_use_the_host_prefix():
    names = settings_in_a_fresh_process(
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="compass.example.com",
        DJANGO_PLAIN_HTTP="0",
    )
    assert names == ("__Host-sessionid", "__Host-csrftoken")


def test_over_plain_http_the_cookies_keep_plain_names():
    # Browsers reject a __Host- cookie without Secure, which plain HTTP cannot set.
    names = settings_in_a_fresh_process(
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_PLAIN_HTTP="1",
    )
    assert names == ("sessionid", "csrftoken")
