"""The site's own scripts, served without their comments and spaces.

The scripts in docs/assets/ are written to be read by contributors, with comments that say why;
a reader's phone needs none of that, and the search page loads three of them before its first
result. rjsmin keeps every token and string as it is.
"""

from __future__ import annotations

from typing import Any

import rjsmin
from mkdocs.structure.files import File, Files


def minified(files: Files, config: Any) -> Files:
    """`files` with each .js file of docs/ replaced by its minified copy at the same path."""
    for file in list(files):
        if file.src_uri.endswith(".js") and file.src_dir == config.docs_dir:
            text = file.content_string
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=rjsmin.jsmin(text)))
    return files
