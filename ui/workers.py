"""One idiom for long work: a QRunnable on the global QThreadPool, signals on a QObject.

The job is a core function taking ``progress(done, total, label)`` and a ``cancelled()``
callable. It must not touch widgets or the GUI thread's database connection.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

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
        # The pool must not delete the runnable (and its signals) in its own thread while
        # the GUI thread still holds them: the relay owns it and frees it on the GUI side.
        self.setAutoDelete(False)

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


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's signals reach the handlers queued there.

    (A plain Python callable connected to a signal would run in the worker's thread.)
    """

    def __init__(self, handlers: dict[str, Callable[..., None] | None]) -> None:
        super().__init__()
        self.handlers = handlers
        self.worker: Worker | None = None

    @Slot(int, int, str)
    def progress(self, done: int, total: int, label: str) -> None:
        handler = self.handlers["progress"]
        if handler is not None and _alive(handler):
            handler(done, total, label)

    @Slot(object)
    def finished(self, result: object) -> None:
        self._end("finished", result)

    @Slot(str)
    def failed(self, message: str) -> None:
        self._end("failed", message)

    @Slot()
    def cancelled(self) -> None:
        self._end("cancelled")

    def _end(self, name: str, *args: object) -> None:
        _RUNNING.discard(self)
        # The worker emitted this as its last act; give its run() time to return before
        # dropping it (here, on the GUI thread), so nothing is freed under its feet.
        _FINISHED.add(self)
        QTimer.singleShot(_RELEASE_AFTER_MS, lambda: _FINISHED.discard(self))
        handler = self.handlers[name]
        if handler is not None and _alive(handler):
            handler(*args)


def _alive(handler: Callable[..., None]) -> bool:
    """False for a method of a widget already destroyed (a dialog closed while its job ran):
    the job's end is then nobody's business, and calling it would raise."""
    import shiboken6

    owner = getattr(handler, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


_RUNNING: set[_Relay] = set()
_FINISHED: set[_Relay] = set()
_RELEASE_AFTER_MS = 2000


def run_job(
    job: Job,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[str], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Worker:
    """Start ``job`` on the global pool; the handlers run on the GUI thread, none missed."""
    worker = Worker(job)
    relay = _Relay({"finished": on_finished, "failed": on_failed, "progress": on_progress,
                    "cancelled": on_cancelled})  # fmt: skip
    relay.worker = worker
    _RUNNING.add(relay)
    worker.signals.finished.connect(relay.finished)
    worker.signals.failed.connect(relay.failed)
    worker.signals.progress.connect(relay.progress)
    worker.signals.cancelled.connect(relay.cancelled)
    QThreadPool.globalInstance().start(worker)
    return worker


def running_jobs() -> int:
    """How many jobs have not reported back yet (tests wait on this)."""
    return len(_RUNNING)
