"""Sizes that fit the screen: a laptop of 1366×768 at 125 or 150 % scaling leaves 1093×614
or 911×512 logical pixels, less than some dialogs would like to open at."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QTableView,
    QWidget,
)

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


def row_table(
    model: QAbstractItemModel,
    name: str,
    *,
    row_height: int,
    stretch: int,
    widths: dict[int, int],
    alternating: bool = True,
) -> QTableView:
    """A table of findings as the pages show them: one row selected at a time, Tab leaves
    the table, no row numbers, the ``stretch`` column takes what the others leave."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(alternating)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    size_columns(header, widths)
    return table


def fit_in_columns(
    grid: QGridLayout, widgets: list[QWidget], width: int, most: int, fewest: int
) -> None:
    """Lay ``widgets`` out in ``grid`` on as many columns (``fewest`` to ``most``) as
    ``width`` holds at their natural width: one row of buttons on a wide panel, two or
    three on a narrow one (a small screen, 125–150 % scaling), their words never cut.
    The widgets need a small minimum width for the panel to be allowed that narrow."""
    widest = max(widget.sizeHint().width() for widget in widgets)
    spacing = max(grid.horizontalSpacing(), 0)
    columns = most
    while columns > fewest and columns * widest + (columns - 1) * spacing > width:
        columns -= 1
    last = len(widgets) - 1
    if grid.getItemPosition(grid.indexOf(widgets[last]))[:2] == (last // columns, last % columns):
        return  # already so
    for widget in widgets:
        grid.removeWidget(widget)
    for n, widget in enumerate(widgets):
        grid.addWidget(widget, n // columns, n % columns)
