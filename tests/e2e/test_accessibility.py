"""axe-core audit of every page in pages.PAGES: WCAG 2.2 A and AA, light/dark, 360/1280 px."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from tests.e2e.browser import SCHEMES, WIDTHS
from tests.e2e.pages import PAGES

pytestmark = pytest.mark.e2e

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def loaded(live_site, tab_for, auditors):
    """load(spec) → (page, status, path): the spec's page, reused for its scheme × width runs.

    The parametrized tests of one page run one after another; switching viewport and colour
    scheme on the loaded page re-renders it exactly as a fresh load at that size would, at a
    quarter of the cost of new navigations and axe injections.
    """
    current: dict[str, tuple] = {}

    def load(spec):
        if spec.name not in current:
            current.clear()
            path = spec.resolve(live_site)
            if path is None:
                current[spec.name] = (None, None, None)
                return current[spec.name]
            page = tab_for(spec.username)
            response = page.goto(path)
            if spec.then:
                spec.then(page)
            # page.evaluate runs through the DevTools protocol, which the page's CSP (script-src
            # 'self') does not govern, so axe audits the page exactly as served: no bypass_csp.
            page.evaluate(AXE_SOURCE)
            current[spec.name] = (page, response.status, path)
        return current[spec.name]

    return load


def axe_violations(page) -> list[dict]:
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_it_has_no_wcag_violations(spec, scheme, width, loaded):
    page, status, path = loaded(spec)
    assert page is not None, f"{spec.name}: found no page to audit"
    assert status == spec.status, f"{path} answered {status}"
    if spec.username:
        assert "/accounts/login/" not in page.url, f"{path} sent the signed-in auditor to log in"
    # A redirect elsewhere (e.g. an assessment step to the first open one) audits the wrong page.
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} ended at {page.url}"
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(color_scheme=scheme)

    violations = axe_violations(page)

    assert not violations, f"{path} ({scheme}, {width}px):\n{describe(violations)}"
    assert not page.errors, f"{path}: console errors {page.errors}"
