"""What identifies the demo audit, without importing what builds it (kept off start-up)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from auditor_app.store.workspace import Workspace

_NS = uuid.UUID("0d3c1f7e-6a57-4b8e-9f51-7b1d8c2a4e60")
DEMO_REFERENCE = "DEMO-VDR-2026"
# Who the user plays in the demo when they have not given their own name (first run).
DEMO_LEAD = "Claire Martin"


def demo_id(name: str) -> str:
    """A fixed id for a demo record, so two builds of the demo hold the same ids."""
    return str(uuid.uuid5(_NS, name))


DEMO_AUDIT_ID = demo_id("audit")


def demo_workspace_dir() -> Path:
    return Path(platformdirs.user_data_dir("auditor-app", appauthor=False)) / "demo"


def has_demo(ws: Workspace) -> bool:
    """Whether the demo audit is already in this workspace."""
    row = ws.conn.execute("SELECT 1 FROM audits WHERE id = ?", (DEMO_AUDIT_ID,)).fetchone()
    return row is not None
