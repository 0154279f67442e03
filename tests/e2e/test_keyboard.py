"""The site by keyboard alone: the skip link, and signing up with Tab, typing and Enter."""

from __future__ import annotations

import pytest

from tests.e2e.keyboard import focused, tab_to
from tests.e2e.live_site import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/", "/accounts/signup/"])
def test_it_skip_link_is_the_first_stop_and_moves_focus_to_main(site_page, path):
    site_page.goto(path)

    if focused(site_page)["tag"] == "body":
        site_page.keyboard.press("Tab")
        assert "skip-link" in focused(site_page)["classes"], "the skip link must come first"
    else:  # a form field with autofocus: the skip link is still just before the header
        tab_to(site_page, ".skip-link", backwards=True)
    box = site_page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link must be visible"

    site_page.keyboard.press("Enter")
    assert focused(site_page)["id"] == "main"
    site_page.keyboard.press("Tab")
    assert site_page.evaluate("!document.querySelector('header').contains(document.activeElement)")


def test_it_signs_up_with_the_keyboard_alone(site_page, unique_name, live_site):
    name = unique_name("keyboard")
    site_page.goto("/")
    tab_to(site_page, "a[href='/accounts/signup/']")
    site_page.keyboard.press("Enter")
    site_page.wait_for_url("**/accounts/signup/")

    tab_to(site_page, "#id_username")
    site_page.keyboard.type(name)
    for field, value in [
        ("#id_email", f"{name}@example.com"),
        ("#id_password1", PASSWORD),
        ("#id_password2", PASSWORD),
    ]:
        site_page.keyboard.press("Tab")
        assert site_page.evaluate("s => document.activeElement.matches(s)", field), field
        site_page.keyboard.type(value)
    site_page.keyboard.press("Enter")

    site_page.wait_for_url("**/accounts/profile/")
    assert site_page.get_by_role("heading", level=1).inner_text() == "Your profile"
    assert site_page.locator(".account-name").inner_text() == name
    assert (
        live_site.run_django(
            "from django.contrib.auth.models import User\n"
            "result = User.objects.filter(username=data['name'], profile__isnull=False).count()",
            name=name,
        )
        == 1
    )
