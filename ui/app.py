"""Starting the desktop app: QApplication, translations, the workspace, the main window.

Kept light: reportlab and pyHanko are never imported here (start-up time is measured).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from auditor_app.demo_info import DEMO_AUDIT_ID, has_demo
from auditor_app.store.workspace import StoreError, Workspace
from ui import dialogs


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("auditor-app")
    app.setApplicationName("auditor-app")
    app.setApplicationDisplayName("Audit Services Publics +")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    qt_translator = QTranslator(app)
    # Qt's own strings (Cancel, Yes, No…) in French; ours are written in French already.
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(QLocale(), "qtbase", "_", folder):
        app.installTranslator(qt_translator)
    return app


def run(workspace_dir: Path, demo: bool = False, audit_ref: str | None = None) -> int:
    """Open the workspace in the main window; return the application's exit code."""
    app = make_application()
    try:
        ws = Workspace(workspace_dir)
    except StoreError as exc:
        dialogs.error(None, app.translate("app", "Espace de travail indisponible"), str(exc))
        return 2
    from ui.main_window import MainWindow
    from ui.session import Session

    with ws:
        if demo and not has_demo(ws):
            from auditor_app.demo import build_demo  # Pillow and the rules: first run only

            build_demo(ws)
        session = Session(ws)
        window = MainWindow(session)
        window.show()
        if audit_ref is not None:
            from auditor_app.store.audits import find_audit

            session.open_audit(find_audit(ws, audit_ref).id)
        elif demo:
            session.open_audit(DEMO_AUDIT_ID)
        if os.environ.get("AUDITOR_APP_EXIT_AFTER_START"):
            # Start-up benchmarks and smoke tests: quit once the first window is up.
            QTimer.singleShot(0, app.quit)
        return app.exec()
