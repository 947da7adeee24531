"""Shared fixtures: the real content, a real MkDocs build of it, and throwaway content folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def build_site(config_file: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` (with `env_vars` set) and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the real content."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def catalog():
    from generator.content import loader

    return loader.load(CONTENT)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real content folder to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def minimal_plan(**overrides: object) -> dict:
    """A small valid plan (as data) for tests that need a plan of their own."""
    plan = {
        "id": "smolensk-2099",
        "region": "smolensk",
        "level": "regional",
        "title": "Тестовый план",
        "source": {"file": "sources/smolensk-2020.txt"},
        "period": {"start": 2099, "end": 2100},
        "agencies": [
            {"id": "test-dept", "name": "Тестовый департамент", "kind": "regional-authority"},
            {"id": "test-schools", "name": "образовательные организации", "kind": "educational-organisations"},
        ],
        "sections": [
            {
                "number": "1.",
                "title": "Раздел",
                "measures": [
                    {
                        "id": "1-1",
                        "number": "1.1.",
                        "title": "Проведение профессиональных проб",
                        "responsible": [{"agency": "test-dept"}, {"agency": "test-schools", "by_agreement": True}],
                        "timeframe": "2099 год (II квартал)",
                        "topics": ["professional-trials"],
                        "audiences": ["middle-school"],
                    }
                ],
            }
        ],
    }
    plan.update(overrides)
    return plan


def write_plan(content: Path, data: dict | str, name: str | None = None) -> Path:
    """Write a plan file (data or raw YAML text) into a content folder."""
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path = content / "plans" / f"{name or (data['id'] if isinstance(data, dict) else 'broken')}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from benchmarks.search_quality import BROWSER_ARGS

    chromium = shutil.which("chromium")
    if chromium is None:
        # On CI (GitHub sets CI, so does .ci/run's caller) a missing browser is a failure, never a skip.
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; CI must run the browser tests (.ci/run installs it)")
        pytest.skip("Debian's chromium is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def vocabularies():
    """The importer's vocabularies (agencies, topics, regions) of the real content."""
    from generator.importer import Vocabularies

    return Vocabularies.load(CONTENT)


def draft_measures(plan: dict) -> list[dict]:
    """Every measure of an imported draft, sections and subsections flattened, in order."""

    def walk(sections: list[dict]):
        for section in sections:
            yield from section.get("measures", [])
            yield from walk(section.get("sections", []))

    return list(walk(plan["sections"]))
