"""The suite's xdist groups hold: under ``--dist loadgroup`` (``make test``, CI) the browser
tests share one worker, one live site and one browser, and a module that sets up once for
all its tests (the personas, the two servers, the labelled answers) keeps its tests together.

pytest 9.2 silently stopped the grouping (pytest-xdist#1386) and the suite only got slower,
so this checks the node ids xdist gives the grouped tests.
"""

from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parent / "e2e"


@pytest.fixture
def loadgroup(request) -> None:
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("runs under pytest-xdist's --dist loadgroup, as make test and CI run")


@pytest.mark.xdist_group("grouping")
def test_a_marked_test_is_grouped(request, loadgroup):
    assert request.node.nodeid.endswith("@grouping")


def test_every_browser_test_is_in_the_e2e_group(request, loadgroup):
    browser_tests = [item for item in request.session.items if E2E in item.path.parents]
    assert all(item.nodeid.endswith("@e2e") for item in browser_tests)
