"""Starting the desktop app: QApplication, translations, the main window, then the workspace.

The main window is shown first, saying it is opening the workspace; the workspace, the core
(pydantic, the grid model), the pages and the audit are loaded once that window has been
painted, so the auditor sees the app at once and the audit moments later. Start-up time is
measured to that first paint (``bench/bench_gui.py``): nothing here imports the core at module
level, nor ``ui.dialogs``; reportlab and pyHanko are never imported here.

``AUDITOR_APP_EXIT_AFTER_START`` (smoke tests, benchmarks): any value quits once started, i.e.
the workspace open and the audit asked for shown; ``first-window`` quits as soon as the first
window has been painted, without opening the workspace (what the start-up benchmark times).
"""

from __future__ import annotations

import builtins
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from auditor_app.store.workspace import Workspace
    from ui.main_window import MainWindow

EXIT_AFTER_START = "AUDITOR_APP_EXIT_AFTER_START"
FIRST_WINDOW = "first-window"
# Should the first paint never come (a window never exposed), the workspace opens anyway.
START_FALLBACK_MS = 1000
# The core modules the session and the walk-through need, imported once the window is up.
CORE_MODULES = (
    "auditor_app.demo_info",
    "auditor_app.store.workspace",
    "auditor_app.store.audits",
    "auditor_app.store.findings",
    "auditor_app.referential.loader",
    "auditor_app.audit.measures",
)


def make_application(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    from ui import gc_guard

    app = QApplication.instance()
    if isinstance(app, QApplication):
        _set_icon(app)
        gc_guard.install(app)
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    gc_guard.install(app)  # Python's cyclic collector in this thread only, never a worker's
    app.setOrganizationName("auditor-app")
    app.setApplicationName("auditor-app")
    _set_icon(app)
    _readable_selection(app)
    from ui import focus_ring

    focus_ring.install(app)  # where the keyboard acts: a ring around the focused list or note
    from ui import i18n

    # Ours (French in the code, English from the catalogue) and Qt's own (Cancel, Yes…).
    i18n.install(app, i18n.chosen_language(lang))  # and the name Qt appends to titles
    return app


def _readable_selection(app: QApplication) -> None:
    """Keep the system's palette, but darken (or lighten) the selection colour until its text
    reads at 4.5:1 (WCAG AA): Qt's default blue with white text is only 3.7:1."""
    from PySide6.QtGui import QPalette

    from ui.colours import contrast, luminance

    palette = app.palette()
    changed = False
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        back = palette.color(group, QPalette.ColorRole.Highlight)
        for _ in range(20):
            if contrast(text, back) >= 4.5:
                break
            back = back.darker(110) if luminance(text) > 0.5 else back.lighter(110)
            changed = True
        palette.setColor(group, QPalette.ColorRole.Highlight, back)
    if changed:
        app.setPalette(palette)


def _set_icon(app: QApplication) -> None:
    # The desktop entry of the Linux bundle (packaging/linux): Wayland shows its icon.
    app.setDesktopFileName("fr.auditorapp.AuditorApp")
    from auditor_app.resources import resources_dir  # plain paths, no heavy import

    icon = resources_dir() / "icons" / "auditor-app-256.png"
    if icon.exists() and app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))


@contextmanager
def _without_pyside_import_hook() -> Iterator[None]:
    """Import with Python's own ``__import__`` rather than PySide6's hook.

    For its ``__feature__`` switch (unused here), PySide6 replaces ``__import__`` and reads
    the source of every module imported after it, looking for "PySide6": 40–80 ms for the
    ~200 modules of the core (pydantic…). The core never uses Qt (an import-linter
    contract), so it is imported without the hook; PySide6 treats a module it has not
    seen as one without features, the default.
    """
    hooked = builtins.__import__
    builtins.__import__ = getattr(builtins, "__orig_import__", hooked)
    try:
        yield
    finally:
        builtins.__import__ = hooked


class _Startup(QObject):
    """Opens the workspace in the main window once it is on screen; closes it at the end."""

    def __init__(
        self,
        window: MainWindow,
        workspace_dir: Path | None,
        demo: bool,
        audit_ref: str | None,
        quit_when_started: bool,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace_dir = workspace_dir
        self.demo = demo
        self.audit_ref = audit_ref
        self.quit_when_started = quit_when_started
        self.started = False
        self.ws: Workspace | None = None
        self.error: Exception | None = None  # raised from run() once the event loop is over
        self.then = ""  # "new": open the new-audit wizard once started (first run)

    @Slot()
    def start(self) -> None:
        if self.started:
            return
        self.started = True
        try:
            opened = self._open()
        except Exception as exc:  # an unknown --audit, a demo that cannot be built…
            self.error = exc
            QApplication.exit(2)
            return
        if not opened:
            QApplication.exit(2)
        elif self.quit_when_started:
            QTimer.singleShot(0, QApplication.quit)

    def _open(self) -> bool:
        from ui import dialogs  # it builds PySide's Qt namespace: not before the first paint
        from ui.i18n import core

        failure = ""
        with dialogs.busy():
            with _without_pyside_import_hook():
                for module in CORE_MODULES:
                    importlib.import_module(module)
            from auditor_app.store.workspace import StoreError, Workspace, default_workspace_dir

            root = self.workspace_dir or default_workspace_dir()
        if not self._healthy_or_restored(root):
            return False
        with dialogs.busy():
            try:
                self.ws = Workspace(root, actor=_actor(self.demo))
            except StoreError as exc:
                failure = core(str(exc))
            else:
                self._show(self.ws)
        if failure:
            dialogs.error(self.window, self.tr("Espace de travail indisponible"), failure)
        return not failure

    def _healthy_or_restored(self, root: Path) -> bool:
        """A damaged workspace is not opened silently: say so and offer the last good backup.

        Return False when the user chose to quit.
        """
        from auditor_app.store import backup
        from auditor_app.store.workspace import StoreError
        from ui import dialogs
        from ui.i18n import core

        with dialogs.busy():
            health = backup.check_health(root)
        if health.ok or not health.exists:
            return True
        text = self.tr("L'espace de travail {0} est endommagé :\n{1}\n\n").format(
            root, core(health.problem or "")
        )
        choices = [self.tr("Ouvrir quand même"), self.tr("Quitter")]
        if health.last_good is not None:
            text += self.tr(
                "Dernière sauvegarde saine : {0}. La restaurer remplace la base actuelle, "
                "qui est gardée à part (avant restauration)."
            ).format(core(health.last_good.describe()))
            choices.insert(0, self.tr("Restaurer cette sauvegarde"))
        else:
            text += self.tr("Aucune sauvegarde saine n'a été trouvée.")
        answer = dialogs.choose(
            self.window, self.tr("Espace de travail endommagé"), text, choices, critical=True
        )
        picked = choices[answer] if answer is not None else choices[-1]
        if picked == self.tr("Quitter"):
            return False
        if picked == self.tr("Restaurer cette sauvegarde") and health.last_good is not None:
            try:
                with dialogs.busy():
                    restored = backup.restore(root, health.last_good.name)
            except StoreError as exc:  # a bad backup, the workspace opened elsewhere…
                dialogs.error(self.window, self.tr("Restauration impossible"), core(str(exc)))
                return False
            dialogs.info(
                self.window, self.tr("Sauvegarde restaurée"),
                self.tr("L'espace de travail a été restauré depuis {0}.").format(
                    core(restored.restored.describe())
                ),
            )  # fmt: skip
        return True

    def _show(self, ws: Workspace) -> None:
        """The session in the window, and the audit asked for (or the demo's) opened."""
        from auditor_app.demo_info import DEMO_AUDIT_ID, has_demo
        from ui.session import Session

        if self.demo and not has_demo(ws):
            with _without_pyside_import_hook():  # Pillow and the rules: first run only
                from auditor_app.demo import build_demo

            self.window.loading.setText(self.tr("Préparation de l'audit de démonstration…"))
            self.window.loading.repaint()
            build_demo(ws)
        audit_id: str | None = DEMO_AUDIT_ID if self.demo else None
        if self.audit_ref is not None:  # looked up before the window comes alive: may fail
            from auditor_app.store.audits import find_audit

            audit_id = find_audit(ws, self.audit_ref).id
        session = Session(ws)
        self.window.set_session(session)
        if audit_id is not None:
            session.open_audit(audit_id)
        elif self.then == "new":
            from ui.main_window import START

            self.window.go_to(START)
            start_page = self.window.page(START)
            start_page._on_new_clicked()  # type: ignore[attr-defined]

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None


def _actor(demo: bool = False) -> str | None:
    """The name for the journal: AUDITOR_APP_USER, else the one given at the first run;
    in the demo, without either, the demo's lead auditor (not the computer's login)."""
    if os.environ.get("AUDITOR_APP_USER"):
        return None  # the workspace reads it
    from ui.first_run import saved_actor

    saved = saved_actor()
    if saved is None and demo:
        from auditor_app.demo_info import DEMO_LEAD

        return DEMO_LEAD
    return saved


def run(
    workspace_dir: Path | None,
    demo: bool = False,
    audit_ref: str | None = None,
    lang: str | None = None,
) -> int:
    """Show the main window, then open the workspace in it; return the application's exit code.

    ``workspace_dir`` None is the default workspace. A workspace that cannot be opened is
    said in a dialog (exit code 2); any other failure while starting (an unknown
    ``audit_ref``…) ends the app and is raised from here, for the command to report.
    """
    app = make_application(lang=lang)
    exit_after = os.environ.get(EXIT_AFTER_START, "")
    then = ""
    if workspace_dir is None and not demo and audit_ref is None and not exit_after:
        from ui import first_run

        if first_run.needed():
            from auditor_app.store.workspace import default_workspace_dir

            chosen = first_run.run_first_run(default_workspace_dir())
            if chosen is None:  # the wizard was closed: nothing set up, nothing opened
                return 0
            workspace_dir, demo, then = chosen.workspace, chosen.then == "demo", chosen.then
        elif not os.environ.get("AUDITOR_APP_WORKSPACE"):
            workspace_dir = first_run.saved_workspace()
    from ui.main_window import MainWindow

    window = MainWindow()
    startup = _Startup(window, workspace_dir, demo, audit_ref, quit_when_started=bool(exit_after))
    startup.then = then
    if exit_after == FIRST_WINDOW:
        window.first_painted.connect(app.quit)
    else:
        window.first_painted.connect(startup.start)
        QTimer.singleShot(START_FALLBACK_MS, startup.start)
    window.show()
    try:
        code = app.exec()
    finally:
        startup.close()
    if startup.error is not None:
        raise startup.error
    if window.restart_requested:  # a new language: start again, the workspace now closed
        _start_again()
    return code


def _start_again() -> None:
    """Start the app again as it was started, minus the language asked for this time."""
    import subprocess

    from ui.i18n import ENV

    args, skip = [], False
    for arg in sys.argv[1:]:
        if skip or arg.startswith("--lang="):
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        args.append(arg)
    command = [sys.executable, *args]
    if not getattr(sys, "frozen", False):
        command = [sys.executable, "-m", "auditor_app.cli", *args]
    env = {k: v for k, v in os.environ.items() if k != ENV}
    subprocess.Popen(command, env=env, start_new_session=True)
