import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from careers.models import OfferComparison, Profile

User = get_user_model()


@pytest.fixture
def hubs(hub_factory):
    return hub_factory(slug="austin", name="Austin"), hub_factory(slug="seattle", name="Seattle")


@pytest.mark.template_context
def test_it_signs_up_logs_in_and_lands_on_the_profile(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(username="carol")
    assert Profile.objects.filter(user=user).exists()
    page = client.get(reverse("accounts:profile"))
    assert page.context["user"] == user
    assert b"carol" in page.content


@pytest.mark.parametrize("next_url", ["dashboard", "accounts:profile", "https://evil.example/"])
def test_a_sign_up_whose_next_is_not_a_path_of_this_site_lands_on_the_profile(client, db, next_url):
    # Issue 26, item 9: a next without a slash was looked up as a URL name, a 500 after the
    # account was created.
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    response = client.post(f"{reverse('accounts:signup')}?next={next_url}", data)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(f"{reverse('accounts:signup')}?next={next_url}")["Location"] == reverse(
        "accounts:profile"
    )


def test_a_sign_up_with_a_path_of_this_site_as_next_goes_there(client, db):
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
        "next": "/interviews/",
    }
    response = client.post(reverse("accounts:signup"), data)

    assert response["Location"] == "/interviews/"


def test_signup_rejects_weak_password_and_keeps_what_was_typed(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "dave", "email": "dave@example.com", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="dave").exists()
    content = response.content.decode()
    assert "This password is too short" in content
    assert 'value="dave"' in content
    assert 'value="dave@example.com"' in content
    assert 'value="123"' not in content


@pytest.mark.template_context
def test_it_files_password_rule_errors_under_the_password_and_a_mismatch_under_the_repeat(
    client, db
):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "erin", "email": "e@example.com", "password1": "password", "password2": "x"},
    )
    form = response.context["form"]
    assert "This password is too common." in form.errors["password1"]
    assert form.errors["password2"] == ["The two password fields didn’t match."]
    content = response.content.decode()
    assert content.index('id="id_password1_errors"') < content.index('id="id_password1"')


def test_it_explains_the_sign_up_fields_in_plain_words(client, db):
    content = client.get(reverse("accounts:signup")).content.decode()
    assert "Letters, digits and @/./+/-/_ only" not in content
    assert "no spaces" in content
    assert "At least 8 characters" in content
    assert "Type the same password again" in content


def test_signup_does_not_reveal_that_an_email_has_an_account(client, alice):
    # Issue 10: "already exists" told anyone which addresses have accounts; now an address
    # in use signs up like any other (a reset email goes to every account with it).
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "other",
            "email": alice.email.upper(),
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert "already" not in response.content.decode()
    assert User.objects.filter(username="other").exists()


def test_login_and_logout_by_post(client, alice, password):
    response = client.post(reverse("login"), {"username": "alice", "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_login_with_wrong_password_shows_the_form_again(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please enter a correct username and password" in content
    assert 'value="alice"' in content


def test_login_is_refused_after_five_failures_for_that_username_and_address(
    client, alice, password
):
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": password})
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_attacker_address_does_not_lock_out_the_user_elsewhere(client, alice, password):
    for _ in range(6):
        client.post(
            reverse("login"),
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
        )
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": password},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_profile_requires_login(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_saves_the_profile_with_a_confirmation(alice_client, alice, hubs, role_factory):
    role = role_factory(slug="ml-engineer", name="Machine Learning Engineer")
    response = alice_client.post(
        reverse("accounts:profile"),
        {
            "background": "developer",
            "years_experience": "6",
            "target_role": role.pk,
            "preferred_location": "seattle",
            "weekly_study_hours": "8",
        },
        follow=True,
    )
    assert "Your profile is saved." in response.content.decode()
    profile = Profile.objects.get(user=alice)
    assert profile.background == "developer"
    assert profile.years_experience == 6
    assert profile.target_role == role
    assert profile.preferred_hub.slug == "seattle"
    assert profile.weekly_study_hours == 8
    assert 'value="seattle" selected' in response.content.decode()


def test_it_saves_remote_as_the_preferred_location(alice_client, alice, hubs):
    alice_client.post(reverse("accounts:profile"), {"preferred_location": "remote"})
    profile = Profile.objects.get(user=alice)
    assert profile.prefers_remote is True
    assert profile.preferred_hub is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("years_experience", "-3", "greater than or equal to 0"),
        ("years_experience", "500", "from 0 to 60"),
        ("weekly_study_hours", "abc", "Enter a whole number"),
        ("weekly_study_hours", "200", "from 0 to 80"),
        ("background", "astronaut", "Select a valid choice"),
        ("preferred_location", "atlantis", "Select a valid choice"),
        ("target_role", "99999", "Select a valid choice"),
    ],
)
def test_profile_rejects_bad_values_and_keeps_the_rest(
    alice_client, alice, hubs, field, value, message
):
    data = {"background": "analyst", "years_experience": "4", "weekly_study_hours": "5"}
    data[field] = value
    response = alice_client.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'value="analyst" selected' in content or field == "background"
    assert Profile.objects.get(user=alice).background == ""


def test_export_contains_my_data_and_nothing_of_anyone_elses(alice_client, alice, bob):
    OfferComparison.objects.create(user=bob, name="Bob's secret offers")
    Profile.objects.filter(user=alice).update(background="marketing", weekly_study_hours=6)
    response = alice_client.get(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    data = json.loads(body)
    assert data["account"]["username"] == "alice"
    assert data["profile"]["background"] == "marketing"
    assert data["profile"]["weekly_study_hours"] == 6
    assert "bob" not in body.decode().lower()


def test_delete_account_needs_the_password(alice_client, alice):
    response = alice_client.post(reverse("accounts:delete_account"), {"password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_delete_account_removes_the_user_and_their_data(alice_client, alice, bob, password):
    OfferComparison.objects.create(user=alice, name="Mine")
    OfferComparison.objects.create(user=bob, name="Bob's")
    page = alice_client.get(reverse("accounts:delete_account"))
    assert "cannot be undone" in page.content.decode()
    response = alice_client.post(
        reverse("accounts:delete_account"), {"password": password}, follow=True
    )
    assert "have been deleted" in response.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Profile.objects.filter(user_id=alice.pk).exists()
    assert list(OfferComparison.objects.values_list("name", flat=True)) == ["Bob's"]
    assert "_auth_user_id" not in alice_client.session


def test_password_reset_sends_an_email(client, alice):
    response = client.post(reverse("password_reset"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert alice.email in mail.outbox[0].to


def test_password_change_rejects_a_wrong_old_password(alice_client):
    response = alice_client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "x-long-phrase-1", "new_password2": "x"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
