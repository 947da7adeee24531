"""Full-text search: index the built site with Pagefind.

Pagefind stems Russian and ships a small, chunked index, so one query transfers little even
for a large site. `mkdocs build` wipes the site folder, so indexing runs inside the build
(the plugin's on_post_build), never as a second command to remember.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def index_site(site_dir: Path) -> str:
    """Build the Pagefind index into `site_dir/pagefind`; return Pagefind's summary output."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
         "--exclude-selectors", ".headerlink"],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}\n{result.stderr}".strip())
    return result.stdout
