"""Python's cyclic garbage collector runs in the GUI thread only.

Left alone, the collector runs in whichever thread happens to allocate past its threshold:
a worker building a report or loading a grid. It may then free a closed dialog or page
(Python wrappers caught in a reference cycle) from that worker thread; Qt cannot stop a
QObject's timers from another thread, and the next timer event lands on freed memory: a
crash, at a random moment, long after the dialog was closed (seen in the test suite).
The same pattern as calibre's GarbageCollector: automatic collection is disabled and a
timer in the GUI thread collects each generation when its count passes the threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("gui_thread_collector")
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    @Slot()
    def check(self) -> None:
        """Collect as the automatic collector would have, but here, in the GUI thread."""
        if gc.isenabled():
            gc.disable()  # something switched it back on (a library, a test)
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def install(app: QCoreApplication) -> GuiThreadCollector:
    """The collector of ``app`` (made once; later calls return the same one)."""
    found = app.findChild(GuiThreadCollector, "gui_thread_collector")
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
