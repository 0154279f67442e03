"""The keys of forms sent (config.sitewide.submissions) are kept a day, then pruned."""

import uuid
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from config.sitewide.models import SubmittedForm
from config.sitewide.submissions import claim_submission, record_outcome


def test_a_key_is_claimed_once_and_remembers_where_it_led(alice, bob):
    key = uuid.uuid4()

    assert claim_submission(user=alice, key=key) is None
    record_outcome(user=alice, key=key, outcome="/interviews/mock/1/")

    assert claim_submission(user=alice, key=key) == "/interviews/mock/1/"
    # Keys are per member: another member's form is their own.
    assert claim_submission(user=bob, key=key) is None
    assert claim_submission(user=alice, key=None) is None


def test_the_daily_prune_forgets_keys_older_than_a_day(alice):
    old, fresh = uuid.uuid4(), uuid.uuid4()
    claim_submission(user=alice, key=old)
    claim_submission(user=alice, key=fresh)
    SubmittedForm.objects.filter(key=old).update(
        submitted_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    out = StringIO()

    call_command("prune_submitted_forms", stdout=out)

    assert list(SubmittedForm.objects.values_list("key", flat=True)) == [fresh]
    assert out.getvalue().strip() == "Deleted 1 form key."
