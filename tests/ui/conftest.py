"""Qt fixtures: a copy of the demo workspace per test, a Session on it, dialogs patched."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor_app.demo import DEMO_REFERENCE, build_demo
from auditor_app.store.audits import find_audit
from auditor_app.store.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-template") / "ws"
    with Workspace(root, actor="Claire Martin") as ws:
        build_demo(ws)
    return root


@pytest.fixture
def demo_workspace(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    root = tmp_path / "demo"
    shutil.copytree(demo_template, root, ignore=shutil.ignore_patterns(".lock*"))
    with Workspace(root, actor="Claire Martin") as ws:
        yield ws


@pytest.fixture
def session(qtbot: Any, demo_workspace: Workspace) -> Any:
    from ui.session import Session

    s = Session(demo_workspace)
    s.open_audit(find_audit(demo_workspace, DEMO_REFERENCE).id)
    return s


class DialogRecorder:
    """Stands in for ui.dialogs: records what would have been shown, answers as told."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answer = True
        self.files: list[Path] = []
        self.save_path: Path | None = None
        self.text_answer: str | None = None

    def _show(self, kind: str) -> Any:
        def record(parent: Any, title: str, text: str) -> None:
            self.shown.append((kind, title, text))

        return record


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """No test ever blocks on a modal dialog: every one goes through ui.dialogs."""
    from ui import dialogs as module

    recorder = DialogRecorder()
    for kind in ("error", "warning", "info"):
        monkeypatch.setattr(module, kind, recorder._show(kind))

    def confirm(parent: Any, title: str, text: str) -> bool:
        recorder.shown.append(("confirm", title, text))
        return recorder.confirm_answer

    monkeypatch.setattr(module, "confirm", confirm)
    monkeypatch.setattr(module, "open_files", lambda *a, **k: list(recorder.files))
    monkeypatch.setattr(
        module, "open_file", lambda *a, **k: recorder.files[0] if recorder.files else None
    )
    monkeypatch.setattr(module, "save_file", lambda *a, **k: recorder.save_path)
    monkeypatch.setattr(module, "ask_text", lambda *a, **k: recorder.text_answer)
    return recorder


@pytest.fixture(scope="session", autouse=True)
def _gc_in_the_gui_thread(qapp: Any) -> None:
    """As the app does (ui/gc_guard.py): a worker's allocation never frees Qt objects."""
    from ui import gc_guard

    gc_guard.install(qapp)


@pytest.fixture(autouse=True)
def _fresh_settings(qapp: Any) -> Iterator[None]:
    """Window state and last positions never leak from one test to the next."""
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()
