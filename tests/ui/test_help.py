"""Help: the shortcuts sheet follows the menus; About tells versions and the workspace."""

from __future__ import annotations

from typing import Any

from auditor_app import __version__
from ui.help import AboutDialog, ShortcutsDialog
from ui.main_window import MainWindow


def test_the_shortcuts_sheet_lists_menu_commands_and_field_keys(qtbot: Any, session: Any) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    sheet = ShortcutsDialog(window)
    qtbot.addWidget(sheet)
    rows = {(keys, what) for _, keys, what in sheet.rows}
    assert ("Ctrl+E", "Exporter le rapport") in rows
    assert ("F1", "Raccourcis clavier") in rows
    assert ("6", "Verdict : Non-conformité majeure") in rows
    assert any(what == "Accepter le constat" for _, what in rows)  # the review page's keys
    assert sheet.table.rowCount() == len(sheet.rows)


def test_about_gives_the_version_and_the_workspace(qtbot: Any, session: Any) -> None:
    about = AboutDialog(None, session.ws.root)
    qtbot.addWidget(about)
    assert __version__ in about.details.text()
    assert str(session.ws.root) in about.workspace.text()


def test_help_menu_is_there(qtbot: Any, session: Any) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "A&ide" in titles
