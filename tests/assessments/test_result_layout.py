"""The calmer result page: one primary action per section, plan ticks as quiet check boxes."""

import re

import pytest
from django.urls import reverse

from assessments.models import MilestoneTick

from .test_result import DEVELOPER


@pytest.fixture
def developer(alice, take_assessment):
    return take_assessment(alice, background="developer", answers=DEVELOPER)


def test_plan_ticks_are_check_boxes_named_by_their_milestone(alice_client, developer):
    path = developer.result["paths"][0]
    first = path["plan"][0]
    MilestoneTick.objects.create(
        assessment=developer, path_slug=path["slug"], milestone_key=first["key"]
    )

    content = alice_client.get(reverse("assessments:result", args=[developer.pk])).content.decode()

    ticks = re.findall(
        r'<button type="submit" class="tick" role="checkbox" aria-checked="(\w+)"', content
    )
    assert len(ticks) == len(path["plan"])
    assert ticks.count("true") == 1
    assert f'<span class="visually-hidden">Done: {first["title"]}</span>' in content
    assert "Mark as done" not in content
