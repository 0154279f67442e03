"""Hubs, markets, market facts and roles: their figures carry a source like salary bands do.

"(guide)" only while a row holds the guide's value, "(source, date)" once an editor changed
it; a change without a source and date is refused beside the fields; a revert brings the
guide's figure and label back.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Hub, Market, MarketFact, Role
from config.sitewide.provenance import source_of

pytestmark = pytest.mark.usefixtures("guide_for_module")

NOTES = "careers-editornote-content_type-object_id"
GUIDE_LABEL = '<span class="source-label">(guide)</span>'
LINKED = '(<a href="https://example.org/jobs" rel="noopener">Example Job Index</a>, 2 Nov 2026)'


def change_url(obj):
    return reverse(f"admin:careers_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(client, url, **inline_prefixes):
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    for prefix in (NOTES, *inline_prefixes):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def hub_data(client, hub):
    data = form_data(client, change_url(hub), markets="")
    markets = list(hub.markets.order_by("sort_order", "name"))
    data.update({"markets-TOTAL_FORMS": len(markets), "markets-INITIAL_FORMS": len(markets)})
    for index, market in enumerate(markets):
        data.update(
            {
                f"markets-{index}-id": market.pk,
                f"markets-{index}-hub": hub.pk,
                f"markets-{index}-name": market.name,
            }
        )
    return data


SOURCE = {
    "source_title": "Example Job Index",
    "source_url": "https://example.org/jobs",
    "checked_on": "2026-11-02",
}


@pytest.fixture
def austin(guide):
    return Hub.objects.get(slug="austin")


def test_the_loader_keeps_the_guides_figures_so_every_loaded_row_is_labelled_the_guides(guide):
    for model in (Role, Hub, Market, MarketFact):
        rows = list(model.objects.all())
        assert rows and all(source_of(row).from_guide for row in rows), model


@pytest.mark.template_context
def test_a_hub_figure_changed_without_a_source_is_refused_beside_the_fields(editor_client, austin):
    data = hub_data(editor_client, austin)
    data.update(active_postings="9999")
    response = editor_client.post(change_url(austin), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "name the source" in errors["source_title"][0]
    assert "checked the source" in errors["checked_on"][0]
    austin.refresh_from_db()
    assert austin.active_postings != 9999


@pytest.mark.template_context
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("checked_on", "tomorrow", "in the future"),
        ("checked_on", "2026-13-45", "Enter a valid date"),
        ("checked_on", "x" * 500, "Enter a valid date"),
        ("source_url", "not an address", "Enter a valid URL"),
        ("source_url", "https://example.org/" + "a" * 600, "at most 500 characters"),
        ("source_title", "S" * 201, "at most 200 characters"),
        ("active_postings", "-5", "greater than or equal to 0"),
        ("active_postings", "lots", "Enter a whole number"),
        ("growth_percent", "99999999999999999999", "less than or equal to"),
    ],
)
def test_bad_source_input_on_a_hub_is_refused_in_words_not_a_500(
    editor_client, austin, field, value, message
):
    data = hub_data(editor_client, austin)
    data.update(SOURCE, active_postings="9999")
    if value == "tomorrow":
        value = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data[field] = value
    response = editor_client.post(change_url(austin), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])


@pytest.mark.template_context
def test_an_edited_hub_figure_is_labelled_with_its_source_on_every_page_then_reverted(
    client, editor_client, editor, austin
):
    pages = [reverse("careers:hub_list"), reverse("careers:hub_detail", args=["austin"])]
    data = hub_data(editor_client, austin)
    data.update(SOURCE, active_postings="9876")
    assert editor_client.post(change_url(austin), data).status_code == 302
    for url in pages:
        content = client.get(url).content.decode()
        assert "9,876" in content and LINKED in content, url

    changes = editor_client.get(reverse("admin:recent_changes"), {"editor": editor.username})
    change = changes.context["changes"][0]
    assert change.title == "Austin"
    assert "“9876”" in changes.content.decode()
    editor_client.post(
        reverse("admin:revert_change"), {"table": change.label, "change": change.record.history_id}
    )
    austin.refresh_from_db()
    assert austin.source_title == "" and source_of(austin).from_guide
    detail = client.get(pages[1]).content.decode()
    assert "9,876" not in detail and GUIDE_LABEL in detail and "Example Job Index" not in detail


@pytest.mark.template_context
def test_an_edited_market_is_labelled_on_the_hub_pages_and_the_salary_explorer(
    client, editor_client, guide
):
    market = Market.objects.get(slug="austin")
    data = form_data(editor_client, change_url(market))
    data.update(SOURCE, average_base_usd="181000")
    response = editor_client.post(change_url(market), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    explorer = (
        reverse("careers:salary_explorer")
        + "?role=machine-learning-engineer&level=mid&markets=san-francisco&markets=austin"
    )
    for url in (
        reverse("careers:hub_list"),
        reverse("careers:hub_detail", args=["austin"]),
        explorer,
    ):
        content = client.get(url).content.decode()
        assert "$181,000" in content and LINKED in content, url
    # San Francisco still holds the guide's figures.
    assert GUIDE_LABEL in client.get(explorer).content.decode()


@pytest.mark.template_context
def test_an_edited_market_fact_is_labelled_where_it_is_shown(client, editor_client, guide):
    fact = MarketFact.objects.get(slug="bay-area-premium")
    data = form_data(editor_client, change_url(fact))
    data.update(SOURCE, statement="A newer survey puts the Bay Area premium lower.")
    response = editor_client.post(change_url(fact), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    content = client.get(reverse("careers:hub_list")).content.decode()
    label = f'<span class="source-label">{LINKED}</span>'
    assert f"A newer survey puts the Bay Area premium lower. {label}" in content


def test_the_home_pages_headline_figures_carry_their_labels(client, guide):
    content = client.get(reverse("careers:home")).content.decode()
    assert content.count(GUIDE_LABEL) >= 3


def test_a_market_typed_into_the_hub_form_inline_cannot_change_its_figures(editor_client, austin):
    content = editor_client.get(change_url(austin)).content.decode()
    # Figures are read-only in the hub's market rows: they change on the market's own page.
    assert 'name="markets-0-average_base_usd"' not in content
    assert 'name="source_title"' in content


@pytest.mark.template_context
def test_a_source_address_typed_without_its_scheme_is_kept_as_https(editor_client, austin):
    data = hub_data(editor_client, austin)
    data.update(SOURCE, active_postings="9999", source_url="example.org/jobs")
    response = editor_client.post(change_url(austin), data)
    assert response.status_code == 302
    austin.refresh_from_db()
    assert austin.source_url == "https://example.org/jobs"
