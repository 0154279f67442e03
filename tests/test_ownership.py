"""One "for this user" scope for every member-owned model (config.sitewide.ownership)."""

import datetime

from django.apps import apps
from django.utils import timezone

from careers import applications
from careers.models import Application
from config.sitewide.ownership import OwnedQuerySet
from interviews.models import InterviewRound


def test_every_for_user_scope_is_the_shared_one():
    """A model that offers for_user gets it from OwnedQuerySet, not a copy of its own."""
    scoped = [
        model for model in apps.get_models() if hasattr(model._default_manager.all(), "for_user")
    ]
    assert {model.__name__ for model in scoped} >= {"Application", "InterviewRound", "Assessment"}
    for model in scoped:
        assert isinstance(model._default_manager.all(), OwnedQuerySet), model.__name__


def test_applications_and_their_rounds_are_scoped_to_their_member(alice, bob):
    mine, theirs = (
        applications.create_application(
            user=user,
            fields={"company": "Acme AI", "role_title": "ML engineer", "stage": "interviewing"},
            on=datetime.date(2026, 11, 1),
        )
        for user in (alice, bob)
    )
    rounds = [
        InterviewRound.objects.create(
            application=application, kind="technical", starts_at=timezone.now()
        )
        for application in (mine, theirs)
    ]
    assert list(Application.objects.for_user(alice)) == [mine]
    assert list(InterviewRound.objects.for_user(alice)) == [rounds[0]]
    assert list(InterviewRound.objects.for_user(bob)) == [rounds[1]]
