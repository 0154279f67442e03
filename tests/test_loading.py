"""The loader's one rule for existing content rows: a field staff have not edited follows the
data file, a staff edit is kept, and a field both changed is reported (config.sitewide.loading).
"""

import io
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from careers.models import Hub, MarketFact
from config.sitewide.loading import LoadReport, canonical, sync_row
from config.sitewide.models import ContentVersion, LoadedValue


def load(values, *, reset=False, report=None):
    report = report or LoadReport()
    hub, status = sync_row(Hub, {"slug": "austin"}, values, reset=reset, report=report)
    report.save()
    return hub, status, report


FILE = {"name": "Austin", "active_postings": 1000, "growth_percent": 80}


@pytest.fixture
def loaded(db):
    return load(FILE)[0]


def test_a_missing_row_is_created_and_what_was_written_remembered(db):
    hub, status, _ = load(FILE)
    assert status == "created"
    remembered = dict(LoadedValue.objects.values_list("field", "value"))
    assert remembered == {"name": '"Austin"', "active_postings": "1000", "growth_percent": "80"}
    assert hub.active_postings == 1000


def test_a_file_change_reaches_a_field_staff_left_alone(loaded):
    _, status, report = load({**FILE, "active_postings": 1200})
    assert status == "changed"
    assert Hub.objects.get(slug="austin").active_postings == 1200
    assert report.changed == ["hub “Austin”: active_postings updated from the data file"]
    assert report.conflicts == []
    # The next change follows from the new value the loader remembers.
    load({**FILE, "active_postings": 1300})
    assert Hub.objects.get(slug="austin").active_postings == 1300


def test_a_staff_edit_is_kept_when_the_file_did_not_change(loaded):
    Hub.objects.filter(pk=loaded.pk).update(active_postings=1500)
    _, status, report = load(FILE)
    assert status == "kept"
    assert Hub.objects.get(slug="austin").active_postings == 1500
    assert report.changed == report.conflicts == []


def test_a_staff_edit_and_a_file_change_to_one_field_is_reported_and_the_edit_kept(loaded):
    Hub.objects.filter(pk=loaded.pk).update(active_postings=1500, growth_percent=90)
    _, status, report = load({**FILE, "active_postings": 1200, "name": "Austin, TX"})
    assert status == "changed"
    hub = Hub.objects.get(slug="austin")
    assert (hub.name, hub.active_postings, hub.growth_percent) == ("Austin, TX", 1500, 90)
    assert report.conflicts == [
        "hub “Austin”: active_postings was edited by staff and the data file changed too; "
        "the staff edit is kept"
    ]


def test_reset_writes_the_file_over_staff_edits(loaded):
    Hub.objects.filter(pk=loaded.pk).update(active_postings=1500)
    _, status, _ = load({**FILE, "active_postings": 1200}, reset=True)
    assert status == "restored"
    assert Hub.objects.get(slug="austin").active_postings == 1200
    assert LoadedValue.objects.get(field="active_postings").value == "1200"


def test_a_row_loaded_before_the_loader_remembered_follows_the_file_unless_staff_changed_it(
    loaded, alice
):
    LoadedValue.objects.all().delete()
    _, status, _ = load({**FILE, "active_postings": 1200})
    assert status == "changed"
    assert Hub.objects.get(slug="austin").active_postings == 1200

    LoadedValue.objects.all().delete()
    LogEntry.objects.log_actions(
        alice.pk, [loaded], CHANGE, change_message="Changed Active postings.", single_object=True
    )
    _, status, report = load({**FILE, "active_postings": 1400})
    assert status == "kept"
    assert Hub.objects.get(slug="austin").active_postings == 1200
    assert report.conflicts == [
        "hub “Austin”: active_postings differs from the data file and staff have changed the "
        "row; kept as it is (an editor can set it in the admin)"
    ]


def test_values_compare_by_meaning_not_by_how_they_were_written(db):
    field = MarketFact._meta.get_field("value_min")
    assert canonical(field, Decimal("1.50")) == canonical(field, "1.5")
    assert canonical(Hub._meta.get_field("active_postings"), None) == "null"
    with pytest.raises(ValueError, match="not a field the loader can write"):
        sync_row(Hub, {"slug": "x"}, {"markets": []}, reset=False, report=LoadReport())


def test_load_guide_prints_what_it_changed_and_kept(guide):
    hub = Hub.objects.order_by("pk").first()
    remembered = LoadedValue.objects.get(
        content_type=ContentType.objects.get_for_model(Hub), object_id=hub.pk, field="name"
    )
    remembered.value = '"An older name"'
    remembered.save()
    Hub.objects.filter(pk=hub.pk).update(name="A staff name")
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    assert "kept, not applied: hub “A staff name”: name was edited by staff" in out.getvalue()
    assert Hub.objects.get(pk=hub.pk).name == "A staff name"
    version = ContentVersion.current()
    call_command("load_guide", "--reset", stdout=io.StringIO())
    assert Hub.objects.get(pk=hub.pk).name == hub.name
    # Every row it wrote, one bump: cached pages are rebuilt once, not once a row.
    assert ContentVersion.current() == version + 1
