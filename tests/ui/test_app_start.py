"""Start-up: the main window first, then the workspace and the audit; failures as before."""

from __future__ import annotations

from typing import Any

import pytest

from auditor_app.demo_info import DEMO_REFERENCE
from auditor_app.store.workspace import NotFoundError, Workspace
from tests.ui.conftest import DialogRecorder
from ui import app as gui
from ui.main_window import START, WALK, MainWindow


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """The main windows run() builds, kept alive to be inspected once it has returned."""
    built: list[MainWindow] = []
    init = MainWindow.__init__

    def record(self: MainWindow, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        built.append(self)

    monkeypatch.setattr(MainWindow, "__init__", record)
    return built


def test_first_window_is_painted_before_the_workspace_opens(
    qapp: Any, demo_workspace: Workspace, windows: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gui.EXIT_AFTER_START, gui.FIRST_WINDOW)
    # The fixture still holds the workspace's lock: opening it would fail, and it is not opened.
    assert gui.run(demo_workspace.root, demo=True) == 0
    (window,) = windows
    assert window.loading.text() == "Ouverture de l'espace de travail…"
    assert not window.navigation.isEnabled()
    assert not window.export_report_action.isEnabled()
    window.go_to(WALK)  # a shortcut before the workspace is open does nothing
    assert window.navigation.currentRow() == -1


def test_demo_audit_is_shown_once_started(
    qapp: Any, demo_workspace: Workspace, windows: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = demo_workspace.root
    demo_workspace.close()
    monkeypatch.setenv(gui.EXIT_AFTER_START, "1")
    assert gui.run(root, demo=True) == 0
    (window,) = windows
    assert window.navigation.isEnabled() and window.navigation.currentRow() == WALK
    assert window.windowTitle().startswith(DEMO_REFERENCE)
    assert window.export_report_action.isEnabled()
    assert not qapp.windowIcon().isNull()  # the app's icon, for the title bar and task bar
    undo, redo = window.edit_menu.actions()
    assert undo.text().startswith("Annuler") and redo.text().startswith("Rétablir")


def test_without_audit_the_start_page_is_shown(
    qapp: Any, demo_workspace: Workspace, windows: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = demo_workspace.root
    demo_workspace.close()
    monkeypatch.setenv(gui.EXIT_AFTER_START, "1")
    assert gui.run(root) == 0
    (window,) = windows
    assert window.navigation.currentRow() == START
    assert window.session.audit_id is None


def test_unknown_audit_ends_the_app_with_the_error(
    qapp: Any, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = demo_workspace.root
    demo_workspace.close()
    monkeypatch.setenv(gui.EXIT_AFTER_START, "1")
    with pytest.raises(NotFoundError):
        gui.run(root, audit_ref="NOPE-2026")


def test_locked_workspace_is_said_and_exits_with_2(
    qapp: Any, demo_workspace: Workspace, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gui.EXIT_AFTER_START, "1")
    assert gui.run(demo_workspace.root) == 2  # the fixture holds the lock
    ((kind, title, _),) = dialogs.shown
    assert kind == "error" and title == "Espace de travail indisponible"


def _tamper_journal(root: Any) -> None:
    import sqlite3

    conn = sqlite3.connect(root / "workspace.sqlite")
    with conn:
        conn.execute("DROP TRIGGER journal_no_update")
        conn.execute("UPDATE journal SET payload = CAST('x' AS BLOB) WHERE seq = 3")
    conn.close()


@pytest.mark.parametrize("answer", ["Restaurer cette sauvegarde", "Quitter"])
def test_a_damaged_workspace_is_not_opened_silently(
    qapp: Any, demo_workspace: Workspace, dialogs: DialogRecorder, windows: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch, answer: str,
) -> None:  # fmt: skip
    from auditor_app.store import backup
    from ui import dialogs as dialog_module

    root = demo_workspace.root
    demo_workspace.close()
    backup.create_backup(root, "manual")
    _tamper_journal(root)
    asked: list[tuple[str, list[str]]] = []

    def choose(parent: Any, title: str, text: str, choices: list[str], **kw: Any) -> int:
        asked.append((text, list(choices)))
        return list(choices).index(answer)

    monkeypatch.setattr(dialog_module, "choose", choose)
    monkeypatch.setenv(gui.EXIT_AFTER_START, "1")
    code = gui.run(root, demo=True)
    ((text, choices),) = asked
    assert "endommagé" in text and "Journal altéré à l'entrée n° 3" in text
    assert choices == ["Restaurer cette sauvegarde", "Ouvrir quand même", "Quitter"]
    health = backup.check_health(root)
    if answer == "Quitter":
        assert code == 2 and not health.ok  # nothing touched
    else:
        assert code == 0 and health.ok
        assert any(kind == "info" and title == "Sauvegarde restaurée"
                   for kind, title, _ in dialogs.shown)  # fmt: skip
        assert windows[0].navigation.isEnabled()
