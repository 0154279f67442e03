"""The page layout and the standard session: navigation, links and logging out."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.sitewide.context_processors import NAV_ITEMS, current_section, site_nav


def test_logging_out_ends_the_session_wherever_it_is_used(client, alice, password):
    client.post(reverse("login"), {"username": "alice", "password": password})
    key = client.cookies["sessionid"].value
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("logout"))
    other_tab = client.__class__()
    other_tab.cookies["sessionid"] = key  # the old cookie, as another process would see it
    response = other_tab.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/", None),
        ("/roles/", "Roles"),
        ("/roles/machine-learning-engineer/", "Roles"),
        ("/salaries/offers/", "Salaries"),
        ("/guide/faq/", "Guide"),
        ("/interviews/progress/", "Interviews"),
        ("/assessment/3/step/2/", "Assessment"),
        ("/paths/", "Paths"),
        ("/accounts/profile/", None),
    ],
)
def test_the_navigation_marks_the_section_the_page_is_in(db, path, expected):
    index = current_section(path)
    assert (NAV_ITEMS[index].label if index is not None else None) == expected
    items = site_nav(RequestFactory().get(path))["nav_items"]
    assert [item["label"] for item in items if item["current"]] == ([expected] if expected else [])


def test_the_layout_links_point_where_the_url_map_says(alice_client):
    content = alice_client.get(reverse("interviews:progress")).content.decode()
    for name in ("careers:home", "accounts:profile", "logout", "paths:list", "interviews:bank"):
        assert f'"{reverse(name)}"' in content
    assert 'aria-current="page">Interviews<' in content
