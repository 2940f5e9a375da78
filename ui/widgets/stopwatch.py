"""A stopwatch for waiting times: start, stop (the time is then committed), reset.

Self-contained: it knows nothing of audits. Time comes from an injectable monotonic
clock, so tests drive it without sleeping. Starting again after a stop resumes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

_TICK_MS = 200


def format_elapsed(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour); seconds are truncated, as on any stopwatch."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Stopwatch(QWidget):
    """Measures a duration in seconds.

    Signals: ``started()`` when it runs, ``value_committed(float)`` with the total seconds
    when it stops, ``reset_done()`` when set back to zero. ``shortcut`` (e.g. ``"F5"``)
    toggles start/stop from anywhere in the window; the start/stop button takes the
    focus, so Space toggles it too.
    """

    started = Signal()
    value_committed = Signal(float)
    reset_done = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        shortcut: str = "",
    ) -> None:
        super().__init__(parent)
        self.clock = clock  # public so that a test can swap it mid-way
        self._accumulated = 0.0
        self._started_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        self.display = QLabel(format_elapsed(0))
        font = QFont(self.display.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["monospace"])
        self.display.setFont(font)
        self.display.setAccessibleName(self.tr("Temps écoulé"))
        self.display.setMinimumWidth(self.display.fontMetrics().horizontalAdvance("0:00:00"))
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.toggle_button = QPushButton()
        self.toggle_button.setAccessibleName(self.tr("Démarrer ou arrêter le chronomètre"))
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.reset_button = QPushButton(self.tr("Remettre à zéro"))
        self.reset_button.setAccessibleName(self.tr("Remettre le chronomètre à zéro"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        for button in (self.toggle_button, self.reset_button):
            button.setMinimumHeight(44)  # a finger's width on a touch screen
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.toggle_button)

        self._shortcut_text = shortcut
        if shortcut:
            toggle = QShortcut(QKeySequence(shortcut), self)
            toggle.activated.connect(self._on_toggle_button_clicked)

        # Two rows keep it narrow: the time and the start/stop button, then the reset.
        top = QHBoxLayout()
        top.addWidget(self.display)
        top.addWidget(self.toggle_button, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._show_state()

    # -- API -------------------------------------------------------------------------

    def elapsed(self) -> float:
        """Seconds measured so far, the running lap included."""
        running = self.clock() - self._started_at if self._started_at is not None else 0.0
        return self._accumulated + running

    def is_running(self) -> bool:
        return self._started_at is not None

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock()
            self._timer.start()
            self._show_state()
            self.started.emit()

    def stop(self) -> None:
        if self._started_at is not None:
            self._accumulated = self.elapsed()
            self._started_at = None
            self._timer.stop()
            self._show_state()
            self.value_committed.emit(self._accumulated)

    def toggle(self) -> None:
        if self.is_running():
            self.stop()
        else:
            self.start()

    def reset(self) -> None:
        """Back to zero, stopped, nothing committed."""
        self._timer.stop()
        self._started_at = None
        self._accumulated = 0.0
        self._show_state()
        self.reset_done.emit()

    def set_value(self, seconds: float | None) -> None:
        """Show a time measured earlier (stopped, not committed again)."""
        self._timer.stop()
        self._started_at = None
        self._accumulated = max(0.0, seconds or 0.0)
        self._show_state()

    def refresh(self) -> None:
        self.display.setText(format_elapsed(self.elapsed()))

    # -- internals ---------------------------------------------------------------------

    def _show_state(self) -> None:
        self.refresh()
        running = self.is_running()
        if running:
            text = self.tr("■ Arrêter")
        elif self._accumulated:
            text = self.tr("▶ Reprendre")
        else:
            text = self.tr("▶ Démarrer")
        if self._shortcut_text:
            native = QKeySequence.SequenceFormat.NativeText
            text += f" ({QKeySequence(self._shortcut_text).toString(native)})"
        self.toggle_button.setText(text)
        self.reset_button.setEnabled(running or self._accumulated > 0)
        self.display.setAccessibleDescription(self.display.text())

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        self.toggle()

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.reset()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.refresh()
