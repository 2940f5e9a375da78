"""Editable tables of plain records (sites, aid schemes, auditors) with channel check boxes.

The model is a thin adapter over a list of frozen dataclasses: a text column edits one
field, a channel column toggles one channel in the record's ``channels`` tuple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.referential.model import CHANNEL_LABELS, Channel
from ui.i18n import core

AnyIndex = QModelIndex | QPersistentModelIndex
TOUCH_HEIGHT = 40  # px: a finger-sized row and button


@dataclass(frozen=True)
class Column:
    """A text column: the record field it edits, its title, and an optional note on a value."""

    field: str
    title: str
    tip: str = ""
    describe: Callable[[str], str] | None = None  # e.g. "67" → "calendrier Alsace-Moselle"
    width: int = 0  # pixels; 0 shares the free width with the other stretching columns


def is_checked(value: object) -> bool:
    state = value.value if isinstance(value, Qt.CheckState) else value
    return state == Qt.CheckState.Checked.value


class RecordTableModel(QAbstractTableModel):
    """Rows of frozen dataclasses; text columns first, then one check column per channel."""

    def __init__(
        self,
        columns: Sequence[Column],
        channels: Sequence[Channel],
        blank: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.channels = list(channels)
        self._blank = blank
        self._rows: list[Any] = []
        # Short headers keep the text columns wide; the full name is in the tooltip.
        self._short = {
            Channel.COUNTER: self.tr("Accueil"), Channel.PHONE: self.tr("Téléphone"),
            Channel.MAIL: self.tr("Courrier"), Channel.EMAIL: self.tr("Courriel"),
            Channel.WEBSITE: self.tr("Site web"), Channel.ONLINE_PROCEDURE: self.tr("En ligne"),
        }  # fmt: skip

    def records(self) -> list[Any]:
        return list(self._rows)

    def add_records(self, records: Iterable[Any]) -> None:
        new = list(records)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()

    def add_blank(self) -> QModelIndex:
        self.add_records([self._blank()])
        return self.index(len(self._rows) - 1, 0)

    def remove(self, rows: Iterable[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def channel_at(self, column: int) -> Channel | None:
        offset = column - len(self.columns)
        return self.channels[offset] if 0 <= offset < len(self.channels) else None

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + len(self.channels)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        channel = self.channel_at(index.column())
        if channel is not None:
            on = channel in record.channels
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                answer = self.tr("oui") if on else self.tr("non")
                return self.tr("{0} : {1}").format(core(CHANNEL_LABELS[channel]), answer)
            return None
        column = self.columns[index.column()]
        value = str(getattr(record, column.field))
        note = column.describe(value) if column.describe and value else ""
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value} · {note}" if note else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return note or column.tip or None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        record = self._rows[index.row()]
        channel = self.channel_at(index.column())
        if channel is not None and role == Qt.ItemDataRole.CheckStateRole:
            wanted = (set(record.channels) - {channel}) | (
                {channel} if is_checked(value) else set()
            )
            changed = replace(record, channels=tuple(c for c in Channel if c in wanted))
        elif channel is None and role == Qt.ItemDataRole.EditRole:
            changed = replace(record, **{self.columns[index.column()].field: str(value).strip()})
        else:
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.channel_at(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        channel = self.channel_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._short[channel] if channel else self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return core(CHANNEL_LABELS[channel]) if channel else (self.columns[section].tip or None)
        return None


class CheckCellDelegate(QStyledItemDelegate):
    """A centred check box that a tap anywhere in the cell, or Space, toggles (touch screens)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        checked = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        side = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, opt, opt.widget)
        box = QStyleOptionViewItem(opt)
        box.rect = QRect(0, 0, side, side)
        box.rect.moveCenter(opt.rect.center())
        box.state = (box.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, opt.widget
        )

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: AnyIndex
    ) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return True  # the release toggles; a double tap must not toggle twice more
        toggle = False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            toggle = event.button() == Qt.MouseButton.LeftButton and option.rect.contains(
                event.position().toPoint()
            )
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        if toggle:
            on = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
            state = Qt.CheckState.Unchecked if on else Qt.CheckState.Checked
            return bool(model.setData(index, state, Qt.ItemDataRole.CheckStateRole))
        return False


class RecordTable(QWidget):
    """A record table with "add" and "remove" buttons; Insert and Delete do the same."""

    def __init__(
        self,
        model: RecordTableModel,
        name: str,
        add_text: str,
        remove_text: str,
        empty_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model = model
        model.setParent(self)
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setAccessibleName(name)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.view.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT)
        self.view.horizontalHeader().setMinimumSectionSize(60)
        delegate = CheckCellDelegate(self.view)
        header = self.view.horizontalHeader()
        for column in range(model.columnCount()):
            if model.channel_at(column) is not None:
                self.view.setItemDelegateForColumn(column, delegate)
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            elif model.columns[column].width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, model.columns[column].width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName(add_text.replace("&", ""))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton(remove_text)
        self.remove_button.setAccessibleName(remove_text.replace("&", ""))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            button.setMinimumHeight(TOUCH_HEIGHT)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        for key, slot in (
            (QKeySequence.StandardKey.Delete, self._on_remove_clicked),
            (QKeySequence(Qt.Key.Key_Insert), self._on_add_clicked),
        ):
            action = QAction(self.view)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        self._update_buttons()
        model.rowsInserted.connect(self._update_buttons)
        model.rowsRemoved.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(self.buttons)

    def add_button_widget(self, button: QPushButton) -> None:
        """An extra action beside "add" and "remove" (e.g. import from a file)."""
        button.setMinimumHeight(TOUCH_HEIGHT)
        self.buttons.insertWidget(self.buttons.count() - 1, button)

    def commit_edits(self) -> None:
        """Keep the text still being typed in a cell (a keyboard shortcut may move on first)."""
        editor = QApplication.focusWidget()
        if editor is not None and self.view.viewport().isAncestorOf(editor):
            self.view.commitData(editor)

    @Slot()
    def _update_buttons(self) -> None:
        rows = self.model.rowCount()
        self.remove_button.setEnabled(rows > 0)
        self.empty.setVisible(rows == 0 and bool(self.empty.text()))

    @Slot()
    def _on_add_clicked(self) -> None:
        index = self.model.add_blank()
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    @Slot()
    def _on_remove_clicked(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        self.model.remove(rows)
