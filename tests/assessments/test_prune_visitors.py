"""Visitors' assessments nobody can reach any more are deleted; every other is kept."""

from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment


def aged(assessment: Assessment, seconds: int) -> Assessment:
    # updated_at is set on every save; age it with an update, as time would.
    Assessment.objects.filter(pk=assessment.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )
    return assessment


def test_it_deletes_only_unclaimed_assessments_older_than_any_live_session(alice):
    life = settings.SESSION_COOKIE_AGE
    lost = aged(Assessment.objects.create(user=None), life + 60)
    # Completed: an unfinished one goes sooner (issue 26, item 8; test_visitor_limits.py).
    recent = aged(Assessment.objects.create(user=None, completed_at=timezone.now()), life - 60)
    claimed = aged(Assessment.objects.create(user=alice), life + 60)
    out = StringIO()

    call_command("prune_visitor_assessments", stdout=out)

    remaining = set(Assessment.objects.values_list("pk", flat=True))
    assert lost.pk not in remaining
    assert {recent.pk, claimed.pk} <= remaining
    assert out.getvalue().strip() == "Deleted 1 unclaimed visitor assessment."
