"""Work done by a process of its own, on another core, while the build goes on.

A build spends most of its time in one Python process, and the machine's other core is idle until
Pagefind starts. A function of this package whose arguments and result pickle can run in a fresh
interpreter (`python -m generator.site.elsewhere FOLDER`) instead: never a fork of the build,
which under `mkdocs serve` has threads a fork would copy half-way, and never through
multiprocessing, which imports the caller's main script again.
"""

from __future__ import annotations

import importlib
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
# The folder that holds this package: the other process imports the same code as this one.
_CODE = Path(__file__).resolve().parents[2]


class ElsewhereError(Exception):
    """The other process ended without a result."""


class Started(Generic[T]):
    """`function(*args)` running in another process; `result()` waits for it."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self.name = f"{function.__module__}.{function.__qualname__}"
        self.folder = Path(tempfile.mkdtemp(prefix="kb-elsewhere-"))
        (self.folder / "job").write_bytes(pickle.dumps((function.__module__, function.__qualname__, args)))
        paths = [str(_CODE), *filter(None, [os.environ.get("PYTHONPATH")])]
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(self.folder)], env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        )

    def result(self) -> T:
        """The function's value, or the exception it raised, raised here."""
        try:
            code = self.process.wait()
            answer = self.folder / "result"
            if code != 0 or not answer.is_file():
                raise ElsewhereError(f"{self.name} ended without a result (exit code {code})")
            failed, value = pickle.loads(answer.read_bytes())
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        if failed:
            raise value
        return value


def _run(folder: Path) -> None:
    module, name, args = pickle.loads((folder / "job").read_bytes())
    try:
        answer = (False, getattr(importlib.import_module(module), name)(*args))
    except Exception as exc:  # handed back to the build, which raises it as if it had run there
        answer = (True, exc)
    (folder / "result").write_bytes(pickle.dumps(answer))


if __name__ == "__main__":
    _run(Path(sys.argv[1]))
