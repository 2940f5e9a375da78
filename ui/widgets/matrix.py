"""Tallies shown as tables: one row per group (engagement, site) and the criterion × site matrix.

Both models are thin adapters over :class:`auditor_app.audit.scoring.Tally` objects.
A matrix cell is coloured by the worst verdict it holds; the colours are fixed pairs
(background and text) that read the same in light and dark themes, and an unanswered
cell keeps the palette's own colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from auditor_app.audit.scoring import Tally
from ui.i18n import percent_text
from ui.models import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
STATE_ROLE = ROLE.UserRole + 1  # a cell's state key (see STATES)
SHARE_ROLE = ROLE.UserRole + 2  # a share in [0, 1] or None, for the progress bar

# Worst first. (key, background, text); None keeps the palette's colours.
STATES: tuple[tuple[str, str | None, str | None], ...] = (
    ("nc_majeure", "#b71c1c", "#ffffff"),
    ("nc_mineure", "#fb8c00", "#000000"),
    ("point_sensible", "#fdd835", "#000000"),
    ("conforming", "#2e7d32", "#ffffff"),
    ("partial", "#a5d6a7", "#000000"),
    ("unanswered", None, None),
)
_COLOURS = {key: (background, text) for key, background, text in STATES}


_STATE_LABELS = {
    "nc_majeure": QT_TRANSLATE_NOOP("matrix", "Non-conformité majeure"),
    "nc_mineure": QT_TRANSLATE_NOOP("matrix", "Non-conformité mineure"),
    "point_sensible": QT_TRANSLATE_NOOP("matrix", "Point sensible"),
    "conforming": QT_TRANSLATE_NOOP("matrix", "Tout renseigné, sans écart"),
    "partial": QT_TRANSLATE_NOOP("matrix", "Renseigné en partie, sans écart"),
    "unanswered": QT_TRANSLATE_NOOP("matrix", "Rien de renseigné"),
}


def state_label(key: str) -> str:
    return QCoreApplication.translate("matrix", str(_STATE_LABELS[key]))


def cell_state(tally: Tally) -> str:
    """The worst thing a cell holds; pistes de progrès, points forts and N/A are no gap."""
    if tally.nc_majeure:
        return "nc_majeure"
    if tally.nc_mineure:
        return "nc_mineure"
    if tally.point_sensible:
        return "point_sensible"
    if tally.answered == 0:
        return "unanswered"
    return "partial" if tally.answered < tally.expected else "conforming"


_COUNT_LABELS = {
    "nc_majeure": QT_TRANSLATE_NOOP("matrix", "NC majeure(s)"),
    "nc_mineure": QT_TRANSLATE_NOOP("matrix", "NC mineure(s)"),
    "point_sensible": QT_TRANSLATE_NOOP("matrix", "point(s) sensible(s)"),
    "piste_de_progres": QT_TRANSLATE_NOOP("matrix", "piste(s) de progrès"),
    "point_fort": QT_TRANSLATE_NOOP("matrix", "point(s) fort(s)"),
    "conforme": QT_TRANSLATE_NOOP("matrix", "conforme(s)"),
    "non_applicable": QT_TRANSLATE_NOOP("matrix", "non applicable(s)"),
}


def tally_lines(tally: Tally) -> list[str]:
    """A tally in French, one fact per line (tooltips and details)."""
    answered = QCoreApplication.translate("matrix", "{0} renseigné(s) sur {1}")
    lines = [answered.format(tally.answered, tally.expected)]
    for field, label in _COUNT_LABELS.items():
        n = getattr(tally, field)
        if n:
            lines.append(f"{n} {QCoreApplication.translate('matrix', str(label))}")
    return lines


def _percent(share: float | None) -> str:
    return "–" if share is None else percent_text(share, 0 if share == 1 else 1)


class TallyTableModel(HeaderedTableModel):
    """One row per group: name, answered/expected, progress, conformity, counts of NC."""

    def __init__(self, group_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, Tally]] = []  # (key, name, tally)
        self._headers = [
            group_title, self.tr("Renseignés"), self.tr("Avancement"), self.tr("Conformité"),
            self.tr("NC majeures"), self.tr("NC mineures"), self.tr("Points sensibles"),
        ]  # fmt: skip

    def set_rows(self, rows: Sequence[tuple[str, str, Tally]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        _, name, tally = self._rows[index.row()]
        column = index.column()
        values = [
            name, f"{tally.answered} / {tally.expected}", _percent(tally.progress),
            _percent(tally.conformity_rate), str(tally.nc_majeure), str(tally.nc_mineure),
            str(tally.point_sensible),
        ]  # fmt: skip
        if role in (ROLE.DisplayRole, ROLE.AccessibleTextRole):
            return values[column]
        if role == ROLE.ToolTipRole:
            return "\n".join([name, *tally_lines(tally)])
        if role == SHARE_ROLE and column == 2:
            return tally.progress
        if role == ROLE.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROLE.FontRole and column in (4, 5) and int(values[column]) > 0:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Draws a cell's SHARE_ROLE as a progress bar with its text, in the style's own look."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        share = index.data(SHARE_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 4, -3, -4)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(share * 1000)
        bar.text = str(index.data())
        bar.textVisible = True
        # Without State_Horizontal the style draws a vertical bar (Qt 6).
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return super().sizeHint(option, index).expandedTo(QSize(120, 0))


class MatrixModel(QAbstractTableModel):
    """Rows: criteria; columns: sites; each cell one :class:`Tally` (or none: nothing due)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._criteria: list[tuple[str, str]] = []  # (code, title)
        self._sites: list[tuple[str, str]] = []  # (id, name)
        self._cells: Mapping[tuple[str, str], Tally] = {}

    def set_matrix(
        self,
        cells: Mapping[tuple[str, str], Tally],
        criteria: Sequence[tuple[str, str]],
        sites: Sequence[tuple[str, str]],
    ) -> None:
        """``cells`` keyed (criterion code, site id); rows and columns with no cell are left out."""
        used_criteria = {c for c, _ in cells}
        used_sites = {s for _, s in cells}
        self.beginResetModel()
        self._cells = dict(cells)
        self._criteria = [c for c in criteria if c[0] in used_criteria]
        self._sites = [s for s in sites if s[0] in used_sites]
        self.endResetModel()

    def widest_text(self) -> str:
        """The longest cell text, to size the columns."""
        texts = [f"{t.answered}/{t.expected}" for t in self._cells.values()]
        return max(texts, key=len, default="0/0")

    def cell(self, row: int, column: int) -> Tally | None:
        return self._cells.get((self._criteria[row][0], self._sites[column][0]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sites)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role in (ROLE.DisplayRole, ROLE.ToolTipRole):
                return self._sites[section][1]
        elif role == ROLE.DisplayRole:
            return self._criteria[section][0]
        elif role == ROLE.ToolTipRole:
            code, title = self._criteria[section]
            return f"{code} {title}"
        return None

    def describe(self, row: int, column: int) -> str:
        """What one cell holds, in French, for a tooltip or the details line."""
        code, title = self._criteria[row]
        where = self._sites[column][1]
        tally = self.cell(row, column)
        if tally is None:
            return self.tr("{0} {1} — {2} : aucun point attendu").format(code, title, where)
        facts = self.tr(" ; ").join(tally_lines(tally))
        state = state_label(cell_state(tally))
        return f"{code} {title} — {where}\n{state}{self.tr(' ; ')}{facts}"

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tally = self.cell(index.row(), index.column())
        if role == ROLE.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if tally is None:
            if role in (ROLE.ToolTipRole, ROLE.AccessibleTextRole):
                return self.describe(index.row(), index.column())
            return "–" if role == ROLE.DisplayRole else None
        state = cell_state(tally)
        background, text = _COLOURS[state]
        if role == ROLE.DisplayRole:
            return f"{tally.answered}/{tally.expected}"
        if role in (ROLE.ToolTipRole, ROLE.AccessibleTextRole):
            return self.describe(index.row(), index.column())
        if role == ROLE.BackgroundRole and background:
            return QBrush(QColor(background))
        if role == ROLE.ForegroundRole and text:
            return QBrush(QColor(text))
        if role == STATE_ROLE:
            return state
        return None


class RotatedHeaderView(QHeaderView):
    """A horizontal header whose labels read bottom-up, so long site names fit narrow columns."""

    def __init__(self, max_length: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._max_length = max_length
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _text(self, section: int) -> str:
        model = self.model()
        value = model.headerData(section, self.orientation()) if model is not None else None
        return str(value or "")

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        metrics = self.fontMetrics()
        length = min(metrics.horizontalAdvance(self._text(logical_index)), self._max_length)
        return QSize(metrics.height() + 12, length + 16)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical_index
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        room = rect.height() - 16
        text = self.fontMetrics().elidedText(
            self._text(logical_index), Qt.TextElideMode.ElideMiddle, room
        )
        painter.save()
        painter.translate(rect.left(), rect.bottom() - 8)
        painter.rotate(-90)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(QRect(0, 0, room, rect.width()), Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()


class MatrixLegend(QWidget):
    """What each cell colour means: a sample cell, then its meaning, for every state."""

    COLUMNS = 3  # two short rows: fits a 1366-pixel screen beside the navigation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.addWidget(QLabel(self.tr("Légende :")), 0, 0)
        for n, (key, background, text) in enumerate(STATES):
            row, column = divmod(n, self.COLUMNS)
            sample = QLabel("2/3")
            sample.setAlignment(Qt.AlignmentFlag.AlignCenter)
            sample.setFixedWidth(sample.fontMetrics().horizontalAdvance("888/888") + 10)
            sample.setFrameShape(QLabel.Shape.Box)
            palette = sample.palette()
            base, ink = QPalette.ColorRole.Base, QPalette.ColorRole.Text
            window = QColor(background) if background else palette.color(base)
            letters = QColor(text) if text else palette.color(ink)
            palette.setColor(QPalette.ColorRole.Window, window)
            palette.setColor(QPalette.ColorRole.WindowText, letters)
            sample.setPalette(palette)
            sample.setAutoFillBackground(True)
            sample.setAccessibleName(state_label(key))
            layout.addWidget(sample, row, 1 + 2 * column)
            layout.addWidget(QLabel(state_label(key)), row, 2 + 2 * column)
        layout.setColumnStretch(2 * self.COLUMNS + 1, 1)
