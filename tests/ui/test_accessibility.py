"""Every screen, every control: a name a screen reader can say, and reachable by keyboard.

Walks every page of the main window (each built on the demo audit) and the main dialogs.
A control is named when it has an accessible name, a visible text (buttons, check boxes),
or a label pointing at it (``QLabel.setBuddy``, which ``QFormLayout`` rows set).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ui.main_window import PAGES, MainWindow

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit,
            QTextEdit, QAbstractItemView)  # fmt: skip


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls of ``root`` nobody could name, as ``Class 'objectName'`` strings."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for control in root.findChildren(QWidget):
        if not isinstance(control, CONTROLS):
            continue
        parent = control.parent()
        if (
            control.objectName().startswith("qt_")
            or isinstance(
                parent, QAbstractSpinBox | QComboBox | QAbstractItemView | QTabBar | QLineEdit
            )
            or control.window() is not root.window()
        ):
            continue  # Qt's own: a spin box's line edit, clear buttons, tab arrows, popups
        if isinstance(control, QTextEdit) and control.isReadOnly() and not control.focusPolicy():
            continue
        text = (
            control.text().replace("&", "").strip() if isinstance(control, QAbstractButton) else ""
        )
        if control.accessibleName() or text or id(control) in buddies:
            continue
        tip = control.toolTip()
        where = type(parent).__name__ if parent is not None else ""
        missing.append(f"{type(control).__name__} {control.objectName()!r} {tip!r} in {where}")
    return missing


@pytest.fixture
def window(qtbot: Any, session: Any) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_every_control_of_every_page_has_a_name(window: MainWindow, row: int) -> None:
    window.go_to(row)
    page = window.page(row)
    assert unnamed_controls(page) == []


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_every_page_can_be_reached_and_left_with_the_keyboard(
    qtbot: Any, window: MainWindow, row: int
) -> None:
    qtbot.waitActive(window)
    window.go_to(row)
    page = window.page(row)
    tab = Qt.FocusPolicy.TabFocus
    focusable = [
        w for w in page.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & tab
    ]  # fmt: skip
    assert focusable, f"nothing on page {row} takes the keyboard focus"


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_tab_leaves_every_table_and_list_of_every_page(window: MainWindow, row: int) -> None:
    """Tab moves to the next control; arrows move inside a table (a table that keeps Tab
    walks cell by cell and wraps to the next row: the keyboard is trapped)."""
    from PySide6.QtWidgets import QAbstractItemView

    window.go_to(row)
    trapping = [
        view.accessibleName() or type(view).__name__
        for view in window.page(row).findChildren(QAbstractItemView)
        if view.tabKeyNavigation()
    ]
    assert trapping == []


def _mnemonic(text: str) -> str:
    """The letter after a lone « & » (Alt+letter), lower case; "" when there is none."""
    import re

    found = re.search(r"(?<!&)&([^&\s])", text)
    return found.group(1).lower() if found else ""


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_alt_letters_of_every_page_are_distinct_and_typable(
    window: MainWindow, row: int
) -> None:
    """Alt+letter reaches one control only, and its letter is on the keyboard (not « É »)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    window.go_to(row)
    page = window.page(row)
    owners: dict[str, list[str]] = {}
    texts = [action.text() for action in window.menuBar().actions()]
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLabel):
        if widget.isVisible() and (not isinstance(widget, QLabel) or widget.buddy()):
            texts.append(widget.text())
    for tabs in page.findChildren(QTabWidget):
        if tabs.isVisible():
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    for text in texts:
        if letter := _mnemonic(text):
            owners.setdefault(letter, []).append(text)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}
    assert all(k.isascii() for k in owners), sorted(owners)


def test_the_navigation_is_named(window: MainWindow) -> None:
    assert window.navigation.accessibleName()


def test_the_check_finds_an_unnamed_control(qtbot: Any) -> None:
    from PySide6.QtWidgets import QFormLayout

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    named, labelled, bare = QLineEdit(), QLineEdit(), QLineEdit()
    named.setAccessibleName("Nom")
    form.addRow(named)
    form.addRow("Courriel :", labelled)  # the row's label is its buddy
    form.addRow(bare)
    assert len(unnamed_controls(root)) == 1


def test_the_list_holding_the_focus_is_ringed_and_the_others_are_not(
    qtbot: Any, window: MainWindow
) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from ui import focus_ring

    focus_ring.install(QApplication.instance())  # type: ignore[arg-type]
    qtbot.waitActive(window)
    window.go_to(1)
    page = window.page(1)
    highlight = QApplication.palette().color(QPalette.ColorRole.Highlight)

    def ring(view: Any) -> Any:
        return view.palette().color(QPalette.ColorRole.WindowText)

    page.list.setFocus()
    qtbot.waitUntil(lambda: ring(page.list) == highlight)
    page.tree.setFocus()
    qtbot.waitUntil(lambda: ring(page.tree) == highlight)
    assert ring(page.list) != highlight and page.list.lineWidth() == focus_ring.RING_WIDTH
