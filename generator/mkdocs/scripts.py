"""The site's own scripts, served without their comments and spaces, their local names shortened.

The scripts in docs/assets/ are written to be read by contributors, with comments that say why
and names that explain themselves; a reader's phone needs none of that, and the search page loads
three of them before its first result. calmjs.parse reads a script written in ES5 and prints it
again with each function's own names shortened (names at the top of a script, which the scripts
share, stay); a script using later syntax only loses its comments and spaces (rjsmin). Both keep
every string as it is.
"""

from __future__ import annotations

from typing import Any

import rjsmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print
from mkdocs.structure.files import File, Files


def minified(files: Files, config: Any) -> Files:
    """`files` with each .js file of docs/ replaced by its minified copy at the same path."""
    for file in list(files):
        if file.src_uri.endswith(".js") and file.src_dir == config.docs_dir:
            text = file.content_string
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=smallest(text)))
    return files


def smallest(script: str) -> str:
    try:
        return minify_print(es5(script), obfuscate=True, obfuscate_globals=False)
    except ECMASyntaxError:
        return rjsmin.jsmin(script)
