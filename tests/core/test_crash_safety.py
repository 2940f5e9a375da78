"""A process saving findings is killed with SIGKILL at random moments, many times.

After each kill the workspace reopens, every save that had returned is there, SQLite's
integrity check passes and the journal verifies.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor_app.store import findings
from auditor_app.store.workspace import Workspace
from tests.core.test_store import make_audit

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from pathlib import Path
from auditor_app.audit.verdicts import Verdict
from auditor_app.store import findings
from auditor_app.store.workspace import Workspace

root, audit_id, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
verdicts = list(Verdict)
with Workspace(root, actor="enfant") as ws:
    rows = findings.findings(ws, audit_id)
    i = start
    while True:
        f = rows[i % len(rows)]
        note = f"note {i}"
        findings.update_finding(ws, f.id, verdict=verdicts[i % len(verdicts)], note=note)
        print(f.id, note, flush=True)
        i += 1
"""

KILLS = 12


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_never_loses_a_returned_save(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    with Workspace(root, actor="setup") as ws:
        audit_id = make_audit(ws, n_sites=3).id
    rng = random.Random(7)
    last_saved: dict[str, str] = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(root), audit_id, str(start)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is saving
        assert first, child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        lines = [first, *out.splitlines()]
        for line in lines:
            if line.count(" ") >= 1 and line.endswith(tuple("0123456789")):
                fid, note = line.strip().split(" ", 1)
                last_saved[fid] = note
        start += len(lines) + 1
        with Workspace(root, actor="vérif") as ws:
            assert ws.integrity_ok()
            check = ws.verify_journal()
            assert check.ok, check.describe()
            for fid, note in last_saved.items():
                stored = findings.get_finding(ws, fid).note
                # The child may have committed one more save than it printed.
                assert stored == note or int(stored.split()[1]) > int(note.split()[1])
    assert len(last_saved) > 5
