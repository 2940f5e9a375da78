"""Shared fixtures: hermetic workspaces, a small grid, no user profile touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Without a display Qt aborts the whole process instead of failing a test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _hermetic_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_APP_WORKSPACE", str(tmp_path / "default-workspace"))
    monkeypatch.setenv("AUDITOR_APP_USER", "Test Auditeur")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("AUDITOR_APP_LANG", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    from auditor_app.store.workspace import Workspace

    with Workspace(tmp_path / "ws", actor="Claire Martin") as ws:
        yield ws
