"""Photos and documents of a finding: thumbnails, add (dialog, drop, paste), caption, remove.

Reading, checking and thumbnailing a photo runs in a worker; only the short database
write happens on the GUI thread.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from auditor_app.store import findings as finding_store
from auditor_app.store.blobs import BlobInfo
from ui import dialogs, workers
from ui.i18n import core, tr
from ui.screen import fit_in_columns
from ui.session import Session

# File dialog filters, French; shown through ``tr()`` (the empty context).
PHOTO_FILTER = QT_TR_NOOP("Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp);;Tous les fichiers (*)")
DOCUMENT_FILTER = QT_TR_NOOP(
    "Documents (*.pdf *.odt *.docx *.xlsx *.ods *.txt);;Tous les fichiers (*)"
)


class EvidenceStrip(QWidget):
    evidence_changed = Signal(str, int)  # finding id, number of pieces of evidence

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fid: str | None = None
        self.locked = False  # the finding is frozen by a signed closing meeting
        self.pending = 0
        self.setAcceptDrops(True)

        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(96, 96))
        self.list.setGridSize(QSize(120, 130))
        self.list.setWrapping(False)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setFixedHeight(150)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Preuves du constat"))
        self.list.itemActivated.connect(self._on_list_item_activated)

        self.add_photo = QPushButton(self.tr("Photos…"))
        self.add_document = QPushButton(self.tr("Document…"))
        self.paste = QPushButton(self.tr("Coller"))
        self.caption = QPushButton(self.tr("Légende…"))
        self.remove = QPushButton(self.tr("Retirer"))
        self.status = QLabel()
        for button, name in (
            (self.add_photo, self.tr("Ajouter des photos")),
            (self.add_document, self.tr("Ajouter un document")),
            (self.paste, self.tr("Coller une image du presse-papiers")),
            (self.caption, self.tr("Modifier la légende de la preuve choisie")),
            (self.remove, self.tr("Retirer la preuve choisie")),
        ):
            button.setAccessibleName(name)
        self.add_photo.clicked.connect(self._on_add_photo_clicked)
        self.add_document.clicked.connect(self._on_add_document_clicked)
        self.paste.clicked.connect(self.paste_from_clipboard)
        self.caption.clicked.connect(self._on_caption_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.list)
        paste.activated.connect(self.paste_from_clipboard)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.activated.connect(self._on_remove_clicked)

        # One row of five where it fits, else rows of three (resizeEvent): the row alone
        # would make the detail panel too wide for a small screen at 125–150 % scaling.
        self._buttons = [self.add_photo, self.add_document, self.paste, self.caption, self.remove]
        buttons = self._button_grid = QGridLayout()
        for n, widget in enumerate(self._buttons):
            widget.setMinimumWidth(48)  # their text sets the columns, not the panel's width
            buttons.addWidget(widget, 0, n)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.set_finding(None)

    # -- showing ---------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_in_columns(self._button_grid, self._buttons, event.size().width(), 5, 3)

    def set_finding(self, fid: str | None, *, locked: bool = False) -> None:
        """Show ``fid``'s evidence; ``locked`` (a signed closing meeting): shown, not changed."""
        self.fid = fid
        self.locked = locked
        for widget in (self.add_photo, self.add_document, self.paste, self.caption, self.remove):
            widget.setEnabled(fid is not None and not locked)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.fid is None:
            return
        file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for ev in finding_store.evidence_for(self.session.ws, self.fid):
            thumb = self.session.ws.blobs.thumbnail_path(ev.blob.sha256)
            icon = QIcon(str(thumb)) if thumb.exists() else file_icon
            item = QListWidgetItem(icon, ev.caption or ev.filename)
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, ev.blob.sha256)
            item.setToolTip(self.tr("{0}\nPrise le : {1}").format(ev.filename, ev.taken_at or "?"))
            self.list.addItem(item)
        self.evidence_changed.emit(self.fid, self.list.count())

    # -- adding ----------------------------------------------------------------------

    @Slot()
    def _on_add_photo_clicked(self) -> None:
        self.add_files(dialogs.open_files(self, self.tr("Ajouter des photos"), tr(PHOTO_FILTER)))

    @Slot()
    def _on_add_document_clicked(self) -> None:
        self.add_files(
            dialogs.open_files(self, self.tr("Ajouter un document"), tr(DOCUMENT_FILTER))
        )

    def add_files(self, paths: list[Path]) -> None:
        """Check and store each file in a worker, then attach it to the current finding."""
        if self.fid is None or self.locked:
            return
        fid, blobs = self.fid, self.session.ws.blobs
        for path in paths:
            self.pending += 1
            self._show_pending()
            workers.run_job(
                lambda progress, cancelled, p=path: blobs.put_file(p),
                on_finished=lambda info, p=path: self._on_worker_stored(fid, p, info),
                on_failed=self._on_worker_failed,
            )

    def _show_pending(self) -> None:
        self.status.setText(
            self.tr("Ajout en cours : {0} fichier(s)…").format(self.pending) if self.pending else ""
        )

    def _on_worker_stored(self, fid: str, path: Path, info: BlobInfo) -> None:
        self.pending -= 1
        self._show_pending()
        self.session.call(
            lambda: finding_store.attach_evidence(self.session.ws, fid, info, path.name)
        )
        if fid == self.fid:
            self.reload()
        else:
            count = len(finding_store.evidence_for(self.session.ws, fid))
            self.evidence_changed.emit(fid, count)

    def _on_worker_failed(self, message: str) -> None:
        self.pending -= 1
        self._show_pending()
        self.session.failed.emit(message)
        dialogs.error(
            self,
            self.tr("Fichier refusé"),
            core(message) + "\n\n" + self.tr("Le constat et ses autres preuves sont intacts."),
        )

    @Slot()
    def paste_from_clipboard(self) -> None:
        if self.locked:
            return
        image: QImage = QGuiApplication.clipboard().image()
        if image.isNull():
            mime = QGuiApplication.clipboard().mimeData()  # None when the clipboard is empty
            urls = mime.urls() if mime is not None else []
            files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
            if not files:
                self.status.setText(self.tr(
                    "Rien à coller : le presse-papiers ne contient ni image ni fichier."
                ))  # fmt: skip
                return
            self.add_files(files)
            return
        folder = Path(tempfile.mkdtemp(prefix="auditor-paste-"))
        path = folder / self.tr("image-collee.png")
        image.save(str(path), "PNG")
        self.add_files([path])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.fid is not None and not self.locked and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        self.add_files([Path(u.toLocalFile()) for u in urls if u.isLocalFile()])
        event.acceptProposedAction()

    # -- caption, view, remove -----------------------------------------------------------

    def _current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _on_caption_clicked(self) -> None:
        evidence_id = self._current_id()
        if evidence_id is None or self.locked:
            return
        current = self.list.currentItem().text()
        text = dialogs.ask_text(
            self, self.tr("Légende"), self.tr("Légende de la preuve :"), current
        )
        if text is not None:
            self.session.call(
                lambda: finding_store.set_evidence_caption(self.session.ws, evidence_id, text)
            )
            self.reload()

    @Slot()
    def _on_remove_clicked(self) -> None:
        evidence_id = self._current_id()
        if evidence_id is None or self.locked:
            return
        if dialogs.confirm(
            self,
            self.tr("Retirer la preuve"),
            self.tr(
                "Retirer cette preuve du constat ? Le fichier reste dans "
                "l'espace de travail et le retrait est journalisé."
            ),
        ):
            self.session.call(lambda: finding_store.remove_evidence(self.session.ws, evidence_id))
            self.reload()

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        sha = str(item.data(Qt.ItemDataRole.UserRole + 1))
        reader = QImageReader(str(self.session.ws.blobs.path(sha)))
        reader.setAutoTransform(True)  # EXIF orientation, as in the thumbnail
        screen = QGuiApplication.primaryScreen().availableSize() * 0.85
        size = reader.size()
        if size.isValid():  # decode at screen size: a 12-megapixel photo opens at once
            reader.setScaledSize(size.scaled(screen, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            dialogs.info(
                self, self.tr("Document"),
                self.tr("Ce document n'est pas une image : {0}").format(item.text()),
            )  # fmt: skip
            return
        viewer = PhotoViewer(QPixmap.fromImage(image), item.text(), self)
        viewer.show()


class PhotoViewer(QDialog):
    """The photo at full size, scrollable, non-modal."""

    def __init__(self, pixmap: QPixmap, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption)
        label = QLabel()
        screen = QGuiApplication.primaryScreen().availableSize()
        label.setPixmap(pixmap)
        area = QScrollArea()
        area.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(QLabel(caption))
        self.resize(
            min(pixmap.width() + 40, int(screen.width() * 0.9)),
            min(pixmap.height() + 80, int(screen.height() * 0.9)),
        )
