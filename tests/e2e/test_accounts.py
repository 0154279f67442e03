"""Account journeys in a real browser, with JavaScript on and off."""

from __future__ import annotations

import pytest

from tests.e2e.live_site import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["javascript", "no-javascript"])
def visitor(request, open_page):
    return open_page(javascript=request.param == "javascript")


def test_it_signs_up_fills_the_profile_then_logs_out_and_back_in(visitor, unique_name):
    name = unique_name("journey")
    page = visitor
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.locator("#id_username").fill(name)
    page.locator("#id_email").fill(f"{name}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/profile/")

    page.get_by_label("Years of professional experience").fill("4")
    page.get_by_label("Hours a week you can study").fill("9")
    page.get_by_label("Target role").select_option(label="Machine Learning Engineer")
    page.get_by_label("Preferred location").select_option(label="Remote")
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Your profile is saved.").is_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/profile/")
    assert page.get_by_label("Hours a week you can study").input_value() == "9"
    assert page.get_by_label("Preferred location").input_value() == "remote"


def test_it_refuses_a_bad_profile_value_and_keeps_the_page(member_page):
    page = member_page
    page.goto("/accounts/profile/")
    page.get_by_label("Hours a week you can study").fill("500")
    page.get_by_role("button", name="Save profile").click()

    assert page.get_by_text("Enter a number from 0 to 80.").is_visible()
    assert page.get_by_label("Hours a week you can study").input_value() == "500"


def test_it_deletes_an_account_after_the_password(member_page, member, live_site):
    page = member_page
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and data").click()

    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.get_by_role("link", name="Log in").is_visible()
    code = "from django.contrib.auth.models import User\n"
    code += "result = User.objects.filter(username=data['name']).count()"
    assert live_site.run_django(code, name=member) == 0
