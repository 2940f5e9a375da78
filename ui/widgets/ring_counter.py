"""A ring counter for mystery calls: one big button per ring, a correction, a reset.

Self-contained: it knows nothing of audits. Every change commits the new count.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import singular


class RingCounter(QWidget):
    """Counts rings.

    Signal ``value_committed(float)``: the new count after each change (a whole number).
    ``shortcut`` (e.g. ``"+"``) adds a ring from anywhere in the window; the big button
    takes the focus, so Space adds one too.
    """

    value_committed = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, shortcut: str = "") -> None:
        super().__init__(parent)
        self._count = 0

        self.count_label = QLabel()
        font = QFont(self.count_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.count_label.setFont(font)
        self.count_label.setAccessibleName(self.tr("Nombre de sonneries"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("000"))
        self.unit_label = QLabel()
        self.unit_label.setMinimumWidth(
            self.unit_label.fontMetrics().horizontalAdvance("sonneries")
        )

        text = self.tr("+1 sonnerie")
        if shortcut:
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            text += f" ({native})"
        self.add_button = QPushButton(text)
        self.add_button.setAccessibleName(self.tr("Compter une sonnerie"))
        self.add_button.setMinimumHeight(56)  # the button tapped while listening
        self.add_button.setMinimumWidth(180)
        big = QFont(self.add_button.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.add_button.setFont(big)
        self.add_button.setAutoRepeat(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)

        self.remove_button = QPushButton(self.tr("−1"))
        self.remove_button.setAccessibleName(self.tr("Retirer une sonnerie comptée en trop"))
        self.remove_button.setToolTip(self.tr("Retirer une sonnerie comptée en trop"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.reset_button = QPushButton(self.tr("Remettre à zéro"))
        self.reset_button.setAccessibleName(self.tr("Remettre le compteur de sonneries à zéro"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        for button in (self.remove_button, self.reset_button):
            button.setMinimumHeight(44)
        for button in (self.add_button, self.remove_button, self.reset_button):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.add_button)

        if shortcut:
            add = QShortcut(QKeySequence(shortcut), self)
            add.activated.connect(self._on_add_button_clicked)

        # Two rows keep it narrow: the count and the big button, then the corrections.
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addWidget(self.unit_label)
        top.addWidget(self.add_button, 1)
        corrections = QHBoxLayout()
        corrections.addStretch(1)
        corrections.addWidget(self.remove_button)
        corrections.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(corrections)
        self._show()

    def value(self) -> int:
        return self._count

    def set_value(self, count: int | None) -> None:
        """Show a count made earlier (not committed again)."""
        self._count = max(0, count or 0)
        self._show()

    def increment(self) -> None:
        self._change(self._count + 1)

    def decrement(self) -> None:
        self._change(max(0, self._count - 1))

    def reset(self) -> None:
        self._change(0)

    def _change(self, count: int) -> None:
        if count != self._count:
            self._count = count
            self._show()
            self.value_committed.emit(float(count))

    def _show(self) -> None:
        self.count_label.setText(str(self._count))
        unit = self.tr("sonnerie") if singular(self._count) else self.tr("sonneries")
        self.unit_label.setText(unit)
        self.count_label.setAccessibleDescription(f"{self._count} {unit}")
        self.remove_button.setEnabled(self._count > 0)
        self.reset_button.setEnabled(self._count > 0)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.increment()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.decrement()

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.reset()
