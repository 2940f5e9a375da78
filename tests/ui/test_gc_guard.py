"""Garbage is freed in the GUI thread, never by a worker that happens to allocate.

A closed dialog caught in a reference cycle, freed by the collector from a worker thread,
leaves its timers registered with the GUI thread: the next timer event crashed the suite.
"""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from ui import gc_guard
from ui.workers import run_job, running_jobs


class Cycle:
    freed_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self  # only the cyclic collector can free it

    def __del__(self) -> None:
        Cycle.freed_in.append(threading.current_thread().name)


def test_cycles_made_garbage_are_collected_in_the_gui_thread(qtbot: Any, qapp: Any) -> None:
    collector = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is collector and not gc.isenabled()
    Cycle.freed_in.clear()
    for _ in range(50):
        Cycle()  # garbage, freed only by a collection

    def allocate(progress: Any, cancelled: Any) -> int:
        junk = [[n] for n in range(200_000)]  # well past the collector's thresholds
        return len(junk)

    results: list[int] = []
    run_job(allocate, results.append, lambda message: None)
    qtbot.waitUntil(lambda: running_jobs() == 0 and bool(results), timeout=10_000)
    assert [name for name in Cycle.freed_in if name != "MainThread"] == []  # not the worker
    kept = [[n] for n in range(5_000)]  # the GUI thread allocates past the threshold
    qtbot.waitUntil(lambda: len(Cycle.freed_in) == 50, timeout=5_000)  # the GUI's timer
    assert set(Cycle.freed_in) == {"MainThread"} and len(kept) == 5_000
