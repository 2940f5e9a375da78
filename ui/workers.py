"""One idiom for long work: a QRunnable on the global QThreadPool, signals on a QObject.

The job is a core function taking ``progress(done, total, label)`` and a ``cancelled()``
callable. It must not touch widgets or the GUI thread's database connection.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress, Callable[[], bool]], Any]


class Cancelled(Exception):
    """Raised by a job that saw the cancel flag."""


class WorkerSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Worker(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(True)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self.signals.progress.emit, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            traceback.print_exc()
            self.signals.failed.emit(str(exc))
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


def run_job(
    job: Job,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[str], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Worker:
    """Connect the handlers, then start ``job`` on the global pool (no signal is missed)."""
    worker = Worker(job)
    worker.signals.finished.connect(on_finished)
    worker.signals.failed.connect(on_failed)
    if on_progress is not None:
        worker.signals.progress.connect(on_progress)
    if on_cancelled is not None:
        worker.signals.cancelled.connect(on_cancelled)
    QThreadPool.globalInstance().start(worker)
    return worker
