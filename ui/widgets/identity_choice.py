"""The signing identity to use: the workspace's PKCS#12 files, or another one picked.

Shared by the report export and the package dialogs, so both list the same files the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from auditor_app.identity import identities_dir
from ui import dialogs

IDENTITY_SUFFIXES = (".p12", ".pfx")


class IdentityChoice(QComboBox):
    """Identity files of ``workspace`` (``first`` on top when given), then « Autre fichier… »,
    which asks for a file; ``picked`` is emitted when the user ends on a file."""

    picked = Signal()

    def __init__(self, workspace: Path, first: Path | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Choisissez un fichier d'identité"))
        found = sorted(
            p for p in identities_dir(workspace).glob("*")
            if p.suffix.lower() in IDENTITY_SUFFIXES and p.is_file()
        )  # fmt: skip
        if first is not None and first.is_file():
            found = [first] + [p for p in found if p != first]
        for path in found:
            self.add_file(path)
        self.addItem(self.tr("Autre fichier…"), None)
        self.setCurrentIndex(0 if found else -1)
        self._previous = self.currentIndex()
        self.activated.connect(self._on_activated)

    def path(self) -> Path | None:
        data = self.currentData()
        return Path(data) if data else None

    def add_file(self, path: Path) -> int:
        """Add an identity file before « Autre fichier… » (once); return its index."""
        at = self.findData(str(path))
        if at >= 0:
            return at
        last = self.count() - 1
        at = last if last >= 0 and self.itemData(last) is None else last + 1
        self.insertItem(at, path.name, str(path))
        self.setItemData(at, str(path), Qt.ItemDataRole.ToolTipRole)
        return at

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        if self.itemData(index) is None:  # « Autre fichier… »
            path = dialogs.open_file(
                self,
                self.tr("Choisir le fichier d'identité"),
                self.tr("Identités PKCS#12 (*.p12 *.pfx);;Tous les fichiers (*)"),
            )
            if path is None:
                self.setCurrentIndex(self._previous)
            else:
                self.setCurrentIndex(self.add_file(path))
        self._previous = self.currentIndex()
        if self.path() is not None:
            self.picked.emit()
