"""Staff editing: the content admin, editors' limits, and edits showing on the site at once."""

import pytest
from django.urls import reverse

from careers.models import EditorNote, GuideEntry, Hub, Market, MarketFact, Role, SalaryBand

pytestmark = pytest.mark.usefixtures("guide_for_module")

ADMIN_LISTS = [Role, SalaryBand, Hub, Market, MarketFact, GuideEntry, EditorNote]
NOTES = "careers-editornote-content_type-object_id"  # the editor's notes inline's prefix


def admin_url(model, action="changelist", *args):
    return reverse(f"admin:careers_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_editors_can_list_search_and_open_every_content_model(editor_client, guide, model):
    response = editor_client.get(admin_url(model), {"q": "a"})
    assert response.status_code == 200
    first = model.objects.first()
    assert editor_client.get(admin_url(model, "change", first.pk)).status_code == 200
    assert editor_client.get(admin_url(model, "add")).status_code == 200


def test_the_role_form_has_salary_bands_inline_and_a_prepopulated_slug(editor_client, guide):
    role = Role.objects.get(slug="machine-learning-engineer")
    content = editor_client.get(admin_url(Role, "change", role.pk)).content.decode()
    assert "salary_bands-0-min_usd" in content
    assert 'value="120000"' in content
    add_page = editor_client.get(admin_url(Role, "add")).content.decode()
    assert "data-prepopulated-field" in add_page or "prepopulated" in add_page


def test_tactics_and_faq_can_be_reordered_from_the_list(editor_client, guide):
    content = editor_client.get(admin_url(GuideEntry), {"section": "faq"}).content.decode()
    assert 'name="form-0-sort_order"' in content


def role_form_data(editor_client, role) -> dict:
    """The role's admin form as the page fills it, its bands inline and no editor's notes."""
    form = editor_client.get(admin_url(Role, "change", role.pk)).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            "salary_bands-TOTAL_FORMS": "3",
            "salary_bands-INITIAL_FORMS": "3",
            "salary_bands-MIN_NUM_FORMS": "0",
            "salary_bands-MAX_NUM_FORMS": "3",
            # The role's editor's notes, none of them here.
            f"{NOTES}-TOTAL_FORMS": "0",
            f"{NOTES}-INITIAL_FORMS": "0",
        }
    )
    for index, band in enumerate(role.salary_bands.order_by("level")):
        data.update(
            {
                f"salary_bands-{index}-id": band.pk,
                f"salary_bands-{index}-role": role.pk,
                f"salary_bands-{index}-level": band.level,
                f"salary_bands-{index}-min_usd": band.min_usd,
                f"salary_bands-{index}-max_usd": band.max_usd,
                f"salary_bands-{index}-basis": band.basis,
            }
        )
    return data


@pytest.mark.template_context
def test_an_editors_posting_change_shows_on_the_role_page_at_once(client, editor_client, guide):
    role = Role.objects.get(slug="ai-ethics-specialist")
    public = reverse("careers:role_detail", args=[role.slug])
    assert "1,900" in client.get(public).content.decode()  # now cached for visitors

    data = role_form_data(editor_client, role)
    data.update(
        {
            "active_postings": "2345",
            # A changed figure names its source and the day it was checked.
            "source_title": "Example Job Board",
            "checked_on": "2026-11-01",
        }
    )
    response = editor_client.post(admin_url(Role, "change", role.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    role.refresh_from_db()
    assert role.active_postings == 2345
    content = client.get(public).content.decode()
    assert "2,345" in content and "1,900" not in content
    assert "(Example Job Board, 1 Nov 2026)" in content


@pytest.mark.template_context
def test_a_post_claiming_more_inline_rows_than_a_page_edits_is_refused_with_a_message(
    editor_client, guide
):
    role = Role.objects.get(slug="ai-ethics-specialist")
    data = role_form_data(editor_client, role)
    data.update({"active_postings": "2345", f"{NOTES}-TOTAL_FORMS": str(2**62)})

    response = editor_client.post(admin_url(Role, "change", role.pk), data)

    assert response.status_code == 200
    assert "Please submit at most 100 forms." in response.content.decode()
    # The notes inline was built with no more forms than its limit, not Django's 2,000.
    notes = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == NOTES)
    assert len(notes.formset.forms) == 100
    role.refresh_from_db()
    assert role.active_postings == 1900


def test_editors_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_editors_cannot_see_members_saved_offers(editor_client):
    assert editor_client.get("/admin/careers/offercomparison/").status_code in (403, 404)


@pytest.mark.template_context
def test_an_editor_attaches_a_note_with_its_source_beside_a_figure(editor_client, client, guide):
    fact = MarketFact.objects.get(slug="python-required")
    form = editor_client.get(admin_url(MarketFact, "change", fact.pk)).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            f"{NOTES}-TOTAL_FORMS": "1",
            f"{NOTES}-INITIAL_FORMS": "0",
            f"{NOTES}-0-body": "A later survey counts a different share.",
            f"{NOTES}-0-source_title": "Example survey",
            f"{NOTES}-0-source_url": "https://example.org/survey",
            f"{NOTES}-0-checked_on": "2026-12-01",
        }
    )
    response = editor_client.post(admin_url(MarketFact, "change", fact.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    content = client.get(reverse("careers:guide_faq")).content.decode()
    note = content.split("<strong>Editor's note</strong>")[1].split("</aside>")[0]
    assert "A later survey counts a different share." in note
    assert '<a href="https://example.org/survey" rel="noopener">Example survey</a>' in note
    assert "checked 1 December 2026" in note
