"""GUI benchmarks, offscreen, as ratios or GUI-thread times measured in the same run.

    python bench/bench_gui.py [--quick]

1. Start-up: ``auditor-app --demo`` until its first window is painted, vs a bare PySide6
   window until it is painted, each a whole process quitting right after that first paint
   (goal ≤ 2×). Both quit the same way: a zero timer posted from the main window's first
   paintEvent (the app: ``AUDITOR_APP_EXIT_AFTER_START=first-window``). The app opens its
   workspace and audit only after that paint, so the time until the demo audit is shown
   (``AUDITOR_APP_EXIT_AFTER_START=1``) is printed too, for information.
2. Moving from one checkpoint to the next in a 5,000-finding audit: GUI thread time of
   the list's selection change and the detail panel's update (goal < 50 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:  # as ui.main_window.MainWindow, then ui.app with first-window
            self.painted = True
            QTimer.singleShot(0, app.quit)

app = QApplication([])
window = Window()
window.resize(1366, 768)
window.show()
app.exec()
"""


def timed_process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True, timeout=120)
    return time.perf_counter() - start


def bench_startup(rounds: int) -> tuple[float, float, float]:
    """Medians: our first window, a bare window, our demo audit shown."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "auditor_app.cli", "--workspace", str(ws), "demo"],
                       check=True, env=env, capture_output=True)  # fmt: skip
        ours_cmd = [sys.executable, "-m", "auditor_app.cli", "--workspace", str(ws), "--demo"]
        first_env = {**env, "AUDITOR_APP_EXIT_AFTER_START": "first-window"}
        started_env = {**env, "AUDITOR_APP_EXIT_AFTER_START": "1"}
        ours, bare, started = [], [], []
        for _ in range(rounds):
            bare.append(timed_process([sys.executable, "-c", BARE], env))
            ours.append(timed_process(ours_cmd, first_env))
            started.append(timed_process(ours_cmd, started_env))
        return statistics.median(ours), statistics.median(bare), statistics.median(started)


def bench_next_checkpoint(steps: int) -> tuple[float, float, int]:
    from auditor_app.store.workspace import Workspace
    from bench.bench_core import make_audit
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.session import Session

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "big") as ws:
        audit_id = make_audit(ws, 21, 240)
        session = Session(ws)
        window = MainWindow(session)
        window.resize(1366, 768)
        window.show()
        session.open_audit(audit_id)
        page = window.page(1)
        app.processEvents()
        count = len(page._findings)
        times = []
        for row in range(1, steps + 1):
            start = time.perf_counter()
            page.list.selectRow(row % page.list_model.rowCount())
            app.processEvents()
            times.append(time.perf_counter() - start)
        window.close()
        return statistics.median(times), max(times), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    ours, bare, started = bench_startup(3 if args.quick else 7)
    ratio = ours / bare
    print(f"démarrage (première fenêtre)        ratio {ratio:5.2f} (objectif ≤ 2) – "
          f"{ours * 1000:.0f} ms contre {bare * 1000:.0f} ms pour une fenêtre PySide6 nue")
    print(f"démarrage (audit de démo affiché)   ratio {started / bare:5.2f} (pour information) – "
          f"{started * 1000:.0f} ms")
    median, worst, count = bench_next_checkpoint(60 if args.quick else 200)
    print(f"point de contrôle suivant            médiane {median * 1000:.1f} ms, pire "
          f"{worst * 1000:.1f} ms (objectif < 50 ms) – audit de {count} constats")
    return 0 if ratio <= 2 and worst < 0.05 else 1


if __name__ == "__main__":
    raise SystemExit(main())
