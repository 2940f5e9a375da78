"""The main window: a navigation list on the left, one page at a time on the right."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ui.session import Session

START, WALK, MYSTERY, SURVEYS, SYNTHESIS, CLOSING = range(6)
# Pages are built the first time they are shown: start-up imports only what it shows.
PAGES = (
    ("ui.pages.start", "StartPage"),
    ("ui.pages.walkthrough", "WalkthroughPage"),
    ("ui.pages.mystery", "MysteryPage"),
    ("ui.pages.surveys", "SurveysPage"),
    ("ui.pages.synthesis", "SynthesisPage"),
    ("ui.pages.closing", "ClosingPage"),
)


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        session.dialog_parent = self
        self.setWindowTitle(self.tr("Audit Services Publics + — {0}").format(session.ws.root))
        self.setMinimumSize(1000, 640)

        self._pages: dict[int, QWidget] = {}
        titles = [
            self.tr("Audits"),
            self.tr("Parcours"),
            self.tr("Tests mystère"),
            self.tr("Enquêtes"),
            self.tr("Synthèse"),
            self.tr("Réunion de clôture"),
        ]
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation entre les écrans"))
        self.navigation.setFixedWidth(150)
        self.stack = QStackedWidget()
        for title in titles:
            QListWidgetItem(title, self.navigation)
            self.stack.addWidget(QWidget())  # replaced by the page when first shown
        self.navigation.currentRowChanged.connect(self._on_navigation_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.saved_label = QLabel(self.tr("Aucune modification"))
        self.saved_label.setAccessibleName(self.tr("État de l'enregistrement"))
        self.statusBar().addPermanentWidget(self.saved_label)
        session.saved.connect(self._on_session_saved)
        session.failed.connect(self._on_session_failed)
        session.audit_opened.connect(self._on_session_audit_opened)
        session.show_finding_requested.connect(self._on_show_finding_requested)

        self._build_menus()
        self._build_report_menu()
        self._set_audit_pages_enabled(False)
        # The first page is chosen once the window is up (an audit given on the command
        # line opens straight on the walk-through, without building the start page).
        QTimer.singleShot(0, self._on_started)
        self._restore_state()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        quit_action = QAction(self.tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Édition"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("Annuler"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, self.tr("Rétablir"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        go_menu = self.menuBar().addMenu(self.tr("&Aller à"))
        for row in range(self.navigation.count()):
            action = QAction(self.navigation.item(row).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.go_to(r))
            go_menu.addAction(action)
            self.addAction(action)

    def _build_report_menu(self) -> None:
        report_menu = self.menuBar().addMenu(self.tr("&Rapport"))
        self.export_report_action = QAction(self.tr("&Exporter le rapport…"), self)
        self.export_report_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_report_action.setEnabled(self.session.audit_id is not None)
        self.export_report_action.triggered.connect(self._on_export_report_triggered)
        self.session.audit_opened.connect(self._on_report_audit_opened)
        verify = QAction(self.tr("&Vérifier un PDF signé…"), self)
        verify.triggered.connect(self._on_verify_pdf_triggered)
        report_menu.addAction(self.export_report_action)
        report_menu.addAction(verify)

    @Slot(str)
    def _on_report_audit_opened(self, audit_id: str) -> None:
        self.export_report_action.setEnabled(True)

    @Slot()
    def _on_export_report_triggered(self) -> None:
        from ui.report_dialogs import ExportReportDialog  # reportlab loads only when exporting

        if self.session.audit_id is None:
            return
        for page in self._pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                flush()  # text still waiting for its debounce belongs in the report
        dialog = ExportReportDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_verify_pdf_triggered(self) -> None:
        from ui.report_dialogs import VerifyPdfDialog

        dialog = VerifyPdfDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_started(self) -> None:
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(START)

    def go_to(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.navigation.setCurrentRow(row)

    def _set_audit_pages_enabled(self, enabled: bool) -> None:
        for row in range(1, self.navigation.count()):
            item = self.navigation.item(row)
            flags = item.flags()
            item.setFlags(
                flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled
            )

    def page(self, row: int) -> QWidget:
        """The page at ``row``, built on first use and brought up to date with the session."""
        page = self._pages.get(row)
        if page is None:
            module, name = PAGES[row]
            page = getattr(importlib.import_module(module), name)(self.session)
            self._pages[row] = page
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            if self.session.audit_id is not None:
                # It missed the audit_opened signal: give it the open audit now.
                opened = getattr(page, "_on_session_audit_opened", None)
                if callable(opened):
                    opened(self.session.audit_id)
        return page

    @property
    def pages(self) -> list[QWidget]:
        return [self.page(row) for row in range(len(PAGES))]

    @Slot(int)
    def _on_navigation_changed(self, row: int) -> None:
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        activate = getattr(page, "activate", None)
        if callable(activate):
            activate()

    @Slot(str)
    def _on_session_audit_opened(self, audit_id: str) -> None:
        self._set_audit_pages_enabled(True)
        audit = self.session.audit()
        self.setWindowTitle(self.tr("{0} — Audit Services Publics +").format(audit.reference))
        self.navigation.setCurrentRow(WALK)

    @Slot(str)
    def _on_show_finding_requested(self, fid: str) -> None:
        self.navigation.setCurrentRow(WALK)
        select = getattr(self.page(WALK), "select_finding", None)
        if callable(select):
            select(fid)

    @Slot(str)
    def _on_session_saved(self, when: str) -> None:
        self.saved_label.setText(self.tr("✔ Enregistré à {0}").format(when))

    @Slot(str)
    def _on_session_failed(self, message: str) -> None:
        self.saved_label.setText(self.tr("⚠ Dernière action non enregistrée"))

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First run: a laptop or tablet screen is used whole; a large one mostly.
            screen = self.screen().availableGeometry()
            if screen.width() <= 1440:
                self.resize(screen.size())  # also where no window manager maximises
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        state = settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                flush()  # commit any text still waiting for its debounce
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        super().closeEvent(event)
