"""Kill the app (SIGKILL) while a note is being typed, after a verdict: nothing committed is lost.

On restart the verdict is there and the note holds what was typed up to the last pause.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from auditor_app.audit.verdicts import Verdict
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui.app import make_application
from ui.main_window import MainWindow
from ui.session import Session
from ui.widgets.finding_panel import NOTE_DEBOUNCE_MS
from auditor_app.store.workspace import Workspace
from auditor_app.store.audits import find_audit
from auditor_app.audit.verdicts import Verdict

app = make_application()
ws = Workspace(Path(sys.argv[1]))
session = Session(ws)
window = MainWindow(session)
window.show()
window.activateWindow()
session.open_audit(find_audit(ws, "DEMO-VDR-2026").id)
page = window.page(1)
page.next_unanswered()
finding = page.current_finding()
print("FINDING", finding.id, flush=True)
page.panel.set_verdict(Verdict.NC_MINEURE)
page.panel.note.setFocus()
QTest.keyClicks(page.panel.note, "Affichage absent")
QTest.qWait(NOTE_DEBOUNCE_MS + 400)           # the pause: this much is committed
QTest.keyClicks(page.panel.note, " et la suite")  # typed, still waiting for its pause
app.processEvents()
print("READY", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_while_typing_keeps_verdict_and_debounced_note(demo_workspace: Workspace) -> None:
    root = demo_workspace.root
    demo_workspace.close()  # the app under test must be the only one with the workspace
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    fid = ""
    for line in child.stdout:
        if line.startswith("FINDING"):
            fid = line.split()[1]
        if line.startswith("READY"):
            break
    else:
        _, err = child.communicate(timeout=30)
        pytest.fail(err or "child ended early")
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)  # also closes the pipes
    with Workspace(root, actor="vérification") as ws:
        finding = finding_store.get_finding(ws, fid)
        assert finding.verdict is Verdict.NC_MINEURE
        assert finding.note == "Affichage absent"
        assert ws.integrity_ok() and ws.verify_journal().ok
