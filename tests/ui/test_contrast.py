"""High contrast: every colour pair we draw text with reads at 4.5:1 or more (WCAG AA)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ui.colours import contrast
from ui.models import STATE_COLOURS, state_text_colour
from ui.pages.inbox import STATE_COLOURS as INBOX_BADGES
from ui.report_dialogs import BANNER_COLOURS
from ui.widgets.matrix import STATES as MATRIX_CELLS

AA = 4.5


def test_the_measure_is_right() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("background", ["#ffffff", "#f5f5f5", "#1e1e1e", "#2b2b2b", "#000000"])
@pytest.mark.parametrize("state", sorted(STATE_COLOURS))
def test_result_text_reads_on_light_and_dark_backgrounds(background: str, state: str) -> None:
    base = QColor(background)
    assert contrast(state_text_colour(state, base), base) >= AA


@pytest.mark.parametrize(("name", "colours"), [
    *((f"inbox {k}", v[:2]) for k, v in INBOX_BADGES.items()),
    *((f"verify {k}", v[:2]) for k, v in BANNER_COLOURS.items()),
    *((f"matrix {k}", (bg, fg)) for k, bg, fg in MATRIX_CELLS if bg is not None),
])  # fmt: skip
def test_badges_and_cells_read(name: str, colours: tuple[str, str]) -> None:
    background, text = (QColor(c) for c in colours)
    assert contrast(background, text) >= AA, name


def test_the_palette_in_use_reads(qapp: Any) -> None:
    from ui.app import _readable_selection

    saved = qapp.palette()
    _readable_selection(qapp)  # what make_application does to the system's palette
    palette = QGuiApplication.palette()
    qapp.setPalette(saved)  # the other tests keep Qt's own
    role = QPalette.ColorRole
    pairs = ((role.Text, role.Base), (role.WindowText, role.Window),
             (role.ButtonText, role.Button), (role.HighlightedText, role.Highlight))  # fmt: skip
    for text, back in pairs:
        assert contrast(palette.color(text), palette.color(back)) >= AA, (text, back)
