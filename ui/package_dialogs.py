"""The audit package's dialogs: send the package, import one, the sync settings, the team,
and the download of packages from the WebDAV server.

The core does the work (:mod:`auditor_app.package`). Whatever reads or writes files at length
runs on the worker pool, with its own read-only connection to the workspace when it needs
one; the merge of an imported package is one short transaction on the GUI thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditor_app.identity import IdentityError
from auditor_app.package.merge import (
    add_certificate,
    merge_checked,
    remove_certificate,
    team,
    trusted_fingerprints,
)
from auditor_app.package.reader import PackageCancelled, PackageError, read_package
from auditor_app.package.sync import SyncSettings, load_settings, package_name, save_settings
from auditor_app.store import audits as audit_store
from auditor_app.store.workspace import StoreError, WorkspaceReader
from ui import dialogs
from ui.i18n import core, size_text, tr
from ui.report_dialogs import BANNER_COLOURS, Refused, start
from ui.screen import resize_within_screen
from ui.session import Session
from ui.widgets.identity_choice import IdentityChoice
from ui.workers import Cancelled, Job, Worker

if TYPE_CHECKING:
    from auditor_app.identity.certificate import Identity, LoadedPkcs12
    from auditor_app.package.merge import ImportResult
    from auditor_app.package.reader import CheckedPackage
    from auditor_app.package.webdav import RemoteFile, WebDavConfig

IDENTITY_SETTING = "packages/identity"
ROLE = Qt.ItemDataRole.UserRole


def french_time(iso: str, short: bool = False) -> str:
    """An ISO time from a manifest, as the local « 28/11/2026 à 07:00 » (``short``: without
    « à »); as is if unreadable."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M" if short else tr("%d/%m/%Y à %H:%M"))


def kind_label(kind: str) -> str:
    return tr("Paquet de revue") if kind == "review" else tr("Paquet de terrain")


def contents(package: CheckedPackage) -> str:
    m = package.manifest
    text = tr("{0} constats, {1} pièces, {2} entrées de journal, {3} fichiers vérifiés").format(
        m.counts.get("findings", 0), m.counts.get("evidence", 0), m.journal.entries, len(m.files)
    )
    if package.report_entry:
        text += tr(" ; rapport signé joint")
    return text


def two_lines(fingerprint: str) -> str:
    """A SHA-256 fingerprint (32 pairs) as two lines of 16: it has no space to wrap at."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i : i + 16]) for i in range(0, len(pairs), 16))


def with_label(widget: QWidget, label: QLabel, name: str) -> QLabel:
    label.setBuddy(widget)
    widget.setAccessibleName(name)
    return label


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the WebDAV account: the password is asked once per run of the app, never stored -----------

_PASSWORDS: dict[tuple[str, str], str] = {}


def webdav_config(parent: QWidget | None, settings: SyncSettings) -> WebDavConfig | None:
    """The server of the settings with its password (asked if not known yet); None if the
    user cancels or the address is refused (said plainly)."""
    from pydantic import ValidationError

    from auditor_app.package.webdav import WebDavConfig

    key = (settings.webdav_url, settings.webdav_user)
    password = _PASSWORDS.get(key, "")
    if settings.webdav_user and key not in _PASSWORDS:
        typed = dialogs.ask_passphrase(
            parent,
            tr("Serveur d'échange"),
            tr("Mot de passe de « {0} » sur le serveur :").format(settings.webdav_user),
        )
        if typed is None:
            return None
        password = typed.decode("utf-8")
    try:
        config = WebDavConfig(
            base_url=settings.webdav_url, username=settings.webdav_user, password=password
        )
    except ValidationError as exc:
        dialogs.error(parent, tr("Adresse du serveur refusée"), validation_message(exc))
        return None
    _PASSWORDS[key] = password
    return config


def forget_password(settings: SyncSettings) -> None:
    _PASSWORDS.pop((settings.webdav_url, settings.webdav_user), None)


def validation_message(exc: Any) -> str:
    """The first message of a pydantic error, as a French sentence."""
    errors = exc.errors()
    message = str(errors[0]["msg"]) if errors else str(exc)
    return _sentence(core(message.removeprefix("Value error, "))) + "."


@dataclass(frozen=True)
class TransferRefused(Refused):
    """A transfer that stopped; ``resumable``: doing it again goes on where it stopped."""

    resumable: bool = False
    status: int | None = None


# --- jobs (worker threads: no widget, no GUI connection) -----------------------------------


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


def export_job(
    root: Path,
    actor: str,
    audit_id: str,
    identity: LoadedPkcs12,
    *,
    kind: str,
    report: Path | None,
    outbox: Path | None = None,
    out: Path | None = None,
) -> Job:
    """Write the audit's signed package into ``outbox`` (named by the core) or to ``out``."""

    def job(progress: Any, cancelled: Any) -> Written | Refused:
        from auditor_app.package.sync import submit
        from auditor_app.package.writer import export_package

        try:
            with WorkspaceReader(root, actor=actor) as reader:
                if out is None:
                    assert outbox is not None
                    path = submit(reader, audit_id, identity, outbox, kind=kind, report=report,
                                  progress=progress, cancelled=cancelled)  # fmt: skip
                else:
                    export_package(reader, audit_id, out, identity, kind=kind, report=report,
                                   progress=progress, cancelled=cancelled)  # fmt: skip
                    path = out
        except PackageCancelled:
            raise Cancelled from None
        except (PackageError, StoreError) as exc:
            return Refused(str(exc))
        return Written(path, path.stat().st_size)

    return job


def verify_job(path: Path, trusted: list[str]) -> Job:
    def job(progress: Any, cancelled: Any) -> CheckedPackage | Refused:
        try:
            return read_package(path, trusted, progress=progress, cancelled=cancelled)
        except PackageCancelled:
            raise Cancelled from None
        except PackageError as exc:
            return Refused(str(exc))

    return job


def _transfer_refused(exc: Any) -> TransferRefused:
    return TransferRefused(str(exc), resumable=exc.resumable, status=exc.status)


def upload_job(config: WebDavConfig, path: Path) -> Job:
    def job(progress: Any, cancelled: Any) -> RemoteFile | TransferRefused:
        from auditor_app.package.webdav import TransferCancelled, WebDavError, upload

        try:
            return upload(config, path, progress=progress, cancelled=cancelled)
        except TransferCancelled:
            raise Cancelled from None
        except WebDavError as exc:
            return _transfer_refused(exc)
        except OSError as exc:
            return TransferRefused(tr("Paquet illisible : {0}").format(exc.strerror or exc))

    return job


def list_job(config: WebDavConfig) -> Job:
    def job(progress: Any, cancelled: Any) -> list[RemoteFile] | TransferRefused:
        from auditor_app.package.webdav import WebDavError, list_packages

        try:
            return list_packages(config)
        except WebDavError as exc:
            return _transfer_refused(exc)

    return job


def download_job(config: WebDavConfig, names: list[str], folder: Path) -> Job:
    """Fetch each package into ``folder``, one after the other; a cut one resumes next time."""

    def job(progress: Any, cancelled: Any) -> list[Path] | TransferRefused:
        from auditor_app.package.webdav import TransferCancelled, WebDavError, download

        fetched: list[Path] = []
        for name in names:
            try:
                fetched.append(
                    download(config, name, folder / name, progress=progress, cancelled=cancelled)
                )
            except TransferCancelled:
                raise Cancelled from None
            except WebDavError as exc:
                return _transfer_refused(exc)
        return fetched

    return job


# --- one job at a time, with a progress dialog and Cancel ----------------------------------


class JobHost(QObject):
    """Runs a dialog's jobs: its content greyed, a progress dialog with Cancel, the worker kept
    referenced until the dialog goes (see :func:`ui.report_dialogs.start`)."""

    def __init__(self, owner: QWidget, content: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.content = content
        self.worker: Worker | None = None
        self.progress: QProgressDialog | None = None
        self.cancel_requested = False
        self.in_bytes = False
        self._kept: list[Worker] = []

    @property
    def running(self) -> bool:
        return self.worker is not None

    def run(
        self,
        job: Job,
        text: str,
        on_finished: Any,
        on_failed: Any,
        on_cancelled: Any,
        *,
        in_bytes: bool = False,
    ) -> None:
        self.content.setEnabled(False)
        self.cancel_requested = False
        self.in_bytes = in_bytes
        dialog = QProgressDialog(text, self.tr("Annuler"), 0, 0, self.owner)
        dialog.setWindowTitle(self.owner.windowTitle())
        dialog.setAccessibleName(self.tr("Progression"))
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(460)
        dialog.canceled.connect(self.cancel)
        dialog.rejected.connect(self.cancel)  # Escape hides it without « canceled »
        dialog.show()
        self.progress = dialog
        self.worker = start(
            self._kept, job,
            lambda result: self._end(on_finished, result),
            lambda message: self._end(on_failed, message),
            self._on_progress,
            lambda: self._end(on_cancelled),
        )  # fmt: skip

    @Slot()
    def cancel(self) -> None:
        if self.worker is not None:
            self.cancel_requested = True
            self.worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText(self.tr("Annulation en cours…"))
                self.progress.show()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if not shiboken6.isValid(self):
            return
        dialog = self.progress
        if dialog is None or self.cancel_requested:
            return
        if total > 0:
            dialog.setMaximum(1000)  # per mille: byte counts overflow a Qt int
            dialog.setValue(min(1000, done * 1000 // total))
        label = core(label)
        if self.in_bytes and total > 0:
            label = self.tr("{0} — {1} sur {2}").format(label, size_text(done), size_text(total))
        if label:
            dialog.setLabelText(label)

    def _end(self, handler: Any, *args: object) -> None:
        if not shiboken6.isValid(self):
            return  # its dialog went with its window while the job ran
        self.worker = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.rejected.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.content.setEnabled(True)
        handler(*args)


def _title(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _value(name: str, *, fixed: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    if fixed:
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return label


def show_banner(banner: QLabel, level: str, text: str) -> None:
    """A coloured line that says the verdict (fixed pairs, readable on every palette)."""
    if level in BANNER_COLOURS:
        background, ink, mark = BANNER_COLOURS[level]
        banner.setText(f"{mark}  {text}")
        banner.setStyleSheet(
            f"QLabel {{ background-color: {background}; color: {ink}; "
            "border-radius: 6px; padding: 10px; }"
        )
    else:
        banner.setText(text)
        banner.setStyleSheet(
            "QLabel { border: 1px solid palette(mid); border-radius: 6px; padding: 10px; }"
        )
    banner.setAccessibleDescription(text)


def _banner() -> QLabel:
    banner = QLabel()
    banner.setWordWrap(True)
    banner.setMinimumHeight(48)
    font = banner.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    banner.setFont(font)
    return banner


def read_settings(parent: QWidget | None, root: Path) -> SyncSettings:
    """The sync settings; unreadable ones are said and replaced by empty ones."""
    try:
        return load_settings(root)
    except StoreError as exc:
        dialogs.warning(parent, tr("Réglages d'envoi"), core(str(exc)))
        return SyncSettings()


# --- sending ------------------------------------------------------------------------------


class SendPackageDialog(QDialog):
    """The field auditor sends the audit: signed package into the outbox, optionally the server."""

    send_finished = Signal(object)  # the written package (Path)
    send_cancelled = Signal()
    send_failed = Signal(str)
    upload_finished = Signal(object)  # RemoteFile
    upload_failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit = session.audit()
        self.setWindowTitle(self.tr("Envoyer le paquet — {0}").format(self.audit.reference))
        self.settings = read_settings(self, session.ws.root)
        self.written: Path | None = None
        self._signer: Identity | None = None
        self._loaded: LoadedPkcs12 | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._form_page())
        self.stack.addWidget(self._done_page())
        self.jobs = JobHost(self, self.stack)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._update()
        resize_within_screen(self, 620, 480)

    # -- the form ---------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "Le paquet contient l'audit {0} (constats, photos, journal), signé avec votre "
                "identité : le responsable d'audit vérifie qu'il vient de vous et qu'il est "
                "complet avant de l'importer."
            ).format(self.audit.reference)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._identity_box())
        layout.addWidget(self._content_box())
        layout.addWidget(self._destination_box())
        layout.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de l'envoi"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(
            self.tr("&Envoyer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setDefault(True)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self._on_send_clicked)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Signature"))
        remembered = QSettings().value(IDENTITY_SETTING)
        first = Path(remembered) if isinstance(remembered, str) and remembered else None
        self.identity = IdentityChoice(self.session.ws.root, first)
        self.identity.activated.connect(self._update)
        form = QFormLayout(box)
        form.addRow(
            with_label(
                self.identity, QLabel(self.tr("&Identité :")), self.tr("Fichier d'identité")
            ),
            self.identity,
        )
        hint = QLabel(self.tr("La phrase de passe sera demandée au moment d'envoyer."))
        hint.setWordWrap(True)
        form.addRow(hint)
        return box

    def _content_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contenu"))
        self.field_kind = QRadioButton(
            self.tr("Paquet de &terrain : mes constats, pour le responsable")
        )
        self.review_kind = QRadioButton(
            self.tr("Paquet de re&vue : la réponse du responsable à l'équipe")
        )
        self.field_kind.setChecked(True)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.field_kind)
        self.kinds.addButton(self.review_kind)
        self.attach = QCheckBox(self.tr("&Joindre un rapport signé"))
        self.attach.setAccessibleName(self.tr("Joindre un rapport signé"))
        self.report_path = QLineEdit()
        self.report_path.setReadOnly(True)
        self.report_path.setPlaceholderText(self.tr("Aucun rapport choisi"))
        self.report_path.setAccessibleName(self.tr("Rapport à joindre"))
        self.report_button = QPushButton(self.tr("C&hoisir…"))
        self.report_button.setAccessibleName(self.tr("Choisir le rapport à joindre"))
        self.attach.toggled.connect(self._on_attach_toggled)
        self.report_button.clicked.connect(self._on_report_clicked)
        row = QHBoxLayout()
        row.addWidget(self.report_path, 1)
        row.addWidget(self.report_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.field_kind)
        layout.addWidget(self.review_kind)
        layout.addWidget(self.attach)
        layout.addLayout(row)
        return box

    def _destination_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Destination"))
        self.to_outbox = QRadioButton()
        self.to_outbox.setAccessibleName(self.tr("Dans la boîte d'envoi"))
        self.save_as = QRadioButton(self.tr("Enregistrer &sous… (choisir le fichier)"))
        self.destinations = QButtonGroup(self)
        self.destinations.addButton(self.to_outbox)
        self.destinations.addButton(self.save_as)
        self.outbox_hint = QLabel()
        self.outbox_hint.setWordWrap(True)
        self.settings_button = QPushButton(self.tr("&Réglages d'envoi…"))
        self.settings_button.clicked.connect(self._on_settings_clicked)
        row = QHBoxLayout()
        row.addWidget(self.outbox_hint, 1)
        row.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(box)
        layout.addWidget(self.to_outbox)
        layout.addWidget(self.save_as)
        layout.addLayout(row)
        self._show_outbox()
        return box

    def _show_outbox(self) -> None:
        outbox = self.settings.outbox
        self.to_outbox.setEnabled(bool(outbox))
        if outbox:
            self.to_outbox.setText(self.tr("Dans la &boîte d'envoi : {0}").format(outbox))
            self.to_outbox.setChecked(True)
            self.outbox_hint.setText(
                self.tr(
                    "Votre outil de synchronisation (dossier partagé, Nextcloud, OneDrive) "
                    "transmet ensuite le paquet au responsable."
                )
            )
        else:
            self.to_outbox.setText(self.tr("Dans la &boîte d'envoi (non réglée)"))
            self.save_as.setChecked(True)
            self.outbox_hint.setText(
                self.tr("Aucune boîte d'envoi réglée : choisissez-la dans les réglages d'envoi.")
            )

    def identity_path(self) -> Path | None:
        return self.identity.path()

    def report(self) -> Path | None:
        text = self.report_path.text()
        return Path(text) if self.attach.isChecked() and text else None

    def kind(self) -> str:
        return "review" if self.review_kind.isChecked() else "field"

    def _update(self) -> None:
        self.report_path.setEnabled(self.attach.isChecked())
        self.report_button.setEnabled(self.attach.isChecked())
        ready = self.identity_path() is not None and (
            not self.attach.isChecked() or self.report() is not None
        )
        self.send_button.setEnabled(ready)
        if self.identity_path() is None:
            self.status.setText(self.tr("Choisissez le fichier d'identité (.p12) qui signera."))
        elif self.attach.isChecked() and self.report() is None:
            self.status.setText(self.tr("Choisissez le rapport signé à joindre."))
        else:
            self.status.setText("")

    @Slot(bool)
    def _on_attach_toggled(self, checked: bool) -> None:
        if checked and not self.report_path.text():
            self._on_report_clicked()
        self._update()

    @Slot()
    def _on_report_clicked(self) -> None:
        path = dialogs.open_file(
            self, self.tr("Choisir le rapport signé à joindre"), self.tr("Documents PDF (*.pdf)")
        )
        if path is not None:
            self.report_path.setText(str(path))
            self.report_path.setToolTip(str(path))
        elif not self.report_path.text():
            self.attach.setChecked(False)
        self._update()

    @Slot()
    def _on_settings_clicked(self) -> None:
        dialog = SyncSettingsDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.settings = dialog.saved or self.settings
            self._show_outbox()

    # -- sending ------------------------------------------------------------------------------

    @Slot()
    def _on_send_clicked(self) -> None:
        identity = self.identity_path()
        if identity is None or self.jobs.running:
            return
        out: Path | None = None
        if not self.to_outbox.isChecked():
            out = dialogs.save_file(
                self,
                self.tr("Enregistrer le paquet"),
                package_name(self.audit.reference, self.session.ws.actor),
                self.tr("Paquets d'audit (*.spaudit)"),
            )
            if out is None:
                return
            if out.suffix.lower() != ".spaudit":
                out = out.with_name(out.name + ".spaudit")
        passphrase = dialogs.ask_passphrase(
            self,
            self.tr("Signer le paquet"),
            self.tr("Phrase de passe de l'identité « {0} » :").format(identity.name),
        )
        if passphrase is None:
            self.status.setText(self.tr("Envoi annulé : aucun paquet n'a été écrit."))
            return
        from auditor_app.identity.certificate import read_pkcs12

        try:
            with dialogs.busy():
                loaded = read_pkcs12(identity, passphrase)
        except IdentityError as exc:
            self.status.setText(self.tr("Aucun paquet n'a été écrit."))
            dialogs.error(self, self.tr("Signature impossible"), _sentence(core(str(exc))) + ".")
            self.send_failed.emit(str(exc))
            return
        QSettings().setValue(IDENTITY_SETTING, str(identity))
        self._signer = loaded.identity
        self._loaded = loaded
        self.status.setText("")
        outbox = Path(self.settings.outbox).expanduser() if out is None else None
        self.jobs.run(
            export_job(
                self.session.ws.root, self.session.ws.actor, self.audit.id, loaded,
                kind=self.kind(), report=self.report(), outbox=outbox, out=out,
            ),
            self.tr("Écriture du paquet signé…"),
            self._on_export_finished, self._on_export_failed, self._on_export_cancelled,
        )  # fmt: skip

    def _on_export_finished(self, outcome: Written | Refused) -> None:
        if isinstance(outcome, Refused):
            self._on_export_failed(outcome.sentence)
            return
        self.written = outcome.path
        if self._loaded is not None:  # its packages now verify here as the team's
            from auditor_app.package.merge import trust_own_signer

            loaded = self._loaded
            self.session.call(lambda: trust_own_signer(self.session.ws, loaded))
        in_outbox = bool(self.settings.outbox) and self.to_outbox.isChecked()
        self.done_title.setText(
            self.tr("Paquet déposé dans la boîte d'envoi")
            if in_outbox
            else self.tr("Paquet enregistré")
        )
        lines = [
            str(outcome.path),
            self.tr("{0}, {1}, audit {2}.").format(
                kind_label(self.kind()), size_text(outcome.size), self.audit.reference
            ),
        ]
        if self._signer is not None:
            lines.append(
                self.tr("Signé par {0} (empreinte {1}).").format(
                    self._signer.name, self._signer.short_fingerprint
                )
            )
        if in_outbox:
            lines += ["", self.tr("Votre outil de synchronisation le transmettra au responsable.")]
        else:
            lines += ["", self.tr("Transmettez ce fichier au responsable d'audit.")]
        self.done_text.setText("\n".join(lines))
        self.upload_box.setVisible(bool(self.settings.webdav_url))
        self.upload_status.setText(
            self.tr("Le serveur d'échange est réglé : {0}").format(self.settings.webdav_url)
        )
        self.stack.setCurrentIndex(1)
        (self.upload_button if self.settings.webdav_url else self.close_button).setFocus()
        self.send_finished.emit(outcome.path)

    def _on_export_failed(self, message: str) -> None:
        self.status.setText(self.tr("L'envoi a échoué : aucun paquet n'a été écrit."))
        dialogs.error(self, self.tr("Envoi du paquet impossible"), core(message))
        self.send_failed.emit(message)

    def _on_export_cancelled(self) -> None:
        self.status.setText(self.tr("Envoi annulé : aucun paquet n'a été écrit."))
        self.send_cancelled.emit()

    # -- the end, and the server --------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.done_title = _title()
        self.done_text = _value(self.tr("Paquet enregistré"))
        self.upload_box = QGroupBox(self.tr("Serveur d'échange (WebDAV)"))
        self.upload_button = QPushButton(self.tr("Envoyer aussi au &serveur"))
        self.upload_button.clicked.connect(self._on_upload_clicked)
        self.upload_status = _value(self.tr("État de l'envoi au serveur"))
        box = QVBoxLayout(self.upload_box)
        box.addWidget(self.upload_status)
        box.addWidget(self.upload_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox()
        self.folder_button = buttons.addButton(
            self.tr("Ouvrir le &dossier"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.addButton(
            self.tr("Fermer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addSpacing(8)
        layout.addWidget(self.upload_box)
        self.upload_box.hide()  # shown when a server is set, once the package is written
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    @Slot()
    def _on_folder_clicked(self) -> None:
        if self.written is not None and not dialogs.open_externally(self.written.parent):
            dialogs.warning(
                self,
                self.tr("Ouvrir le dossier"),
                self.tr("Aucune application n'a pu ouvrir « {0} ».").format(self.written.parent),
            )

    @Slot()
    def _on_upload_clicked(self) -> None:
        if self.written is None or self.jobs.running:
            return
        config = webdav_config(self, self.settings)
        if config is None:
            return
        self.upload_status.setText(self.tr("Envoi au serveur…"))
        self.jobs.run(
            upload_job(config, self.written),
            self.tr("Envoi au serveur…"),
            self._on_upload_finished, self._on_upload_error, self._on_upload_cancelled,
            in_bytes=True,
        )  # fmt: skip

    def _on_upload_finished(self, outcome: RemoteFile | TransferRefused) -> None:
        if isinstance(outcome, TransferRefused):
            if outcome.status == 401:
                forget_password(self.settings)
            if outcome.resumable:
                self.upload_button.setText(self.tr("&Reprendre l'envoi au serveur"))
                self.upload_status.setText(
                    outcome.sentence + "\n"
                    + self.tr("Le paquet reste dans la boîte d'envoi ; l'envoi au serveur "
                              "reprendra là où il s'est arrêté à la prochaine tentative.")
                )  # fmt: skip
            else:
                self.upload_status.setText(outcome.sentence)
            self.upload_failed.emit(outcome.message)
            return
        self.upload_button.setEnabled(False)
        self.upload_status.setText(
            self.tr(
                "✔ Paquet envoyé au serveur ({0}) : le responsable peut le télécharger."
            ).format(size_text(outcome.size))
        )
        self.upload_finished.emit(outcome)

    def _on_upload_error(self, message: str) -> None:
        self.upload_status.setText(core(message))
        dialogs.error(self, self.tr("Envoi au serveur impossible"), core(message))
        self.upload_failed.emit(message)

    def _on_upload_cancelled(self) -> None:
        self.upload_button.setText(self.tr("&Reprendre l'envoi au serveur"))
        self.upload_status.setText(
            self.tr("Envoi au serveur annulé. Ce qui est déjà arrivé est conservé : il reprendra "
                    "là où il s'est arrêté à la prochaine tentative.")
        )  # fmt: skip
        self.upload_failed.emit("")

    def reject(self) -> None:
        if self.jobs.running:  # Escape while a job runs: cancel it, keep the dialog
            self.jobs.cancel()
            return
        super().reject()


# --- importing ----------------------------------------------------------------------------


class ImportPackageDialog(QDialog):
    """Verify a package in a worker, show who signed it and what it holds, then merge it."""

    verification_finished = Signal(object)  # CheckedPackage
    verification_failed = Signal(str)
    import_finished = Signal(object)  # ImportResult
    import_refused = Signal(str)  # also when the user declines an unknown signer

    def __init__(
        self, session: Session, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Importer un paquet"))
        self.path: Path | None = None
        self.package: CheckedPackage | None = None
        self.import_result: ImportResult | None = None
        self.level = ""

        self.content = QWidget()
        self.jobs = JobHost(self, self.content)
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("Aucun paquet choisi"))
        self.choose_button = QPushButton(self.tr("&Choisir un paquet…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        top = QHBoxLayout()
        top.addWidget(
            with_label(self.file, QLabel(self.tr("&Paquet :")), self.tr("Paquet à importer"))
        )
        top.addWidget(self.file, 1)
        top.addWidget(self.choose_button)

        self.banner = _banner()
        self.banner.setAccessibleName(self.tr("Résultat de la vérification"))
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form
        self.reason = _value(self.tr("Vérification"))
        self.signer = _value(self.tr("Signataire"))
        self.fingerprint = _value(self.tr("Empreinte SHA-256 du signataire"), fixed=True)
        self.audit = _value(self.tr("Audit"))
        self.kind = _value(self.tr("Type de paquet"))
        self.created = _value(self.tr("Créé le"))
        self.counts = _value(self.tr("Contenu"))
        for text, value in (
            (self.tr("Vérification :"), self.reason),
            (self.tr("Signataire :"), self.signer),
            (self.tr("Empreinte :"), self.fingerprint),
            (self.tr("Audit :"), self.audit),
            (self.tr("Type :"), self.kind),
            (self.tr("Créé le :"), self.created),
            (self.tr("Contenu :"), self.counts),
        ):
            form.addRow(text, value)

        self.result_box = QGroupBox(self.tr("Résultat de l'import"))
        self.result_text = _value(self.tr("Résultat de l'import"))
        self.review_button = QPushButton(self.tr("Ouvrir la &revue des conflits"))
        self.review_button.clicked.connect(self._on_review_clicked)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.result_text)
        result_layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de l'import"))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("&Importer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.close_button = buttons.addButton(
            self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_button.clicked.connect(self._on_import_clicked)
        self.close_button.clicked.connect(self.reject)

        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addSpacing(6)
        inner.addWidget(self.banner)
        inner.addWidget(self.details)
        inner.addWidget(self.result_box)
        inner.addStretch(1)
        inner.addWidget(self.status)
        inner.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)
        show_banner(self.banner, "", self.tr("Choisissez un paquet (.spaudit) à importer."))
        self.details.hide()
        self.result_box.hide()
        self.import_button.setEnabled(False)
        resize_within_screen(self, 680, 520)
        if path is not None:
            self.verify(path)

    # -- verification ------------------------------------------------------------------------

    @Slot()
    def _on_choose_clicked(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Choisir le paquet à importer"),
            self.tr("Paquets d'audit (*.spaudit);;Tous les fichiers (*)"),
        )
        if path is not None:
            self.verify(path)

    def verify(self, path: Path) -> None:
        if self.jobs.running:
            return
        self.path, self.package, self.import_result = path, None, None
        self.file.setText(str(path))
        self.file.setToolTip(str(path))
        self.details.hide()
        self.result_box.hide()
        self.status.setText("")
        self.import_button.setEnabled(False)
        show_banner(self.banner, "", self.tr("Vérification en cours…"))
        self.jobs.run(
            verify_job(path, trusted_fingerprints(self.session.ws)),
            self.tr("Vérification de {0}…").format(path.name),
            self._on_verify_finished, self._on_verify_failed, self._on_verify_cancelled,
        )  # fmt: skip

    def _on_verify_finished(self, outcome: CheckedPackage | Refused) -> None:
        if isinstance(outcome, Refused):
            self._show_refused(outcome.message)
            self.verification_failed.emit(outcome.message)
            return
        self.package = outcome
        self._show_package(outcome)
        self.verification_finished.emit(outcome)

    def _on_verify_failed(self, message: str) -> None:
        self._show_refused(message)
        self.verification_failed.emit(message)

    def _on_verify_cancelled(self) -> None:
        show_banner(self.banner, "", self.tr("Vérification annulée : rien n'a été importé."))
        self.verification_failed.emit("")

    def _show_refused(self, message: str) -> None:
        show_banner(self.banner, "red", self.tr("Paquet refusé : il ne sera pas importé"))
        prefix = f"{self.path.name} : " if self.path is not None else ""
        self.reason.setText(_sentence(core(message.removeprefix(prefix))))
        self.reason.setText(
            self.reason.text()
            + "\n\n"
            + self.tr(
                "Demandez à l'auditeur de renvoyer son paquet : il a pu être abîmé ou modifié "
                "en chemin."
            )
        )
        self._show_rows(False)
        self.level = "red"
        self.details.show()
        self.status.setText(self.tr("Rien n'a changé dans l'espace de travail."))

    def _show_rows(self, shown: bool) -> None:
        """The package's facts: none to show for a package refused."""
        for label in (self.signer, self.fingerprint, self.audit, self.kind, self.created,
                      self.counts):  # fmt: skip
            self.form.setRowVisible(label, shown)

    def _show_package(self, package: CheckedPackage) -> None:
        self._show_rows(True)
        m, signer = package.manifest, package.signer
        if package.trusted:
            self.level = "green"
            show_banner(self.banner, "green", self.tr("Intègre, signé par un membre de l'équipe"))
            self.reason.setText(self.tr("Signature et contenu vérifiés."))
        else:
            self.level = "orange"
            show_banner(self.banner, "orange", self.tr("Intègre, mais signataire hors de l'équipe"))
            self.reason.setText(
                self.tr("Vérifiez l'empreinte ci-dessous avec l'auditeur avant d'importer.")
            )
        who = f"{signer.name} <{signer.email}>"
        self.signer.setText(who + (f" — {signer.organisation}" if signer.organisation else ""))
        self.fingerprint.setText(two_lines(signer.fingerprint))
        self.audit.setText(
            self.tr("{0} — déjà dans cet espace : le paquet y sera fusionné").format(
                m.audit_reference
            )
            if self._audit_here(m.audit_id)
            else self.tr("{0} — nouvel audit pour cet espace").format(m.audit_reference)
        )
        self.kind.setText(kind_label(m.kind))
        self.created.setText(french_time(m.created_at))
        self.counts.setText(contents(package))
        self.details.show()
        self.import_button.setEnabled(True)
        self.import_button.setFocus()

    def _audit_here(self, audit_id: str) -> bool:
        try:
            audit_store.get_audit(self.session.ws, audit_id)
        except StoreError:
            return False
        return True

    # -- merging ---------------------------------------------------------------------------

    @Slot()
    def _on_import_clicked(self) -> None:
        package = self.package
        if package is None or self.jobs.running:
            return
        signer = package.signer
        accept = False
        if signer.fingerprint not in set(trusted_fingerprints(self.session.ws)):
            confirmed = dialogs.confirm(
                self,
                self.tr("Signataire hors de l'équipe"),
                self.tr(
                    "Ce paquet est signé par {0} <{1}>, qui n'est pas dans l'équipe de "
                    "confiance de cet espace.\n\nEmpreinte SHA-256 du certificat :\n{2}\n\n"
                    "Vérifiez cette empreinte avec l'auditeur par téléphone (il la lit dans "
                    "« auditor-app identity show »). Si elle est identique, importer le paquet "
                    "ajoute ce certificat à l'équipe, et c'est noté au journal.\n\n"
                    "Importer le paquet et faire confiance à ce signataire ?"
                ).format(signer.name, signer.email, two_lines(signer.fingerprint)),
            )
            if not confirmed:
                self.status.setText(self.tr("Import abandonné : rien n'a changé."))
                self.import_refused.emit("")
                return
            accept = True
        try:
            with dialogs.busy():
                result = merge_checked(self.session.ws, package, accept_unknown_signer=accept)
        except (PackageError, StoreError, OSError, sqlite3.Error) as exc:
            message = _sentence(core(str(exc)))
            self.status.setText(self.tr("Import refusé : rien n'a changé."))
            dialogs.error(
                self,
                self.tr("Import du paquet impossible"),
                message + "\n\n" + self.tr("L'espace de travail n'a pas été modifié."),
            )
            self.import_refused.emit(message)
            return
        self.import_result = result
        self._reload_views(result)
        self._show_result(result)
        self.import_finished.emit(result)

    def _reload_views(self, result: ImportResult) -> None:
        """Every page shows the merged data: the open audit is reopened (its undo history,
        made before the import, is dropped), on the screen the user was on."""
        if result.already_imported:
            return
        session = self.session
        session.saved.emit(datetime.now().strftime("%H:%M:%S"))
        if session.audit_id == result.audit_id:
            window = self._main_window()
            navigation = getattr(window, "navigation", None)
            row = navigation.currentRow() if navigation is not None else -1
            session.open_audit(result.audit_id)
            go_to = getattr(window, "go_to", None)
            if row >= 0 and callable(go_to):
                go_to(row)
        session.data_changed()

    def _show_result(self, result: ImportResult) -> None:
        self.import_button.setEnabled(False)
        if result.already_imported:
            show_banner(self.banner, "", self.tr("Déjà importé : rien à faire"))
        else:
            show_banner(self.banner, "green", self.tr("Paquet importé"))
        if result.already_imported:
            lines = [_sentence(core(result.describe()))]
        else:
            self.audit.setText(result.audit_reference)
            if self.level == "orange":
                self.reason.setText(
                    self.tr("Signataire confirmé : il fait désormais partie de l'équipe.")
                )
            lines = [
                self.tr("Fusionné dans l'audit {0} :").format(result.audit_reference),
                self.tr("Ajouts : {0}").format(result.added),
                self.tr("Mises à jour : {0}").format(result.changed),
                self.tr("Conflits à arbitrer : {0}").format(result.conflicts),
            ]
            if result.conflicts:
                lines += [
                    "",
                    self.tr(
                        "Les deux versions de chaque conflit sont gardées : arbitrez-les dans "
                        "l'écran « Revue »."
                    ),
                ]
        self.result_text.setText("\n".join(lines))
        self.result_text.setToolTip(core(result.describe()))
        self.review_button.setVisible(bool(result.conflicts) and self._review_available())
        self.result_box.show()
        self.status.setText(self.tr("Une sauvegarde de l'espace a été faite avant l'import."))
        self.close_button.setFocus()

    def _main_window(self) -> QWidget | None:
        parent = self.parentWidget()
        return parent.window() if parent is not None else None

    def _review_available(self) -> bool:
        window = self._main_window()
        return callable(getattr(window, "show_review", None))

    @Slot()
    def _on_review_clicked(self) -> None:
        window = self._main_window()
        show = getattr(window, "show_review", None)
        if self.import_result is not None and callable(show) and show(self.import_result.audit_id):
            self.accept()

    def reject(self) -> None:
        if self.jobs.running:
            self.jobs.cancel()
            return
        super().reject()


# --- the sync settings --------------------------------------------------------------------


class SyncSettingsDialog(QDialog):
    """Outbox, inbox and the WebDAV server, kept in the workspace (``sync.json``)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.saved: SyncSettings | None = None
        self.setWindowTitle(self.tr("Réglages d'envoi"))
        current = read_settings(self, session.ws.root)

        intro = QLabel(
            self.tr(
                "Les paquets passent par des dossiers que votre outil de synchronisation "
                "(dossier partagé, Nextcloud, OneDrive) garde à jour entre les ordinateurs : "
                "l'auditeur dépose son paquet dans sa boîte d'envoi, le responsable le trouve "
                "dans sa boîte de réception. Un serveur WebDAV peut aussi servir d'échange."
            )
        )
        intro.setWordWrap(True)
        self.outbox = QLineEdit(current.outbox)
        self.inbox = QLineEdit(current.inbox)
        self.url = QLineEdit(current.webdav_url)
        self.url.setPlaceholderText(
            self.tr("https://serveur/remote.php/dav/files/utilisateur/Audits/")
        )
        self.user = QLineEdit(current.webdav_user)
        self.outbox_button = QPushButton(self.tr("Parcourir…"))
        self.outbox_button.setAccessibleName(self.tr("Choisir la boîte d'envoi"))
        self.inbox_button = QPushButton(self.tr("Parcourir…"))
        self.inbox_button.setAccessibleName(self.tr("Choisir la boîte de réception"))
        self.outbox_button.clicked.connect(lambda: self._browse(self.outbox))
        self.inbox_button.clicked.connect(lambda: self._browse(self.inbox))

        folders = QGroupBox(self.tr("Dossiers synchronisés"))
        grid = QGridLayout(folders)
        for row, (text, edit, button, name) in enumerate(
            (
                (self.tr("Boîte d'&envoi :"), self.outbox, self.outbox_button,
                 self.tr("Boîte d'envoi (auditeur de terrain)")),
                (self.tr("Boîte de &réception :"), self.inbox, self.inbox_button,
                 self.tr("Boîte de réception (responsable d'audit)")),
            )
        ):  # fmt: skip
            grid.addWidget(with_label(edit, QLabel(text), name), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(button, row, 2)
        server = QGroupBox(self.tr("Serveur d'échange WebDAV (facultatif)"))
        form = QFormLayout(server)
        form.addRow(
            with_label(self.url, QLabel(self.tr("&Adresse du dossier :")),
                        self.tr("Adresse du dossier WebDAV")),
            self.url,
        )  # fmt: skip
        form.addRow(
            with_label(self.user, QLabel(self.tr("&Utilisateur :")),
                        self.tr("Utilisateur du serveur WebDAV")),
            self.user,
        )  # fmt: skip
        note = QLabel(
            self.tr("Le mot de passe n'est jamais enregistré : il est demandé au premier envoi.")
        )
        note.setWordWrap(True)
        form.addRow(note)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("&Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        cancel = buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(folders)
        layout.addWidget(server)
        layout.addStretch(1)
        layout.addWidget(buttons)
        resize_within_screen(self, 640, 420)

    def _browse(self, edit: QLineEdit) -> None:
        folder = dialogs.choose_directory(self, self.tr("Choisir le dossier"))
        if folder is not None:
            edit.setText(str(folder))

    def settings(self) -> SyncSettings:
        return SyncSettings(
            outbox=self.outbox.text().strip(),
            inbox=self.inbox.text().strip(),
            webdav_url=self.url.text().strip(),
            webdav_user=self.user.text().strip(),
        )

    @Slot()
    def save(self) -> bool:
        settings = self.settings()
        if settings.webdav_url:
            from pydantic import ValidationError

            from auditor_app.package.webdav import WebDavConfig

            try:
                config = WebDavConfig(base_url=settings.webdav_url)
            except ValidationError as exc:
                dialogs.error(self, self.tr("Réglages non enregistrés"), validation_message(exc))
                self.url.setFocus()
                return False
            settings = settings.model_copy(update={"webdav_url": config.base_url})
        try:
            save_settings(self.session.ws.root, settings)
        except (StoreError, OSError) as exc:
            dialogs.error(self, self.tr("Réglages non enregistrés"), core(str(exc)))
            return False
        self.saved = settings
        self.accept()
        return True


# --- the team -----------------------------------------------------------------------------


class TeamDialog(QDialog):
    """The certificates the workspace trusts: packages they signed import without question."""

    team_changed = Signal()
    verification_done = Signal()  # a package read to take its signer (tests wait on it)

    NAME, EMAIL, FINGERPRINT = range(3)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Équipe de confiance"))
        self.content = QWidget()
        self.jobs = JobHost(self, self.content)

        intro = QLabel(
            self.tr(
                "Les paquets signés par ces auditeurs s'importent sans question. Un paquet "
                "signé par quelqu'un d'autre demande de vérifier l'empreinte de son certificat."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Nom"), self.tr("Adresse électronique"), self.tr("Empreinte (début)")]
        )
        self.table.setAccessibleName(self.tr("Membres de l'équipe de confiance"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.EMAIL, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.full_fingerprint = _value(self.tr("Empreinte complète"), fixed=True)
        self.source = _value(self.tr("Origine du certificat"))
        details = QFormLayout()
        details.addRow(self.tr("Empreinte :"), self.full_fingerprint)
        details.addRow(self.tr("Ajouté :"), self.source)

        self.add_pem_button = QPushButton(self.tr("Ajouter un &certificat (.pem)…"))
        self.add_package_button = QPushButton(self.tr("Ajouter le signataire d'un &paquet…"))
        self.remove_button = QPushButton(self.tr("&Retirer…"))
        self.remove_button.setAccessibleName(self.tr("Retirer le membre sélectionné"))
        self.add_pem_button.clicked.connect(self._on_add_pem_clicked)
        self.add_package_button.clicked.connect(self._on_add_package_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        row = QHBoxLayout()
        row.addWidget(self.add_pem_button)
        row.addWidget(self.add_package_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de l'équipe"))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(intro)
        inner.addWidget(self.table, 1)
        inner.addLayout(details)
        inner.addLayout(row)
        inner.addWidget(self.status)
        inner.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)
        self.refresh()
        resize_within_screen(self, 760, 460)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def members(self) -> list[dict[str, Any]]:
        return team(self.session.ws)

    def refresh(self, select: str = "") -> None:
        members = self.members()
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            values = (member["name"], member["email"], member["id"][:23] + "…")
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ROLE, member["id"])
                item.setToolTip(member["id"] if column == self.FINGERPRINT else text)
                if column == self.FINGERPRINT:
                    item.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
                self.table.setItem(row, column, item)
            first = self._cell(row, 0)
            first.setData(ROLE + 1, member.get("source") or "")
            first.setData(ROLE + 2, member.get("updated_at") or "")
        self.table.resizeColumnsToContents()
        rows = [r for r, m in enumerate(members) if m["id"] == select]
        if rows:
            self.table.selectRow(rows[0])
        elif members and not self.table.selectedItems():
            self.table.selectRow(0)
        if not members:
            self.status.setText(self.tr("Personne dans l'équipe pour l'instant."))
        self._on_selection_changed()

    def selected(self) -> str:
        items = self.table.selectedItems()
        return str(items[0].data(ROLE)) if items else ""

    @Slot()
    def _on_selection_changed(self) -> None:
        items = self.table.selectedItems()
        self.remove_button.setEnabled(bool(items))
        if not items:
            self.full_fingerprint.setText(self.tr("—"))
            self.source.setText(self.tr("—"))
            return
        first = self._cell(items[0].row(), 0)
        self.full_fingerprint.setText(two_lines(str(first.data(ROLE))))
        when, source = str(first.data(ROLE + 2)), str(first.data(ROLE + 1))
        self.source.setText(", ".join(t for t in (french_time(when), core(source)) if t) or "—")

    def _add(self, pem: str | bytes, source: str) -> None:
        try:
            fingerprint = add_certificate(self.session.ws, pem, source=source)
        except StoreError as exc:
            dialogs.error(self, self.tr("Certificat refusé"), core(str(exc)))
            return
        self.refresh(select=fingerprint)
        name = self._cell(self.table.currentRow(), 0).text() if self.selected() else ""
        self.status.setText(self.tr("{0} fait partie de l'équipe.").format(name or fingerprint))
        self.team_changed.emit()

    @Slot()
    def _on_add_pem_clicked(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Ajouter le certificat d'un auditeur"),
            self.tr("Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)"),
        )
        if path is None:
            return
        try:
            pem = path.read_bytes()
        except OSError as exc:
            dialogs.error(
                self,
                self.tr("Certificat illisible"),
                self.tr("Impossible de lire « {0} » : {1}.").format(path, exc.strerror or exc),
            )
            return
        self._add(pem, path.name)

    @Slot()
    def _on_add_package_clicked(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Ajouter le signataire d'un paquet"),
            self.tr("Paquets d'audit (*.spaudit);;Tous les fichiers (*)"),
        )
        if path is None or self.jobs.running:
            return
        self.jobs.run(
            verify_job(path, []),
            self.tr("Vérification de {0}…").format(path.name),
            lambda outcome: self._on_package_read(path, outcome),
            lambda message: self._on_package_refused(message),
            lambda: self.verification_done.emit(),
        )

    def _on_package_read(self, path: Path, outcome: CheckedPackage | Refused) -> None:
        if isinstance(outcome, Refused):
            self._on_package_refused(outcome.sentence)
            return
        signer = outcome.signer
        if dialogs.confirm(
            self,
            self.tr("Faire confiance à ce signataire ?"),
            self.tr(
                "Le paquet est intègre et signé par {0} <{1}>.\n\nEmpreinte SHA-256 :\n{2}\n\n"
                "Vérifiez cette empreinte avec l'auditeur par téléphone avant de l'ajouter à "
                "l'équipe."
            ).format(signer.name, signer.email, two_lines(signer.fingerprint)),
        ):
            self._add(signer.pem, self.tr("paquet {0}").format(path.name))
        self.verification_done.emit()

    def _on_package_refused(self, message: str) -> None:
        dialogs.error(self, self.tr("Paquet refusé"), core(message))
        self.verification_done.emit()

    @Slot()
    def _on_remove_clicked(self) -> None:
        fingerprint = self.selected()
        if not fingerprint:
            return
        name = self._cell(self.table.currentRow(), 0).text()
        if not dialogs.confirm(
            self,
            self.tr("Retirer de l'équipe"),
            self.tr(
                "Retirer {0} de l'équipe de confiance ?\n\nSes prochains paquets demanderont "
                "de vérifier l'empreinte de son certificat. Ce qui a déjà été importé reste."
            ).format(name),
        ):
            return
        try:
            remove_certificate(self.session.ws, fingerprint)
        except StoreError as exc:
            dialogs.error(self, self.tr("Retrait impossible"), core(str(exc)))
            return
        self.refresh()
        self.status.setText(self.tr("{0} ne fait plus partie de l'équipe.").format(name))
        self.team_changed.emit()

    def reject(self) -> None:
        if self.jobs.running:
            self.jobs.cancel()
            return
        super().reject()


# --- downloading from the server ----------------------------------------------------------


class DownloadDialog(QDialog):
    """The packages on the WebDAV server, to fetch into the inbox (a cut download resumes)."""

    listed = Signal()
    download_finished = Signal(object)  # list[Path]
    download_failed = Signal(str)

    def __init__(
        self,
        session: Session,
        folder: Path,
        settings: SyncSettings,
        config: WebDavConfig,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self.settings = settings
        self.config = config
        self.remote: list[RemoteFile] = []
        self.setWindowTitle(self.tr("Télécharger du serveur"))
        self.content = QWidget()
        self.jobs = JobHost(self, self.content)

        where = QLabel(self.tr("Serveur : {0}\nDestination : {1}").format(config.base_url, folder))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Paquet"), self.tr("Taille"), self.tr("Déposé le"), self.tr("Ici")]
        )
        self.table.setAccessibleName(self.tr("Paquets sur le serveur"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État du téléchargement"))
        buttons = QDialogButtonBox()
        self.refresh_button = buttons.addButton(
            self.tr("&Actualiser"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.download_button = buttons.addButton(
            self.tr("&Télécharger"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.download_button.setDefault(True)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        self.refresh_button.clicked.connect(self.refresh)
        self.download_button.clicked.connect(self._on_download_clicked)
        close.clicked.connect(self.reject)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(where)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.status)
        inner.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)
        self._update()
        resize_within_screen(self, 720, 420)

    @Slot()
    def refresh(self) -> None:
        if self.jobs.running:
            return
        self.status.setText(self.tr("Lecture du dossier du serveur…"))
        self.jobs.run(
            list_job(self.config),
            self.tr("Lecture du dossier du serveur…"),
            self._on_listed, self._on_failed, self._on_cancelled,
        )  # fmt: skip

    def _on_listed(self, outcome: list[RemoteFile] | TransferRefused) -> None:
        if isinstance(outcome, TransferRefused):
            self._on_failed(outcome.sentence, outcome)
            return
        self.remote = outcome
        self.table.setRowCount(len(outcome))
        for row, remote in enumerate(outcome):
            here = (self.folder / remote.name).exists()
            when = (
                remote.modified.astimezone().strftime("%d/%m/%Y %H:%M") if remote.modified else ""
            )
            for column, text in enumerate(
                (remote.name, size_text(remote.size), when, self.tr("✓ déjà là") if here else "")
            ):
                item = QTableWidgetItem(text)
                item.setData(ROLE, remote.name)
                self.table.setItem(row, column, item)
        missing = [r.name for r in outcome if not (self.folder / r.name).exists()]
        self.select(missing)
        self.status.setText(
            self.tr("{0} paquet(s) sur le serveur, {1} pas encore ici.").format(
                len(outcome), len(missing)
            )
            if outcome
            else self.tr("Aucun paquet sur le serveur.")
        )
        self._update()
        self.table.setFocus()
        self.listed.emit()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def selected_names(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [str(self._cell(row, 0).data(ROLE)) for row in rows]

    def select(self, names: list[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.table.rowCount()):
            if self._cell(row, 0).data(ROLE) in names:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    @Slot()
    def _update(self) -> None:
        self.download_button.setEnabled(bool(self.selected_names()))

    @Slot()
    def _on_download_clicked(self) -> None:
        names = self.selected_names()
        if not names or self.jobs.running:
            return
        self.status.setText(self.tr("Téléchargement…"))
        self.jobs.run(
            download_job(self.config, names, self.folder),
            self.tr("Téléchargement…"),
            self._on_downloaded, self._on_failed, self._on_cancelled,
            in_bytes=True,
        )  # fmt: skip

    def _on_downloaded(self, outcome: list[Path] | TransferRefused) -> None:
        if isinstance(outcome, TransferRefused):
            self._on_failed(outcome.sentence, outcome)
            return
        self.status.setText(
            self.tr("{0} paquet(s) téléchargé(s) dans la boîte de réception.").format(len(outcome))
        )
        self.download_finished.emit(outcome)
        self.refresh()

    def _on_failed(self, message: str, refused: TransferRefused | None = None) -> None:
        message = core(message)
        if refused is not None and refused.status == 401:
            forget_password(self.settings)
        if refused is not None and refused.resumable:
            self.status.setText(
                message + "\n" + self.tr("Le téléchargement reprendra là où il s'est arrêté au "
                                         "prochain essai.")
            )  # fmt: skip
        else:
            self.status.setText(message)
            dialogs.error(self, self.tr("Serveur d'échange"), message)
        self.download_failed.emit(message)

    def _on_cancelled(self) -> None:
        self.status.setText(
            self.tr("Téléchargement annulé. Ce qui est déjà arrivé est conservé : il reprendra "
                    "là où il s'est arrêté au prochain essai.")
        )  # fmt: skip
        self.download_failed.emit("")

    def reject(self) -> None:
        if self.jobs.running:
            self.jobs.cancel()
            return
        super().reject()
