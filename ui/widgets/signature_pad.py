"""A pad to sign on with the mouse, a pen (tablet) or a finger (touch screen).

Strokes are kept in pad units, independent of the widget's size: x from 0 to
``PAD_WIDTH``, y from 0 to ``PAD_HEIGHT`` (the drawing area keeps that 5:2 shape
whatever the widget's size), so the same strokes render the same on any screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QImage,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
    QTransform,
)
from PySide6.QtWidgets import QPushButton, QWidget

PAD_WIDTH = 1000.0
PAD_HEIGHT = 400.0
BASELINE_Y = 0.75 * PAD_HEIGHT
INK_WIDTH = 4.0  # pad units
_MARGIN = 6.0
_MIN_STEP = 0.75  # pad units: closer points add nothing but weight

Stroke = list[tuple[float, float]]


# Fonts for a signature written from the keyboard: a chancery hand when the system has one.
SCRIPT_FAMILIES = ["Z003", "URW Chancery L", "Apple Chancery", "Segoe Script", "serif"]


class SignaturePad(QWidget):
    """Draw a signature; ``changed`` fires when a stroke ends or the pad is cleared.

    Without a mouse, a pen or a finger, Enter (or the « Au clavier » button) asks to write
    the signer's name: ``name_requested`` fires and :meth:`write_name` turns the name, in a
    chancery hand, into strokes like any drawn signature.
    """

    changed = Signal()
    name_requested = Signal()

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(300, 150)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(accessible_name or self.tr("Zone de signature"))
        self.setAccessibleDescription(self.tr(
            "Signez avec la souris, un stylet ou le doigt ; Entrée : signer en écrivant le "
            "nom au clavier ; Suppr efface la signature."
        ))  # fmt: skip
        self._read_only = False
        self.type_button = QPushButton(self.tr("Au clavier…"), self)
        self.type_button.setAccessibleName(self.tr("Signer en écrivant le nom au clavier"))
        self.type_button.clicked.connect(self.name_requested)
        self.clear_button = QPushButton(self.tr("Effacer"), self)
        self.clear_button.setAccessibleName(self.tr("Effacer la signature"))
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear)

    # -- what the pad holds ------------------------------------------------------------

    def strokes(self) -> list[Stroke]:
        return [list(stroke) for stroke in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def write_name(self, name: str) -> bool:
        """Sign with ``name`` written in a chancery hand, above the line; False if empty."""
        name = " ".join(name.split())
        if not name:
            return False
        font = QFont()
        font.setFamilies(SCRIPT_FAMILIES)
        font.setItalic(True)
        font.setPointSizeF(72)
        path = QPainterPath()
        path.addText(0, 0, font, name)
        box = path.boundingRect()
        if box.isEmpty():
            return False
        room_width, room_height = PAD_WIDTH - 2 * 60, 0.4 * PAD_HEIGHT  # a hand's height
        scale = min(room_width / box.width(), room_height / box.height())
        left = (PAD_WIDTH - box.width() * scale) / 2 - box.left() * scale
        transform = QTransform()
        transform.translate(left, BASELINE_Y - box.bottom() * scale)  # centred, on the line
        transform.scale(scale, scale)
        strokes: list[Stroke] = []
        for polygon in path.toSubpathPolygons(transform):
            stroke: Stroke = []
            for point in polygon:
                x, y = round(point.x(), 1), round(point.y(), 1)
                if not stroke or abs(x - stroke[-1][0]) + abs(y - stroke[-1][1]) >= _MIN_STEP:
                    stroke.append((x, y))
            if len(stroke) >= 2:
                strokes.append(stroke)
        if not strokes:
            return False
        self._strokes = strokes
        self._drawing = False
        self.clear_button.setEnabled(True)
        self.update()
        self.changed.emit()
        return True

    def show_signed(self, strokes: list[Stroke]) -> None:
        """Show a signature already kept: drawn as it was, nothing more can be added."""
        self._strokes = [[(float(x), float(y)) for x, y in stroke] for stroke in strokes]
        self._drawing = False
        self.set_read_only(True)
        self.update()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.clear_button.setVisible(not read_only)
        self.type_button.setVisible(not read_only)
        self.clear_button.setEnabled(not read_only and not self.is_empty())

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.set_read_only(False)
        self.clear_button.setEnabled(False)
        self.update()
        self.changed.emit()

    def to_png(self, scale: float = 1.0) -> bytes:
        """The strokes as a PNG: black antialiased ink on white, ``PAD_WIDTH × PAD_HEIGHT``."""
        size = QSize(round(PAD_WIDTH * scale), round(PAD_HEIGHT * scale))
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self._draw_strokes(painter, QColor("black"), INK_WIDTH)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes; runtime wants str
        return bytes(data.data())

    # -- geometry ----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(500, 220)

    def paper_rect(self) -> QRectF:
        """The drawing area: the largest 5:2 rectangle that fits, centred."""
        room = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        scale = min(room.width() / PAD_WIDTH, room.height() / PAD_HEIGHT)
        width, height = PAD_WIDTH * scale, PAD_HEIGHT * scale
        return QRectF(room.center().x() - width / 2, room.center().y() - height / 2, width, height)

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        paper = self.paper_rect()
        scale = paper.width() / PAD_WIDTH or 1.0
        x = min(max((pos.x() - paper.left()) / scale, 0.0), PAD_WIDTH)
        y = min(max((pos.y() - paper.top()) / scale, 0.0), PAD_HEIGHT)
        return round(x, 1), round(y, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        paper = self.paper_rect()
        hint = self.clear_button.sizeHint()
        self.clear_button.setGeometry(
            round(paper.right() - hint.width() - 4), round(paper.top() + 4), hint.width(),
            hint.height(),
        )  # fmt: skip
        typed = self.type_button.sizeHint()
        self.type_button.setGeometry(round(paper.left() + 4), round(paper.top() + 4),
                                     typed.width(), typed.height())  # fmt: skip
        super().resizeEvent(event)

    # -- drawing -------------------------------------------------------------------------

    def _begin(self, pos: QPointF) -> None:
        if self._read_only:
            return
        self._drawing = True
        self._strokes.append([self._to_pad(pos)])
        self.clear_button.setEnabled(True)
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if not self._drawing:
            return
        point, stroke = self._to_pad(pos), self._strokes[-1]
        last = stroke[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= _MIN_STEP:
            stroke.append(point)
            self.update()

    def _end(self, pos: QPointF | None = None) -> None:
        if not self._drawing:
            return
        if pos is not None:
            self._extend(pos)
        self._drawing = False
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no mouse event is synthesised for an accepted pen event

    def event(self, event: QEvent) -> bool:
        touch_kinds = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                       QEvent.Type.TouchCancel)  # fmt: skip
        if event.type() in touch_kinds and isinstance(event, QTouchEvent):
            device = event.device()
            if device is None or device.type() == QInputDevice.DeviceType.TouchScreen:
                self._on_touch(event)
                return True
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> None:
        points = event.points()
        pos = points[0].position() if points else None  # the first finger signs
        if event.type() == QEvent.Type.TouchBegin and pos is not None:
            self._begin(pos)
        elif event.type() == QEvent.Type.TouchUpdate and pos is not None:
            self._extend(pos)
        else:
            self._end(pos)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._read_only:
            super().keyPressEvent(event)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.is_empty():
            self.clear()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.name_requested.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # -- painting ------------------------------------------------------------------------

    def _draw_strokes(self, painter: QPainter, colour: QColor, width: float) -> None:
        pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(*stroke[0]))
            else:
                painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in stroke]))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        paper = self.paper_rect()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(paper, palette.base())
        frame = palette.highlight().color() if self.hasFocus() else palette.mid().color()
        painter.setPen(QPen(frame, 2 if self.hasFocus() else 1))
        painter.drawRect(paper)

        scale = paper.width() / PAD_WIDTH
        baseline = paper.top() + BASELINE_Y * scale
        guide = palette.placeholderText().color()
        painter.setPen(QPen(guide, 1.5))
        painter.drawLine(QPointF(paper.left() + 40 * scale, baseline),
                         QPointF(paper.right() - 40 * scale, baseline))  # fmt: skip
        painter.drawText(QRectF(paper.left(), baseline - 28, 40 * scale, 26),
                         Qt.AlignmentFlag.AlignCenter, "×")  # fmt: skip
        if self.is_empty():
            painter.drawText(QRectF(paper.left(), baseline + 6, paper.width(), 40),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             self.tr("Signez au-dessus de la ligne"))  # fmt: skip

        painter.translate(paper.topLeft())
        painter.scale(scale, scale)
        self._draw_strokes(painter, palette.text().color(), max(INK_WIDTH, 2.0 / scale))
        painter.end()
