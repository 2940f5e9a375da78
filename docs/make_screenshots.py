"""Remake the README's screenshots: the demo in a real window (run under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 python3 docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())  # no saved window state
    from auditor_app.demo import build_demo
    from auditor_app.demo_info import DEMO_AUDIT_ID
    from auditor_app.store import findings as finding_store
    from auditor_app.store.workspace import Workspace
    from ui.app import make_application
    from ui.main_window import CLOSING, MYSTERY, START, SURVEYS, SYNTHESIS, WALK, MainWindow
    from ui.session import Session

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "demo") as ws:
        build_demo(ws)
        session = Session(ws)
        window = MainWindow(session)
        window.resize(1366, 768)
        window.show()
        session.open_audit(DEMO_AUDIT_ID)

        def shot(name: str) -> None:
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))

        nc = next(
            f for f in finding_store.findings(ws, DEMO_AUDIT_ID)
            if f.verdict is not None and f.verdict.is_nonconformity and f.evidence_count
        )  # fmt: skip
        session.show_finding(nc.id)
        shot("walkthrough")
        for row, name in ((START, "audits"), (MYSTERY, "mystery-tests"), (SURVEYS, "surveys"),
                          (SYNTHESIS, "synthesis"), (CLOSING, "closing-meeting")):  # fmt: skip
            window.navigation.setCurrentRow(row)
            shot(name)
        window.navigation.setCurrentRow(WALK)
        window.close()


if __name__ == "__main__":
    main()
