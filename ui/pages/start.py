"""The start page: the workspace's audits, to open, clone or create; the demo when empty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from auditor_app.audit.model import AUDIT_STATUSES, Audit
from auditor_app.audit.scoring import Tally, tally
from auditor_app.overview import STATUS_LABELS
from auditor_app.store import audits as audit_store
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import StoreError, Workspace
from ui import dialogs
from ui.i18n import core
from ui.session import Session

if TYPE_CHECKING:
    from auditor_app.demo import DemoSummary
from ui.widgets.site_table import TOUCH_HEIGHT

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class AuditRow:
    audit: Audit
    tally: Tally
    sites: int


def load_rows(ws: Workspace) -> list[AuditRow]:
    return [
        AuditRow(a, tally(finding_store.findings(ws, a.id)), len(audit_store.sites(ws, a.id)))
        for a in audit_store.list_audits(ws)
    ]


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def next_reference(reference: str) -> str:
    """A suggestion for the next cycle: the last year in the reference plus one, else "-2"."""
    years = list(re.finditer(r"(?<!\d)(19|20)\d\d(?!\d)", reference))
    if not years:
        return f"{reference}-2"
    last = years[-1]
    return f"{reference[: last.start()]}{int(last.group()) + 1}{reference[last.end() :]}"


class AuditListModel(QAbstractTableModel):
    """The audits of the workspace, one per row, with progress and number of sites."""

    REFERENCE, ORGANISATION, STATUS, DATES, PROGRESS, SITES = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditRow] = []
        self.open_id: str | None = None
        self._titles = [
            self.tr("Référence"),
            self.tr("Organisation auditée"),
            self.tr("Statut"),
            self.tr("Dates"),
            self.tr("Avancement"),
            self.tr("Sites"),
        ]

    def set_rows(self, rows: list[AuditRow], open_id: str | None) -> None:
        self.beginResetModel()
        self.rows, self.open_id = rows, open_id
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        audit, progress = row.audit, row.tally.progress or 0.0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return [
                audit.reference,
                audit.organisation,
                AUDIT_STATUSES.index(audit.status),
                (audit.start_date or date.min).isoformat(),
                progress,
                row.sites,
            ][column]
        if role == ID_ROLE:
            return audit.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.PROGRESS:
                return self.tr("{0} constats renseignés sur {1}").format(
                    row.tally.answered, row.tally.expected
                )
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.PROGRESS, self.SITES):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole and audit.id == self.open_id:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: AuditRow, column: int) -> str:
        audit = row.audit
        if column == self.REFERENCE:
            return audit.reference
        if column == self.ORGANISATION:
            return audit.organisation
        if column == self.STATUS:
            label = core(STATUS_LABELS.get(audit.status, audit.status))
            return label[:1].upper() + label[1:]
        if column == self.DATES:
            if audit.start_date is None and audit.end_date is None:
                return self.tr("non fixées")
            return f"{_day(audit.start_date)} – {_day(audit.end_date)}"
        if column == self.PROGRESS:
            return self.tr("{0} %").format(round((row.tally.progress or 0.0) * 100))
        return str(row.sites)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a bar, in the style's own colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        value = index.data(SORT_ROLE)
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(6, 8, -6, -8)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(float(value or 0) * 1000)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class StartPage(QWidget):
    """Lists the audits; opens one, clones one, starts the wizard or the demo."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.wizard: QWizard | None = None
        self.model = AuditListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        title = QLabel(self.tr("Audits de l'espace de travail"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.place = QLabel(str(session.ws.root))
        self.place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place.setAccessibleName(self.tr("Dossier de l'espace de travail"))

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        self.stack.addWidget(self._build_empty_state())

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.place)
        layout.addWidget(self.stack, 1)

        session.audit_data_changed.connect(self._on_session_audit_data_changed)
        session.audit_opened.connect(self._on_session_audit_opened)
        self.refresh()

    def _button(self, text: str, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setMinimumHeight(TOUCH_HEIGHT)
        return button

    def _build_list(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filtrer par référence, organisation, statut…"))
        self.search.setAccessibleName(self.tr("Filtrer les audits"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(TOUCH_HEIGHT)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Liste des audits"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditListModel.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT + 4)
        self.table.setItemDelegateForColumn(AuditListModel.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditListModel.ORGANISATION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AuditListModel.PROGRESS, 140)
        header.setSectionResizeMode(AuditListModel.PROGRESS, QHeaderView.ResizeMode.Fixed)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.open_button = self._button(
            self.tr("&Ouvrir"), self.tr("Ouvrir l'audit choisi (Entrée)")
        )
        self.open_button.clicked.connect(self._on_open_clicked)
        self.new_button = self._button(self.tr("&Nouvel audit…"))
        self.new_button.clicked.connect(self._on_new_clicked)
        self.clone_button = self._button(
            self.tr("&Cloner…"), self.tr("Préparer le cycle suivant à partir de l'audit choisi")
        )
        self.clone_button.clicked.connect(self._on_clone_clicked)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.clone_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return page

    def _build_empty_state(self) -> QWidget:
        heading = QLabel(self.tr("Aucun audit dans cet espace de travail"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            self.tr(
                "Créez votre premier audit : l'assistant demande l'organisation, l'équipe, les "
                "sites et les dispositifs d'aide.\nPour découvrir l'application, ouvrez l'audit de "
                "démonstration : une région fictive, 21 sites, un audit à moitié réalisé."
            )
        )
        explanation.setWordWrap(True)
        explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_button = self._button(self.tr("Ouvrir la &démonstration"))
        self.demo_button.clicked.connect(self._on_demo_clicked)
        self.empty_new_button = self._button(self.tr("&Nouvel audit…"))
        self.empty_new_button.clicked.connect(self._on_new_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(explanation)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    # -- state -------------------------------------------------------------------------

    def activate(self) -> None:
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Reload the list from the workspace, keeping (or moving) the selection."""
        select = select or self.selected_id() or self.session.audit_id
        try:
            rows = load_rows(self.session.ws)  # a read: not through session.call, nothing saved
        except StoreError as exc:
            dialogs.error(self, self.tr("Liste des audits indisponible"), core(str(exc)))
            rows = []
        self.model.set_rows(rows, self.session.audit_id)
        empty = not rows
        self.stack.setCurrentIndex(1 if empty else 0)
        if not empty:
            self.select(select)
        self._on_table_selection_changed()

    def select(self, audit_id: str | None) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == audit_id:
                break
        else:
            row = 0
        self.table.selectRow(row)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().hasSelection()
        return str(index.siblingAtColumn(0).data(ID_ROLE)) if selected else None

    # -- actions -----------------------------------------------------------------------

    @Slot()
    def _on_table_selection_changed(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.clone_button.setEnabled(chosen)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        self.session.open_audit(str(index.siblingAtColumn(0).data(ID_ROLE)))

    @Slot()
    def _on_open_clicked(self) -> None:
        audit_id = self.selected_id()
        if audit_id is not None:
            self.session.open_audit(audit_id)

    @Slot()
    def _on_new_clicked(self) -> None:
        from ui.pages.new_audit import NewAuditWizard  # built on demand, not at start-up

        self.wizard = NewAuditWizard(self.session, self)
        self.wizard.finished.connect(self._on_wizard_finished)
        self.wizard.open()

    @Slot()
    def _on_wizard_finished(self) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    @Slot()
    def _on_clone_clicked(self) -> None:
        audit_id = self.selected_id()
        if audit_id is None:
            return
        source = next(r.audit for r in self.model.rows if r.audit.id == audit_id)
        title = self.tr("Cloner l'audit {0}").format(source.reference)
        suggestion = next_reference(source.reference)
        while audit_store.reference_in_use(self.session.ws, suggestion):
            suggestion = next_reference(suggestion)
        answer = dialogs.ask_text(
            self, title, self.tr("Référence du nouvel audit (cycle suivant) :"), suggestion
        )
        reference = (answer or "").strip()
        if answer is None:
            return
        if not reference or audit_store.reference_in_use(self.session.ws, reference):
            dialogs.warning(
                self,
                title,
                self.tr(
                    "La référence « {0} » est vide ou déjà prise par un autre audit de cet espace "
                    "de travail. Choisissez-en une autre."
                ).format(reference),
            )
            return
        keep = dialogs.confirm(
            self,
            title,
            self.tr(
                "Reprendre les observations de {0} dans {1} ?\n\n"
                "Oui : chaque constat garde sa note et ses photos ; l'ancien verdict reste visible "
                "comme « verdict précédent ».\nNon : un audit vierge, avec les mêmes sites et "
                "dispositifs d'aide.\n\nDans les deux cas, aucun verdict n'est repris et le nouvel "
                "audit est un brouillon."
            ).format(source.reference, reference),
        )
        ws = self.session.ws
        with dialogs.busy():
            created = self.session.call(
                lambda: audit_store.clone_audit(
                    ws, audit_id, reference=reference, with_observations=keep
                ),
                title,
            )
        if created is not None:
            self.search.clear()
            self.refresh(select=created.id)

    @Slot()
    def _on_demo_clicked(self) -> None:
        # The demo writes ~2 s to the database; the connection belongs to this thread (and the
        # workspace lock forbids a second one), so it runs here, showing its progress.
        dialog = QProgressDialog(
            self.tr("Préparation de l'audit de démonstration…"), "", 0, 0, self
        )
        dialog.setWindowTitle(self.tr("Démonstration"))
        dialog.setCancelButton(None)  # all or nothing: one transaction
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)

        def progress(done: int, total: int, label: str) -> None:
            dialog.setMaximum(total)
            dialog.setLabelText(
                self.tr("Préparation de l'audit de démonstration : {0} {1}/{2}").format(
                    core(label).lower(), done, total
                )
            )
            dialog.setValue(done)  # a modal progress dialog repaints itself here

        ws = self.session.ws

        def build() -> DemoSummary:
            from auditor_app.demo import build_demo  # Pillow and the rules: only now

            return build_demo(ws, progress)

        with dialogs.busy():
            summary = self.session.call(build, self.tr("Démonstration indisponible"))
        dialog.close()
        dialog.deleteLater()
        if summary is not None:
            self.refresh(select=summary.audit_id)
            self.session.open_audit(summary.audit_id)

    @Slot()
    def _on_session_audit_data_changed(self) -> None:
        if self.isVisible():  # otherwise activate() refreshes it when it is shown
            self.refresh()

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        if self.isVisible():
            self.refresh(select=audit_id)
