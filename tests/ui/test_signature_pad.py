"""The signature pad: mouse, pen and touch strokes in pad units, PNG, clearing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.widgets.signature_pad import PAD_HEIGHT, PAD_WIDTH, SignaturePad


def make_pad(qtbot: Any, width: int = 500, height: int = 220) -> SignaturePad:
    pad = SignaturePad("Signature du représentant")
    qtbot.addWidget(pad)
    pad.resize(width, height)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def draw(qtbot: Any, pad: SignaturePad, points: list[tuple[float, float]]) -> None:
    """Draw through the given points, given as shares of the widget's width and height."""
    at = [QPoint(round(x * pad.width()), round(y * pad.height())) for x, y in points]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=at[0])
    for pos in at[1:]:
        qtbot.mouseMove(pad, pos)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=at[-1])


def dark_pixels(png: bytes) -> int:
    image = QImage.fromData(png).convertToFormat(QImage.Format.Format_Grayscale8)
    step = 4  # every 4th pixel of every 4th row is plenty to tell ink from blank
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixelColor(x, y).lightness() < 128
    )


def test_a_new_pad_is_empty_and_named(qtbot: Any) -> None:
    pad = make_pad(qtbot)
    assert pad.is_empty() and pad.strokes() == []
    assert pad.accessibleName() == "Signature du représentant"
    assert pad.clear_button.text() == "Effacer" and not pad.clear_button.isEnabled()
    assert dark_pixels(pad.to_png()) == 0


def test_drawing_with_the_mouse_gives_strokes_and_ink(qtbot: Any) -> None:
    pad = make_pad(qtbot)
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(0.1, 0.3), (0.3, 0.5), (0.5, 0.35), (0.7, 0.6)])

    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) == 4
    assert all(0 <= x <= PAD_WIDTH and 0 <= y <= PAD_HEIGHT for x, y in strokes[0])
    assert not pad.is_empty() and pad.clear_button.isEnabled()

    png = pad.to_png()
    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (PAD_WIDTH, PAD_HEIGHT)
    assert dark_pixels(png) > 20
    x, y = strokes[0][1]
    assert image.pixelColor(round(x), round(y)).lightness() < 128  # ink where the pen went


def test_strokes_do_not_depend_on_the_widgets_size(qtbot: Any) -> None:
    small, large = make_pad(qtbot, 400, 160), make_pad(qtbot, 900, 300)
    for pad in (small, large):
        paper = pad.paper_rect()
        at = [paper.topLeft() + QPointF(paper.width() * x, paper.height() * y)
              for x, y in ((0.2, 0.3), (0.8, 0.7))]  # fmt: skip
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=at[0].toPoint())
        qtbot.mouseMove(pad, at[1].toPoint())
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=at[1].toPoint())
    expected = [(0.2 * PAD_WIDTH, 0.3 * PAD_HEIGHT), (0.8 * PAD_WIDTH, 0.7 * PAD_HEIGHT)]
    for pad in (small, large):
        for (x, y), (ex, ey) in zip(pad.strokes()[0], expected, strict=True):
            assert abs(x - ex) < 4 and abs(y - ey) < 4  # a pixel is < 3 pad units here


def test_clearing_by_button_and_by_key(qtbot: Any) -> None:
    pad = make_pad(qtbot)
    draw(qtbot, pad, [(0.2, 0.4), (0.6, 0.5)])
    with qtbot.waitSignal(pad.changed):
        qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.is_empty() and not pad.clear_button.isEnabled()

    draw(qtbot, pad, [(0.2, 0.4), (0.6, 0.5)])
    pad.setFocus()
    qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()


def test_touch_and_pen_draw_too(qtbot: Any) -> None:
    pad = make_pad(qtbot)
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(60, 120), pad).commit()
    QTest.touchEvent(pad, finger).move(0, QPoint(140, 130), pad).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(200, 110), pad).commit()
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) >= 2

    pen = QPointingDevice(
        "stylet", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3,
    )  # fmt: skip
    steps = [(QEvent.Type.TabletPress, 300), (QEvent.Type.TabletMove, 340),
             (QEvent.Type.TabletRelease, 380)]  # fmt: skip
    for kind, x in steps:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else (
            Qt.MouseButton.LeftButton
        )  # fmt: skip
        event = QTabletEvent(kind, pen, QPointF(x, 80), QPointF(x, 80), 0.5, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                             buttons)  # fmt: skip
        QApplication.sendEvent(pad, event)
    assert len(pad.strokes()) == 2 and len(pad.strokes()[1]) == 3
