"""Lighthouse, mobile, on the four pages readers land on: home, a plan, a measure, the search page.

    python benchmarks/lighthouse.py [--site DIR | --regions N] [--runs 3] [--lighthouse PATH]

Builds the site (or takes a built one), serves it on 127.0.0.1 as a static host does (text
gzipped), and runs npm's `lighthouse` with Debian's Chromium (CHROME_PATH=/usr/bin/chromium,
headless, no sandbox) in its default mobile mode: a phone screen, Slow 4G and a 4× slower CPU,
simulated. Without --lighthouse it installs the npm package into a temporary folder first
(`npm install lighthouse`). The plan is the longest plan page, the measure the longest measure
page of that plan, the search page opened with a query. Prints the four scores and the paint
timings of each page (the median of --runs), then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale import built_site  # noqa: E402
from benchmarks.slow_phone import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
SEARCH = "search/?q=" + quote("профессиональные пробы")


def pages(site: Path, plan_id: str | None = None) -> dict[str, str]:
    """Site-relative URLs of the four pages: the plan (by default the longest plan page) and the
    longest measure page in it."""
    plans = site.glob("plans/*/index.html")
    plan = site / "plans" / plan_id if plan_id else max(plans, key=lambda p: p.stat().st_size).parent
    measure = max(plan.glob("*/index.html"), key=lambda p: p.stat().st_size).parent
    return {
        "home": "",
        "plan": f"plans/{plan.name}/",
        "measure": f"plans/{plan.name}/{measure.name}/",
        "search": SEARCH,
    }


def install_lighthouse(folder: Path) -> Path:
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "lighthouse"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return folder / "node_modules" / ".bin" / "lighthouse"


def run(lighthouse: Path, url: str, out: Path) -> dict[str, float]:
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or "/usr/bin/chromium")
    done = subprocess.run(
        [
            str(lighthouse),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless --no-sandbox",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit, name in TIMINGS.items():
        value = report["audits"][audit]["numericValue"]
        figures[name] = round(value, 3) if name == "CLS" else round(value / 1000, 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse mobile on four pages; prints one JSON line.")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--regions", type=int, help="build a synthetic corpus of N regions instead of content/")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--plan", help="the plan id of the plan page (default: the longest plan page)")
    parser.add_argument("--lighthouse", type=Path, help="the lighthouse executable (default: npm install it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lighthouse = args.lighthouse or install_lighthouse(work)
        site = built_site(args.site, args.regions, work)
        results = {}
        with serve(site) as server:
            for name, path in pages(site, args.plan).items():
                runs = [run(lighthouse, server + path, work / f"{name}-{i}.json") for i in range(args.runs)]
                results[name] = {"url": path, **{k: statistics.median(r[k] for r in runs) for k in runs[0]}}
                r = results[name]
                print(
                    f"{name:<8} performance {r['performance']:>3}  accessibility {r['accessibility']:>3}  "
                    f"best practices {r['best-practices']:>3}  SEO {r['seo']:>3}  FCP {r['FCP']:.2f} s  "
                    f"LCP {r['LCP']:.2f} s  TBT {r['TBT']:.2f} s  CLS {r['CLS']:.3f}  ({path})",
                    flush=True,
                )
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
