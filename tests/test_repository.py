"""Guard rails on the repository itself: declared dependencies, workflow files, lint."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib

from conftest import ROOT

# Declared but never imported: used by mkdocs.yml (theme, macros) or run as a program (pagefind).
USED_WITHOUT_IMPORT = {"mkdocs-material", "mkdocs-macros-plugin", "pagefind"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_distributions() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    modules -= set(sys.stdlib_module_names) | {"generator"}
    owners = importlib.metadata.packages_distributions()
    missing = sorted(m for m in modules if m not in owners)
    assert not missing, f"imported but not installed: {missing}"
    return {_normal(owners[m][0]) for m in modules}


def test_dependencies_are_exactly_what_the_code_imports() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normal(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in project["dependencies"]}
    imported = _imported_distributions()
    assert imported - declared == set(), "imported but not declared in pyproject.toml"
    assert declared - imported == USED_WITHOUT_IMPORT, "declared but never imported"


def test_workflows_follow_githubs_schema() -> None:
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert len(workflows) >= 2 and result.returncode == 0, result.stdout + result.stderr


TEMPLATE_LINE_LIMIT = 120


def test_templates_are_wrapped_to_readable_lines() -> None:
    templates = [*(ROOT / "generator/site/templates").glob("*.j2"), *(ROOT / "overrides").rglob("*.html")]
    long_lines = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > TEMPLATE_LINE_LIMIT
    ]
    assert templates and not long_lines, "\n".join(long_lines)
