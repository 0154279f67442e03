"""templates/_select.html draws each form's selects exactly as Django's Select widget does."""

import re

import pytest
from django.template.loader import render_to_string

from careers.explorer_forms import SalaryExplorerForm
from careers.forms import ProfileForm
from careers.models import Market, Profile, Role
from careers.offer_forms import OfferForm
from careers.selectors import roles_with_bands
from interviews.bank import bank_catalogue
from interviews.forms import BankFilterForm


def same_html(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def forms(alice):
    markets = list(Market.objects.all())
    catalogue = bank_catalogue()
    profile, _ = Profile.objects.update_or_create(
        user=alice, defaults={"target_role": Role.objects.first()}
    )
    for data in ({}, {"category": "algorithms", "role": "nlp-engineer"}, {"difficulty": "x"}):
        yield BankFilterForm(data, roles=catalogue.roles, signed_in=True)
    yield BankFilterForm({}, roles=catalogue.roles, signed_in=False)
    for data in (None, {"role": "prompt-engineer", "level": "senior"}, {"level": "chief"}):
        yield SalaryExplorerForm(data, roles=list(roles_with_bands()), markets=markets)
    for data in (None, {"market": "austin", "base_usd": "1"}, {"market": "atlantis"}):
        yield OfferForm(data, markets=markets)
    yield ProfileForm(instance=profile)
    yield ProfileForm({"background": "nobody", "target_role": "999999"}, instance=profile)


def test_every_select_matches_djangos_widget_with_values_errors_and_help(alice, guide):
    compared = 0
    for form in forms(alice):
        form.is_bound and form.is_valid()
        for field in form:
            if field.widget_type != "select":
                continue
            ours = render_to_string("_select.html", {"field": field})
            assert same_html(ours) == same_html(str(field)), (type(form).__name__, field.name)
            compared += 1
    assert compared >= 20


@pytest.mark.parametrize("value", ['"><script>alert(1)</script>', "a&b"])
def test_it_escapes_a_posted_value_as_the_widget_does(value):
    form = BankFilterForm({"category": value}, roles=[], signed_in=False)
    form.is_valid()
    ours = render_to_string("_select.html", {"field": form["category"]})
    assert "<script>" not in ours
    assert same_html(ours) == same_html(str(form["category"]))
