"""User and agent surveys: answer counts per question, edited in place, and beside each
question its indicators with their 95 % confidence interval against the national reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.audit.model import SurveyCounts
from auditor_app.audit.surveys import (
    GLOBAL_SATISFACTION_QUESTION,
    Indicator,
    compare_to_reference,
    format_indicator,
    net_satisfaction,
    share_satisfied,
)
from auditor_app.store import observations
from ui.i18n import core, percent_text, tr
from ui.models import HeaderedTableModel
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
POPULATIONS = ("user", "agent")
_MAX_COUNT = 1_000_000


def _scale(indicator: Indicator) -> tuple[float, float]:
    return (-1.0, 1.0) if indicator.kind == "net" else (0.0, 1.0)


def paint_interval(
    painter: QPainter, rect: QRect, palette: QPalette, indicator: Indicator, labels: bool = False
) -> None:
    """The indicator's 95 % interval as a band on its scale, the value as a mark and the
    national reference as a tick; with ``labels``, the scale ends and the reference named."""
    low_end, high_end = _scale(indicator)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text_height = painter.fontMetrics().height() if labels else 0
    area = QRectF(rect).adjusted(6, 4, -6, -4 - text_height)
    track = QRectF(area.left(), area.center().y() - 5, area.width(), 10)

    def x_of(value: float) -> float:
        share = (value - low_end) / (high_end - low_end)
        return track.left() + max(0.0, min(1.0, share)) * track.width()

    painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(track, 4, 4)
    if indicator.low is not None and indicator.high is not None and indicator.value is not None:
        band = QRectF(QPointF(x_of(indicator.low), track.top()),
                      QPointF(x_of(indicator.high), track.bottom()))  # fmt: skip
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(band, 3, 3)
        x = x_of(indicator.value)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.HighlightedText), 2))
        painter.drawLine(QPointF(x, track.top() + 1), QPointF(x, track.bottom() - 1))
    text_pen = QPen(palette.color(QPalette.ColorRole.WindowText), 2)
    if indicator.reference is not None:
        x = x_of(indicator.reference)
        painter.setPen(text_pen)
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
    if labels:
        painter.setPen(text_pen)
        baseline = area.bottom() + text_height
        signed = indicator.kind == "net"
        painter.drawText(QPointF(area.left(), baseline),
                         percent_text(low_end, 0, signed))  # fmt: skip
        end = percent_text(high_end, 0, signed)
        width = painter.fontMetrics().horizontalAdvance(end)
        painter.drawText(QPointF(area.right() - width, baseline), end)
        if indicator.reference is not None:
            name = tr("référence {0}").format(
                percent_text(indicator.reference, 0, signed)
            )
            width = painter.fontMetrics().horizontalAdvance(name)
            left = min(max(x_of(indicator.reference) - width / 2, area.left() + 40),
                       area.right() - width - 40)  # fmt: skip
            painter.drawText(QPointF(left, baseline), name)
    painter.restore()


class IntervalBar(QWidget):
    """A larger bar for the selected question, with its scale and reference named."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._indicator: Indicator | None = None
        self.setMinimumHeight(self.fontMetrics().height() + 30)

    def set_indicator(self, indicator: Indicator | None) -> None:
        self._indicator = indicator
        self.setAccessibleDescription(core(compare_to_reference(indicator)) if indicator else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, self.minimumHeight())

    def paintEvent(self, event: Any) -> None:
        if self._indicator is not None:
            painter = QPainter(self)
            paint_interval(painter, self.rect(), self.palette(), self._indicator, labels=True)
            painter.end()


class SurveyModel(HeaderedTableModel):
    """One survey population's questions; the three counts are editable.

    An edit is handed to ``commit`` (which stores it) and kept only if it returns True.
    """

    QUESTION, SATISFIED, NEUTRAL, DISSATISFIED, SHARE, NET, BAR = range(7)
    INDICATOR_ROLE = Qt.ItemDataRole.UserRole
    _FIELDS: ClassVar[dict[int, str]] = {
        SATISFIED: "satisfied", NEUTRAL: "neutral", DISSATISFIED: "dissatisfied",
    }  # fmt: skip

    def __init__(
        self,
        commit: Callable[[SurveyCounts], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[SurveyCounts] = []
        self._commit = commit or (lambda counts: True)
        self._headers = [
            self.tr("Question"), self.tr("Satisfaits"), self.tr("Neutres"),
            self.tr("Insatisfaits"), self.tr("Part de satisfaits (IC 95 %)"),
            self.tr("Taux net (IC 95 %)"), self.tr("Intervalle et référence"),
        ]  # fmt: skip

    def set_rows(self, rows: list[SurveyCounts]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def counts_at(self, row: int) -> SurveyCounts:
        return self._rows[row]

    def questions(self) -> list[str]:
        return [counts.question for counts in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self._FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        counts = self._rows[index.row()]
        column = index.column()
        if column in self._FIELDS and role in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
        ):  # fmt: skip
            return int(getattr(counts, self._FIELDS[column]))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.QUESTION:
                return counts.question
            if column in (self.SHARE, self.NET):
                # One line for the value, one for its interval: the column stays narrow.
                text = core(format_indicator(self._indicator(counts, column)))
                return text.replace(" [", "\n[", 1)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and column in (self.SHARE, self.NET,
                                                                     self.BAR):  # fmt: skip
            indicator = self._indicator(counts, self.NET if column == self.NET else self.SHARE)
            return f"{core(format_indicator(indicator))}. {core(compare_to_reference(indicator))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.SHARE, self.NET, self.BAR):
                indicator = self._indicator(counts, self.NET if column == self.NET else self.SHARE)
                return core(compare_to_reference(indicator))
            if column == self.QUESTION:
                return counts.question
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.QUESTION:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == self.INDICATOR_ROLE and column == self.BAR:
            return self._indicator(counts, self.SHARE)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self._FIELDS.get(index.column())
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        if field is None or number < 0:
            return False
        counts = self._rows[index.row()]
        if getattr(counts, field) == number:
            return True
        numbers = [counts.satisfied, counts.neutral, counts.dissatisfied]
        numbers[index.column() - self.SATISFIED] = number
        changed = replace(counts, satisfied=numbers[0], neutral=numbers[1],
                          dissatisfied=numbers[2])  # fmt: skip
        if not self._commit(changed):
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.BAR))
        return True

    def _indicator(self, counts: SurveyCounts, column: int) -> Indicator:
        return net_satisfaction(counts) if column == self.NET else share_satisfied(counts)


class SurveyDelegate(QStyledItemDelegate):
    """Spin boxes for the counts; the interval bar painted in its column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(0, _MAX_COUNT)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        question = index.model().index(index.row(), SurveyModel.QUESTION).data()
        editor.setAccessibleName(tr("{0} : {1}").format(header, question))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        super().setEditorData(editor, index)
        if isinstance(editor, QSpinBox):
            editor.selectAll()  # a typed figure replaces the count, never appends to it

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        indicator = index.data(SurveyModel.INDICATOR_ROLE)
        if index.column() != SurveyModel.BAR or not isinstance(indicator, Indicator):
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        bar = QRect(option.rect)
        bar.setHeight(min(bar.height(), 30))
        bar.moveCenter(option.rect.center())
        paint_interval(painter, bar, option.palette, indicator)


class SurveyTable(QTableView):
    """One population's table: every cell reachable by keyboard, counts edited in place."""

    def __init__(self, model: SurveyModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(SurveyDelegate(self))
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SurveyModel.QUESTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 86), (2, 74), (3, 92), (4, 200), (5, 200), (6, 150)):
            self.setColumnWidth(column, width)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(48)  # room for a finger and two lines

    def keyboardSearch(self, search: str) -> None:
        # Typing a count must edit the cell, never jump to a row whose text starts alike
        # (a figure would then be saved on the wrong question).
        return


class SurveysPage(QWidget):
    """The user and agent surveys of the open audit."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.models: dict[str, SurveyModel] = {}
        self.tables: dict[str, SurveyTable] = {}
        self.empty_labels: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Enquêtes de satisfaction"))
        for population in POPULATIONS:
            model = SurveyModel(self._committer(population), self)
            name = self._table_name(population)
            table = SurveyTable(model, name)
            table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
            text = self.tr("Aucune question dans cette enquête : ajoutez la première "
                           "ci-dessous, puis saisissez ses effectifs.")  # fmt: skip
            if population == "user":
                # The core compares only the global question (« Globalement, … ») to 69 %.
                reference = self.tr("La question « {0} » est comparée à la référence nationale.")
                text += " " + reference.format(GLOBAL_SATISFACTION_QUESTION)
            empty = QLabel(text)
            empty.setWordWrap(True)
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            tab_layout.addWidget(empty)
            tab_layout.addWidget(table, 1)
            self.models[population], self.tables[population] = model, table
            self.empty_labels[population] = empty
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        hint = QLabel(self.tr(
            "Saisissez pour chaque question le nombre de répondants satisfaits, neutres et "
            "insatisfaits (double-clic, F2 ou un chiffre). Chaque effectif est enregistré dès "
            "la fin de sa saisie. IC 95 % : intervalle de confiance à 95 %."))  # fmt: skip
        hint.setWordWrap(True)

        self.detail_box = QGroupBox(self.tr("Question sélectionnée"))
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        bold = QFont(self.detail_title.font())
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.share_label, self.net_label = QLabel(), QLabel()
        self.share_bar, self.net_bar = IntervalBar(), IntervalBar()
        self.share_bar.setAccessibleName(self.tr("Part de satisfaits : intervalle et référence"))
        self.net_bar.setAccessibleName(self.tr("Taux net : intervalle et référence"))
        self.source_label = QLabel()
        for label in (self.share_label, self.net_label, self.source_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        indicators = QHBoxLayout()
        for label, bar in ((self.share_label, self.share_bar), (self.net_label, self.net_bar)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(bar)
            column.addStretch(1)
            indicators.addLayout(column, 1)
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addLayout(indicators)
        detail_layout.addWidget(self.source_label)

        self.question_edit = QLineEdit()
        self.question_edit.setAccessibleName(self.tr("Texte de la nouvelle question"))
        self.question_edit.setPlaceholderText(self.tr("Texte de la question, tel que posé"))
        self.question_edit.setMinimumHeight(36)
        self.question_edit.returnPressed.connect(self._on_add_button_clicked)
        self.question_edit.textChanged.connect(self._on_question_edit_changed)
        self.add_button = QPushButton()
        self.add_button.setMinimumHeight(40)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        question_label = QLabel(self.tr("&Nouvelle question :"))
        question_label.setBuddy(self.question_edit)
        adding = QHBoxLayout()
        adding.addWidget(question_label)
        adding.addWidget(self.question_edit, 1)
        adding.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(adding)
        layout.addWidget(self.detail_box)

        session.audit_opened.connect(self._on_session_audit_opened)
        self._update_labels()
        self._show_detail(None)
        if session.audit_id is not None:
            self._reload()

    # -- page API ------------------------------------------------------------------------

    def activate(self) -> None:
        """Called when the page is shown: counts may have changed elsewhere."""
        if self.session.audit_id is not None:
            self._reload()

    def select_finding(self, fid: str) -> None:
        pass

    def current_population(self) -> str:
        return POPULATIONS[max(0, self.tabs.currentIndex())]

    def select_question(self, population: str, row: int) -> None:
        self.tabs.setCurrentIndex(POPULATIONS.index(population))
        table = self.tables[population]
        table.selectionModel().setCurrentIndex(
            self.models[population].index(row, SurveyModel.SATISFIED),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
        table.setFocus()

    # -- loading and saving -------------------------------------------------------------

    def _table_name(self, population: str) -> str:
        return (self.tr("Enquête usagers") if population == "user"
                else self.tr("Enquête agents"))  # fmt: skip

    def _reload(self) -> None:
        audit_id = self.session.audit_id
        assert audit_id is not None
        for population in POPULATIONS:
            table = self.tables[population]
            current = table.currentIndex()
            rows = observations.surveys(self.session.ws, audit_id, population)
            self.models[population].set_rows(rows)
            if current.isValid() and current.row() < len(rows):
                table.setCurrentIndex(current.siblingAtRow(current.row()))
            elif rows:
                table.setCurrentIndex(self.models[population].index(0, SurveyModel.SATISFIED))
        self._update_labels()
        self._show_current()

    def _committer(self, population: str) -> Callable[[SurveyCounts], bool]:
        return lambda counts: self._save_counts(population, counts)

    def _save_counts(self, population: str, counts: SurveyCounts) -> bool:
        audit_id = self.session.audit_id
        if audit_id is None:
            return False
        ws = self.session.ws

        def store() -> bool:
            observations.set_survey_counts(ws, audit_id, counts)
            return True

        stored = self.session.call(store)
        if stored:
            self.session.data_changed()
            if population == self.current_population():
                self._show_current_after_edit(counts)
        return bool(stored)

    def _update_labels(self) -> None:
        for i, population in enumerate(POPULATIONS):
            count = self.models[population].rowCount()
            self.tabs.setTabText(i, self.tr("{0} ({1})").format(
                self._table_name(population), count))  # fmt: skip
            self.empty_labels[population].setVisible(count == 0)
        target = (self.tr("Ajouter à l'enquête usagers") if self.current_population() == "user"
                  else self.tr("Ajouter à l'enquête agents"))  # fmt: skip
        self.add_button.setText(target)
        self.add_button.setAccessibleName(target)

    def _show_current(self) -> None:
        population = self.current_population()
        index = self.tables[population].currentIndex()
        model = self.models[population]
        self._show_detail(model.counts_at(index.row()) if index.isValid() else None)

    def _show_current_after_edit(self, counts: SurveyCounts) -> None:
        index = self.tables[counts.population].currentIndex()
        model = self.models[counts.population]
        if index.isValid() and model.counts_at(index.row()).question == counts.question:
            self._show_detail(counts)

    def _show_detail(self, counts: SurveyCounts | None) -> None:
        if counts is None:
            self.detail_title.setText(
                self.tr(
                    "Sélectionnez une question pour voir ses indicateurs et la référence nationale."
                )
            )
            for label in (self.share_label, self.net_label, self.source_label):
                label.clear()
            self.share_bar.set_indicator(None)
            self.net_bar.set_indicator(None)
            return
        self.detail_title.setText(counts.question)
        share, net = share_satisfied(counts), net_satisfaction(counts)
        for label, bar, indicator in ((self.share_label, self.share_bar, share),
                                      (self.net_label, self.net_bar, net)):  # fmt: skip
            text = tr("{0} : {1}").format(core(indicator.label), core(format_indicator(indicator)))
            text += "\n" + core(compare_to_reference(indicator))
            # No line break between a number and its « % ».
            label.setText(text.replace(" %", "\u00a0%"))
            bar.set_indicator(indicator)
        self.source_label.setText(
            self.tr("Référence nationale : {0}.").format(core(share.reference_source))
            if share.reference_source else
            self.tr("La référence nationale (69 % de satisfaits) ne vaut que pour la question "
                    "de satisfaction globale de l'enquête usagers.")
        )  # fmt: skip

    # -- handlers -------------------------------------------------------------------------

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self._reload()

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_current()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        self._update_labels()
        self._show_current()

    @Slot(str)
    def _on_question_edit_changed(self, text: str) -> None:
        self.add_button.setEnabled(bool(text.strip()) and self.session.audit_id is not None)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        question = " ".join(self.question_edit.text().split())
        audit_id = self.session.audit_id
        if not question or audit_id is None:
            return
        population = self.current_population()
        model = self.models[population]
        if question in model.questions():
            # Recording it again would reset its counts to zero.
            row = model.questions().index(question)
        else:
            counts = SurveyCounts(question, 0, 0, 0, population)
            if not self._save_counts(population, counts):
                return
            self._reload()
            row = model.rowCount() - 1
        self.question_edit.clear()
        self.select_question(population, row)
        self.tables[population].edit(model.index(row, SurveyModel.SATISFIED))
