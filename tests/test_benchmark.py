"""The scale benchmark runs at a small size in CI, so that it cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from benchmarks.corpus import generate
from generator.content import loader


def test_corpus_is_valid_and_deterministic(tmp_path: Path) -> None:
    counts = generate(tmp_path / "a", regions=3, seed=5)
    generate(tmp_path / "b", regions=3, seed=5)
    catalog = loader.load(tmp_path / "a")
    assert (len(catalog.regions), len(catalog.plans), len(catalog.measures)) == (
        counts["regions"],
        counts["plans"],
        counts["measures"],
    )
    assert all(20 <= len(p.measures) <= 60 for p in catalog.plans.values())
    for a, b in zip(sorted((tmp_path / "a").rglob("*.yaml")), sorted((tmp_path / "b").rglob("*.yaml"))):
        assert a.read_bytes() == b.read_bytes()


def test_scale_script_prints_one_json_line() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/scale.py", "--regions", "2", "--baseline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in (
        "regions",
        "plans",
        "measures",
        "pages",
        "load_s",
        "generate_s",
        "build_s",
        "peak_rss_mb",
        "site_mb",
        "largest_page_kb",
        "median_page_kb",
        "search_index_mb",
        "search_index_gzip_mb",
        "baseline_build_s",
    ):
        assert key in figures
    assert figures["regions"] == 2 and figures["pages"] > figures["measures"]


def test_serve_shows_an_edit_and_rebuilds_the_search_index() -> None:
    """A real `mkdocs serve`: an edited plan shows on its page, and search comes back after the edit."""
    result = subprocess.run(
        [sys.executable, "benchmarks/serve.py", "--edits", "2"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["edits"] == 2 and 0 < figures["median_s"] <= figures["search_median_s"]
