"""Dependencies point one way: the platform (config) imports no app, careers none of the others."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("careers", "assessments", "interviews")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, absolute or relative, with the line it is imported on."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def imports_of(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] in forbidden
    ]


def test_it_finds_an_app_import_where_there_is_one(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text("import os\nfrom careers.models import Role\nfrom . import caching\n")
    assert imported_modules(module) == [(1, "os"), (2, "careers.models")]


def test_config_imports_no_domain_app():
    # Settings, the root URLconf and config/sitewide serve every app; an app they imported
    # could not be left out or replaced, and would import them back.
    assert imports_of("config", DOMAIN_APPS) == []


def test_careers_imports_neither_assessments_nor_interviews():
    # They plug into careers' pages through config.sitewide.registry instead.
    assert imports_of("careers", ("assessments", "interviews")) == []
