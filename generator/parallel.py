"""Share work between this process and forked copies of it, as `sphinx-build -j` does.

A forked child already holds what the work needs (the loaded catalog, the compiled templates),
so nothing is sent to it; only results come back (read plan files, finished pages), pickled
through a pipe. Each task's result depends on its task alone, so the output is the same bytes,
in the same order, as when one process does everything, which is what happens where fork is
missing (Windows), when other threads run (`mkdocs serve`: forking them is unsafe), and when
the work is too small to gain. If a child fails, its tasks are done again here, so an error
surfaces exactly as it would without the child.
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
# The tasks are cut into about this many pieces per process: small enough that the processes
# finish together whatever the machine's other load, large enough that claiming one is free.
PIECES_PER_WORKER = 50


def run(tasks: Sequence[tuple[float, Callable[[], T]]], workers: int | None = None) -> list[T]:
    """The result of every (cost, task), in order, computed by up to `workers` processes (one per core).

    A cost estimates the task's milliseconds; it only decides how tasks are grouped."""
    workers = workers or cores()
    total = sum(cost for cost, _ in tasks)
    if workers < 2 or total < MIN_COST or not hasattr(os, "fork") or threads_running():
        return [task() for _, task in tasks]
    pieces = _pieces(tasks, min(PIECES_PER_WORKER * workers, 4096))
    # The work queue is a pipe holding every piece's number, read by all processes until empty.
    queue, fill = os.pipe()
    os.write(fill, b"".join(n.to_bytes(4, "little") for n in range(len(pieces))))
    os.close(fill)
    children = [_fork(tasks, pieces, queue) for _ in range(workers - 1)]
    try:
        results = _work(tasks, pieces, queue)
    except BaseException:
        for pid, pipe in children:  # no child outlives a failed build
            os.kill(pid, signal.SIGKILL)
            os.close(pipe)
            os.waitpid(pid, 0)
        raise
    finally:
        os.close(queue)
    for pid, pipe in children:
        results.update(_collect(pid, pipe))
    for i in range(len(tasks)):
        if i not in results:  # a child failed: redo its pieces here, where errors are reported
            results[i] = tasks[i][1]()
    return [results[i] for i in range(len(tasks))]


def _pieces(tasks: Sequence[tuple[float, Callable[[], T]]], count: int) -> list[range]:
    """Consecutive tasks grouped into about `count` pieces of similar cost."""
    target = sum(cost for cost, _ in tasks) / count
    pieces, start, cost_so_far = [], 0, 0.0
    for i, (cost, _) in enumerate(tasks):
        cost_so_far += cost
        if cost_so_far >= target:
            pieces.append(range(start, i + 1))
            start, cost_so_far = i + 1, 0.0
    if start < len(tasks):
        pieces.append(range(start, len(tasks)))
    return pieces


def _work(tasks: Sequence[tuple[float, Callable[[], T]]], pieces: list[range], queue: int) -> dict[int, T]:
    """Claim pieces from the queue and do their tasks until none is left; {task index: result}."""
    results = {}
    # Every number is 4 bytes, written at once: a read of 4 bytes from a pipe is never split.
    while len(claim := os.read(queue, 4)) == 4:
        for i in pieces[int.from_bytes(claim, "little")]:
            results[i] = tasks[i][1]()
    return results


def cores() -> int:
    """The cores this process may use (a container may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def threads_running() -> bool:
    """Whether other threads run here; a forked child would inherit their locks, held or not."""
    return threading.active_count() > 1


def _fork(tasks: Sequence[tuple[float, Callable[[], T]]], pieces: list[range], queue: int) -> tuple[int, int]:
    """Start a child that works from the queue and pickles its {index: result} into a pipe; return its pid and that pipe."""
    read, write = os.pipe()
    gc.freeze()  # the collector would otherwise touch, and so copy, every inherited object
    pid = os.fork()
    if pid:
        gc.unfreeze()
        os.close(write)
        return pid, read
    os.close(read)
    try:
        results = _work(tasks, pieces, queue)
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
