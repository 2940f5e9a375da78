"""The lead auditor's review « Revue »: every finding of the consolidated audit.

After the team's packages are imported, the lead filters the findings, reads each one
with its history, and accepts it, asks for changes, reclassifies it or comments; the
checkpoints two auditors graded in opposite ways are listed above the table, the
conflicts left by imports are settled side by side in their own tab, and the criterion ×
site matrix shows the whole team's work. Everything is read and written through
:mod:`auditor_app.review`.

Keyboard (in the « Constats » tab): Ctrl+Entrée accepts, Ctrl+M asks for changes, Ctrl+R
reclassifies, Ctrl+Maj+Entrée comments; after a decision the next finding is selected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TR_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app import review
from auditor_app.audit import scoring
from auditor_app.audit.verdicts import VERDICT_LABELS, Verdict
from auditor_app.package.merge import team
from auditor_app.referential.model import UNIT_LABELS, Referential
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import StoreError
from ui import dialogs
from ui.i18n import core, current_language, tr
from ui.models import (
    SHORT_CHANNELS,
    SHORT_LABELS,
    HeaderedTableModel,
    state_icon,
    state_of,
    state_text_colour,
)
from ui.screen import row_table
from ui.session import Session
from ui.widgets.history import (
    FIELD_LABELS,
    HistoryView,
    Review,
    field_label,
    value_text,
    when_text,
)
from ui.widgets.matrix import MatrixLegend, MatrixModel, RotatedHeaderView

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
FINDING_ROLE = ROLE.UserRole + 1
REFRESH_DEBOUNCE_MS = 400
FETCH_BATCH = 200  # rows handed to the view at a time: a 5,000-finding audit opens at once
SHORTCUTS = {
    "accept": "Ctrl+Return",
    "changes_requested": "Ctrl+M",
    "reclassify": "Ctrl+R",
    "comment": "Ctrl+Shift+Return",
}
ENTITY_LABELS = {
    "findings": QT_TR_NOOP("Constat"), "mystery_tests": QT_TR_NOOP("Test mystère"),
    "surveys": QT_TR_NOOP("Enquête"), "closing_responses": QT_TR_NOOP("Réponse de clôture"),
    "evidence": QT_TR_NOOP("Preuve"), "sites": QT_TR_NOOP("Site"), "audits": QT_TR_NOOP("Audit"),
}  # fmt: skip


def _channel(channel: str) -> str:
    """A channel's short name, in the interface's language."""
    return tr(SHORT_CHANNELS.get(channel, channel)) if channel else tr("Tous canaux")


def _plural(count: int, one: str, many: str) -> str:
    return (one if count <= 1 else many).format(count)


class ReviewModel(HeaderedTableModel):
    """The consolidated findings, one row each; rows reach the view in batches."""

    COLUMNS = ("site", "code", "channel", "verdict", "author", "state", "conflict", "divergent")
    sorted = Signal()  # the rows were put in another order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given: list[review.ReviewItem] = []  # in the core's order
        self._items: list[review.ReviewItem] = []  # in the order shown
        self._shown = 0
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._headers = [
            self.tr("Site"), self.tr("Point"), self.tr("Canal"), self.tr("Verdict"),
            self.tr("Auditeur"), self.tr("Revue"), "⚠", "≠",
        ]  # fmt: skip
        self._header_tips = {
            6: self.tr("Conflit à arbitrer"), 7: self.tr("Évalué différemment par deux auditeurs")
        }  # fmt: skip

    def set_items(self, items: Sequence[review.ReviewItem]) -> None:
        self.beginResetModel()
        self._given = list(items)
        self._items = self._sorted()
        self._shown = min(len(self._items), FETCH_BATCH)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on a column (stable: the core's order within equal values); -1: as given."""
        if (column, order) == self._sort:
            return  # the view asks twice for one click
        self.beginResetModel()
        self._sort = (column, order)
        self._items = self._sorted()
        self._shown = min(len(self._items), FETCH_BATCH)
        self.endResetModel()
        self.sorted.emit()

    def _sorted(self) -> list[review.ReviewItem]:
        column, order = self._sort
        if not 0 <= column < len(self.COLUMNS):
            return list(self._given)
        key = _SORT_KEYS[self.COLUMNS[column]]
        return sorted(self._given, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section in self._header_tips and role in (
            ROLE.ToolTipRole, ROLE.AccessibleTextRole
        ):  # fmt: skip
            return self._header_tips[section]
        return super().headerData(section, orientation, role)

    def items(self) -> list[review.ReviewItem]:
        return list(self._items)

    def item(self, row: int) -> review.ReviewItem:
        return self._items[row]

    def row_of(self, fid: str) -> int:
        """The row of a finding (handed to the view first if need be), or -1."""
        row = next((i for i, item in enumerate(self._items) if item.finding.id == fid), -1)
        if row >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()
        return row

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        end = min(len(self._items), self._shown + FETCH_BATCH)
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (ROLE.DisplayRole, ROLE.AccessibleTextRole):
            return self._display(item, column, role == ROLE.AccessibleTextRole)
        if role == ROLE.ToolTipRole:
            return self._tooltip(item, column)
        if role == FINDING_ROLE:
            return item.finding.id
        verdict = item.finding.verdict
        if role == ROLE.ForegroundRole and column == "verdict" and verdict is not None:
            return state_text_colour(state_of([item.finding]))  # as in the walk-through
        if role == ROLE.DecorationRole and column == "code":
            return state_icon(state_of([item.finding]))
        if role == ROLE.TextAlignmentRole and column in ("conflict", "divergent"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, item: review.ReviewItem, column: str, spoken: bool) -> str:
        finding = item.finding
        if column == "site":
            return item.site_name
        if column == "code":
            return finding.checkpoint_code
        if column == "channel":
            return _channel(finding.channel)
        if column == "verdict":
            return tr(SHORT_LABELS[finding.verdict]) if finding.verdict else ""
        if column == "author":
            return finding.author
        if column == "state":
            return core(review.STATE_LABELS.get(item.state, item.state))
        if column == "conflict" and item.conflict:
            return self.tr("Conflit à arbitrer") if spoken else "⚠"
        if column == "divergent" and item.divergent:
            return self.tr("Évalué différemment par deux auditeurs") if spoken else "≠"
        return ""

    def _tooltip(self, item: review.ReviewItem, column: str) -> str | None:
        if column == "site":
            return item.site_name
        if column == "code":
            return f"{item.finding.checkpoint_code} — {item.text}"
        if column == "verdict" and item.finding.verdict:
            return core(VERDICT_LABELS[item.finding.verdict])
        if column == "state" and item.last_comment:
            return self.tr("Dernier commentaire : {0}").format(item.last_comment)
        if column == "conflict" and item.conflict:
            return self.tr("Modifié des deux côtés : à arbitrer dans l'onglet « Conflits »")
        if column == "divergent" and item.divergent:
            return self.tr("Jugé conforme par un auditeur et non conforme par un autre")
        return None


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", code))


_SEVERITY = (Verdict.NON_APPLICABLE, Verdict.POINT_FORT, Verdict.CONFORME,
             Verdict.PISTE_DE_PROGRES, Verdict.POINT_SENSIBLE, Verdict.NC_MINEURE,
             Verdict.NC_MAJEURE)  # fmt: skip
_VERDICT_RANK = {v: n for n, v in enumerate(_SEVERITY)}
_SORT_KEYS: dict[str, Callable[[review.ReviewItem], Any]] = {
    "site": lambda i: i.site_name.casefold(),
    "code": lambda i: _code_key(i.finding.checkpoint_code),
    "channel": lambda i: _channel(i.finding.channel),
    "verdict": lambda i: _VERDICT_RANK.get(i.finding.verdict, -1) if i.finding.verdict else -1,
    "author": lambda i: i.finding.author.casefold(),
    "state": lambda i: review.STATES.index(i.state) if i.state in review.STATES else -1,
    "conflict": lambda i: not i.conflict,
    "divergent": lambda i: not i.divergent,
}


def divergence_text(divergence: review.Divergence) -> str:
    """A divergence in the auditor's words (verdict labels, channel names)."""
    parts = [
        tr("{0} : {1}").format(who, ", ".join(tr(SHORT_LABELS[Verdict(v)]) for v in verdicts))
        for who, verdicts in sorted(divergence.verdicts.items())
    ]
    return f"{divergence.checkpoint_code} · {_channel(divergence.channel)} — " + tr(" ; ").join(
        parts
    )


class DivergenceBanner(QFrame):
    """« Deux auditeurs ont évalué différemment : … »; choosing one filters the table."""

    def __init__(self, on_chosen: Callable[[tuple[str, str] | None], None]) -> None:
        super().__init__()
        self._on_chosen = on_chosen
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()  # the palette's notice colours, light or dark
        roles = QPalette.ColorRole
        palette.setColor(roles.Window, palette.color(roles.ToolTipBase))
        palette.setColor(roles.WindowText, palette.color(roles.ToolTipText))
        self.setPalette(palette)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.show_all = QPushButton(self.tr("Tout afficher"))
        self.show_all.setAccessibleName(self.tr("Ne plus filtrer sur un point divergent"))
        self.show_all.clicked.connect(self._on_show_all_clicked)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Points évalués différemment par deux auditeurs"))
        self.list.setToolTip(self.tr("Clic ou Entrée : n'afficher que les constats de ce point"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemClicked.connect(self._on_list_item_chosen)
        self.list.itemActivated.connect(self._on_list_item_chosen)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.set_divergences([], None)

    def set_divergences(
        self, divergences: Sequence[review.Divergence], chosen: tuple[str, str] | None
    ) -> None:
        self.list.clear()
        for divergence in divergences:
            key = (divergence.checkpoint_code, divergence.channel)
            item = QListWidgetItem(divergence_text(divergence), self.list)
            item.setData(ROLE.UserRole, key)
            item.setToolTip(item.text())
            if key == chosen:
                self.list.setCurrentItem(item)
        count = len(divergences)
        self.title.setText(_plural(
            count, self.tr("⚠ Deux auditeurs ont évalué différemment {0} point :"),
            self.tr("⚠ Deux auditeurs ont évalué différemment {0} points :"),
        ))  # fmt: skip
        rows = min(count, 3)
        height = self.list.sizeHintForRow(0) if count else 0
        self.list.setFixedHeight(rows * height + 2 * self.list.frameWidth())
        self.show_all.setVisible(chosen is not None)
        self.setVisible(count > 0)

    @Slot(QListWidgetItem)
    def _on_list_item_chosen(self, item: QListWidgetItem) -> None:
        code, channel = item.data(ROLE.UserRole)
        self._on_chosen((str(code), str(channel)))

    @Slot()
    def _on_show_all_clicked(self) -> None:
        self.list.clearSelection()
        self._on_chosen(None)


def _wrapping_label(selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ReviewPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ReviewModel(self)
        self.matrix_model = MatrixModel(self)
        self._ref: Referential | None = None
        self._point: tuple[str, str] | None = None  # the divergent checkpoint shown alone
        self._divergences: list[review.Divergence] = []
        self._conflicts: list[review.Conflict] = []
        self._site_names: dict[str, str] = {}
        self._senders: dict[str, str] = {}
        self._dirty = True
        self._shown_fid: str | None = None

        self.empty = QLabel(self.tr("Ouvrez un audit pour revoir ses constats."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parties de la revue"))
        self.findings_tab = self.tabs.addTab(self._build_findings_tab(), self.tr("Constats"))
        self.conflicts_tab = self.tabs.addTab(self._build_conflicts_tab(), self.tr("Conflits"))
        self.matrix_tab = self.tabs.addTab(self._build_matrix_tab(), self.tr("Critères × sites"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.tabs, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        session.audit_opened.connect(self._on_session_audit_opened)
        session.finding_changed.connect(self._on_session_finding_changed)
        session.audit_data_changed.connect(self._on_session_audit_data_changed)
        self._show_audit_state()

    # -- building ----------------------------------------------------------------------------

    def _filter_combo(self, name: str, width: int) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(width)
        combo.currentIndexChanged.connect(self._on_filter_changed)
        return combo

    def _build_findings_tab(self) -> QWidget:
        self.site_filter = self._filter_combo(self.tr("Filtrer par site"), 16)
        self.engagement_filter = self._filter_combo(self.tr("Filtrer par engagement"), 14)
        self.verdict_filter = self._filter_combo(self.tr("Filtrer par verdict"), 11)
        self.author_filter = self._filter_combo(self.tr("Filtrer par auditeur"), 11)
        self.state_filter = self._filter_combo(self.tr("Filtrer par état de revue"), 11)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Nombre de constats affichés"))
        # Two rows of three: on one row the five filters needed 1,200 px, more than a
        # 1366-pixel screen leaves beside the navigation (and far more at 125 % scaling).
        bar = QGridLayout()
        bar.setHorizontalSpacing(6)
        for n, (text, combo) in enumerate((
            (self.tr("Site :"), self.site_filter),
            (self.tr("Engagement :"), self.engagement_filter),
            (self.tr("Verdict :"), self.verdict_filter),
            (self.tr("Auditeur :"), self.author_filter),
            (self.tr("Revue :"), self.state_filter),
        )):  # fmt: skip
            row, column = divmod(n, 3)
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label, row, 2 * column)
            bar.addWidget(combo, row, 2 * column + 1)
            bar.setColumnStretch(2 * column + 1, 1)
        bar.addWidget(self.count, 1, 4, 1, 2)

        self.banner = DivergenceBanner(self._on_banner_chosen)

        self.table = row_table(
            self.model, self.tr("Constats de l'audit consolidé"), row_height=26, stretch=0,
            widths={1: 64, 2: 84, 3: 116, 4: 108, 5: 150, 6: 30, 7: 30},
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(28)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order first
        self.table.setSortingEnabled(True)
        self.model.sorted.connect(self._on_model_sorted)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.no_findings = QLabel()
        self.no_findings.setWordWrap(True)
        self.no_findings.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_findings.hide()
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.no_findings, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(listing)
        splitter.addWidget(self._build_detail())
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([740, 440])

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        for decision, key in SHORTCUTS.items():
            shortcut = QShortcut(QKeySequence(key), tab)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=decision: self.decide(d))
        QWidget.setTabOrder(self.state_filter, self.banner.list)
        QWidget.setTabOrder(self.banner.list, self.table)
        QWidget.setTabOrder(self.table, self.comment)
        return tab

    def _build_detail(self) -> QWidget:
        self.heading = _wrapping_label()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.checkpoint_text = _wrapping_label()
        self.verdict = _wrapping_label()
        verdict_font = self.verdict.font()
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.measured = _wrapping_label()
        self.note = _wrapping_label()
        self.evidence = _wrapping_label()
        self.author = _wrapping_label()
        self.state = _wrapping_label()
        self.markers = _wrapping_label()
        self.conflict_button = QPushButton(self.tr("Voir le conflit"))
        self.conflict_button.setAccessibleName(self.tr("Voir le conflit de ce constat"))
        self.conflict_button.clicked.connect(self._on_conflict_button_clicked)
        self.walk_button = QPushButton(self.tr("Ouvrir dans le parcours"))
        self.walk_button.setAccessibleName(self.tr("Ouvrir ce constat dans le parcours"))
        self.walk_button.clicked.connect(self._on_walk_button_clicked)
        links = QHBoxLayout()
        links.addWidget(self.conflict_button)
        links.addWidget(self.walk_button)
        links.addStretch(1)

        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName(self.tr("Commentaire pour l'auditeur"))
        self.comment.setPlaceholderText(self.tr(
            "Commentaire pour l'auditeur (obligatoire pour demander des modifications ou "
            "commenter)"
        ))  # fmt: skip
        self.comment.setMinimumHeight(48)
        self.comment.setMaximumHeight(80)
        self.decision_buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for n, (decision, text, name) in enumerate((
            ("accept", self.tr("Accepter"), self.tr("Accepter le constat")),
            ("changes_requested", self.tr("Demander des modifications"),
             self.tr("Demander des modifications à l'auditeur")),
            ("reclassify", self.tr("Reclasser…"), self.tr("Reclasser le constat")),
            ("comment", self.tr("Commenter"), self.tr("Commenter le constat")),
        )):  # fmt: skip
            button = QPushButton(text)
            button.setAccessibleName(name)
            shortcut = QKeySequence(SHORTCUTS[decision])
            button.setToolTip(self.tr("{0} — raccourci : {1}").format(
                name, shortcut.toString(QKeySequence.SequenceFormat.NativeText)))  # fmt: skip
            button.setMinimumHeight(32)
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
            buttons.addWidget(button, n // 2, n % 2)
            self.decision_buttons[decision] = button

        self.detail = QWidget()
        form = QFormLayout(self.detail)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.heading)
        form.addRow(self.checkpoint_text)
        for text, label in (
            (self.tr("Verdict :"), self.verdict), (self.tr("Valeur mesurée :"), self.measured),
            (self.tr("Note :"), self.note), (self.tr("Preuves :"), self.evidence),
            (self.tr("Auditeur :"), self.author), (self.tr("Revue :"), self.state),
        ):  # fmt: skip
            form.addRow(text, label)
        form.addRow(self.markers)
        form.addRow(links)
        comment_label = QLabel(self.tr("Commentaire :"))
        comment_label.setBuddy(self.comment)
        form.addRow(comment_label, self.comment)
        form.addRow(buttons)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.detail)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setMinimumWidth(380)

        self.history = HistoryView()
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_title = QLabel(self.tr("Historique"))
        history_title.setFont(font)
        history_title.setBuddy(self.history)
        history_layout.addWidget(history_title)
        history_layout.addWidget(self.history, 1)
        panel = QSplitter(Qt.Orientation.Vertical)
        panel.addWidget(scroller)
        panel.addWidget(history_box)
        panel.setChildrenCollapsible(False)
        panel.setStretchFactor(0, 3)
        panel.setStretchFactor(1, 2)
        return panel

    def _build_conflicts_tab(self) -> QWidget:
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName(self.tr("Conflits à arbitrer"))
        self.conflict_list.currentRowChanged.connect(self._on_conflict_list_current_row_changed)
        self.conflict_heading = _wrapping_label()
        font = self.conflict_heading.font()
        font.setBold(True)
        self.conflict_heading.setFont(font)
        self.conflict_table = QTableWidget(0, 3)
        self.conflict_table.setAccessibleName(self.tr("Les deux versions côte à côte"))
        self.conflict_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflict_table.setTabKeyNavigation(False)
        self.conflict_table.setWordWrap(True)
        self.conflict_table.verticalHeader().hide()
        header = self.conflict_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.keep_button = QPushButton(self.tr("Garder la version en place"))
        self.keep_button.setAccessibleName(self.tr("Garder la version en place"))
        self.keep_button.clicked.connect(lambda: self.resolve("kept"))
        self.other_button = QPushButton(self.tr("Prendre l'autre version"))
        self.other_button.setAccessibleName(self.tr("Prendre l'autre version"))
        self.other_button.clicked.connect(lambda: self.resolve("other"))
        self.edit_button = QPushButton(self.tr("Corriger…"))
        self.edit_button.setAccessibleName(self.tr("Corriger le verdict et la note"))
        self.edit_button.clicked.connect(lambda: self.resolve("edited"))
        hint = _wrapping_label(selectable=False)
        hint.setText(self.tr(
            "La version écartée reste dans le journal ; votre choix y est noté avec son motif."
        ))  # fmt: skip
        actions = QHBoxLayout()
        actions.addWidget(hint, 1)
        for button in (self.keep_button, self.other_button, self.edit_button):
            button.setMinimumHeight(32)
            actions.addWidget(button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.conflict_heading)
        side_layout.addWidget(self.conflict_table, 1)
        side_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(side)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([340, 820])
        self.no_conflicts = QLabel(self.tr("Aucun conflit à arbitrer"))
        self.no_conflicts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_conflicts.setAccessibleName(self.tr("Aucun conflit à arbitrer"))
        self.conflict_stack = QStackedWidget()
        self.conflict_stack.addWidget(self.no_conflicts)
        self.conflict_stack.addWidget(splitter)
        return self.conflict_stack

    def _build_matrix_tab(self) -> QWidget:
        self.matrix_author = QComboBox()
        self.matrix_author.setAccessibleName(self.tr("Auditeur dont la matrice compte les points"))
        self.matrix_author.currentIndexChanged.connect(self._on_matrix_author_changed)
        self.matrix_view = QTableView()
        self.matrix_view.setHorizontalHeader(RotatedHeaderView(parent=self.matrix_view))
        self.matrix_view.setModel(self.matrix_model)
        self.matrix_view.setAccessibleName(self.tr("Matrice critères × sites de toute l'équipe"))
        self.matrix_view.setTabKeyNavigation(False)
        self.matrix_view.setWordWrap(False)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix_view.verticalHeader().setDefaultSectionSize(26)
        self.matrix_view.selectionModel().currentChanged.connect(self._on_matrix_current_changed)
        self.matrix_details = _wrapping_label()
        self.matrix_details.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        top = QHBoxLayout()
        label = QLabel(self.tr("Auditeur :"))
        label.setBuddy(self.matrix_author)
        top.addWidget(label)
        top.addWidget(self.matrix_author)
        top.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(MatrixLegend())  # its own row: beside the combo it needed 914 px
        layout.addWidget(self.matrix_view, 1)
        layout.addWidget(self.matrix_details)
        return tab

    # -- loading -----------------------------------------------------------------------------

    def activate(self) -> None:
        """Called when the page is shown: bring it up to date if something changed."""
        if self._dirty:
            self.refresh()

    def _show_audit_state(self) -> bool:
        has_audit = self.session.audit_id is not None
        self.empty.setVisible(not has_audit)
        self.tabs.setVisible(has_audit)
        return has_audit

    def _load_audit(self) -> None:
        """What stays put while the audit is open: the grid, the sites, the filter choices."""
        audit_id = self.session.audit_id
        assert audit_id is not None
        ws = self.session.ws
        self._ref = self.session.referential()
        sites = audit_store.sites(ws, audit_id)
        self._site_names = {s.id: s.name for s in sites}
        everyone = self.tr("Tous")
        self._fill(self.site_filter, [(everyone, None)] + [(s.name, s.id) for s in sites]
                   + [(self.tr("Organisation et dispositifs"), "")])  # fmt: skip
        self._fill(self.engagement_filter, [(everyone, None)] + [
            (f"{e.number}. {e.title}", e.number) for e in self._ref.engagements])  # fmt: skip
        self._fill(self.verdict_filter, [(everyone, None)] + [
            (core(VERDICT_LABELS[v]), v.value) for v in Verdict])  # fmt: skip
        self._fill(self.state_filter, [(everyone, None)] + [
            (core(review.STATE_LABELS[s]), s) for s in review.STATES])  # fmt: skip

    @staticmethod
    def _fill(combo: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
        """Replace a combo's choices, keeping the one chosen if it is still there."""
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in choices:
            combo.addItem(text, value)
            if value is not None:
                combo.setItemData(combo.count() - 1, text, ROLE.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
        combo.blockSignals(False)

    def refresh(self, select: str | None = None, row: int = -1) -> None:
        """Reload everything; select ``select`` (a finding id), else the row ``row``,
        else the finding selected before."""
        self._refresh_timer.stop()
        self._dirty = False
        if not self._show_audit_state():
            return
        if self._ref is None:
            self._load_audit()
        audit_id = self.session.audit_id
        assert audit_id is not None
        ws = self.session.ws
        current = self.current_item()
        if select is None and row < 0 and current is not None:
            select = current.finding.id
        try:
            everything = review.consolidated(ws, audit_id)
            authors = review.authors(ws, audit_id)
            self._conflicts = review.conflicts(ws, audit_id)
            self._senders = {str(c["id"]): str(c["name"]) for c in team(ws)}
            filters = self._filters()
            items = review.consolidated(ws, audit_id, **filters) if filters else everything
            all_findings = finding_store.findings(ws, audit_id)
        except StoreError as exc:
            self.empty.setText(self.tr("Revue impossible : {0}").format(core(str(exc))))
            self.empty.show()
            self.tabs.hide()
            return
        self._fill(self.author_filter, [(self.tr("Tous"), None)] + [(a, a) for a in authors])
        self._fill(self.matrix_author, [(self.tr("Tous les auditeurs"), None)]
                   + [(a, a) for a in authors])  # fmt: skip
        self._divergences = review.divergences(i.finding for i in everything)
        if self._point is not None and self._point not in {
            (d.checkpoint_code, d.channel) for d in self._divergences
        }:
            self._point = None
        if self._point is not None:
            items = [i for i in items
                     if (i.finding.checkpoint_code, i.finding.channel) == self._point]  # fmt: skip
        self.banner.set_divergences(self._divergences, self._point)
        self.model.set_items(items)
        self._show_count(len(items), len(everything))
        self._show_conflicts()
        self._show_matrix(all_findings)
        self._select(select, row)

    def _filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {}
        for name, combo in (
            ("site_id", self.site_filter),
            ("engagement", self.engagement_filter),
            ("author", self.author_filter),
            ("state", self.state_filter),
        ):
            value = combo.currentData()
            if value is not None:
                filters[name] = value
        verdict = self.verdict_filter.currentData()
        if verdict is not None:
            filters["verdict"] = Verdict(verdict)
        return filters

    def _show_count(self, shown: int, total: int) -> None:
        text = _plural(shown, self.tr("{0} constat"), self.tr("{0} constats"))
        if shown != total:
            text += " " + self.tr("sur {0}").format(total)
        if self._point is not None:
            code, channel = self._point
            text += " " + self.tr("(point {0}, {1})").format(code, _channel(channel))
        self.count.setText(text)
        self.no_findings.setText(
            self.tr("Aucun constat ne correspond à ces filtres.") if total
            else self.tr("Aucun constat renseigné : importez les paquets de l'équipe.")
        )  # fmt: skip
        self.table.setVisible(shown > 0)
        self.no_findings.setVisible(shown == 0)
        self.tabs.setTabText(self.findings_tab, self.tr("Constats ({0})").format(total))

    def _select(self, fid: str | None, row: int) -> None:
        if fid is not None:
            found = self.model.row_of(fid)
            row = found if found >= 0 else row
        count = len(self.model.items())
        if count == 0:
            self._show_item(None)
            return
        row = min(max(row, 0), count - 1)
        self.model.row_of(self.model.item(row).finding.id)  # handed to the view if need be
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)  # shows its detail (the reset cleared the current)
        self.table.scrollTo(index)

    def select_finding(self, fid: str) -> None:
        """Show a finding of the list (if the filters let it through)."""
        if self._dirty:
            self.refresh()
        self._select(fid, self.table.currentIndex().row())

    def current_item(self) -> review.ReviewItem | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    # -- the detail of a finding -----------------------------------------------------------

    def _show_item(self, item: review.ReviewItem | None) -> None:
        self._shown_fid = item.finding.id if item is not None else None
        for button in (*self.decision_buttons.values(), self.walk_button):
            button.setEnabled(item is not None)
        self.comment.setEnabled(item is not None)
        if item is None:
            self.heading.setText(self.tr("Choisissez un constat dans la liste."))
            for label in (self.checkpoint_text, self.verdict, self.measured, self.note,
                          self.evidence, self.author, self.state, self.markers):  # fmt: skip
                label.clear()
            self.conflict_button.hide()
            self.history.clear()
            return
        finding = item.finding
        self.heading.setText(f"{finding.checkpoint_code} — {item.site_name} · "
                             f"{_channel(finding.channel)}")  # fmt: skip
        self.checkpoint_text.setText(item.text)
        verdict = finding.verdict
        self.verdict.setText(core(VERDICT_LABELS[verdict]) if verdict else "—")
        palette = self.verdict.palette()
        window = palette.color(QPalette.ColorRole.Window)
        colour = state_text_colour(state_of([finding]), window) if verdict else palette.color(
            QPalette.ColorRole.Text)  # fmt: skip
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.verdict.setPalette(palette)
        self.measured.setText(self._measure_text(finding.checkpoint_code, finding.measured_value))
        self.note.setText(finding.note or "—")
        one, many = self.tr("{0} photo ou document"), self.tr("{0} photos ou documents")
        count = finding.evidence_count
        self.evidence.setText(_plural(count, one, many) if count else self.tr("Aucune"))
        self.author.setText(finding.author or "—")
        state = core(review.STATE_LABELS.get(item.state, item.state))
        if item.last_comment:
            state += " — " + tr("« {0} »").format(item.last_comment)
        self.state.setText(state)
        markers = []
        if item.conflict:
            markers.append(self.tr("⚠ Modifié des deux côtés : conflit à arbitrer."))
        if item.divergent:
            point = (finding.checkpoint_code, finding.channel)
            described = [divergence_text(d) for d in self._divergences
                         if (d.checkpoint_code, d.channel) == point]  # fmt: skip
            markers.append(self.tr("≠ Deux auditeurs ont évalué ce point différemment : {0}")
                           .format(" ".join(described)))  # fmt: skip
        self.markers.setText("\n".join(markers))
        self.markers.setVisible(bool(markers))
        self.conflict_button.setVisible(item.conflict)
        self._show_history(finding.id)

    def _measure_text(self, code: str, value: float | None) -> str:
        if value is None:
            return "—"
        text = f"{value:g}"
        if current_language() == "fr":
            text = text.replace(".", ",")
        if self._ref is not None:
            try:
                _, _, checkpoint = self._ref.locate(code)
            except (KeyError, ValueError):
                return text
            if checkpoint.measure is not None:
                text += " " + core(UNIT_LABELS[checkpoint.measure.unit])
        return text

    def _show_history(self, fid: str) -> None:
        ws = self.session.ws
        reviews = [Review.from_row(r) for r in finding_store.reviews_for(ws, fid)]
        self.history.show_history(review.history(ws, "findings", fid), reviews, self._senders)

    # -- decisions ---------------------------------------------------------------------------

    def decide(self, decision: str) -> None:
        """Record the lead's decision on the selected finding, then go to the next one."""
        item = self.current_item()
        if item is None:
            return
        finding = item.finding
        comment = self.comment.toPlainText()
        new_verdict: Verdict | None = None
        if decision == "reclassify":
            choices = [v for v in Verdict if v is not finding.verdict]
            answer = dialogs.ask_choice_and_text(
                self.session.dialog_parent or self, self.tr("Reclasser le constat"),
                self.tr("Nouveau verdict :"), [core(VERDICT_LABELS[v]) for v in choices],
                self.tr("Justification :"), text=comment, text_required=True,
            )  # fmt: skip
            if answer is None:
                return
            new_verdict, comment = choices[answer[0]], answer[1]
        row = self.table.currentIndex().row()
        ws = self.session.ws
        done = self.session.call(
            lambda: review.set_review(ws, finding.id, decision, comment, new_verdict),
            self.tr("Revue non enregistrée"),
        )
        if done is None:
            return  # the error was shown; the comment stays for another try
        self.comment.clear()
        if new_verdict is not None:
            self.session.finding_changed.emit(finding.id)  # the other pages follow
        self.refresh(select=self._next_id(finding.id, row), row=row)
        self.table.setFocus()

    def _next_id(self, fid: str, row: int) -> str | None:
        """The finding after ``fid`` in the list as shown (before it is reloaded)."""
        items = self.model.items()
        return items[row + 1].finding.id if 0 <= row < len(items) - 1 else fid

    # -- conflicts ---------------------------------------------------------------------------

    def _conflict_title(self, conflict: review.Conflict) -> str:
        if conflict.entity == "findings":
            row = conflict.kept
            site = self._site_names.get(str(row.get("site_id") or ""), self.tr("Organisation"))
            return (f"{row.get('checkpoint_code', '')} — {site} · "
                    f"{_channel(str(row.get('channel') or ''))}")  # fmt: skip
        entity = tr(ENTITY_LABELS.get(conflict.entity, conflict.entity))
        return f"{entity} {conflict.entity_id[:8]}"

    def _show_conflicts(self, select: str | None = None) -> None:
        current = self.conflict_list.currentItem()
        kept = select or (current.data(ROLE.UserRole) if current is not None else None)
        count = len(self._conflicts)
        self.tabs.setTabText(self.conflicts_tab, self.tr("Conflits ({0})").format(count))
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        row = 0
        for n, conflict in enumerate(self._conflicts):
            text = f"{self._conflict_title(conflict)}\n{conflict.kept_by} / {conflict.other_by}"
            item = QListWidgetItem(text, self.conflict_list)
            item.setData(ROLE.UserRole, conflict.id)
            if conflict.id == kept:
                row = n
        self.conflict_list.blockSignals(False)
        self.conflict_stack.setCurrentIndex(1 if count else 0)
        if count:
            self.conflict_list.setCurrentRow(row)
        self._show_conflict(self._conflicts[row] if count else None)

    def current_conflict(self) -> review.Conflict | None:
        row = self.conflict_list.currentRow()
        return self._conflicts[row] if 0 <= row < len(self._conflicts) else None

    def _show_conflict(self, conflict: review.Conflict | None) -> None:
        for button in (self.keep_button, self.other_button, self.edit_button):
            button.setEnabled(conflict is not None)
        self.conflict_table.setRowCount(0)
        if conflict is None:
            self.conflict_heading.clear()
            return
        self.edit_button.setEnabled(conflict.entity == "findings")
        self.conflict_heading.setText(self.tr("{0} — modifié des deux côtés").format(
            self._conflict_title(conflict)))  # fmt: skip
        # Each version with its author and the time it was made (older conflicts: found).
        self.conflict_table.setHorizontalHeaderLabels([
            self.tr("Champ"),
            self.tr("Version gardée ({0}, {1})").format(
                conflict.kept_by, when_text(conflict.kept_at or conflict.detected_at)),
            self.tr("Autre version ({0}, {1})").format(
                conflict.other_by, when_text(conflict.other_at))
            if conflict.other_at else self.tr("Autre version ({0})").format(conflict.other_by),
        ])  # fmt: skip
        rank = {field: n for n, field in enumerate(FIELD_LABELS)}  # verdict first
        differing = sorted(conflict.differing(), key=lambda d: rank.get(d[0], len(rank)))
        self.conflict_table.setRowCount(len(differing))
        for row, (field, kept, other) in enumerate(differing):
            label = field_label(field)
            for column, text in enumerate((label, value_text(field, kept),
                                           value_text(field, other))):  # fmt: skip
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.conflict_table.setItem(row, column, cell)
        self.conflict_table.resizeRowsToContents()

    def show_conflicts(self) -> None:
        """Open the conflicts tab (after an import that left some)."""
        if self._dirty:
            self.refresh()
        self.tabs.setCurrentIndex(self.conflicts_tab)
        self.conflict_list.setFocus()

    def show_conflict_of(self, fid: str) -> None:
        """Open the conflicts tab on the conflict of a finding."""
        for row, conflict in enumerate(self._conflicts):
            if conflict.entity_id == fid:
                self.tabs.setCurrentIndex(self.conflicts_tab)
                self.conflict_list.setCurrentRow(row)
                self.conflict_list.setFocus()
                return

    def resolve(self, choice: str) -> None:
        """Settle the selected conflict: ``kept``, ``other`` or ``edited`` (asks the values)."""
        conflict = self.current_conflict()
        if conflict is None:
            return
        edited: dict[str, Any] | None = None
        if choice == "edited":
            verdicts = list(Verdict)
            current = str(conflict.kept.get("verdict") or "")
            answer = dialogs.ask_choice_and_text(
                self.session.dialog_parent or self, self.tr("Corriger le constat"),
                self.tr("Verdict :"), [core(VERDICT_LABELS[v]) for v in verdicts],
                self.tr("Note :"),
                current=max((n for n, v in enumerate(verdicts) if v.value == current), default=0),
                text=str(conflict.kept.get("note") or ""),
            )  # fmt: skip
            if answer is None:
                return
            edited = {"verdict": verdicts[answer[0]].value, "note": answer[1]}
        row = self.conflict_list.currentRow()
        ws = self.session.ws

        def settle() -> bool:
            review.resolve_conflict(ws, conflict.id, choice, edited)
            return True

        if self.session.call(settle, self.tr("Conflit non arbitré")) is None:
            return
        if conflict.entity == "findings":
            self.session.finding_changed.emit(conflict.entity_id)
        else:
            self.session.data_changed()
        following = self._conflicts[row + 1].id if row + 1 < len(self._conflicts) else None
        self.refresh()
        self._show_conflicts(select=following)
        self.conflict_list.setFocus()

    # -- the matrix --------------------------------------------------------------------------

    def _show_matrix(self, findings: Sequence[Any] | None = None) -> None:
        audit_id = self.session.audit_id
        if self._ref is None or audit_id is None:
            return
        if findings is None:
            findings = finding_store.findings(self.session.ws, audit_id)
        author = self.matrix_author.currentData()
        if author is not None:
            findings = [f for f in findings if f.author == author]
        places = [*self._site_names.items(), ("", self.tr("Organisation et dispositifs d'aide"))]
        criteria = [(c.code, c.title) for e in self._ref.engagements for c in e.criteria]
        self.matrix_model.set_matrix(scoring.matrix(findings, self._ref), criteria, places)
        widest = max(self.matrix_model.widest_text(), "88/88", key=len)
        width = self.fontMetrics().horizontalAdvance("".join("8" if c.isdigit() else c
                                                             for c in widest)) + 12  # fmt: skip
        self.matrix_view.horizontalHeader().setDefaultSectionSize(width)
        self.matrix_details.setText(self.tr("Choisissez une case pour voir son détail."))

    # -- handlers ----------------------------------------------------------------------------

    def _schedule_refresh(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._refresh_timer.start()  # one refresh after a burst of changes

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self._ref = None
        self._point = None
        self._dirty = True
        if self.isVisible():
            self.refresh()

    @Slot(str)
    def _on_session_finding_changed(self, fid: str) -> None:
        self._schedule_refresh()

    @Slot()
    def _on_session_audit_data_changed(self) -> None:
        self._schedule_refresh()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        self.refresh()

    @Slot(int)
    def _on_filter_changed(self, index: int) -> None:
        self.refresh(row=0)

    def _on_banner_chosen(self, point: tuple[str, str] | None) -> None:
        self._point = point
        if point is not None:  # both auditors' findings of that point, whatever the filters
            for combo in (self.site_filter, self.engagement_filter, self.verdict_filter,
                          self.author_filter, self.state_filter):  # fmt: skip
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        self.refresh(row=0)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.row() != previous.row():
            self._show_item(self.current_item())

    @Slot()
    def _on_model_sorted(self) -> None:
        self._select(self._shown_fid, 0)  # the same finding, at its new place

    @Slot()
    def _on_conflict_button_clicked(self) -> None:
        item = self.current_item()
        if item is not None:
            self.show_conflict_of(item.finding.id)

    @Slot()
    def _on_walk_button_clicked(self) -> None:
        item = self.current_item()
        if item is not None:
            self.session.show_finding(item.finding.id)

    @Slot(int)
    def _on_conflict_list_current_row_changed(self, row: int) -> None:
        self._show_conflict(self.current_conflict())

    @Slot(int)
    def _on_matrix_author_changed(self, index: int) -> None:
        self._show_matrix()

    @Slot(QModelIndex, QModelIndex)
    def _on_matrix_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.matrix_details.setText(self.matrix_model.describe(current.row(), current.column()))
