"""Every modal dialog goes through here: tests patch this module, never block on exec().

Messages are French and say what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ui.i18n import tr


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes


_last_folder: list[str] = []


def _start_folder() -> str:
    """Where file dialogs open: the last folder used, else the user's pictures or home."""
    if _last_folder:
        return _last_folder[0]
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return pictures if pictures and Path(pictures).is_dir() else str(Path.home())


def _remember(name: str) -> None:
    if name:
        _last_folder[:] = [str(Path(name).parent)]


def _file_dialog(
    parent: QWidget | None,
    title: str,
    start: str,
    filters: str = "",
    *,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
) -> list[str]:
    """Qt's file dialog with its labels in the interface's language.

    Qt's own French catalogue lacks « Look in » and « Files of type » of its non-native
    dialog (the one shown where the system offers none): they are set here. A native
    dialog speaks the system's language and ignores them.
    """
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, tr("&Regarder dans :"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, tr("&Types de fichiers :"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName,
                        tr("&Dossier :") if mode == QFileDialog.FileMode.Directory
                        else tr("&Nom du fichier :"))  # fmt: skip
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, tr("Annuler"))
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return dialog.selectedFiles()


def open_files(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    names = _file_dialog(parent, title, _start_folder(), filters,
                         mode=QFileDialog.FileMode.ExistingFiles)  # fmt: skip
    if names:
        _remember(names[0])
    return [Path(n) for n in names]


def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    names = _file_dialog(parent, title, _start_folder(), filters)
    name = names[0] if names else ""
    _remember(name)
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    start = str(Path(_start_folder()) / suggested) if suggested else _start_folder()
    names = _file_dialog(parent, title, start, filters, mode=QFileDialog.FileMode.AnyFile,
                         save=True)  # fmt: skip
    name = names[0] if names else ""
    _remember(name)
    return Path(name) if name else None


def choose_directory(parent: QWidget | None, title: str) -> Path | None:
    names = _file_dialog(parent, title, _start_folder(), mode=QFileDialog.FileMode.Directory)
    return Path(names[0]) if names else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_passphrase(parent: QWidget | None, title: str, label: str) -> bytes | None:
    """A passphrase typed hidden, as UTF-8 bytes; None when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return value.encode("utf-8") if ok else None


def choose(
    parent: QWidget | None, title: str, text: str, choices: Sequence[str], *, critical: bool = False
) -> int | None:
    """One button per choice; the index of the one clicked. The first is the default, the
    last is what Escape or closing the box gives."""
    icon = QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    if not buttons:
        return None
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def open_externally(path: Path) -> bool:
    """Open ``path`` with the desktop's application for it (a PDF reader…)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor around short work that must stay on the GUI thread (database writes)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def ask_choice_and_text(
    parent: QWidget | None,
    title: str,
    choice_label: str,
    choices: Sequence[str],
    text_label: str,
    *,
    current: int = 0,
    text: str = "",
    text_required: bool = False,
) -> tuple[int, str] | None:
    """One choice in a list and a free text (a new verdict and its justification…):
    the index chosen and the text typed, or None when the user cancels. With
    ``text_required`` the dialog cannot be validated while the text is blank (so what was
    chosen is not lost to a refusal after it closed)."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import (
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QFormLayout,
        QLabel,
        QPlainTextEdit,
    )

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    combo = QComboBox()
    combo.addItems(list(choices))
    combo.setCurrentIndex(current)
    combo.setAccessibleName(choice_label.replace("&", "").rstrip(" :"))
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(text_label.replace("&", "").rstrip(" :"))
    edit.setMinimumSize(360, 90)
    buttons = QDialogButtonBox()
    ok = buttons.addButton(tr("Valider"), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
    if text_required:
        ok.setToolTip(tr("Saisissez d'abord le texte demandé"))

        def allow() -> None:
            ok.setEnabled(bool(edit.toPlainText().strip()))

        edit.textChanged.connect(allow)
        allow()
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    for label_text, field in ((choice_label, combo), (text_label, edit)):
        label = QLabel(label_text)
        label.setBuddy(field)
        form.addRow(label, field)
    form.addRow(buttons)
    edit.moveCursor(QTextCursor.MoveOperation.End)  # to go on with the text given
    combo.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return combo.currentIndex(), edit.toPlainText()
