"""Every content model with a page has "View on site" in the admin, and the page has "Edit"."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Certification, TransitionPath
from careers.models import GuideEntry, Hub, Market, Role, SalaryBand
from interviews.models import Question

pytestmark = pytest.mark.usefixtures("guide_for_module")

WITH_PAGES = [Role, SalaryBand, Hub, Market, GuideEntry, Certification, TransitionPath, Question]


@pytest.mark.parametrize("model", WITH_PAGES)
def test_view_on_site_opens_a_page_that_shows_the_object(editor_client, guide, model):
    obj = model.objects.filter(**({"owner": None} if model is Question else {})).first()
    opts = model._meta
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert 'class="viewsitelink"' in editor_client.get(change).content.decode()
    assert editor_client.get(obj.get_absolute_url()).status_code == 200


def test_every_guide_entry_section_has_a_page(editor_client, guide):
    urls = {entry.get_absolute_url() for entry in GuideEntry.objects.all()}
    for url in urls:
        assert editor_client.get(url).status_code == 200


def test_staff_see_an_edit_link_on_the_site_and_members_do_not(editor_client, guide):
    role = Role.objects.get(slug="machine-learning-engineer")
    edit = reverse("admin:careers_role_change", args=[role.pk])
    assert edit in editor_client.get(role.get_absolute_url()).content.decode()
    assert edit not in Client().get(role.get_absolute_url()).content.decode()
