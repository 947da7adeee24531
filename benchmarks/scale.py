"""Scale benchmark: build the site for a synthetic corpus and print one JSON line of figures.

    python benchmarks/scale.py --regions 10            # the generator's site
    python benchmarks/scale.py --regions 10 --baseline # also a plain MkDocs+Material site of as many pages
    python benchmarks/scale.py --seed-content          # the real content/

Figures: load_s (read and validate YAML) and generate_s (model → pages, graphs, similarity),
as the plugin times them inside the build; build_s (whole `mkdocs build`), peak RSS of the
build, site size, largest and median page, search index size (raw and gzip) and what one cold
query transfers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_config(work: Path, content: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("content_dir: content", f"content_dir: {content}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = work / "mkdocs.yml"
    config.write_text(text + f"\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    return config


# Runs `mkdocs build` in a fresh interpreter and reports that process's own peak RSS
# (Pagefind runs as a grandchild and is counted separately by RUSAGE_CHILDREN there) and the CPU
# seconds of the build and its children: on a shared machine, wall time swings with the load.
_BUILD = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print("RSS", max(own.ru_maxrss, children.ru_maxrss) * 1024, file=sys.stderr)
print("CPU", own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def built_site(site: Path | None, regions: int | None, work: Path) -> Path:
    """`site` when given; else the site built (in `work`) from content/, or from a synthetic
    corpus of `regions` regions: what the browser benchmarks measure."""
    if site is not None:
        return site
    content = ROOT / "content"
    if regions:
        content = work / "content"
        generate(content, regions, 1)
    built = work / "site"
    build(mkdocs_config(work, content), built)
    return built


def build(config: Path, site: Path) -> tuple[float, int, str]:
    """Run `mkdocs build`; return seconds, the build's peak RSS in bytes and its log (which ends
    with the CPU seconds, see `cpu_seconds`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _BUILD, "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    rss = int(result.stderr.rsplit("RSS ", 1)[1].split()[0])
    return elapsed, rss, result.stderr


def cpu_seconds(log: str) -> float:
    return round(float(log.rsplit("CPU ", 1)[1].split()[0]), 1)


def generator_figures(log: str) -> dict[str, float]:
    """The plugin's own figures in a build's log: what it read (plans, measures, agencies,
    regions) and in how many seconds, how many files it generated and in how many seconds."""
    load = re.search(
        r"generator: (\d+) plans, (\d+) measures, (\d+) agencies, \d+ topics, (\d+) regions; "
        r"read in ([\d.]+) s",
        log,
    )
    generate = re.search(r"generator: (\d+) files generated in ([\d.]+) s", log)
    if not load or not generate:
        raise SystemExit(f"the build's log has no generator figures:\n{log[-3000:]}")
    plans, measures, agencies, regions, load_s = load.groups()
    files, generate_s = generate.groups()
    return {
        "regions": int(regions),
        "plans": int(plans),
        "measures": int(measures),
        "agencies": int(agencies),
        "generated_files": int(files),
        "load_s": float(load_s),
        "generate_s": float(generate_s),
    }


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gzip_size(path: Path) -> int:
    return sum(len(gzip.compress(p.read_bytes(), 6)) for p in path.rglob("*") if p.is_file())


def page_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for p in site.rglob("*.html") if "pagefind" not in p.parts]


def query_transfer(site: Path) -> int:
    """Bytes one cold query needs: the page's search scripts, Pagefind's script, entry, wasm and
    metadata, one index chunk and ten fragments (the filters load only when the reader opens them)."""
    pf = site / "pagefind"
    files = [
        site / "assets" / "search.js",
        site / "assets" / "search-query.js",
        pf / "pagefind-entry.json",
        pf / "pagefind.js",
    ]
    files += sorted(pf.glob("wasm.*.pagefind"))[:1] + sorted(pf.glob("*.pf_meta"))[:1]
    chunks = sorted((pf / "index").glob("*"), key=lambda p: p.stat().st_size)
    files += chunks[len(chunks) // 2 : len(chunks) // 2 + 1]
    fragments = sorted((pf / "fragment").glob("*"), key=lambda p: p.stat().st_size)
    files += fragments[len(fragments) // 2 : len(fragments) // 2 + 10]
    return sum(len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file())


def measure_site(content: Path, work: Path) -> dict[str, object]:
    site = work / "site"
    build_s, rss, log = build(mkdocs_config(work, content), site)
    # Timed inside the build, so that the share compares parts of one run (this machine's
    # speed drifts by tens of per cent from one minute to the next).
    f = generator_figures(log)
    sizes = page_sizes(site)
    return {
        "regions": f["regions"],
        "plans": f["plans"],
        "measures": f["measures"],
        "agencies": f["agencies"],
        "pages": len(sizes),
        "generated_files": f["generated_files"],
        "load_s": f["load_s"],
        "generate_s": f["generate_s"],
        "build_s": round(build_s, 2),
        "build_cpu_s": cpu_seconds(log),
        "generator_share": round((f["load_s"] + f["generate_s"]) / build_s, 3),
        "peak_rss_mb": round(rss / 2**20),
        "site_mb": round(dir_size(site) / 2**20, 1),
        "largest_page_kb": round(max(sizes) / 1024, 1),
        "median_page_kb": round(statistics.median(sizes) / 1024, 1),
        "search_index_mb": round(dir_size(site / "pagefind") / 2**20, 2),
        "search_index_gzip_mb": round(gzip_size(site / "pagefind") / 2**20, 2),
        "query_transfer_kb_gzip": round(query_transfer(site) / 1024, 1),
    }


def baseline(pages: int, page_kb: float, work: Path) -> dict[str, object]:
    """A plain MkDocs + Material site with as many pages of about the same size."""
    docs = work / "baseline-docs"
    docs.mkdir()
    para = "Организация и проведение профессиональных проб для обучающихся 6-11 классов. " * 12
    body = "\n\n".join([para] * max(1, int(page_kb * 1024 / 6 / len(para.encode()))))
    for i in range(pages):
        folder = docs / f"p{i // 500}"
        folder.mkdir(exist_ok=True)
        (folder / f"page-{i}.md").write_text(f"# Страница {i}\n\n{body}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    config = work / "baseline.yml"
    config.write_text(
        f"site_name: Baseline\ndocs_dir: {docs}\ntheme:\n  name: material\n  language: ru\n"
        "nav:\n  - index.md\nvalidation:\n  nav:\n    omitted_files: ignore\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    seconds, rss, log = build(config, work / "baseline-site")
    return {
        "baseline_build_s": round(seconds, 2),
        "baseline_cpu_s": cpu_seconds(log),
        "baseline_peak_rss_mb": round(rss / 2**20),
        "baseline_site_mb": round(dir_size(work / "baseline-site") / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Scale benchmark; prints one JSON line.")
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seed-content", action="store_true", help="measure the real content/ instead")
    parser.add_argument("--baseline", action="store_true", help="also build a plain MkDocs+Material site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = ROOT / "content" if args.seed_content else work / "content"
        if not args.seed_content:
            generate(content, args.regions, args.seed)
        figures = measure_site(content, work)
        if args.baseline:
            figures.update(baseline(int(figures["pages"]), float(figures["median_page_kb"]), work))
            figures["build_ratio"] = round(figures["build_s"] / figures["baseline_build_s"], 2)
            figures["cpu_ratio"] = round(figures["build_cpu_s"] / figures["baseline_cpu_s"], 2)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
