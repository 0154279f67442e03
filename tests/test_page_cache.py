"""config.sitewide.caching: whole public pages for visitors, on Django's Vary-aware keys."""

import pytest
from django.test import Client
from django.urls import reverse

from config.sitewide import caching
from interviews.models import Question

ROLES = reverse("careers:role_list")
BANK = reverse("interviews:bank")
HTMX = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


@pytest.fixture
def visitor():
    """A browser with no cookies: a client of its own, never a signed-in one."""
    return Client()


@pytest.fixture
def roles(role_factory):
    return role_factory(slug="prompt-engineer", name="Prompt Engineer")


def page_hits() -> int:
    return caching.stats["pages:hit"]


def test_it_answers_a_visitor_from_the_cache_with_one_query(
    visitor, roles, django_assert_num_queries
):
    first = visitor.get(ROLES)

    with django_assert_num_queries(1):  # the content version, nothing else
        again = visitor.get(ROLES)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "HX-Request" in again["Vary"]
    assert "HX-History-Restore-Request" in again["Vary"]


def test_it_keeps_the_htmx_partial_apart_from_the_page(visitor, roles):
    page = visitor.get(ROLES).content.decode()
    partial = visitor.get(ROLES, headers=HTMX).content.decode()

    assert "<html" in page
    assert "<html" not in partial
    assert "<html" in visitor.get(ROLES).content.decode()
    assert "<html" not in visitor.get(ROLES, headers=HTMX).content.decode()


@pytest.mark.parametrize("url", [ROLES, BANK])
def test_a_history_restore_request_cannot_poison_the_page_or_the_partial(visitor, guide, url):
    # htmx's back button asks with both headers and needs the whole page.
    restored = visitor.get(url, headers=HISTORY_RESTORE).content.decode()
    assert "<html" in restored

    assert "<html" not in visitor.get(url, headers=HTMX).content.decode()
    assert "<html" in visitor.get(url).content.decode()
    assert "<html" in visitor.get(url, headers=HISTORY_RESTORE).content.decode()


def test_it_shows_an_edit_to_visitors_at_once(visitor, roles):
    assert "Prompt Engineer" in visitor.get(ROLES).content.decode()

    roles.name = "Prompt Designer"
    roles.save()

    content = visitor.get(ROLES).content.decode()
    assert "Prompt Designer" in content
    assert "Prompt Engineer" not in content


def test_it_never_serves_the_visitors_page_to_a_signed_in_user(visitor, alice_client, roles):
    assert visitor is not alice_client
    visitor.get(ROLES)
    visitor.get(ROLES)

    content = alice_client.get(ROLES).content.decode()

    assert "Log out" in content


def test_it_never_keeps_a_signed_in_page_for_visitors(visitor, alice_client, roles):
    assert "Log out" in alice_client.get(ROLES).content.decode()

    content = visitor.get(ROLES).content.decode()

    assert "Log out" not in content
    assert "Log in" in content


@pytest.mark.urls("tests.page_cache_urls")
def test_a_page_with_a_csrf_token_is_never_kept_for_others(visitor, db):
    first = visitor.get("/with-a-token/")
    assert "csrftoken" in first.cookies  # the token is this visitor's own
    hits = page_hits()

    second = Client().get("/with-a-token/")

    assert page_hits() == hits
    assert second.content != first.content


def test_a_visitor_with_cookies_is_neither_served_nor_kept(visitor, roles):
    visitor.get(ROLES)
    hits = page_hits()
    with_cookie = Client()
    with_cookie.cookies["csrftoken"] = "x" * 32

    with_cookie.get(ROLES)
    with_cookie.get(ROLES)

    assert page_hits() == hits


def test_tracking_tags_are_left_out_of_the_key_and_never_kept(visitor, roles):
    hits = page_hits()
    visitor.get(ROLES, {"utm_source": "newsletter", "kind": "core"})
    visitor.get(ROLES, {"kind": "core"})
    assert page_hits() == hits  # the tagged page was not kept: its links carry the tag

    again = visitor.get(ROLES, {"kind": "core", "utm_source": "other", "fbclid": "x"})

    assert page_hits() == hits + 1
    assert "utm_source" not in again.content.decode()


def test_a_parameters_order_does_not_make_a_new_variant(visitor, guide):
    salaries = reverse("careers:salary_explorer")
    visitor.get(f"{salaries}?role=machine-learning-engineer&level=mid")
    hits = page_hits()

    visitor.get(f"{salaries}?level=mid&role=machine-learning-engineer")

    assert page_hits() == hits + 1


def test_junk_values_cannot_multiply_the_variants_of_a_page(visitor, guide):
    limit = caching.MAX_VARIANTS_PER_PATH
    for n in range(limit + 10):
        visitor.get(BANK, {"q": f"junk {n}"})
    hits = page_hits()

    for n in range(limit + 10):
        visitor.get(BANK, {"q": f"junk {n}"})

    assert page_hits() - hits == limit


def test_an_over_long_query_is_served_but_not_kept(visitor, guide):
    long_query = {"q": "x" * (caching.MAX_QUERY_CHARS + 1)}
    assert visitor.get(BANK, long_query).status_code == 200
    hits = page_hits()

    visitor.get(BANK, long_query)

    assert page_hits() == hits


def test_a_missing_page_is_never_kept(visitor, guide):
    missing = reverse("interviews:question", args=[999_999])
    assert visitor.get(missing).status_code == 404
    hits = page_hits()

    assert visitor.get(missing).status_code == 404
    assert page_hits() == hits


def test_an_unpublished_question_disappears_for_visitors_at_once(visitor, guide):
    question = Question.objects.published().first()
    url = question.get_absolute_url()
    assert visitor.get(url).status_code == 200

    question.is_published = False
    question.save()

    assert visitor.get(url).status_code == 404
