"""A bulk write of content moves the content version itself (config.sitewide.history), so
every page cached on the old content is dropped whichever bulk action made the write."""

from config.sitewide.history import bulk_reason, save_in_bulk
from config.sitewide.models import ContentVersion


def test_a_bulk_save_moves_the_content_version(hub_factory, admin_user):
    hubs = [hub_factory(slug="austin"), hub_factory(slug="boston")]
    before = ContentVersion.current()
    for hub in hubs:
        hub.active_postings = 1234
    count = save_in_bulk(
        hubs, ["active_postings"], reason=bulk_reason("Set postings"), user=admin_user
    )
    assert count == 2
    assert ContentVersion.current() == before + 1
    assert hubs[0].history.first().history_change_reason.startswith("Bulk action")


def test_an_empty_bulk_save_leaves_the_version(db):
    before = ContentVersion.current()
    assert save_in_bulk([], ["active_postings"], reason="nothing", user=None) == 0
    assert ContentVersion.current() == before
