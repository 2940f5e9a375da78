"""Readable at 125 % and 150 % scaling on a 1366×768 laptop, the auditors' usual screen.

Qt scales the whole interface by the system's factor: 1366×768 at 125 % leaves 1093×614
logical pixels, at 150 % 911×512. At 125 % every page fits without scrolling; at 150 % the
window still fits the screen, and a page that needs more room scrolls inside it instead of
pushing the window (and its buttons) off the screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import PAGES, MainWindow
from ui.screen import resize_within_screen

NAVIGATION_AND_MARGINS = 150 + 24
MENU_AND_STATUS_BARS = 60


def logical(width: int, height: int, scale: float) -> QSize:
    return QSize(int(width / scale), int(height / scale))


@pytest.fixture
def window(qtbot: Any, session: Any) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_every_page_fits_a_1366x768_screen_at_125_percent(window: MainWindow, row: int) -> None:
    window.go_to(row)
    screen = logical(1366, 768, 1.25)
    needed = window.page(row).minimumSizeHint()
    assert needed.width() <= screen.width() - NAVIGATION_AND_MARGINS, needed
    assert needed.height() <= screen.height() - MENU_AND_STATUS_BARS, needed


def test_the_window_fits_a_1366x768_screen_at_150_percent(window: MainWindow) -> None:
    for row in range(len(PAGES)):
        window.go_to(row)  # every page built: the window's minimum is the largest page's
    screen = logical(1366, 768, 1.5)
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert needed.width() <= screen.width() and needed.height() <= screen.height(), needed
    window.resize(screen)
    QApplication.processEvents()
    assert window.size() == screen  # the window really takes that size; its pages scroll


def test_a_dialog_opens_no_larger_than_the_screen(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    free = (widget.screen() or QApplication.primaryScreen()).availableGeometry()
    resize_within_screen(widget, free.width() * 2, free.height() * 2)
    assert widget.width() <= free.width() and widget.height() <= free.height()
    resize_within_screen(widget, 300, 200)
    assert widget.size() == QSize(300, 200)  # a small dialog keeps the size it asked for


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0])
def test_state_icons_are_drawn_at_the_screen_scale(qapp: QApplication, scale: float) -> None:
    from PySide6.QtGui import QIcon

    from ui.models import ICON_SIZE, STATE_COLOURS, state_icon

    pixmap = state_icon("nc").pixmap(QSize(ICON_SIZE, ICON_SIZE), scale)
    side = round(ICON_SIZE * scale)
    assert pixmap.size() == QSize(side, side)  # drawn for the screen, not blown up
    assert pixmap.devicePixelRatio() == scale
    image = pixmap.toImage()
    assert image.pixelColor(side // 2, side // 2) == STATE_COLOURS["nc"]
    assert image.pixelColor(0, 0).alpha() < 255  # rounded corners, drawn as vectors
    copy = QIcon(state_icon("nc"))
    copy.addPixmap(pixmap)  # Qt copies the icon's data: nothing freed under it
    assert not copy.pixmap(QSize(ICON_SIZE, ICON_SIZE)).isNull()
