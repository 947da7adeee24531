"""Share work between this process and forked copies of it, as `sphinx-build -j` does.

A forked child already holds what the work needs (the loaded catalog, the compiled templates),
so nothing is sent to it; only results come back (read plan files, finished pages), pickled
through a pipe. Each task's result
depends on its task alone, so the output is the same bytes, in the same order, as when one
process does everything, which is what happens where fork is missing (Windows), when other
threads run (`mkdocs serve`: forking them is unsafe), and when the work is too small to gain.
If a child fails, its tasks are done again here, so an error surfaces exactly as it would
without the child.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

# Below this much work (in milliseconds, as the tasks' costs estimate it) forking costs more than it saves.
MIN_COST = 500


def run(tasks: Sequence[tuple[float, Callable[[], T]]], workers: int | None = None) -> list[T]:
    """The result of every (cost, task), in order, computed by up to `workers` processes (one per core).

    A cost estimates the task's milliseconds; it only decides which process does the task."""
    workers = workers or cores()
    total = sum(cost for cost, _ in tasks)
    if workers < 2 or total < MIN_COST or not hasattr(os, "fork") or threads_running():
        return [task() for _, task in tasks]
    # Deal the tasks, in order, to whichever process has the least work so far.
    load = [0.0] * workers
    shares: list[list[int]] = [[] for _ in range(workers)]
    for i, (cost, _) in enumerate(tasks):
        worker = load.index(min(load))
        load[worker] += cost
        shares[worker].append(i)
    children = [_fork(tasks, share) for share in shares[1:]]
    try:
        results: dict[int, T] = {i: tasks[i][1]() for i in shares[0]}
    except BaseException:
        for pid, pipe in children:  # no child outlives a failed build
            os.kill(pid, signal.SIGKILL)
            os.close(pipe)
            os.waitpid(pid, 0)
        raise
    for pid, pipe in children:
        results.update(_collect(pid, pipe))
    for i in range(len(tasks)):
        if i not in results:  # a child failed: redo its share here, where errors are reported
            results[i] = tasks[i][1]()
    return [results[i] for i in range(len(tasks))]


def cores() -> int:
    """The cores this process may use (a container may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def threads_running() -> bool:
    """Whether other threads run here; a forked child would inherit their locks, held or not."""
    return threading.active_count() > 1


def _fork(tasks: Sequence[tuple[float, Callable[[], T]]], share: list[int]) -> tuple[int, int]:
    """Start a child that does `share` and pickles {index: result} into a pipe; return its pid and the pipe."""
    read, write = os.pipe()
    gc.freeze()  # the collector would otherwise touch, and so copy, every inherited object
    pid = os.fork()
    if pid:
        gc.unfreeze()
        os.close(write)
        return pid, read
    os.close(read)
    try:
        results = {i: tasks[i][1]() for i in share}
        with os.fdopen(write, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:
        code = 1
    os._exit(code)


def _collect(pid: int, pipe: int) -> dict:
    """The child's results, or nothing if it failed."""
    with os.fdopen(pipe, "rb") as data:
        try:
            results = pickle.load(data)
        except Exception:
            results = {}
    _, status = os.waitpid(pid, 0)
    return results if os.waitstatus_to_exitcode(status) == 0 else {}
