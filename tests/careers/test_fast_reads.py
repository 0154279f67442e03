"""The per-request reads done without compiling ORM queries give what the ORM would.

Prepared queries, the session store, the user backend, the static files storage and the
layout's rendered-once parts all exist for speed; each must be indistinguishable from the
plain Django code it stands in for.
"""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from whitenoise.storage import CompressedManifestStaticFilesStorage

from careers.backends import ModelBackend
from careers.context_processors import NAV_ITEMS, current_section, site_chrome
from careers.prepared import PreparedQuery
from careers.sessions import SessionStore
from careers.staticfiles import StaticFilesStorage
from interviews import scheduling
from interviews.models import CardState, Note
from tests import factories

User = get_user_model()

card_of = PreparedQuery(
    lambda user_id, question_id: CardState.objects.filter(user_id=user_id, question_id=question_id)[
        :1
    ]
)
cards_of = PreparedQuery(
    lambda user_id: (
        CardState.objects.filter(user_id=user_id)
        .order_by("question_id")
        .values_list("question_id", "state", "due", "card")
    )
)
note_bodies = PreparedQuery(
    lambda user_id: (
        Note.objects.filter(user_id=user_id).order_by("question_id").values_list("body", flat=True)
    )
)


@pytest.fixture
def rated(alice):
    questions = factories.QuestionFactory.create_batch(3)
    now = timezone.now()
    for rating, question in zip((1, 3, 4), questions, strict=True):
        scheduling.rate(user=alice, question=question, rating=rating, now=now)
    return questions


def test_a_prepared_query_gives_the_rows_the_orm_gives(alice, rated):
    expected = CardState.objects.get(user=alice, question=rated[1])
    (card,) = card_of(user_id=alice.pk, question_id=rated[1].pk)
    assert isinstance(card, CardState)
    for field in CardState._meta.concrete_fields:
        assert getattr(card, field.attname) == getattr(expected, field.attname), field.name
    assert card.due.tzinfo is not None  # converted as the ORM converts, on every database
    assert card._state.adding is False  # a saved row: it can be saved back
    assert cards_of(user_id=alice.pk) == list(
        CardState.objects.filter(user=alice)
        .order_by("question_id")
        .values_list("question_id", "state", "due", "card")
    )


def test_a_prepared_query_reads_afresh_each_time_and_only_the_given_rows(alice, bob, rated):
    assert note_bodies(user_id=alice.pk) == []
    factories.NoteFactory(user=alice, question=rated[0], body="First draft")
    factories.NoteFactory(user=bob, question=rated[0], body="Bob's draft")
    assert note_bodies(user_id=alice.pk) == ["First draft"]
    Note.objects.filter(user=alice).update(body="Second draft")
    assert note_bodies(user_id=alice.pk) == ["Second draft"]
    assert card_of(user_id=bob.pk, question_id=rated[0].pk) == []


@pytest.mark.parametrize(
    "values, message",
    [
        ({"user_id": "1"}, "must be an int"),
        ({"user_id": True}, "must be an int"),
        ({"user_id": None}, "must be an int"),
        ({}, "expected values for user_id"),
        ({"user_id": 1, "extra": 2}, "expected values for user_id"),
    ],
)
def test_a_prepared_query_refuses_values_it_cannot_bind(db, values, message):
    with pytest.raises(TypeError, match=message):
        note_bodies(**values)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda user_id: CardState.objects.filter(user_id=user_id).values("state"), "models or"),
        (
            lambda user_id: CardState.objects.filter(user_id=user_id).select_related("question"),
            "plain rows",
        ),
        (lambda user_id: CardState.objects.all(), "not used by the query: user_id"),
    ],
)
def test_a_prepared_query_refuses_what_it_cannot_reproduce(db, build, message):
    with pytest.raises(ValueError, match=message):
        PreparedQuery(build)(user_id=1)


def _session_for(user, **extra) -> SessionStore:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session.update(extra)
    session.create()
    return session


def test_the_session_store_reads_what_django_wrote(alice):
    session = _session_for(alice, answer=42)
    again = SessionStore(session.session_key)
    assert again[SESSION_KEY] == str(alice.pk)
    assert again["answer"] == 42
    assert again.session_key == session.session_key


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key(alice):
    session = _session_for(alice)
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    for key in (session.session_key, "x" * 32, "short"):
        store = SessionStore(key)
        assert dict(store.items()) == {}
        assert store.session_key is None  # never resurrects a key it was handed


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


def test_the_backend_loads_active_users_as_the_orm_does(alice):
    user = ModelBackend().get_user(str(alice.pk))
    expected = User.objects.get(pk=alice.pk)
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    assert user.get_session_auth_hash() == expected.get_session_auth_hash()


def test_the_backend_refuses_inactive_missing_and_malformed_users(alice):
    backend = ModelBackend()
    assert backend.get_user("999999") is None
    assert backend.get_user("not-a-number") is None
    alice.is_active = False
    alice.save()
    assert backend.get_user(str(alice.pk)) is None


def test_the_static_storage_gives_the_hashed_urls_whitenoise_gives(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black; }\n")
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    found = {"css/site.css": (storage, "css/site.css")}
    list(storage.post_process(found))
    url = storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    whitenoise = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == url == whitenoise.url("css/site.css")
    for _ in range(2):  # a missing file is an error every time, not a remembered answer
        with pytest.raises(ValueError):
            storage.url("css/missing.css")


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
    nav = site_chrome(RequestFactory().get(path))["site_nav"]
    marked = [item.label for item in NAV_ITEMS if f'aria-current="page">{item.label}<' in nav]
    assert marked == ([expected] if expected else [])


def test_the_layout_links_point_where_the_url_map_says(alice_client):
    content = alice_client.get(reverse("interviews:progress")).content.decode()
    for name in ("careers:home", "accounts:profile", "logout", "paths:list", "interviews:bank"):
        assert f'"{reverse(name)}"' in content
    assert 'aria-current="page">Interviews<' in content
