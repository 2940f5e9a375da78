"""Help: the keyboard shortcuts sheet and the About box.

The sheet lists the field keys (verdicts, next point, timers) and, read from the window's
menus, every menu command that has a shortcut: it cannot drift from what the app does.
"""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core, tr
from ui.screen import resize_within_screen


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def field_shortcuts(widget: QWidget) -> list[tuple[str, str, str]]:
    """(where, keys, what) for the keys of the screens, in the interface's language.

    The texts are looked up in the empty context (``tr`` of ui.i18n), where lupdate files them:
    ``widget.tr`` would look them up under the window's class and never find them.
    """
    from auditor_app.audit.verdicts import VERDICT_LABELS
    from ui.widgets.finding_panel import VERDICT_KEYS

    walk = tr("Parcours")
    rows = [(walk, key, tr("Verdict : {0}").format(core(VERDICT_LABELS[v]))) for v, key in
            VERDICT_KEYS.items()]  # fmt: skip
    rows += [
        (walk, "N, F3", tr("Point suivant non renseigné")),
        (walk, _native("Ctrl+V"), tr("Coller une photo (liste des pièces)")),
        (walk, _native("Del"), tr("Retirer la pièce choisie (liste des pièces)")),
        (walk, "Tab", tr("Arbre → liste des points → note → pièces")),
        (tr("Tests mystère"), "F5", tr("Démarrer ou arrêter le chronomètre")),
        (tr("Tests mystère"), "+", tr("Compter une sonnerie")),
        (tr("Tests mystère"), _native("Ctrl+S"), tr("Enregistrer le test")),
    ]
    import importlib

    review_keys: dict[str, str] = getattr(importlib.import_module("ui.pages.review"),
                                          "SHORTCUTS", {})  # fmt: skip
    labels = {
        "accept": tr("Accepter le constat"),
        "changes_requested": tr("Demander des modifications"),
        "reclassify": tr("Reclasser"),
        "comment": tr("Commenter"),
    }
    for decision, keys in review_keys.items():
        rows.append((tr("Revue"), _native(keys), labels.get(decision, decision)))
    return rows


def menu_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, keys, command) for every menu command of ``window`` that has a shortcut."""
    rows = []
    for menu in window.findChildren(QMenu):
        title = menu.title().replace("&", "")
        for action in menu.actions():
            typed = [s for s in action.shortcuts() if _typable(s)] if isinstance(
                action, QAction) else []  # fmt: skip
            if typed:
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                                 for s in typed)  # fmt: skip
                rows.append((title, keys, action.text().replace("&", "").rstrip("…")))
    return rows


def _typable(sequence: QKeySequence) -> bool:
    """A shortcut typed on a keyboard: with a modifier, a function key or a plain key; not a
    special key of some keyboards that a standard shortcut adds (« Quit », « Back »…)."""
    if sequence.isEmpty():
        return False
    combo = sequence[0]
    key = combo.key()
    return bool(combo.keyboardModifiers()) or key < 0x01000000 or (
        Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35
    )


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        resize_within_screen(self, 640, 560)
        rows = menu_shortcuts(window) + field_shortcuts(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(self.tr("Raccourcis clavier"))
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("Où"), self.tr("Touches"), self.tr("Action")])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("&Copier"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.rows = rows

    @Slot()
    def _on_copy_clicked(self) -> None:
        text = "\n".join("\t".join(row) for row in self.rows)
        QGuiApplication.clipboard().setText(text)


def versions() -> list[tuple[str, str]]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from auditor_app import __version__

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "—"

    return [
        ("auditor-app", __version__),
        ("Python", platform.python_version()),
        ("Qt / PySide6", f"{qVersion()} / {pyside_version}"),
        ("SQLite", sqlite3.sqlite_version),
        ("reportlab", dist("reportlab")),
        ("pyHanko", dist("pyHanko")),
        ("cryptography", dist("cryptography")),
        ("pydantic", dist("pydantic")),
        (platform.system(), platform.release()),
    ]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, workspace: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("À propos"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Audit Services Publics +</h2>"
                               "<p>Audits de terrain du label « Services Publics + » : constats "
                               "hors ligne, rapports et paquets signés.</p>"))  # fmt: skip
        title.setWordWrap(True)
        layout.addWidget(title)
        table = "".join(f"<tr><td>{name}</td><td><b>{value}</b></td></tr>"
                        for name, value in versions())  # fmt: skip
        self.details = QLabel(f"<table cellspacing='4'>{table}</table>")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        where = str(workspace) if workspace is not None else self.tr("aucun ouvert")
        self.workspace = QLabel(self.tr("Espace de travail : {0}").format(where))
        self.workspace.setWordWrap(True)
        self.workspace.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.workspace)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
