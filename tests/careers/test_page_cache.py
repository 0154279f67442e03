"""careers.caching: whole pages for visitors, kept as bytes and keyed on the content version."""

from django.urls import reverse

ROLES = reverse("careers:role_list")


def test_it_answers_a_visitor_from_the_cache_with_one_query(
    client, role_factory, django_assert_num_queries
):
    role_factory(slug="prompt-engineer", name="Prompt Engineer")
    first = client.get(ROLES)

    with django_assert_num_queries(1):  # the content version, nothing else
        again = client.get(ROLES)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "HX-Request" in again["Vary"]


def test_it_keeps_the_htmx_partial_apart_from_the_page(client, role_factory):
    role_factory(slug="prompt-engineer", name="Prompt Engineer")
    page = client.get(ROLES).content.decode()
    partial = client.get(ROLES, headers={"HX-Request": "true"}).content.decode()

    assert "<html" in page
    assert "<html" not in partial
    assert "<html" in client.get(ROLES).content.decode()


def test_it_shows_an_edit_to_visitors_at_once(client, role_factory):
    role = role_factory(slug="prompt-engineer", name="Prompt Engineer")
    assert "Prompt Engineer" in client.get(ROLES).content.decode()

    role.name = "Prompt Designer"
    role.save()

    content = client.get(ROLES).content.decode()
    assert "Prompt Designer" in content
    assert "Prompt Engineer" not in content


def test_it_never_serves_the_visitors_page_to_a_signed_in_user(client, alice_client, role_factory):
    role_factory(slug="prompt-engineer", name="Prompt Engineer")
    client.get(ROLES)

    content = alice_client.get(ROLES).content.decode()

    assert "Log out" in content
