"""Full-text search: index the built site with Pagefind.

Pagefind stems Russian and ships a small, chunked index, so one query transfers little even
for a large site. `mkdocs build` wipes the site folder, so indexing runs inside the build
(the plugin's on_post_build), never as a second command to remember. Under `mkdocs serve`
it runs beside the preview instead (`start_index`): an edited page shows at once, and the
search index follows a second later.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def _command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
            "--exclude-selectors", ".headerlink"]


def index_site(site_dir: Path) -> str:
    """Build the Pagefind index into `site_dir/pagefind`; return Pagefind's summary output."""
    result = subprocess.run(_command(site_dir), capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}\n{result.stderr}".strip())
    return result.stdout


def start_index(site_dir: Path) -> subprocess.Popen[str]:
    """Start indexing `site_dir` without waiting; `finish_index` collects the outcome."""
    return subprocess.Popen(_command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_index(process: subprocess.Popen[str]) -> str | None:
    """Wait for a started index; return Pagefind's output if it failed, None if it succeeded or was stopped."""
    output, _ = process.communicate()
    return output if process.returncode > 0 else None
