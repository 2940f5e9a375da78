"""The report's dialogs: export the audit report (build, then sign) and verify a signed PDF.

The core does the work (:mod:`auditor_app.report`); here are the choices, the progress with
Cancel, the passphrase asked at the last moment and the verdict shown plainly. Both jobs run
on the worker pool; the build opens its own read-only connection to the workspace.
"""

from __future__ import annotations

import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor_app.identity import IdentityError
from auditor_app.report.errors import ReportCancelled, ReportError
from auditor_app.store import audits as audit_store
from auditor_app.store.workspace import StoreError, WorkspaceReader
from ui import dialogs
from ui.i18n import core, current_language, size_text, tr
from ui.screen import resize_within_screen
from ui.session import Session
from ui.widgets.identity_choice import IdentityChoice
from ui.workers import Cancelled, Job, Worker, run_job

if TYPE_CHECKING:
    from auditor_app.report.build import ReportResult
    from auditor_app.report.signing import SignatureInfo, Verification

# Each language under its own name, as language menus show them; French, the reference, first.
REPORT_LANGUAGES = (("fr", "Français"), ("en", "English"))
DEFAULT_BUDGET_MB = 20
# (background, text, mark): fixed pairs that read the same on light and dark palettes,
# the same colours as the matrix; the mark says it for those who do not see the colour.
BANNER_COLOURS = {
    "green": ("#2e7d32", "#ffffff", "✔"),
    "orange": ("#fb8c00", "#000000", "⚠"),
    "red": ("#b71c1c", "#ffffff", "✖"),
}
ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Refused:
    """An expected failure reported by a job: a French message for the user."""

    message: str

    @property
    def sentence(self) -> str:
        """The message in the interface's language, as a sentence."""
        text = core(self.message)
        return text[:1].upper() + text[1:]


# --- jobs (worker threads: no widget, no GUI connection) -----------------------------------


def build_job(
    root: Path,
    audit_id: str,
    out: Path,
    sites: list[str] | None,
    annex: bool,
    budget: int,
    lang: str = "fr",
) -> Job:
    def job(progress: Any, cancelled: Any) -> ReportResult | Refused:
        from auditor_app.report.build import build_report  # reportlab: only when exporting

        try:
            with WorkspaceReader(root) as reader:
                return build_report(
                    reader, audit_id, out, sites=sites, photo_annex=annex,
                    annex_budget_mb=budget, progress=progress, cancelled=cancelled, lang=lang,
                )  # fmt: skip
        except ReportCancelled:
            raise Cancelled from None
        except (ReportError, StoreError) as exc:
            return Refused(str(exc))

    return job


def sign_job(
    unsigned: Path, out: Path, p12: Path, passphrase: bytes, result: ReportResult, lang: str = "fr"
) -> Job:
    def job(progress: Any, cancelled: Any) -> SignatureInfo | Refused:
        from auditor_app.report.signing import SigningError, sign_pdf

        try:
            info = sign_pdf(
                unsigned, out, p12, passphrase,
                page=result.signature_page, box=result.signature_box, lang=lang,
            )  # fmt: skip
        except (IdentityError, SigningError) as exc:
            return Refused(str(exc))  # the unsigned copy stays: retry, or keep it unsigned
        unsigned.unlink(missing_ok=True)
        return info

    return job


def verify_job(pdf: Path, trust: list[Path]) -> Job:
    def job(progress: Any, cancelled: Any) -> Verification | Refused:
        from auditor_app.report.signing import SigningError, verify_pdf

        try:
            return verify_pdf(pdf, trust)
        except SigningError as exc:
            return Refused(str(exc))

    return job


def start(kept: list[Worker], job: Job, *handlers: Any) -> Worker:
    """``run_job``, keeping the worker referenced here until the dialog goes.

    Otherwise its last reference can be dropped in the pool thread when the pool deletes the
    runnable, destroying its signals there while the relay, connected to them, is destroyed in
    the GUI thread: a crash one run in a few.
    """
    worker = run_job(job, *handlers)
    kept.append(worker)
    return worker


def _french_time(moment: datetime) -> str:
    return moment.astimezone().strftime(tr("%d/%m/%Y à %H:%M:%S"))


def _two_lines(fingerprint: str) -> str:
    """A SHA-256 fingerprint (32 pairs) as two lines of 16: it has no space to wrap at."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i : i + 16]) for i in range(0, len(pairs), 16))


def _with_label(widget: QWidget, label: QLabel, name: str) -> QLabel:
    label.setBuddy(widget)
    widget.setAccessibleName(name)
    return label


# --- export ---------------------------------------------------------------------------------


class ExportReportDialog(QDialog):
    """Choose what the report holds and whether it is signed, then build it in a worker."""

    export_finished = Signal(object)  # the written PDF (Path)
    export_cancelled = Signal()
    export_failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit = session.audit()
        self.setWindowTitle(self.tr("Exporter le rapport — {0}").format(self.audit.reference))
        self.job: Worker | None = None
        self._workers: list[Worker] = []
        self.progress: QProgressDialog | None = None
        self.written: Path | None = None
        self._out: Path | None = None
        self._unsigned: Path | None = None
        self._identity: Path | None = None
        self._lang = "fr"
        self._result: ReportResult | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._form_page())
        self.stack.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._on_choices_changed()
        resize_within_screen(self, 560, 640)

    # -- the form ---------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._sites_box(), 1)
        layout.addWidget(self._content_box())
        layout.addWidget(self._signature_box())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de l'export"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(
            self.tr("&Exporter…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.export_button.setToolTip(self.tr("Choisir où enregistrer le PDF, puis le construire"))
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self._on_export_clicked)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _sites_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("&Sites à inclure"))
        self.site_list = QListWidget()
        self.site_list.setAccessibleName(self.tr("Sites à inclure dans le rapport"))
        self.site_list.setAccessibleDescription(
            self.tr("Cochez ou décochez un site avec la barre d'espace")
        )
        for site in audit_store.sites(self.session.ws, self.audit.id):
            item = QListWidgetItem(site.name, self.site_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(ROLE, site.id)
        self.site_list.setCurrentRow(0)
        self.site_list.itemChanged.connect(self._on_choices_changed)
        self.all_button = QPushButton(self.tr("&Tout"))
        self.all_button.setAccessibleName(self.tr("Cocher tous les sites"))
        self.none_button = QPushButton(self.tr("Au&cun"))
        self.none_button.setAccessibleName(self.tr("Décocher tous les sites"))
        self.all_button.clicked.connect(self._on_all_clicked)
        self.none_button.clicked.connect(self._on_none_clicked)
        self.sites_count = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addWidget(self.sites_count, 1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.site_list)
        layout.addLayout(row)
        return box

    def _content_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contenu"))
        self.annex = QCheckBox(self.tr("Annexe de &photos (photos en grand, en fin de rapport)"))
        self.annex.setChecked(True)
        self.annex.setAccessibleName(self.tr("Annexe de photos"))
        self.budget = QSpinBox()
        self.budget.setRange(1, 2000)
        self.budget.setValue(DEFAULT_BUDGET_MB)
        self.budget.setSuffix(self.tr(" Mo"))
        self.budget.setToolTip(
            self.tr("Les photos sont réduites, ou laissées de côté, pour tenir dans cette taille")
        )
        self.language = QComboBox()
        for code, name in REPORT_LANGUAGES:
            self.language.addItem(name, code)
        # The interface's language first: an auditor working in English reports in English.
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.setToolTip(
            self.tr(
                "Nos titres, libellés et phrases sont traduits ; les textes de la grille et les "
                "notes des auditeurs restent tels qu'ils ont été saisis"
            )
        )
        form = QFormLayout(box)
        form.addRow(self.annex)
        form.addRow(
            _with_label(
                self.language, QLabel(self.tr("&Langue du rapport :")), self.tr("Langue du rapport")
            ),
            self.language,
        )
        form.addRow(
            _with_label(
                self.budget,
                QLabel(self.tr("Taille &maximale du PDF :")),
                self.tr("Taille maximale du PDF en mégaoctets"),
            ),
            self.budget,
        )
        return box

    def _signature_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Signature"))
        self.sign = QCheckBox(self.tr("Si&gner le rapport"))
        self.sign.setAccessibleName(self.tr("Signer le rapport"))
        self.identity = IdentityChoice(self.session.ws.root)
        self.sign.setChecked(self.identity.path() is not None)
        self.identity.activated.connect(self._on_choices_changed)
        self.identity.picked.connect(lambda: self.sign.setChecked(True))
        self.sign.toggled.connect(self._on_choices_changed)
        self.sign_hint = QLabel()
        self.sign_hint.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.sign)
        form.addRow(
            _with_label(
                self.identity, QLabel(self.tr("&Identité :")), self.tr("Fichier d'identité")
            ),
            self.identity,
        )
        form.addRow(self.sign_hint)
        return box

    def report_language(self) -> str:
        """The chosen language's code: ``fr`` or ``en``."""
        return str(self.language.currentData())

    def checked_sites(self) -> list[str]:
        items = (self.site_list.item(row) for row in range(self.site_list.count()))
        return [i.data(ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def identity_path(self) -> Path | None:
        return self.identity.path() if self.sign.isChecked() else None

    def _set_all(self, state: Qt.CheckState) -> None:
        for row in range(self.site_list.count()):
            self.site_list.item(row).setCheckState(state)

    @Slot()
    def _on_all_clicked(self) -> None:
        self._set_all(Qt.CheckState.Checked)

    @Slot()
    def _on_none_clicked(self) -> None:
        self._set_all(Qt.CheckState.Unchecked)

    @Slot()
    def _on_choices_changed(self) -> None:
        chosen, total = len(self.checked_sites()), self.site_list.count()
        self.sites_count.setText(
            self.tr("{0} site(s) sur {1}").format(chosen, total)
            if chosen
            else self.tr("Cochez au moins un site.")
        )
        self.identity.setEnabled(self.sign.isChecked())
        if not self.sign.isChecked():
            self.sign_hint.setText(
                self.tr("Le rapport sera enregistré sans signature électronique.")
            )
        elif self.identity_path() is None:
            self.sign_hint.setText(
                self.tr("Choisissez le fichier d'identité (.p12) qui signera le rapport.")
            )
        else:
            self.sign_hint.setText(
                self.tr("La phrase de passe sera demandée une fois la mise en page terminée.")
            )
        ready = chosen > 0 and (not self.sign.isChecked() or self.identity_path() is not None)
        self.export_button.setEnabled(ready)

    # -- building and signing -------------------------------------------------------------

    @Slot()
    def _on_export_clicked(self) -> None:
        suggested = "".join("-" if c in '/\\:*?"<>|' else c for c in self.audit.reference)
        out = dialogs.save_file(
            self,
            self.tr("Enregistrer le rapport"),
            self.tr("{0}-rapport.pdf").format(suggested),
            self.tr("Documents PDF (*.pdf)"),
        )
        if out is None:
            return
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        self.start_export(out)

    def start_export(self, out: Path) -> None:
        sites = self.checked_sites()
        everything = len(sites) == self.site_list.count()
        self._out, self._identity = out, self.identity_path()
        self._lang = self.report_language()  # the stamp is in the language of the report
        self._unsigned = out.with_name(f".{out.name}.{secrets.token_hex(4)}.non-signe.pdf")
        self.status.setText("")
        self._busy(self.tr("Construction du rapport…"), cancellable=True)
        self.job = start(
            self._workers,
            build_job(
                self.session.ws.root, self.audit.id, self._unsigned, None if everything else sites,
                self.annex.isChecked(), self.budget.value(), self._lang,
            ),
            self._on_build_finished, self._on_job_failed,
            self._on_build_progress, self._on_build_cancelled,
        )  # fmt: skip

    def _busy(self, text: str, *, cancellable: bool) -> None:
        self.stack.setEnabled(False)
        dialog = QProgressDialog(text, self.tr("Annuler"), 0, 0, self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.setAccessibleName(self.tr("Progression de l'export"))
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self._on_progress_canceled)
        dialog.rejected.connect(self._on_progress_rejected)  # Escape: hidden, not « canceled »
        dialog.show()
        self.progress = dialog

    def _idle(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_progress_canceled)
            self.progress.rejected.disconnect(self._on_progress_rejected)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.stack.setEnabled(True)

    @Slot(int, int, str)
    def _on_build_progress(self, done: int, total: int, label: str) -> None:
        if self.progress is None or self.progress.wasCanceled():
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        label = core(label)
        self.progress.setLabelText(label if done >= total else self.tr("{0}…").format(label))

    @Slot()
    def _on_progress_canceled(self) -> None:
        if self.job is not None and self._result is None:  # the build; signing is all or nothing
            self.job.cancel()
            self.status.setText(self.tr("Annulation en cours…"))

    @Slot()
    def _on_progress_rejected(self) -> None:
        if self._result is None:
            self._on_progress_canceled()
        elif self.progress is not None:
            self.progress.show()  # signing cannot be stopped half-way: keep saying it runs

    @Slot(object)
    def _on_build_finished(self, outcome: ReportResult | Refused) -> None:
        self._idle()
        if isinstance(outcome, Refused):
            self._fail(outcome.sentence)
            return
        self._result = outcome
        if self._identity is None:
            self._keep_unsigned()
        else:
            self._ask_and_sign()

    @Slot()
    def _on_build_cancelled(self) -> None:
        self._idle()
        self._discard()
        self.status.setText(self.tr("Export annulé : aucun fichier n'a été écrit."))
        self.export_cancelled.emit()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._idle()
        self._fail(message)

    def _fail(self, message: str) -> None:
        self._discard()
        self.status.setText(self.tr("L'export a échoué : aucun fichier n'a été écrit."))
        dialogs.error(self, self.tr("Export du rapport impossible"), core(message))
        self.export_failed.emit(message)

    def _discard(self) -> None:
        if self._unsigned is not None:
            with suppress(OSError):  # its folder is unusable: then no file was left there
                self._unsigned.unlink(missing_ok=True)
        self._result = None

    def _ask_and_sign(self) -> None:
        assert self._identity and self._unsigned and self._out and self._result is not None
        blockers = self._result.blockers
        if blockers and not dialogs.confirm(
            self,
            self.tr("Signer le rapport"),
            self.tr(
                "{0} point(s) bloquent encore la signature (constats incomplets ou non "
                "renseignés : voir la Synthèse). Signer ce rapport quand même ?"
            ).format(blockers),
        ):
            self._offer(self.tr("Signature différée : des points bloquent encore."),
                        critical=False)  # fmt: skip
            return
        passphrase = dialogs.ask_passphrase(
            self,
            self.tr("Signer le rapport"),
            self.tr("Phrase de passe de l'identité « {0} » :").format(self._identity.name),
        )
        if passphrase is None:
            self._offer(self.tr("Aucune phrase de passe saisie."), critical=False)
            return
        self._busy(self.tr("Signature du rapport…"), cancellable=False)
        self.job = start(
            self._workers,
            sign_job(
                self._unsigned, self._out, self._identity, passphrase, self._result, self._lang
            ),
            self._on_sign_finished,
            self._on_job_failed,
        )

    @Slot(object)
    def _on_sign_finished(self, outcome: SignatureInfo | Refused) -> None:
        self._idle()
        if isinstance(outcome, Refused):
            self._offer(self.tr("La signature a échoué : {0}.").format(core(outcome.message)))
        else:
            self._done(outcome)

    def _offer(self, problem: str, *, critical: bool = True) -> None:
        """The report is built but not signed: try again, keep it unsigned, or give up."""
        answer = dialogs.choose(
            self,
            self.tr("Signature du rapport"),
            problem + "\n\n" + self.tr("Le rapport est prêt, mais il n'est pas signé."),
            [
                self.tr("Réessayer"),
                self.tr("Enregistrer sans signature"),
                self.tr("Abandonner l'export"),
            ],
            critical=critical,
        )
        if answer == 0:
            self._ask_and_sign()
        elif answer == 1:
            self._keep_unsigned()
        else:
            self._discard()
            self.status.setText(self.tr("Export abandonné : aucun fichier n'a été écrit."))
            self.export_cancelled.emit()

    def _keep_unsigned(self) -> None:
        assert self._unsigned is not None and self._out is not None
        try:
            self._unsigned.replace(self._out)
        except OSError as exc:
            self._fail(
                self.tr("Impossible d'enregistrer « {0} » : {1}.").format(
                    self._out, exc.strerror or exc
                )
            )
            return
        self._done(None)

    # -- the end ------------------------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.done_title = QLabel()
        font = self.done_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.done_title.setFont(font)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_text.setAccessibleName(self.tr("Rapport enregistré"))
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warning_list = QListWidget()
        self.warning_list.setWordWrap(True)
        self.warning_list.setAccessibleName(self.tr("Avertissements de l'export"))
        _with_label(self.warning_list, self.warnings_label, self.tr("Avertissements de l'export"))
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("&Ouvrir le PDF"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setDefault(True)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.clicked.connect(self._on_open_clicked)
        close.clicked.connect(self.accept)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addSpacing(8)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warning_list, 100)
        layout.addStretch(1)  # holds the text at the top when there is no warning list
        layout.addWidget(buttons)
        return page

    def _done(self, signature: SignatureInfo | None) -> None:
        result, out = self._result, self._out
        assert result is not None and out is not None
        self.written, self._result = out, None
        size = out.stat().st_size if out.exists() else result.size
        lines = [
            str(out),
            self.tr("{0} pages, {1}.").format(
                result.pages,
                size_text(size),
            ),
        ]
        if signature is None:
            self.done_title.setText(self.tr("Rapport enregistré, non signé"))
        else:
            self.done_title.setText(self.tr("Rapport signé et enregistré"))
            signer = signature.signer
            lines.append("")
            lines.append(
                self.tr("Signé par {0} (empreinte {1})").format(
                    signer.name, signer.short_fingerprint
                )
                + (
                    self.tr(" le {0}.").format(_french_time(signature.signed_at))
                    if signature.signed_at
                    else "."
                )
            )
            lines.append(
                self.tr(
                    "Pour le contrôler : menu Rapport, « Vérifier un PDF signé… », avec le "
                    "certificat (.pem) du signataire."
                )
            )
        self.done_text.setText("\n".join(lines))
        self.warning_list.clear()
        for warning in result.warnings:
            text = core(warning)
            item = QListWidgetItem(text, self.warning_list)
            item.setToolTip(text)
        self.warning_list.setVisible(bool(result.warnings))
        self.warnings_label.setText(
            self.tr("À vérifier dans le rapport ({0}) :").format(len(result.warnings))
            if result.warnings
            else self.tr("Aucun avertissement : toutes les photos ont été reproduites.")
        )
        self.stack.setCurrentIndex(1)
        self.open_button.setFocus()
        self.export_finished.emit(out)

    @Slot()
    def _on_open_clicked(self) -> None:
        if self.written is not None and not dialogs.open_externally(self.written):
            dialogs.warning(
                self,
                self.tr("Ouvrir le PDF"),
                self.tr(
                    "Aucune application n'a pu ouvrir « {0} ». Ouvrez-le depuis le "
                    "gestionnaire de fichiers."
                ).format(self.written),
            )

    def reject(self) -> None:
        if self.job is not None:  # the build is cancelled; signing is short and all or nothing
            self._on_progress_canceled()
            return
        super().reject()


# --- verification -------------------------------------------------------------------------


class VerifyPdfDialog(QDialog):
    """Check any signed PDF offline, against trusted certificates the user adds."""

    verification_finished = Signal(object)  # Verification
    verification_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vérifier un PDF signé"))
        self.job: Worker | None = None
        self._workers: list[Worker] = []
        self.pdf: Path | None = None
        self.level = ""

        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("Aucun fichier choisi"))
        self.choose_button = QPushButton(self.tr("Choisir un &PDF…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.trust = QListWidget()
        self.trust.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("&Ajouter…"))
        self.add_button.setAccessibleName(self.tr("Ajouter des certificats de confiance"))
        self.remove_button = QPushButton(self.tr("&Retirer"))
        self.remove_button.setAccessibleName(self.tr("Retirer le certificat sélectionné"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.trust.currentRowChanged.connect(self._update_buttons)
        hint = QLabel(
            self.tr(
                "Sans certificat de confiance, une signature intacte reste « signataire non "
                "vérifié ». Ajoutez le certificat (.pem) de l'auditeur ou de l'organisme qui "
                "l'a délivré."
            )
        )
        hint.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(
            _with_label(self.path, QLabel(self.tr("&Document :")), self.tr("Document PDF")), 0, 0
        )
        grid.addWidget(self.path, 0, 1)
        grid.addWidget(self.choose_button, 0, 2)
        grid.addWidget(
            _with_label(
                self.trust,
                QLabel(self.tr("Certificats de &confiance :")),
                self.tr("Certificats de confiance"),
            ),
            1, 0, Qt.AlignmentFlag.AlignTop,
        )  # fmt: skip
        grid.addWidget(self.trust, 1, 1)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        grid.addLayout(side, 1, 2)
        grid.addWidget(hint, 2, 1, 1, 2)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(64)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAccessibleName(self.tr("Résultat de la vérification"))
        font = self.banner.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.banner.setFont(font)

        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.summary = self._value(self.tr("Résumé"))
        self.signer = self._value(self.tr("Signataire"))
        self.fingerprint = self._value(self.tr("Empreinte SHA-256"))
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.signed_at = self._value(self.tr("Signé le"))
        self.technical = self._value(self.tr("Détails techniques"))
        for text, value in (
            (self.tr("Résumé :"), self.summary),
            (self.tr("Signataire :"), self.signer),
            (self.tr("Empreinte :"), self.fingerprint),
            (self.tr("Signé le :"), self.signed_at),
            (self.tr("Détails :"), self.technical),
        ):
            form.addRow(text, value)

        buttons = QDialogButtonBox()
        self.verify_button = buttons.addButton(
            self.tr("&Vérifier"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        self.verify_button.clicked.connect(self.verify)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.banner)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._show_banner("", self.tr("Choisissez un PDF à vérifier."))
        self.details.hide()
        self._update_buttons()
        resize_within_screen(self, 640, 520)

    def _value(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        return label

    def trusted(self) -> list[Path]:
        return [Path(self.trust.item(row).data(ROLE)) for row in range(self.trust.count())]

    @Slot()
    def _update_buttons(self) -> None:
        idle = self.job is None
        for button in (self.choose_button, self.add_button):
            button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.trust.currentRow() >= 0)
        self.verify_button.setEnabled(idle and self.pdf is not None)

    @Slot()
    def _on_choose_clicked(self) -> None:
        path = dialogs.open_file(
            self, self.tr("Choisir le PDF à vérifier"), self.tr("Documents PDF (*.pdf)")
        )
        if path is not None:
            self.pdf = path
            self.path.setText(str(path))
            self.path.setToolTip(str(path))
            self.verify()

    @Slot()
    def _on_add_clicked(self) -> None:
        paths = dialogs.open_files(
            self,
            self.tr("Ajouter des certificats de confiance"),
            self.tr("Certificats (*.pem *.crt *.cer *.der);;Tous les fichiers (*)"),
        )
        known = set(self.trusted())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(path.name, self.trust)
                item.setData(ROLE, str(path))
                item.setToolTip(str(path))
        if paths:
            self.trust.setCurrentRow(self.trust.count() - 1)
            self._reverify()

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.trust.currentRow()
        if row >= 0:
            self.trust.takeItem(row)
            self._update_buttons()
            self._reverify()

    def _reverify(self) -> None:
        if self.pdf is not None:
            self.verify()

    @Slot()
    def verify(self) -> None:
        if self.pdf is None or self.job is not None:
            return
        self.details.hide()
        self._show_banner("", self.tr("Vérification en cours…"))
        self.job = start(
            self._workers,
            verify_job(self.pdf, self.trusted()),
            self._on_verify_finished,
            self._on_verify_failed,
        )
        self._update_buttons()

    @Slot(object)
    def _on_verify_finished(self, outcome: Verification | Refused) -> None:
        self.job = None
        self._update_buttons()
        if isinstance(outcome, Refused):
            self._on_verify_failed(outcome.sentence)
            return
        self.show_verification(outcome)
        self.verification_finished.emit(outcome)

    @Slot(str)
    def _on_verify_failed(self, message: str) -> None:
        self.job = None
        self._update_buttons()
        self._show_banner("", self.tr("Vérification impossible."))
        dialogs.error(self, self.tr("Vérification impossible"), core(message))
        self.verification_failed.emit(message)

    def show_verification(self, result: Verification) -> None:
        titles = {
            "green": self.tr("Signature valide et de confiance"),
            "orange": self.tr("Intacte, signataire non vérifié"),
            "red": self.tr("Document modifié ou non signé"),
        }
        self._show_banner(result.level, titles[result.level])
        summary = core(result.summary)
        self.banner.setAccessibleDescription(summary)
        self.summary.setText(summary)
        self.signer.setText(result.signer_name or self.tr("—"))
        self.fingerprint.setText(_two_lines(result.signer_fingerprint) or self.tr("—"))
        self.signed_at.setText(
            self.tr("{0} (heure déclarée par le signataire)").format(
                _french_time(result.signing_time)
            )
            if result.signing_time
            else self.tr("—")
        )
        self.technical.setText("\n".join(core(d) for d in result.details) or self.tr("—"))
        self.details.show()

    def _show_banner(self, level: str, text: str) -> None:
        self.level = level
        if level in BANNER_COLOURS:
            background, ink, mark = BANNER_COLOURS[level]
            self.banner.setText(f"{mark}  {text}")
            self.banner.setStyleSheet(
                f"QLabel {{ background-color: {background}; color: {ink}; "
                "border-radius: 6px; padding: 12px; }"
            )
        else:
            self.banner.setText(text)
            self.banner.setStyleSheet(
                "QLabel { border: 1px solid palette(mid); border-radius: 6px; padding: 12px; }"
            )

    def reject(self) -> None:
        if self.job is None:  # a verification takes a second: let it report first
            super().reject()
