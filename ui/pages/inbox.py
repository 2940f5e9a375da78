"""The lead's inbox: the packages the team's sync tool brought, each verified, to import.

The folder is scanned on a worker (each package checked whole: signature, hashes, shapes,
with its own read-only connection to the workspace); a package seen before, unchanged, is
not read again. A watcher on the folder scans again, debounced, when files arrive.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QFileSystemWatcher,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditor_app.package.merge import package_imports, trusted_fingerprints
from auditor_app.package.reader import PackageCancelled
from auditor_app.package.sync import (
    InboxItem,
    SyncSettings,
    load_settings,
    save_settings,
    scan_inbox,
)
from auditor_app.store.workspace import StoreError, WorkspaceReader
from ui import dialogs
from ui.i18n import core, size_text
from ui.package_dialogs import (
    DownloadDialog,
    ImportPackageDialog,
    french_time,
    webdav_config,
)
from ui.report_dialogs import Refused, start
from ui.session import Session
from ui.workers import Cancelled, Job, Worker

Index = QModelIndex | QPersistentModelIndex
RESCAN_DEBOUNCE_MS = 800
FILE_COLUMN_MAX = 380
STATE_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
# (background, text, mark): fixed pairs readable on light and dark palettes, as in the
# matrix; the mark says it for those who do not see the colour.
STATE_COLOURS = {
    "trusted": ("#2e7d32", "#ffffff", "✔"),
    "unknown": ("#fb8c00", "#000000", "⚠"),
    "invalid": ("#b71c1c", "#ffffff", "✖"),
    "imported": ("#757575", "#ffffff", "✓"),
}
STATES = tuple(STATE_COLOURS)


def scan_job(root: Path, folder: Path, cache: dict[Any, InboxItem]) -> Job:
    def job(progress: Any, cancelled: Any) -> list[InboxItem] | Refused:
        try:
            with WorkspaceReader(root) as reader:
                return scan_inbox(reader, folder, cache=cache, progress=progress,
                                  cancelled=cancelled)  # fmt: skip
        except PackageCancelled:
            raise Cancelled from None
        except (StoreError, OSError) as exc:
            return Refused(str(exc))

    return job


class InboxModel(QAbstractTableModel):
    """The packages of the inbox, one per row, newest first."""

    STATE, FILE, SIGNER, AUDIT, KIND, CREATED, SIZE, REASON = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[InboxItem] = []
        self._titles = [
            self.tr("État"),
            self.tr("Fichier"),
            self.tr("Signataire"),
            self.tr("Audit"),
            self.tr("Type"),
            self.tr("Créé le"),
            self.tr("Taille"),
            self.tr("Détail"),
        ]
        self._labels = {
            "trusted": self.tr("De confiance"),
            "unknown": self.tr("Signataire inconnu"),
            "invalid": self.tr("Invalide"),
            "imported": self.tr("Déjà importé"),
        }

    def state_label(self, state: str) -> str:
        return f"{STATE_COLOURS[state][2]} {self._labels[state]}"

    def set_items(self, items: list[InboxItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.state_label(item.state) + " — " + core(item.reason), str(item.path)]
            if item.fingerprint:
                lines.append(self.tr("Empreinte : {0}").format(item.fingerprint))
            return "\n".join(lines)
        if role == STATE_ROLE:
            return item.state
        if role == PATH_ROLE:
            return str(item.path)
        if column == self.STATE and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATE_COLOURS[item.state][0]))
        if column == self.STATE and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATE_COLOURS[item.state][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _text(self, item: InboxItem, column: int) -> str:
        if column == self.STATE:
            return self.state_label(item.state)
        if column == self.FILE:
            return item.path.name
        if column == self.SIGNER:
            return item.signer
        if column == self.AUDIT:
            return item.audit_reference
        if column == self.KIND:
            return {"field": self.tr("Terrain"), "review": self.tr("Revue")}.get(item.kind, "")
        if column == self.CREATED:
            return french_time(item.created_at, short=True) if item.created_at else ""
        if column == self.SIZE:
            return size_text(item.size)
        reason = core(item.reason)
        return reason[:1].upper() + reason[1:]


class StateDelegate(QStyledItemDelegate):
    """The state as a coloured badge inside its cell: still seen on the selected row."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colours = STATE_COLOURS.get(index.data(STATE_ROLE))
        if colours is None:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        item.backgroundBrush = QBrush()  # the row's own background: selection, alternation
        style = item.widget.style() if item.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        background, ink, _ = colours
        badge = option.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor(ink))
        painter.drawText(
            badge.adjusted(6, 0, -4, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 16, hint.height())  # the badge's margins


class InboxPage(QWidget):
    scan_finished = Signal()  # the list is up to date (or the scan failed: see the summary)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder: Path | None = None
        self.settings = SyncSettings()
        self.worker: Worker | None = None
        self.import_dialog: ImportPackageDialog | None = None
        self.download_dialog: DownloadDialog | None = None
        self._kept: list[Worker] = []
        self._cache: dict[Any, InboxItem] = {}
        self._cache_token: tuple[Any, ...] = ()
        self._pending = False
        self._scanning: Path | None = None

        title = QLabel(self.tr("Réception des paquets"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Les paquets de l'équipe arrivent dans la boîte de réception (dossier "
                "synchronisé, ou téléchargés du serveur). Chacun est vérifié en entier avant "
                "d'être proposé à l'import : signature, empreinte de chaque fichier, contenu."
            )
        )
        intro.setWordWrap(True)

        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("Aucune boîte de réception réglée"))
        self.path.setAccessibleName(self.tr("Dossier de la boîte de réception"))
        folder_label = QLabel(self.tr("&Boîte de réception :"))
        folder_label.setBuddy(self.path)
        self.folder_button = QPushButton(self.tr("Choisir le do&ssier…"))
        self.folder_button.setAccessibleName(self.tr("Choisir le dossier de la boîte de réception"))
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.path, 1)
        folder_row.addWidget(self.folder_button)

        self.model = InboxModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(InboxModel.STATE, StateDelegate(self.table))
        self.table.setAccessibleName(self.tr("Paquets de la boîte de réception"))
        self.table.setAccessibleDescription(
            self.tr("Entrée importe le paquet sélectionné ; F5 actualise la liste")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InboxModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(InboxModel.FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(InboxModel.FILE, 260)
        header.setMinimumSectionSize(60)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_table_activated)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Détail du paquet sélectionné"))
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 3)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progression de la lecture"))
        self.progress.setMaximumWidth(240)
        self.stop_button = QPushButton(self.tr("A&rrêter"))
        self.stop_button.setAccessibleName(self.tr("Arrêter la lecture de la boîte"))
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Résumé de la boîte de réception"))
        self.refresh_button = QPushButton(self.tr("Ac&tualiser"))
        self.refresh_button.setToolTip(self.tr("Relire la boîte de réception (F5)"))
        self.refresh_button.clicked.connect(self.scan)
        self.download_button = QPushButton(self.tr("&Télécharger du serveur…"))
        self.download_button.clicked.connect(self._on_download_clicked)
        self.import_button = QPushButton(self.tr("I&mporter…"))
        self.import_button.setToolTip(self.tr("Vérifier puis importer le paquet sélectionné"))
        self.import_button.clicked.connect(self._on_import_clicked)
        refresh = QAction(self.tr("Actualiser"), self)
        refresh.setShortcuts([QKeySequence("F5")])
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.scan)
        self.addAction(refresh)

        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.stop_button)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.download_button)
        bottom.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(RESCAN_DEBOUNCE_MS)
        self.debounce.timeout.connect(self._on_debounce_timeout)
        self._set_running(False)
        self._update_buttons()

    # -- the folder ----------------------------------------------------------------------------

    def activate(self) -> None:
        """Shown: read the settings again (they may have changed) and scan."""
        try:
            self.settings = load_settings(self.session.ws.root)
        except StoreError as exc:
            self.summary.setText(core(str(exc)))
        folder = Path(self.settings.inbox).expanduser() if self.settings.inbox else self.folder
        self.set_folder(folder)
        self.table.setFocus()

    def set_folder(self, folder: Path | None) -> None:
        if folder != self.folder:
            if self.watcher.directories():
                self.watcher.removePaths(self.watcher.directories())
            self.folder = folder
            self._cache = {}  # a new one: a scan still running keeps the old
            self._cache_token = ()
            self.model.set_items([])
        self.path.setText(str(folder) if folder else "")
        self.path.setToolTip(str(folder) if folder else "")
        if folder is not None and folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        self._update_buttons()
        if folder is None:
            self.summary.setText(
                self.tr("Choisissez le dossier où arrivent les paquets de l'équipe.")
            )
            self.scan_finished.emit()
        else:
            self.scan()

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        folder = dialogs.choose_directory(self, self.tr("Choisir la boîte de réception"))
        if folder is None:
            return
        settings = self.settings.model_copy(update={"inbox": str(folder)})
        try:
            save_settings(self.session.ws.root, settings)
        except (StoreError, OSError) as exc:
            dialogs.error(self, self.tr("Boîte de réception"), core(str(exc)))
            return
        self.settings = settings
        self.set_folder(folder)

    @Slot(str)
    def _on_watcher_directory_changed(self, path: str) -> None:
        self.debounce.start()  # a sync tool writes several files in a row: scan once

    @Slot()
    def _on_debounce_timeout(self) -> None:
        self.scan()

    # -- scanning --------------------------------------------------------------------------------

    @Slot()
    def scan(self) -> None:
        folder = self.folder
        if folder is None:
            return
        if self.worker is not None:
            self._pending = True  # once this one ends
            return
        ws = self.session.ws
        try:
            token = (tuple(sorted(trusted_fingerprints(ws))), len(package_imports(ws)))
        except StoreError as exc:
            self.summary.setText(core(str(exc)))
            return
        if token != self._cache_token:  # the team or the imports changed: states too
            self._cache = {}
            self._cache_token = token
        self._pending = False
        self._scanning = folder
        self._set_running(True)
        self.summary.setText(self.tr("Lecture de la boîte de réception…"))
        self.worker = start(
            self._kept, scan_job(ws.root, folder, self._cache),
            self._alive(self._on_scan_finished), self._alive(self._on_scan_failed),
            self._alive(self._on_scan_progress), self._alive(self._on_scan_cancelled),
        )  # fmt: skip

    def _alive(self, handler: Any) -> Any:
        """``handler``, called only while the page exists (a scan can outlive it)."""

        def call(*args: Any) -> None:
            if shiboken6.isValid(self):
                handler(*args)

        return call

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.stop_button.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
        self._update_buttons()

    def _on_scan_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.summary.setText(self.tr("Vérification de {0}…").format(label))

    def _on_scan_finished(self, outcome: list[InboxItem] | Refused) -> None:
        self._scan_ended()
        if self._scanning != self.folder:  # another folder was chosen meanwhile
            self._pending = True
        elif isinstance(outcome, Refused):
            self.model.set_items([])
            self.summary.setText(outcome.sentence)
        else:
            self.show_items(outcome)
        self._after_scan()

    def _on_scan_failed(self, message: str) -> None:
        self._scan_ended()
        self.summary.setText(core(message))
        self._after_scan()

    def _on_scan_cancelled(self) -> None:
        self._scan_ended()
        self.summary.setText(self.tr("Lecture arrêtée : la liste n'est peut-être pas complète."))
        self._pending = False
        self._after_scan()

    def _scan_ended(self) -> None:
        self.worker = None
        self._set_running(False)

    def _after_scan(self) -> None:
        self.scan_finished.emit()
        if self._pending:
            self.scan()

    @Slot()
    def _on_stop_clicked(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def show_items(self, items: list[InboxItem]) -> None:
        selected = self.selected_item()
        self.model.set_items(items)
        self.table.resizeColumnToContents(InboxModel.FILE)
        header = self.table.horizontalHeader()
        header.resizeSection(InboxModel.FILE, min(header.sectionSize(InboxModel.FILE),
                                                  FILE_COLUMN_MAX))  # fmt: skip
        paths = [item.path for item in items]
        if items:
            importable = [row for row, item in enumerate(items) if item.importable]
            if selected is not None and selected.path in paths:
                row = paths.index(selected.path)
            else:
                row = importable[0] if importable else 0  # the first one to act on
            self.table.selectRow(row)
        counts = Counter(item.state for item in items)
        if not items:
            self.summary.setText(self.tr("Aucun paquet dans la boîte de réception."))
        else:
            formats = {
                "trusted": self.tr("{0} de confiance"),
                "unknown": self.tr("{0} de signataire inconnu"),
                "invalid": self.tr("{0} invalide(s)"),
                "imported": self.tr("{0} déjà importé(s)"),
            }
            parts = [formats[state].format(counts[state]) for state in STATES if counts[state]]
            self.summary.setText(
                self.tr("{0} paquet(s) : {1}.").format(len(items), ", ".join(parts))
            )
        self._update_buttons()

    # -- acting on a package -----------------------------------------------------------------------

    def selected_item(self) -> InboxItem | None:
        row = self.table.currentIndex().row()
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _show_details(self) -> None:
        item = self.selected_item()
        if item is None:
            self.details.setText("")
            return
        reason = core(item.reason)
        reason = reason[:1].upper() + reason[1:]
        lines = [f"{self.model.state_label(item.state)} — {item.path.name}", reason]
        if item.fingerprint:
            lines.append(self.tr("Signé par {0}, empreinte {1}").format(
                item.signer, item.fingerprint))  # fmt: skip
        self.details.setText("\n".join(lines))

    def _update_buttons(self) -> None:
        self._show_details()
        item = self.selected_item()
        self.import_button.setEnabled(item is not None and item.importable)
        self.download_button.setVisible(bool(self.settings.webdav_url))
        self.download_button.setEnabled(self.folder is not None and self.folder.is_dir())
        self.refresh_button.setEnabled(self.folder is not None)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._update_buttons()

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        self._on_import_clicked()

    @Slot()
    def _on_import_clicked(self) -> None:
        item = self.selected_item()
        if item is None or not item.importable:
            return
        dialog = ImportPackageDialog(self.session, self, path=item.path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.import_finished.connect(self._on_import_dialog_finished)
        dialog.destroyed.connect(self._on_import_dialog_destroyed)
        self.import_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_import_dialog_finished(self, result: object) -> None:
        self.scan()  # the package is now « déjà importé »

    @Slot()
    def _on_import_dialog_destroyed(self) -> None:
        self.import_dialog = None
        self.table.setFocus()

    @Slot()
    def _on_download_clicked(self) -> None:
        if self.folder is None:
            return
        config = webdav_config(self, self.settings)
        if config is None:
            return
        dialog = DownloadDialog(self.session, self.folder, self.settings, config, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.download_finished.connect(self._on_download_finished)
        dialog.destroyed.connect(self._on_download_dialog_destroyed)
        self.download_dialog = dialog
        dialog.open()
        dialog.refresh()

    @Slot(object)
    def _on_download_finished(self, paths: object) -> None:
        self.scan()

    @Slot()
    def _on_download_dialog_destroyed(self) -> None:
        self.download_dialog = None
