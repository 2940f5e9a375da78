"""The main window: a navigation list on the left, one page at a time on the right.

At start-up it is shown before the workspace is open (see ``ui.app``): menus, a greyed
navigation and "Ouverture de l'espace de travail…", brought to life by
:meth:`MainWindow.set_session` once it is on screen. What that first window touches is kept
small: no core module, no page, and not even PySide's ``Qt`` namespace (building its hundreds
of enums takes ~40 ms), imported in the methods that use it instead.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QMenu

    from ui.session import Session

START, WALK, MYSTERY, SURVEYS, SYNTHESIS, CLOSING, REVIEW, INBOX = range(8)
MINIMUM_WIDTH, MINIMUM_HEIGHT = 720, 440
# Pages are built the first time they are shown: start-up imports only what it shows.
PAGES = (
    ("ui.pages.start", "StartPage"),
    ("ui.pages.walkthrough", "WalkthroughPage"),
    ("ui.pages.mystery", "MysteryPage"),
    ("ui.pages.surveys", "SurveysPage"),
    ("ui.pages.synthesis", "SynthesisPage"),
    ("ui.pages.closing", "ClosingPage"),
    ("ui.pages.review", "ReviewPage"),
    ("ui.pages.inbox", "InboxPage"),
)


class MainWindow(QMainWindow):
    # Emitted once, just after the window's first paint has been flushed to the screen.
    first_painted = Signal()

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self._session: Session | None = None
        self._painted = False
        self.restart_requested = False  # the language changed: run() starts the app again
        self.setWindowTitle(self.tr("Audit Services Publics +"))
        # 1366×768 at 150 % scaling leaves 911×512 logical pixels: the window fits, and a page
        # that needs more room scrolls (see page()).
        self.setMinimumSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)

        self._pages: dict[int, QWidget] = {}
        titles = [
            self.tr("Audits"),
            self.tr("Parcours"),
            self.tr("Tests mystère"),
            self.tr("Enquêtes"),
            self.tr("Synthèse"),
            self.tr("Réunion de clôture"),
            self.tr("Revue"),
            self.tr("Réception"),
        ]
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation entre les écrans"))
        self.navigation.setFixedWidth(150)
        self.navigation.setEnabled(False)  # until a workspace is open
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("Ouverture de l'espace de travail…"))
        self.loading.setAccessibleName(self.tr("Chargement"))
        for row, title in enumerate(titles):
            QListWidgetItem(title, self.navigation)
            # Replaced by the page when first shown; the first one says what is loading.
            self.stack.addWidget(self._loading_placeholder() if row == START else QWidget())
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

        self._build_menus()
        self._build_report_menu()
        self._build_help_menu()
        self._restore_state()
        if session is not None:
            self.set_session(session)

    def _loading_placeholder(self) -> QWidget:
        # Centred by stretches: an alignment flag would build the whole Qt namespace.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.loading)
        row.addStretch(1)
        placeholder = QWidget()
        layout = QVBoxLayout(placeholder)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return placeholder

    @property
    def session(self) -> Session:
        assert self._session is not None, "no workspace open yet: call set_session() first"
        return self._session

    def set_session(self, session: Session) -> None:
        """Attach the open workspace: the navigation, the undo menu and the pages come alive."""
        assert self._session is None, "a main window shows one workspace"
        self._session = session
        session.dialog_parent = self
        self.setWindowTitle(self.tr("{0} — Audit Services Publics +").format(session.ws.root))
        undo = session.undo_stack.createUndoAction(self, self.tr("Annuler"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = session.undo_stack.createRedoAction(self, self.tr("Rétablir"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        session.saved.connect(self._on_session_saved)
        session.failed.connect(self._on_session_failed)
        session.audit_opened.connect(self._on_session_audit_opened)
        session.audit_opened.connect(self._on_report_audit_opened)
        session.show_finding_requested.connect(self._on_show_finding_requested)
        self.export_report_action.setEnabled(session.audit_id is not None)
        self._enable_package_actions(session)
        self._set_audit_pages_enabled(session.audit_id is not None)
        self.navigation.setEnabled(True)
        # The first page is chosen in the next event-loop turn (an audit opened meanwhile,
        # e.g. given on the command line, opens straight on the walk-through instead).
        QTimer.singleShot(0, self._on_started)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: it runs once this paint has been flushed, i.e. the window is seen.
            QTimer.singleShot(0, self.first_painted.emit)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        # setShortcuts(), not setShortcut(): resolving the latter's overloads builds the whole
        # Qt namespace, ~40 ms before the first window.
        quit_action = QAction(self.tr("&Quitter"), self)
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._build_package_actions(file_menu)
        self._build_language_menu(file_menu)
        file_menu.addAction(quit_action)

        self.edit_menu = self.menuBar().addMenu(self.tr("É&dition"))  # filled by set_session

        go_menu = self.menuBar().addMenu(self.tr("&Aller à"))
        for row in range(self.navigation.count()):
            action = QAction(self.navigation.item(row).text(), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{row + 1}")])
            action.triggered.connect(lambda _=False, r=row: self.go_to(r))
            go_menu.addAction(action)
            self.addAction(action)

    def _build_language_menu(self, file_menu: QMenu) -> None:
        """Fichier ▸ Langue – Language: both names, so either reader finds it."""
        from PySide6.QtGui import QActionGroup

        from ui import i18n

        menu = file_menu.addMenu(self.tr("&Langue – Language"))
        group = QActionGroup(self)
        current = i18n.current_language()
        self.language_actions: dict[str, QAction] = {}
        for lang, name in i18n.LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(lang == current)
            action.triggered.connect(lambda _=False, code=lang: self.choose_language(code))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[lang] = action
        file_menu.addSeparator()

    def choose_language(self, lang: str) -> None:
        """Save the interface language; it applies at the next start, now if the user agrees."""
        from ui import dialogs, i18n

        i18n.save_language(lang)
        if lang == i18n.current_language():
            return  # the language shown: nothing to restart
        name = i18n.tr(i18n.LANGUAGE_NAMES[lang])
        if dialogs.confirm(
            self,
            self.tr("Langue de l'interface"),
            self.tr(
                "L'interface sera en {0} au prochain démarrage.\n\n"
                "Redémarrer l'application maintenant ? Tout ce que vous avez saisi est déjà "
                "enregistré."
            ).format(name),
        ):
            self.restart_requested = True
            self.close()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("A&ide"))
        shortcuts = QAction(self.tr("&Raccourcis clavier"), self)
        shortcuts.setShortcuts([QKeySequence("F1")])
        shortcuts.triggered.connect(self._on_shortcuts_triggered)
        about = QAction(self.tr("À &propos"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(shortcuts)
        help_menu.addAction(about)

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        from ui.help import ShortcutsDialog  # built on demand

        ShortcutsDialog(self).exec()

    @Slot()
    def _on_about_triggered(self) -> None:
        from ui.help import AboutDialog

        root = self._session.ws.root if self._session is not None else None
        AboutDialog(self, root).exec()

    def _build_report_menu(self) -> None:
        report_menu = self.menuBar().addMenu(self.tr("&Rapport"))
        self.export_report_action = QAction(self.tr("&Exporter le rapport…"), self)
        self.export_report_action.setShortcuts([QKeySequence("Ctrl+E")])
        self.export_report_action.setEnabled(False)  # until an audit is open
        self.export_report_action.triggered.connect(self._on_export_report_triggered)
        verify = QAction(self.tr("&Vérifier un PDF signé…"), self)
        verify.triggered.connect(self._on_verify_pdf_triggered)
        report_menu.addAction(self.export_report_action)
        report_menu.addAction(verify)

    @Slot(str)
    def _on_report_audit_opened(self, audit_id: str) -> None:
        self.export_report_action.setEnabled(True)

    @Slot()
    def _on_export_report_triggered(self) -> None:
        from PySide6.QtCore import Qt

        from ui.report_dialogs import ExportReportDialog  # reportlab loads only when exporting

        if self._session is None or self.session.audit_id is None:
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
        from PySide6.QtCore import Qt

        from ui.report_dialogs import VerifyPdfDialog

        dialog = VerifyPdfDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _build_package_actions(self, file_menu: QMenu) -> None:
        """Fichier ▸ send and import packages, the sync settings, the trusted team."""
        self.send_package_action = QAction(self.tr("&Envoyer le paquet…"), self)
        self.send_package_action.setShortcuts([QKeySequence("Ctrl+Shift+E")])
        self.import_package_action = QAction(self.tr("&Importer un paquet…"), self)
        self.import_package_action.setShortcuts([QKeySequence("Ctrl+Shift+I")])
        self.sync_settings_action = QAction(self.tr("&Réglages d'envoi…"), self)
        self.team_action = QAction(self.tr("É&quipe de confiance…"), self)
        self.package_actions = (
            self.send_package_action, self.import_package_action, self.sync_settings_action,
            self.team_action,
        )  # fmt: skip
        for action, name in zip(
            self.package_actions,
            ("SendPackageDialog", "ImportPackageDialog", "SyncSettingsDialog", "TeamDialog"),
            strict=True,
        ):
            action.setEnabled(False)  # until a workspace (and, to send, an audit) is open
            action.triggered.connect(lambda _=False, n=name: self._open_package_dialog(n))
            file_menu.addAction(action)
            if action is self.import_package_action:
                file_menu.addSeparator()
        file_menu.addSeparator()

    def _enable_package_actions(self, session: Session) -> None:
        for action in self.package_actions:
            action.setEnabled(action is not self.send_package_action or bool(session.audit_id))
        session.audit_opened.connect(self._on_package_audit_opened)

    @Slot(str)
    def _on_package_audit_opened(self, audit_id: str) -> None:
        self.send_package_action.setEnabled(True)

    def _open_package_dialog(self, name: str) -> None:
        from PySide6.QtCore import Qt

        from ui import package_dialogs

        if self._session is None or (name == "SendPackageDialog" and not self.session.audit_id):
            return
        if name == "SendPackageDialog":
            for page in self._pages.values():
                flush = getattr(page, "flush", None)
                if callable(flush):
                    flush()  # a note still waiting for its debounce belongs in the package
        dialog = getattr(package_dialogs, name)(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_review(self, audit_id: str) -> bool:
        """The « Revue » screen on ``audit_id`` (opened first if another one is): where an
        import's conflicts are settled. False when it cannot be shown."""
        if self._session is None:
            return False
        if self.session.audit_id != audit_id:
            self.session.open_audit(audit_id)
        self.go_to(REVIEW)
        page = self.page(REVIEW)
        if hasattr(page, "show_conflicts"):
            page.show_conflicts()  # an import's conflicts are what the lead came for
        return self.navigation.currentRow() == REVIEW

    @Slot()
    def _on_started(self) -> None:
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(START)

    def go_to(self, row: int) -> None:
        from PySide6.QtCore import Qt

        if self._session is None:
            return  # still opening the workspace: no page to show yet
        item = self.navigation.item(row)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.navigation.setCurrentRow(row)

    def _set_audit_pages_enabled(self, enabled: bool) -> None:
        from PySide6.QtCore import Qt

        for row in range(1, self.navigation.count()):
            if row == INBOX:
                continue  # the lead receives packages before any audit is open
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
            self.stack.insertWidget(row, self._scrolling(page))
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            if self.session.audit_id is not None:
                # It missed the audit_opened signal: give it the open audit now.
                opened = getattr(page, "_on_session_audit_opened", None)
                if callable(opened):
                    opened(self.session.audit_id)
        return page

    @staticmethod
    def _scrolling(page: QWidget) -> QWidget:
        """``page`` in a scroll area: it fills the window, and scrolls rather than pushing the
        window off a small screen (1366×768 at 125 or 150 % scaling) when it needs more."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QFrame, QScrollArea

        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's own controls take it
        scroller.setWidget(page)
        return scroller

    def current_page(self) -> QWidget | None:
        return self._pages.get(self.stack.currentIndex())

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
        # A refused action changed nothing: what was saved before is still there.
        self.saved_label.setText(self.tr("⚠ Dernière action refusée : rien n'a changé"))

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            from PySide6.QtCore import Qt

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
