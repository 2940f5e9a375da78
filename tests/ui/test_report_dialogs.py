"""The report dialogs: export (sites, annex, signature asked last, Cancel) and verification."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from auditor_app.demo import DEMO_REFERENCE
from auditor_app.identity import (
    Identity,
    create_identity,
    export_certificate_pem,
    identities_dir,
)
from auditor_app.report.build import build_report, read_embedded_data
from auditor_app.report.signing import sign_pdf, verify_pdf
from auditor_app.store import audits
from auditor_app.store.workspace import Workspace
from tests.core.test_report_support import pdf_text
from tests.core.test_signing import _signature_widgets
from tests.ui.conftest import DialogRecorder
from ui.report_dialogs import ExportReportDialog, VerifyPdfDialog
from ui.session import Session

PASS = b"phrase de passe 2026"
TIMEOUT = 60_000


@dataclass
class ReportDialogs:
    """The dialogs this feature adds to ui.dialogs, answered as told."""

    passphrases: list[bytes | None] = field(default_factory=list)
    choices: list[int | None] = field(default_factory=list)
    asked: list[tuple[str, list[str]]] = field(default_factory=list)  # label, folder at the time
    offered: list[tuple[str, list[str], bool]] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)


@pytest.fixture(autouse=True)
def report_dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ReportDialogs:
    from ui import dialogs as module

    answers = ReportDialogs()

    def ask_passphrase(parent: Any, title: str, label: str) -> bytes | None:
        folder = tmp_path / "out"
        answers.asked.append((label, sorted(p.name for p in folder.iterdir())))
        return answers.passphrases.pop(0)

    def choose(
        parent: Any, title: str, text: str, choices: Sequence[str], *, critical: bool = False
    ) -> int | None:
        answers.offered.append((text, list(choices), critical))
        return answers.choices.pop(0)

    def open_externally(path: Path) -> bool:
        answers.opened.append(path)
        return True

    monkeypatch.setattr(module, "ask_passphrase", ask_passphrase)
    monkeypatch.setattr(module, "choose", choose)
    monkeypatch.setattr(module, "open_externally", open_externally)
    return answers


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def make_identity(folder: Path) -> tuple[Identity, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    p12 = folder / "claire.p12"
    ident = create_identity("Claire Martin", "claire@example.fr", "Qualicert", p12, PASS)
    pem = export_certificate_pem(ident, folder.parent / "claire.pem")
    return ident, p12, pem


def shot(widget: QWidget, name: str) -> None:
    """A screenshot for a person to look at, when SHOTS_DIR says where (off by default)."""
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"report_{name}.png"))


def export(qtbot: Any, dialog: ExportReportDialog, dialogs: DialogRecorder, out: Path) -> str:
    """Click « Exporter… », answer the file dialog with ``out``; wait for the end."""
    ended: list[str] = []
    dialog.export_finished.connect(lambda _path: ended.append("finished"))
    dialog.export_cancelled.connect(lambda: ended.append("cancelled"))
    dialog.export_failed.connect(lambda _message: ended.append("failed"))
    dialogs.save_path = out
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ended) and dialog.job is None, timeout=TIMEOUT)
    return ended[0]


def open_dialog(qtbot: Any, session: Session) -> ExportReportDialog:
    dialog = ExportReportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# --- export ---------------------------------------------------------------------------------


def test_export_unsigned_holds_only_the_chosen_sites(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
) -> None:
    dialog = open_dialog(qtbot, session)
    sites = audits.sites(session.ws, session.audit_id or "")
    assert dialog.site_list.count() == len(sites) == 21
    assert dialog.checked_sites() == [s.id for s in sites]
    assert dialog.sites_count.text() == "21 site(s) sur 21"
    assert dialog.budget.value() == 20 and dialog.annex.isChecked()
    assert not dialog.sign.isChecked() and not dialog.identity.isEnabled()  # no identity yet
    shot(dialog, "export")

    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert not dialog.export_button.isEnabled()
    assert dialog.sites_count.text() == "Cochez au moins un site."
    # Keyboard: the space bar ticks the current site.
    dialog.site_list.setFocus()
    for row in (0, 1):
        dialog.site_list.setCurrentRow(row)
        qtbot.keyClick(dialog.site_list, Qt.Key.Key_Space)
    assert dialog.checked_sites() == [sites[0].id, sites[1].id]
    dialog.annex.setChecked(False)
    # A photo of a non-conformity at Metz has gone missing: the report says so, and here too.
    (sha,) = session.ws.conn.execute(
        "SELECT e.blob_sha256 FROM evidence e JOIN findings f ON f.id = e.finding_id "
        "WHERE f.site_id = ? AND f.verdict = 'nc_mineure' LIMIT 1",
        (sites[1].id,),
    ).fetchone()
    session.ws.blobs.path(sha).unlink()

    out = out_dir / "rapport.pdf"
    assert export(qtbot, dialog, dialogs, out) == "finished"
    assert sorted(out_dir.iterdir()) == [out]  # no temporary file left beside it
    assert out.read_bytes()[:5] == b"%PDF-"
    assert len(PdfReader(str(out)).pages) > 10
    text = pdf_text(out)
    assert "2 site(s) retenu(s) sur 21" in text
    assert sites[1].name in text and sites[4].name not in text  # Colmar left out
    assert "Annexe A – Photos" not in text
    assert read_embedded_data(out)["site_selection"] == [sites[0].id, sites[1].id]
    assert report_dialogs.asked == []  # never a passphrase for an unsigned report

    assert dialog.stack.currentIndex() == 1
    assert dialog.done_title.text() == "Rapport enregistré, non signé"
    assert str(out) in dialog.done_text.text()
    warnings = [dialog.warning_list.item(i).text() for i in range(dialog.warning_list.count())]
    assert len(warnings) == 1 and "remplacée par un cadre" in warnings[0]
    assert dialog.warnings_label.text() == "À vérifier dans le rapport (1) :"
    shot(dialog, "export_done")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert report_dialogs.opened == [out]
    assert dialogs.shown == []


def test_export_signed_verifies_green_and_asks_the_passphrase_last(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
    tmp_path: Path,
) -> None:
    ident, p12, pem = make_identity(tmp_path / "ids")
    dialog = open_dialog(qtbot, session)
    assert dialog.identity.currentIndex() == -1  # only « Autre fichier… »
    # Keyboard: Down on the identity list reaches « Autre fichier… », which asks for the file.
    dialogs.files = [p12]
    dialog.sign.setChecked(True)
    assert not dialog.export_button.isEnabled()  # signing, but with which identity?
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    assert dialog.identity_path() == p12 and dialog.identity.currentText() == "claire.p12"
    assert dialog.export_button.isEnabled()
    dialog.annex.setChecked(False)

    report_dialogs.passphrases = [PASS]
    out = out_dir / "DEMO-VDR-2026-rapport.pdf"
    assert export(qtbot, dialog, dialogs, out) == "finished"
    # Asked once the build was done: the unsigned copy was there, the report not yet.
    ((label, folder_then),) = report_dialogs.asked
    assert "claire.p12" in label
    assert out.name not in folder_then and len(folder_then) == 1
    assert folder_then[0].endswith(".non-signe.pdf")
    assert sorted(out_dir.iterdir()) == [out]

    verdict = verify_pdf(out, trust=[pem])
    assert verdict.level == "green", verdict.summary
    assert verdict.signer_fingerprint == ident.fingerprint
    assert dialog.done_title.text() == "Rapport signé et enregistré"
    assert ident.short_fingerprint in dialog.done_text.text()
    # The demo audit is not finished: signing it anyway was asked, and answered yes.
    ((kind, _, question),) = dialogs.shown
    assert kind == "confirm" and question.startswith("309 point(s) bloquent encore la signature")
    assert report_dialogs.offered == []


@pytest.mark.parametrize("answer", ["abandon", "retry", "unsigned"])
def test_wrong_passphrase_shows_the_error_and_offers_a_way_out(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
    answer: str,
) -> None:
    _, p12, _ = make_identity(identities_dir(session.ws.root))
    dialog = open_dialog(qtbot, session)
    # An identity of the workspace is offered first, and signing is then the default.
    assert dialog.sign.isChecked() and dialog.identity_path() == p12
    dialog.site_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.annex.setChecked(False)

    report_dialogs.passphrases = [b"mauvaise"] + ([PASS] if answer == "retry" else [])
    report_dialogs.choices = [{"retry": 0, "unsigned": 1, "abandon": 2}[answer]]
    out = out_dir / "rapport.pdf"
    ended = export(qtbot, dialog, dialogs, out)

    ((text, choices, critical),) = report_dialogs.offered
    assert "phrase de passe incorrecte" in text and critical
    assert choices == ["Réessayer", "Enregistrer sans signature", "Abandonner l'export"]
    if answer == "abandon":
        assert ended == "cancelled"
        assert list(out_dir.iterdir()) == []  # neither a signed nor an unsigned file
        assert "aucun fichier" in dialog.status.text()
    elif answer == "retry":
        assert ended == "finished" and len(report_dialogs.asked) == 2
        assert sorted(out_dir.iterdir()) == [out]
        assert verify_pdf(out).level == "orange"  # signed; no trust list given here
    else:
        assert ended == "finished"
        assert sorted(out_dir.iterdir()) == [out]
        assert verify_pdf(out).summary == "Le document n'est pas signé"
        assert dialog.done_title.text() == "Rapport enregistré, non signé"


def test_an_audit_with_blocking_points_is_not_signed_unless_the_auditor_says_so(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
) -> None:
    make_identity(identities_dir(session.ws.root))
    dialog = open_dialog(qtbot, session)
    dialog.annex.setChecked(False)
    dialogs.confirm_answer = False  # « Signer ce rapport quand même ? » → No
    report_dialogs.choices = [1]  # then: keep it unsigned
    out = out_dir / "rapport.pdf"
    assert export(qtbot, dialog, dialogs, out) == "finished"
    assert report_dialogs.asked == []  # no passphrase was asked
    ((text, _, critical),) = report_dialogs.offered
    assert "des points bloquent encore" in text and not critical
    assert verify_pdf(out).summary == "Le document n'est pas signé"


@pytest.mark.parametrize("how", ["button", "escape", "escape on the progress"])
def test_cancel_during_the_build_leaves_no_file(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
    how: str,
) -> None:
    dialog = open_dialog(qtbot, session)
    ended: list[str] = []
    dialog.export_cancelled.connect(lambda: ended.append("cancelled"))
    dialog.export_finished.connect(lambda _path: ended.append("finished"))
    dialogs.save_path = out_dir / "rapport.pdf"
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    progress = dialog.progress
    assert progress is not None and progress.isVisible() and not dialog.stack.isEnabled()
    if how == "button":
        cancel = progress.findChild(QPushButton)
        assert cancel.text() == "Annuler"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    elif how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        qtbot.keyClick(progress, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(ended), timeout=TIMEOUT)
    assert ended == ["cancelled"]
    assert list(out_dir.iterdir()) == []
    assert dialog.status.text() == "Export annulé : aucun fichier n'a été écrit."
    assert dialog.stack.isEnabled() and dialog.progress is None and dialog.isVisible()
    assert report_dialogs.asked == [] and dialogs.shown == []


def test_an_unwritable_destination_is_said_plainly(
    qtbot: Any, session: Session, dialogs: DialogRecorder, out_dir: Path
) -> None:
    dialog = open_dialog(qtbot, session)
    blocker = out_dir / "fichier"
    blocker.write_text("pas un dossier")
    assert export(qtbot, dialog, dialogs, blocker / "rapport.pdf") == "failed"
    ((kind, title, text),) = dialogs.shown
    assert kind == "error" and title == "Export du rapport impossible"
    assert "Impossible d'écrire le rapport" in text
    assert sorted(out_dir.iterdir()) == [blocker]


# --- verification ---------------------------------------------------------------------------


def verify(qtbot: Any, dialog: VerifyPdfDialog, button: QPushButton) -> str:
    with qtbot.waitSignal(dialog.verification_finished, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    return dialog.level


def test_verify_dialog_shows_green_orange_and_red(
    qtbot: Any, session: Session, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    ident, p12, pem = make_identity(tmp_path / "ids")
    site = audits.sites(session.ws, session.audit_id or "")[1]
    result = build_report(
        session.ws, session.audit_id or "", tmp_path / "brut.pdf", sites=[site.id],
        photo_annex=False,
    )  # fmt: skip
    signed = tmp_path / "signe.pdf"
    sign_pdf(result.path, signed, p12, PASS, page=result.signature_page, box=result.signature_box)
    tampered = tmp_path / "modifie.pdf"
    data = bytearray(signed.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))

    dialog = VerifyPdfDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.verify_button.isEnabled() and dialog.details.isHidden()
    assert dialog.trusted() == []  # no trusted certificate by default

    dialogs.files = [signed]
    assert verify(qtbot, dialog, dialog.choose_button) == "orange"
    assert dialog.banner.text().endswith("Intacte, signataire non vérifié")
    assert dialog.signer.text() == "Claire Martin"
    assert dialog.fingerprint.text().replace("\n", ":") == ident.fingerprint
    assert "heure déclarée" in dialog.signed_at.text()
    shot(dialog, "verify_orange")

    dialogs.files = [pem]
    assert verify(qtbot, dialog, dialog.add_button) == "green"
    assert dialog.trusted() == [pem]
    assert dialog.banner.text().endswith("Signature valide et de confiance")
    assert "signataire de confiance" in dialog.summary.text()
    shot(dialog, "verify_green")

    dialogs.files = [tampered]
    assert verify(qtbot, dialog, dialog.choose_button) == "red"
    assert dialog.banner.text().endswith("Document modifié ou non signé")
    shot(dialog, "verify_red")

    dialogs.files = [result.path]  # never signed
    assert verify(qtbot, dialog, dialog.choose_button) == "red"
    assert dialog.summary.text() == "Le document n'est pas signé"

    dialog.trust.setCurrentRow(0)
    dialogs.files = [signed]
    assert verify(qtbot, dialog, dialog.choose_button) == "green"
    assert verify(qtbot, dialog, dialog.remove_button) == "orange"
    assert dialog.trusted() == [] and dialogs.shown == []


def test_verify_dialog_refuses_a_file_that_is_no_certificate(
    qtbot: Any, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    pdf = tmp_path / "rien.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    not_a_cert = tmp_path / "note.pem"
    not_a_cert.write_text("bonjour")
    dialog = VerifyPdfDialog()
    qtbot.addWidget(dialog)
    dialogs.files = [not_a_cert]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # no PDF yet: nothing runs
    assert dialog.job is None
    dialogs.files = [pdf]
    with qtbot.waitSignal(dialog.verification_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    ((kind, _, text),) = dialogs.shown
    assert kind == "error" and "n'est pas un certificat" in text
    assert dialog.banner.text() == "Vérification impossible." and dialog.level == ""


# --- the menu -------------------------------------------------------------------------------


def test_report_menu_opens_both_dialogs(qtbot: Any, demo_workspace: Workspace) -> None:
    from ui.main_window import MainWindow

    session = Session(demo_workspace)
    window = MainWindow(session)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Rapport")
    export_action, verify_action = menu.actions()
    assert export_action.text() == "&Exporter le rapport…"
    assert export_action.shortcut().toString() == "Ctrl+E"
    assert not export_action.isEnabled() and verify_action.isEnabled()  # no audit open yet
    session.open_audit(audits.find_audit(demo_workspace, DEMO_REFERENCE).id)
    assert export_action.isEnabled()
    assert verify_action.text() == "&Vérifier un PDF signé…"

    export_action.trigger()
    export_dialog = window.findChild(ExportReportDialog)
    assert export_dialog is not None and export_dialog.isVisible()
    export_dialog.reject()
    verify_action.trigger()
    verify_dialog = window.findChild(VerifyPdfDialog)
    assert verify_dialog is not None and verify_dialog.isVisible()
    verify_dialog.reject()


def test_export_in_english_builds_and_stamps_in_english(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    report_dialogs: ReportDialogs,
    out_dir: Path,
) -> None:
    make_identity(identities_dir(session.ws.root))
    dialog = open_dialog(qtbot, session)
    assert dialog.language.currentText() == "Français" and dialog.report_language() == "fr"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language.currentText() == "English"
    for row in range(2, dialog.site_list.count()):
        dialog.site_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.annex.setChecked(False)

    report_dialogs.passphrases = [PASS]
    out = out_dir / "report.pdf"
    assert export(qtbot, dialog, dialogs, out) == "finished"
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "en-GB"
    text = pdf_text(out)
    assert "2 site(s) selected out of 21" in text and "2.1 Results by engagement" in text
    assert verify_pdf(out).signed
    (widget,) = _signature_widgets(out, result_page(out))
    assert b"(Signed electronically by) Tj" in widget["/AP"]["/N"].get_object().get_data()
    assert dialog.done_title.text() == "Rapport signé et enregistré"  # the interface stays French


def result_page(pdf: Path) -> int:
    """The page (0-based) whose text starts the signatures section."""
    pages = PdfReader(str(pdf)).pages
    return next(i for i, page in enumerate(pages) if "7. Signatures" in page.extract_text())
