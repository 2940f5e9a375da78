"""A ring around the list, table, tree or note that holds the keyboard focus.

In Fusion and most system styles the selected row of an unfocused list looks the same as a
focused one's: a keyboard user cannot tell where the arrows will act. A style sheet would
draw a border, but it routes every widget's painting through Qt's style-sheet style, and a
widget laid over the view makes Qt repaint what lies under it at each change: both made
moving to the next checkpoint of the walk-through about twice as slow (bench/bench_gui.py).
Here the view's own frame does it: a plain 2-pixel frame, drawn in the highlight colour
while the view has the focus and in the frame colour otherwise (set when a view first gets
the focus; the colour alone changes afterwards, so nothing moves).
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

RING_WIDTH = 2
_RINGED = (QAbstractItemView, QPlainTextEdit, QTextEdit)
_PROPERTY = "focusRing"


def ringed(widget: QWidget | None) -> QFrame | None:
    """The view a focus ring goes around, for the widget that has the focus (or None)."""
    while widget is not None:
        if isinstance(widget, _RINGED):
            return widget
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def show_ring(view: QFrame, focused: bool) -> None:
    if not view.property(_PROPERTY):
        view.setProperty(_PROPERTY, True)
        view.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
        view.setLineWidth(RING_WIDTH)
    palette = view.palette()
    source = QApplication.palette()
    colour = source.color(
        QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
    )
    if palette.color(QPalette.ColorRole.WindowText) != colour:
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        view.setPalette(palette)


def _on_focus_changed(old: QWidget | None, new: QWidget | None) -> None:
    before, after = ringed(old), ringed(new)
    if before is not None and before is not after:
        show_ring(before, False)
    if after is not None:
        show_ring(after, True)


_installed: list[QApplication] = []


def install(app: QApplication) -> None:
    """Follow the focus from now on (once per application)."""
    if app not in _installed:
        _installed.append(app)
        app.focusChanged.connect(_on_focus_changed)
