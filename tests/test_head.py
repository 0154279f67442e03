"""HEAD on every public page answers as GET does, without a body (it was a 405)."""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from assessments.models import TransitionPath
from careers.models import Hub, Role
from interviews.models import Question

pytestmark = pytest.mark.usefixtures("guide_for_module")

PUBLIC_PAGES = [
    ("careers:home", None),
    ("careers:role_list", None),
    ("careers:role_detail", Role),
    ("careers:role_compare", None),
    ("careers:hub_list", None),
    ("careers:hub_detail", Hub),
    ("careers:salary_explorer", None),
    ("careers:offer_compare", None),
    ("careers:guide_negotiation", None),
    ("careers:guide_work_arrangements", None),
    ("careers:guide_interviews", None),
    ("careers:guide_faq", None),
    ("paths:list", None),
    ("paths:detail", TransitionPath),
    ("interviews:bank", None),
    ("interviews:question", Question),
    ("login", None),
    ("accounts:signup", None),
]


def url_for(name, model):
    if model is None:
        return reverse(name)
    obj = model.objects.order_by("pk").first()
    return reverse(name, args=[obj.pk if model is Question else obj.slug])


@pytest.mark.parametrize(("name", "model"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "from-the-page-cache"])
def test_head_answers_like_get_without_a_body(guide, name, model, cached):
    url = url_for(name, model)
    if cached:
        Client().get(url)
    get = Client().get(url)

    head = Client().head(url)

    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


def test_head_on_a_signed_in_page_answers_like_get(alice_client):
    url = reverse("interviews:progress")
    assert alice_client.get(url).status_code == 200
    assert alice_client.head(url).status_code == 200


def pages_without_arguments():
    """Every named URL of the site that takes no argument (the admin's own aside)."""
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns, inner)
            elif pattern.name and not pattern.pattern.regex.groups:
                names.append(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return sorted(set(names))


def test_every_page_a_member_can_get_answers_head(alice_client, guide):
    # Issue 26, item 9: /interviews/mock/ and /interviews/mine/ answered HEAD with 405.
    refused = []
    for name in pages_without_arguments():
        url = reverse(name)
        if name in {"logout", "accounts:logout"} or alice_client.get(url).status_code != 200:
            continue
        if alice_client.head(url).status_code != 200:
            refused.append(url)
    assert refused == []
