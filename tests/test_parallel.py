"""Work shared with forked processes gives the same result, in the same order, as one process."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, write_plan
from generator import loader, pages, parallel
from generator.errors import ContentErrors
from generator.render import Renderer


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork however small the work is (the seed content is below the threshold), and although
    other tests left threads running (a test web server)."""
    monkeypatch.setattr(parallel, "MIN_COST", 0)
    monkeypatch.setattr(parallel, "threads_running", lambda: False)


def test_results_come_back_in_order_from_both_processes(always_parallel) -> None:
    def task(i: int) -> tuple[int, int]:
        time.sleep(0.01)  # long enough for the child to start and claim its share
        return i, os.getpid()

    tasks = [(1.0, lambda i=i: task(i)) for i in range(40)]
    results = parallel.run(tasks, workers=2)
    assert [i for i, _ in results] == list(range(40))
    assert len({pid for _, pid in results}) == 2


def test_small_work_stays_in_this_process() -> None:
    results = parallel.run([(1.0, os.getpid) for _ in range(10)], workers=2)
    assert set(results) == {os.getpid()}


def test_no_fork_while_other_threads_run(monkeypatch) -> None:
    """`mkdocs serve` runs a server and a file watcher: forking beside them is unsafe."""
    monkeypatch.setattr(parallel, "MIN_COST", 0)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        results = parallel.run([(1.0, os.getpid) for _ in range(10)], workers=2)
    finally:
        stop.set()
        watcher.join()
    assert set(results) == {os.getpid()}


@pytest.mark.parametrize("broken", [0, 7])
def test_a_failing_task_fails_the_run_and_leaves_no_child_behind(always_parallel, monkeypatch, broken) -> None:
    """Whichever process meets the broken task (the first or a later one), the error is raised
    here, as it would be without workers, and the worker is reaped."""
    forked, fork = [], os.fork
    monkeypatch.setattr(parallel.os, "fork", lambda: forked.append(fork()) or forked[-1])

    def task(i: int) -> int:
        if i == broken:
            raise ValueError(f"task {i} is broken")
        return i

    with pytest.raises(ValueError, match=f"task {broken} is broken"):
        parallel.run([(1.0, lambda i=i: task(i)) for i in range(10)], workers=2)
    assert forked and forked[0] != 0
    with pytest.raises(ChildProcessError):  # reaped: no such child any more
        os.waitpid(forked[0], os.WNOHANG)


def test_the_site_rendered_in_two_processes_is_the_same(always_parallel, catalog, monkeypatch) -> None:
    def render(workers: int) -> list[tuple[str, str | bytes, str | None]]:
        monkeypatch.setattr(parallel, "cores", lambda: workers)
        builder = pages.SiteBuilder(catalog, CONTENT, Renderer(), pages.Links("https://example.org/repo"), ROOT)
        return [(o.src, o.content, o.origin) for o in builder.outputs()]

    assert render(2) == render(1)


def test_errors_found_in_two_processes_are_all_reported(always_parallel, content: Path, monkeypatch) -> None:
    for n in range(6):
        write_plan(content, f"id: broken-{n}\nregion: nowhere\n  bad indent: [\n", name=f"broken-{n}")
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    with pytest.raises(ContentErrors) as two:
        loader.load(content)
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    with pytest.raises(ContentErrors) as one:
        loader.load(content)
    assert [str(e) for e in two.value.errors] == [str(e) for e in one.value.errors]
    assert {Path(e.path).name for e in two.value.errors} == {f"broken-{n}.yaml" for n in range(6)}
