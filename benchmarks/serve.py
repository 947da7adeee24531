"""Edit-to-preview benchmark: how long `mkdocs serve` takes to show an edited plan.

    python benchmarks/serve.py [--edits 5] [--regions N] [-- extra mkdocs serve options]

Copies the content (the real content/, or a synthetic corpus of N regions) to a temporary
folder, starts `mkdocs serve` on it, then edits the title of a measure in a plan file, as a
contributor does, and times how long it takes until the served measure page shows the new
title, and until the search index is served again. MkDocs notices a change by polling the
files every 0.5 s, so up to that much of each figure is MkDocs's own wait. Prints each edit's
seconds and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import get_yaml_loader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.scale import mkdocs_config  # noqa: E402
from generator.content import loader  # noqa: E402
from generator.site import urls  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen | None = None) -> float:
    """Poll `url` every 20 ms until it contains `text`; return the seconds that took (0 if the server died)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server is not None and server.poll() is not None:
            return 0.0
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


def first_measure(content: Path) -> tuple[Path, str, int]:
    """The first plan file, its first measure's page and the index of that measure's title line."""
    plan = next(iter(loader.load(content).plans.values()))
    measure = plan.measures[0]
    plan_file = content / "plans" / f"{plan.id}.yaml"
    lines = plan_file.read_text(encoding="utf-8").splitlines()
    title = next(i for i in range(measure.line - 1, len(lines)) if lines[i].strip().lstrip("- ").startswith("title:"))
    return plan_file, urls.page_url(urls.measure(measure)), title


def main() -> None:
    parser = argparse.ArgumentParser(description="Edit-to-preview time of mkdocs serve; prints one JSON line.")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--regions", type=int, default=0, help="a synthetic corpus of N regions instead of content/")
    parser.add_argument("serve_args", nargs="*", help="extra options for mkdocs serve, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        if args.regions:
            generate(content, args.regions)
        else:
            shutil.copytree(ROOT / "content", content)
        plan_file, page, title_line = first_measure(content)
        port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        with (work / "serve.log").open("w") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "serve",
                    "-f",
                    str(mkdocs_config(work, content)),
                    "-a",
                    f"127.0.0.1:{port}",
                    *args.serve_args,
                ],
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=env,
            )
        try:
            start = time.perf_counter()
            # mkdocs serve mounts the site at the path of site_url.
            config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=get_yaml_loader())
            site_path = urlsplit(config["site_url"]).path
            url = f"http://127.0.0.1:{port}{site_path.rstrip('/')}/{page}"
            index_url = f"http://127.0.0.1:{port}{site_path.rstrip('/')}/pagefind/pagefind-entry.json"
            if not wait_for(url, "<title>", timeout=600, server=server):
                raise SystemExit("mkdocs serve did not start:\n" + (work / "serve.log").read_text()[-3000:])
            first_build = time.perf_counter() - start
            seconds, search = [], []
            for n in range(1, args.edits + 1):
                lines = plan_file.read_text(encoding="utf-8").splitlines()
                marker = f"правка {n}"
                # "title: X" becomes "title: правка N X" (inside the quotes of a quoted title).
                lines[title_line] = re.sub(
                    r"^(\s*title: [\"']?)(?:правка \d+ )?", rf"\g<1>{marker} ", lines[title_line]
                )
                plan_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
                seconds.append(wait_for(url, marker, timeout=120))
                # The rebuild emptied the site folder: the search index is back once Pagefind is done.
                search.append(seconds[-1] + wait_for(index_url, "{", timeout=120))
                print(f"edit {n}: page {seconds[-1]:.2f} s, search index {search[-1]:.2f} s", file=sys.stderr)
                time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "regions": args.regions or "seed",
                "serve_args": args.serve_args,
                "first_build_s": round(first_build, 2),
                "edits": len(seconds),
                "median_s": round(statistics.median(seconds), 2),
                "max_s": round(max(seconds), 2),
                "search_median_s": round(statistics.median(search), 2),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
