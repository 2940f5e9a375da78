"""Sizes that fit the screen: a laptop of 1366×768 at 125 or 150 % scaling leaves 1093×614
or 911×512 logical pixels, less than some dialogs would like to open at."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QWidget

# What a window may take of the screen's free area (the task bar excluded) when it opens.
SHARE_WIDTH, SHARE_HEIGHT = 0.95, 0.9


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """``widget.resize(width, height)``, made smaller where the screen is smaller; never
    below the widget's minimum size (its layout then scrolls or the user scrolls it)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * SHARE_WIDTH))
        height = min(height, int(free.height() * SHARE_HEIGHT))
    widget.resize(width, height)


def size_columns(header: QHeaderView, widths: dict[int, int]) -> None:
    """Give each column its width, or more when its title needs it (titles are longer in
    some languages: « Point » is "Checkpoint"); the title is never cut."""
    for column, width in widths.items():
        header.resizeSection(column, max(width, header.sectionSizeHint(column)))
