"""The package dialogs: send (outbox, save as, server), import (trusted, unknown signer,
tampered, conflicts), the sync settings and the trusted team."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from auditor_app.audit.verdicts import Verdict
from auditor_app.demo import DEMO_REFERENCE
from auditor_app.identity import identities_dir
from auditor_app.package import sync
from auditor_app.package.merge import team
from auditor_app.package.reader import read_package
from auditor_app.package.sync import SyncSettings, load_settings, save_settings
from auditor_app.store import audits
from auditor_app.store import findings as finding_store
from auditor_app.store.workspace import Workspace
from tests.core.packages import PASS, Member, dump, member, trust_all
from tests.core.test_webdav import PASSWORD, USER, DavServer, dav  # noqa: F401
from tests.ui.conftest import DialogRecorder
from ui import package_dialogs
from ui.package_dialogs import (
    ImportPackageDialog,
    SendPackageDialog,
    SyncSettingsDialog,
    TeamDialog,
)
from ui.session import Session

TIMEOUT = 30_000


# --- helpers shared with the inbox's tests -------------------------------------------------


@dataclass
class PackageDialogs:
    """The dialogs of ui.dialogs this feature uses beyond the common ones, answered as told."""

    passphrases: list[bytes | None] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    folders: list[Path | None] = field(default_factory=list)
    choices: list[int | None] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)


@pytest.fixture(autouse=True)
def package_answers(monkeypatch: pytest.MonkeyPatch) -> PackageDialogs:
    from ui import dialogs as module

    answers = PackageDialogs()

    def ask_passphrase(parent: Any, title: str, label: str) -> bytes | None:
        answers.asked.append(label)
        return answers.passphrases.pop(0)

    def choose(
        parent: Any, title: str, text: str, choices: Sequence[str], *, critical: bool = False
    ) -> int | None:
        return answers.choices.pop(0)

    def open_externally(path: Path) -> bool:
        answers.opened.append(path)
        return True

    monkeypatch.setattr(module, "ask_passphrase", ask_passphrase)
    monkeypatch.setattr(module, "choose", choose)
    monkeypatch.setattr(module, "open_externally", open_externally)
    monkeypatch.setattr(module, "choose_directory", lambda *a, **k: answers.folders.pop(0))
    monkeypatch.setattr(package_dialogs, "_PASSWORDS", {})  # no password known between tests
    return answers


@dataclass
class Auditor:
    """A team member with a copy of the demo workspace and an identity."""

    member: Member
    p12: Path

    def open(self) -> Workspace:
        return self.member.open()

    @property
    def fingerprint(self) -> str:
        return self.member.identity.identity.fingerprint

    def answer(self, verdicts: dict[str, Verdict]) -> None:
        with self.open() as ws:
            for fid, verdict in verdicts.items():
                finding_store.update_finding(ws, fid, verdict=verdict)

    def package(self, out: Path, kind: str = "field") -> Path:
        from auditor_app.package.writer import export_package

        with self.open() as ws:
            audit_id = audits.find_audit(ws, DEMO_REFERENCE).id
            export_package(ws, audit_id, out, self.member.identity, kind=kind)
        return out


def auditor(demo_template: Path, tmp: Path, name: str) -> Auditor:
    folder = tmp / "auditeurs"
    folder.mkdir(exist_ok=True)
    m = member(folder, name)
    shutil.copytree(demo_template, m.root, ignore=shutil.ignore_patterns(".lock*"))
    return Auditor(m, folder / f"{name.split()[0].lower().replace('é', 'e')}.p12")


def unanswered(ws: Workspace, count: int) -> list[str]:
    audit_id = audits.find_audit(ws, DEMO_REFERENCE).id
    return [f.id for f in finding_store.findings(ws, audit_id) if f.verdict is None][:count]


def verdicts_of(ws: Workspace, fids: list[str]) -> list[Verdict | None]:
    return [finding_store.get_finding(ws, fid).verdict for fid in fids]


def flipped(good: Path, out: Path) -> Path:
    """A copy of ``good`` with one byte changed in the middle of its largest photo."""
    import zipfile

    with zipfile.ZipFile(good) as zf:
        photo = max((i for i in zf.infolist() if i.filename.startswith("blobs/")),
                    key=lambda i: i.file_size)  # fmt: skip
    data = bytearray(good.read_bytes())
    # Stored, not compressed: the bytes follow the local header, name and extra field.
    start = photo.header_offset + 30 + len(photo.filename.encode()) + len(photo.extra)
    data[start + photo.file_size // 2] ^= 0x01
    out.write_bytes(bytes(data))
    return out


@pytest.fixture
def bruno(demo_template: Path, tmp_path: Path) -> Auditor:
    return auditor(demo_template, tmp_path, "Bruno Lefèvre")


@pytest.fixture
def outbox(tmp_path: Path, demo_workspace: Workspace) -> Path:
    folder = tmp_path / "boite-envoi"
    folder.mkdir()
    save_settings(demo_workspace.root, SyncSettings(outbox=str(folder)))
    return folder


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- sending --------------------------------------------------------------------------------


def open_send(qtbot: Any, session: Session) -> SendPackageDialog:
    dialog = SendPackageDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def send(qtbot: Any, dialog: SendPackageDialog) -> str:
    ended: list[str] = []
    dialog.send_finished.connect(lambda _path: ended.append("finished"))
    dialog.send_cancelled.connect(lambda: ended.append("cancelled"))
    dialog.send_failed.connect(lambda _message: ended.append("failed"))
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: bool(ended) and not dialog.jobs.running, timeout=TIMEOUT)
    return ended[0]


def test_send_writes_into_the_outbox_a_package_the_lead_accepts(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    outbox: Path,
) -> None:
    stored = identities_dir(session.ws.root) / "bruno.p12"
    stored.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(bruno.p12, stored)
    dialog = open_send(qtbot, session)
    assert dialog.identity_path() == stored  # the workspace's identity comes first
    assert dialog.to_outbox.isChecked() and str(outbox) in dialog.to_outbox.text()
    assert dialog.field_kind.isChecked() and dialog.kind() == "field"
    assert not dialog.report_button.isEnabled()
    assert dialog.upload_box.isHidden()

    package_answers.passphrases = [PASS]
    assert send(qtbot, dialog) == "finished"
    (written,) = outbox.iterdir()
    assert written == dialog.written and written.name.startswith("DEMO-VDR-2026-Claire-Martin-")
    package = read_package(written, [bruno.fingerprint])
    assert package.trusted and package.manifest.kind == "field"
    assert package.manifest.audit_reference == DEMO_REFERENCE
    assert package.manifest.counts["findings"] == 859
    assert "bruno.p12" in package_answers.asked[0]
    assert dialog.stack.currentIndex() == 1
    assert dialog.done_title.text() == "Paquet déposé dans la boîte d'envoi"
    assert str(written) in dialog.done_text.text()
    assert "outil de synchronisation" in dialog.done_text.text()
    assert "Signé par Bruno Lefèvre (empreinte " in dialog.done_text.text()
    assert dialog.upload_box.isHidden()  # no server set
    assert QSettings().value(package_dialogs.IDENTITY_SETTING) == str(stored)
    click(qtbot, dialog.folder_button)
    assert package_answers.opened == [outbox]
    assert dialogs.shown == []


def test_send_a_review_package_with_its_report_under_another_name(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    tmp_path: Path,
) -> None:
    report = tmp_path / "rapport signé.pdf"
    report.write_bytes(b"%PDF-1.7\n% un rapport\n%%EOF\n")
    dialog = open_send(qtbot, session)
    assert dialog.identity.currentIndex() == -1  # no identity known yet
    assert not dialog.to_outbox.isEnabled() and dialog.save_as.isChecked()  # no outbox set
    assert "Aucune boîte d'envoi" in dialog.outbox_hint.text()
    assert not dialog.send_button.isEnabled()
    # Keyboard: Down on the identity list reaches « Autre fichier… », which asks for it.
    dialogs.files = [bruno.p12]
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    assert dialog.identity_path() == bruno.p12 and dialog.send_button.isEnabled()
    dialog.review_kind.setChecked(True)
    dialogs.files = [report]
    dialog.attach.setChecked(True)  # asks for the file at once
    assert dialog.report() == report and dialog.report_button.isEnabled()

    package_answers.passphrases = [PASS]
    dialogs.save_path = tmp_path / "sortie" / "reponse"
    (tmp_path / "sortie").mkdir()
    assert send(qtbot, dialog) == "finished"
    out = tmp_path / "sortie" / "reponse.spaudit"
    assert dialog.written == out and sorted((tmp_path / "sortie").iterdir()) == [out]
    package = read_package(out)
    assert package.manifest.kind == "review" and not package.trusted
    assert package.report_entry == "report/rapport-sign.pdf"
    assert dialog.done_title.text() == "Paquet enregistré"
    assert "Paquet de revue" in dialog.done_text.text()
    assert QSettings().value(package_dialogs.IDENTITY_SETTING) == str(bruno.p12)
    # The next time, the identity used last is offered first.
    assert open_send(qtbot, session).identity_path() == bruno.p12


def test_a_wrong_passphrase_is_said_and_nothing_is_written(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    outbox: Path,
) -> None:
    dialog = open_send(qtbot, session)
    dialogs.files = [bruno.p12]
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    package_answers.passphrases = [b"mauvaise"]
    ended: list[str] = []
    dialog.send_failed.connect(ended.append)
    click(qtbot, dialog.send_button)
    assert ended and dialog.jobs.worker is None  # refused before any work started
    ((kind, title, text),) = dialogs.shown
    assert kind == "error" and title == "Signature impossible"
    assert text == "Phrase de passe incorrecte pour « bruno.p12 »."
    assert dialog.status.text() == "Aucun paquet n'a été écrit."
    assert list(outbox.iterdir()) == [] and dialog.stack.currentIndex() == 0
    assert QSettings().value(package_dialogs.IDENTITY_SETTING) is None
    # Cancelling the passphrase writes nothing either.
    package_answers.passphrases = [None]
    click(qtbot, dialog.send_button)
    assert dialog.status.text() == "Envoi annulé : aucun paquet n'a été écrit."
    assert list(outbox.iterdir()) == []


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_while_writing_leaves_no_file(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    outbox: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    real_submit = sync.submit
    writing = threading.Event()

    def slow_submit(*args: Any, cancelled: Any, **kwargs: Any) -> Path:
        writing.set()
        for _ in range(1000):  # until the user cancels (10 s at most)
            if cancelled():
                break
            threading.Event().wait(0.01)
        return real_submit(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(sync, "submit", slow_submit)
    dialog = open_send(qtbot, session)
    dialogs.files = [bruno.p12]
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    package_answers.passphrases = [PASS]
    ended: list[str] = []
    dialog.send_cancelled.connect(lambda: ended.append("cancelled"))
    dialog.send_finished.connect(lambda _path: ended.append("finished"))
    click(qtbot, dialog.send_button)
    progress = dialog.jobs.progress
    assert progress is not None and progress.isVisible() and not dialog.stack.isEnabled()
    qtbot.waitUntil(writing.is_set, timeout=TIMEOUT)
    if how == "button":
        cancel = progress.findChild(QPushButton)
        assert cancel.text() == "Annuler"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(ended), timeout=TIMEOUT)
    assert ended == ["cancelled"]
    assert list(outbox.iterdir()) == []  # no package, no temporary file
    assert dialog.status.text() == "Envoi annulé : aucun paquet n'a été écrit."
    assert dialog.stack.isEnabled() and dialog.jobs.progress is None and dialog.isVisible()
    assert dialogs.shown == []


def test_send_also_to_the_server_resumes_after_a_cut(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    outbox: Path,
    dav: DavServer,  # noqa: F811
) -> None:
    save_settings(
        session.ws.root,
        SyncSettings(outbox=str(outbox), webdav_url=dav.config.base_url, webdav_user=USER),
    )
    dialog = open_send(qtbot, session)
    dialogs.files = [bruno.p12]
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    package_answers.passphrases = [PASS, PASSWORD.encode()]
    assert send(qtbot, dialog) == "finished"
    assert dialog.upload_box.isVisible() and dialog.focusWidget() is dialog.upload_button
    written = dialog.written
    assert written is not None

    ended: list[str] = []
    dialog.upload_finished.connect(lambda _remote: ended.append("finished"))
    dialog.upload_failed.connect(lambda _message: ended.append("failed"))
    dav.proxy.cut_after("up", 300_000)  # the train enters a tunnel
    click(qtbot, dialog.upload_button)
    qtbot.waitUntil(lambda: bool(ended) and not dialog.jobs.running, timeout=TIMEOUT)
    assert ended == ["failed"] and dav.proxy.cuts == 1
    assert "reprendra là où il s'est arrêté" in dialog.upload_status.text()
    assert dialog.upload_button.text() == "&Reprendre l'envoi au serveur"
    assert dialogs.shown == []  # said on the dialog, not in a box
    assert package_answers.asked[1] == "Mot de passe de « claire » sur le serveur :"

    ended.clear()
    click(qtbot, dialog.upload_button)  # the password is remembered for this run of the app
    qtbot.waitUntil(lambda: bool(ended) and not dialog.jobs.running, timeout=TIMEOUT)
    assert ended == ["finished"] and len(package_answers.asked) == 2
    assert (dav.folder / f"{written.name}.index.json").is_file()
    assert "Paquet envoyé au serveur" in dialog.upload_status.text()
    assert not dialog.upload_button.isEnabled()


def test_a_refused_server_password_is_asked_again(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    bruno: Auditor,
    outbox: Path,
    dav: DavServer,  # noqa: F811
) -> None:
    save_settings(
        session.ws.root,
        SyncSettings(outbox=str(outbox), webdav_url=dav.config.base_url, webdav_user=USER),
    )
    dialog = open_send(qtbot, session)
    dialogs.files = [bruno.p12]
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Down)
    package_answers.passphrases = [PASS, b"faux", PASSWORD.encode()]
    assert send(qtbot, dialog) == "finished"
    ended: list[str] = []
    dialog.upload_finished.connect(lambda _remote: ended.append("finished"))
    dialog.upload_failed.connect(lambda _message: ended.append("failed"))
    click(qtbot, dialog.upload_button)
    qtbot.waitUntil(lambda: bool(ended) and not dialog.jobs.running, timeout=TIMEOUT)
    assert ended == ["failed"] and "Identifiants refusés" in dialog.upload_status.text()
    assert dialog.upload_button.text() == "Envoyer aussi au &serveur"  # not resumable
    ended.clear()
    click(qtbot, dialog.upload_button)
    qtbot.waitUntil(lambda: bool(ended) and not dialog.jobs.running, timeout=TIMEOUT)
    assert ended == ["finished"] and len(package_answers.asked) == 3


# --- importing ------------------------------------------------------------------------------


def open_import(qtbot: Any, session: Session, parent: Any = None) -> ImportPackageDialog:
    dialog = ImportPackageDialog(session, parent)
    if parent is None:
        qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def verify(qtbot: Any, dialog: ImportPackageDialog, dialogs: DialogRecorder, path: Path) -> str:
    done: list[object] = []
    dialog.verification_finished.connect(done.append)
    dialog.verification_failed.connect(done.append)
    dialogs.files = [path]
    click(qtbot, dialog.choose_button)
    qtbot.waitUntil(lambda: bool(done) and not dialog.jobs.running, timeout=TIMEOUT)
    return dialog.level


def test_import_of_a_trusted_package_brings_the_auditors_verdicts(
    qtbot: Any, session: Session, dialogs: DialogRecorder, bruno: Auditor, tmp_path: Path
) -> None:
    with bruno.open() as ws:
        fids = unanswered(ws, 3)
    verdicts = (Verdict.CONFORME, Verdict.NC_MINEURE, Verdict.POINT_FORT)
    bruno.answer(dict(zip(fids, verdicts, strict=True)))
    package = bruno.package(tmp_path / "bruno.spaudit")
    trust_all(session.ws, bruno.member)
    assert verdicts_of(session.ws, fids) == [None, None, None]

    dialog = open_import(qtbot, session)
    assert not dialog.import_button.isEnabled() and dialog.details.isHidden()
    assert verify(qtbot, dialog, dialogs, package) == "green"
    assert dialog.banner.text() == "✔  Intègre, signé par un membre de l'équipe"
    assert dialog.signer.text() == "Bruno Lefèvre <bruno@example.fr> — Certif"
    assert dialog.fingerprint.text().replace("\n", ":") == bruno.fingerprint
    assert dialog.audit.text() == "DEMO-VDR-2026 — déjà dans cet espace : le paquet y sera fusionné"
    assert dialog.kind.text() == "Paquet de terrain"
    assert dialog.counts.text().startswith("859 constats, 39 pièces, ")
    assert dialog.import_button.isEnabled() and dialog.focusWidget() is dialog.import_button

    results: list[Any] = []
    dialog.import_finished.connect(results.append)
    click(qtbot, dialog.import_button)
    (result,) = results
    assert result.changed == 3 and result.conflicts == 0
    assert verdicts_of(session.ws, fids) == [
        Verdict.CONFORME, Verdict.NC_MINEURE, Verdict.POINT_FORT,
    ]  # fmt: skip
    assert dialog.banner.text() == "✔  Paquet importé"
    text = dialog.result_text.text()
    assert text.startswith("Fusionné dans l'audit DEMO-VDR-2026 :")
    assert "Mises à jour : 3" in text and "Conflits à arbitrer : 0" in text
    assert dialog.audit.text() == "DEMO-VDR-2026"
    assert dialog.review_button.isHidden() and not dialog.import_button.isEnabled()
    assert [kind for kind, _, _ in dialogs.shown] == []  # a trusted signer: no question

    # The same package again: nothing to do, and it says so.
    assert verify(qtbot, dialog, dialogs, package) == "green"
    click(qtbot, dialog.import_button)
    assert results[1].already_imported
    assert dialog.banner.text() == "Déjà importé : rien à faire"


@pytest.mark.parametrize("confirmed", [False, True])
def test_an_unknown_signer_needs_an_explicit_confirmation(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    bruno: Auditor,
    tmp_path: Path,
    confirmed: bool,
) -> None:
    with bruno.open() as ws:
        fids = unanswered(ws, 2)
    bruno.answer(dict.fromkeys(fids, Verdict.POINT_SENSIBLE))
    package = bruno.package(tmp_path / "bruno.spaudit")
    before = dump(session.ws.root)
    dialog = open_import(qtbot, session)
    assert verify(qtbot, dialog, dialogs, package) == "orange"
    assert dialog.banner.text() == "⚠  Intègre, mais signataire hors de l'équipe"
    assert "Vérifiez l'empreinte" in dialog.reason.text()

    dialogs.confirm_answer = confirmed
    outcome: list[str] = []
    dialog.import_finished.connect(lambda _result: outcome.append("imported"))
    dialog.import_refused.connect(lambda _message: outcome.append("refused"))
    click(qtbot, dialog.import_button)
    ((kind, title, text),) = dialogs.shown
    assert kind == "confirm" and title == "Signataire hors de l'équipe"
    assert "Vérifiez cette empreinte avec l'auditeur par téléphone" in text
    assert bruno.fingerprint[:47] in text and bruno.fingerprint[48:] in text  # the whole of it
    if not confirmed:
        assert outcome == ["refused"]
        assert dialog.status.text() == "Import abandonné : rien n'a changé."
        assert dump(session.ws.root) == before
        assert team(session.ws) == []
        assert dialog.import_button.isEnabled()  # still possible once the fingerprint is checked
    else:
        assert outcome == ["imported"]
        assert [m["id"] for m in team(session.ws)] == [bruno.fingerprint]
        assert verdicts_of(session.ws, fids) == [Verdict.POINT_SENSIBLE] * 2
        assert dialog.reason.text() == (
            "Signataire confirmé : il fait désormais partie de l'équipe."
        )


def test_a_tampered_package_is_refused_in_red_and_changes_nothing(
    qtbot: Any, session: Session, dialogs: DialogRecorder, bruno: Auditor, tmp_path: Path
) -> None:
    trust_all(session.ws, bruno.member)
    tampered = flipped(bruno.package(tmp_path / "bruno.spaudit"), tmp_path / "modifie.spaudit")
    before = dump(session.ws.root)
    dialog = open_import(qtbot, session)
    assert verify(qtbot, dialog, dialogs, tampered) == "red"
    assert dialog.banner.text() == "✖  Paquet refusé : il ne sera pas importé"
    reason = dialog.reason.text()
    assert reason and not reason.lower().startswith("modifie.spaudit")  # the file is named above
    assert "différente du manifeste" in reason, reason
    assert "renvoyer son paquet" in reason
    assert dialog.signer.isHidden() and dialog.fingerprint.isHidden()  # nothing to trust there
    assert not dialog.import_button.isEnabled()
    assert dialog.status.text() == "Rien n'a changé dans l'espace de travail."
    assert dump(session.ws.root) == before and dialogs.shown == []


def test_the_verification_can_be_cancelled(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    bruno: Auditor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_read = package_dialogs.read_package
    reading = threading.Event()

    def slow_read(path: Path, trusted: Any, *, progress: Any, cancelled: Any) -> Any:
        reading.set()
        progress(1, 4, "Vérification des fichiers")
        for _ in range(1000):
            if cancelled():
                break
            threading.Event().wait(0.01)
        return real_read(path, trusted, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(package_dialogs, "read_package", slow_read)
    package = bruno.package(tmp_path / "bruno.spaudit")
    dialog = open_import(qtbot, session)
    ended: list[object] = []
    dialog.verification_failed.connect(ended.append)
    dialogs.files = [package]
    click(qtbot, dialog.choose_button)
    qtbot.waitUntil(reading.is_set, timeout=TIMEOUT)
    progress = dialog.jobs.progress
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: progress.labelText() == "Vérification des fichiers")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(ended), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.jobs.progress is None
    assert dialog.banner.text() == "Vérification annulée : rien n'a été importé."
    assert not dialog.import_button.isEnabled() and dialogs.shown == []


def test_a_package_that_cannot_merge_is_said_and_nothing_changes(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    bruno: Auditor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from auditor_app.package.reader import PackageError

    trust_all(session.ws, bruno.member)
    package = bruno.package(tmp_path / "bruno.spaudit")
    dialog = open_import(qtbot, session)
    assert verify(qtbot, dialog, dialogs, package) == "green"
    before = dump(session.ws.root)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise PackageError("bruno.spaudit : autre version de la grille : import refusé.")

    monkeypatch.setattr(package_dialogs, "merge_checked", refuse)
    click(qtbot, dialog.import_button)
    ((kind, title, text),) = dialogs.shown
    assert kind == "error" and title == "Import du paquet impossible"
    assert "autre version de la grille" in text and "n'a pas été modifié" in text
    assert dialog.status.text() == "Import refusé : rien n'a changé."
    assert dump(session.ws.root) == before


def test_conflicts_point_to_the_review_screen(
    qtbot: Any, demo_workspace: Workspace, dialogs: DialogRecorder, bruno: Auditor, tmp_path: Path
) -> None:
    from ui.main_window import REVIEW, MainWindow

    session = Session(demo_workspace)
    window = MainWindow(session)
    qtbot.addWidget(window)
    with bruno.open() as ws:
        (fid,) = unanswered(ws, 1)
    bruno.answer({fid: Verdict.NC_MAJEURE})
    package = bruno.package(tmp_path / "bruno.spaudit")
    finding_store.update_finding(demo_workspace, fid, verdict=Verdict.CONFORME)  # here too
    trust_all(demo_workspace, bruno.member)

    dialog = open_import(qtbot, session, window)
    assert verify(qtbot, dialog, dialogs, package) == "green"
    assert "nouvel audit" not in dialog.audit.text()
    click(qtbot, dialog.import_button)
    assert dialog.import_result is not None and dialog.import_result.conflicts == 1
    assert "Conflits à arbitrer : 1" in dialog.result_text.text()
    assert "« Revue »" in dialog.result_text.text()
    click(qtbot, dialog.review_button)  # opens the audit, then the review screen
    assert session.audit_id == dialog.import_result.audit_id
    assert window.navigation.currentRow() == REVIEW
    assert not dialog.isVisible()


# --- settings -----------------------------------------------------------------------------


def test_settings_round_trip_and_refusals(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,
    tmp_path: Path,
) -> None:
    out_folder, in_folder = tmp_path / "envoi", tmp_path / "reception"
    out_folder.mkdir()
    in_folder.mkdir()
    dialog = SyncSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.outbox.text() == dialog.inbox.text() == dialog.url.text() == ""
    package_answers.folders = [out_folder, None, in_folder]
    click(qtbot, dialog.outbox_button)
    click(qtbot, dialog.inbox_button)  # cancelled: nothing changes
    assert dialog.inbox.text() == ""
    click(qtbot, dialog.inbox_button)
    dialog.url.setText("https://nuage.example.fr/remote.php/dav/files/claire/Audits")
    dialog.user.setText("claire")
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted and dialogs.shown == []
    assert load_settings(session.ws.root) == SyncSettings(
        outbox=str(out_folder), inbox=str(in_folder),
        webdav_url="https://nuage.example.fr/remote.php/dav/files/claire/Audits/",
        webdav_user="claire",
    )  # fmt: skip

    again = SyncSettingsDialog(session)
    qtbot.addWidget(again)
    assert again.outbox.text() == str(out_folder) and again.user.text() == "claire"
    assert again.url.text().endswith("/Audits/")
    again.show()
    again.outbox.setText(str(tmp_path / "nulle-part"))
    click(qtbot, again.save_button)
    ((kind, title, text),) = dialogs.shown
    assert kind == "error" and title == "Réglages non enregistrés"
    assert text == f"Dossier de boîte d'envoi introuvable : {tmp_path / 'nulle-part'}"
    assert again.isVisible()  # still there, to correct it
    again.outbox.setText(str(out_folder))
    again.url.setText("ftp://nuage.example.fr/audits")
    click(qtbot, again.save_button)
    assert dialogs.shown[1][2] == (
        "L'adresse du dossier WebDAV doit commencer par https:// (ou http://)."
    )
    assert load_settings(session.ws.root).webdav_url.startswith("https://")  # unchanged


# --- the team -----------------------------------------------------------------------------


def test_team_add_from_a_certificate_and_a_package_then_remove(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    demo_template: Path,
    bruno: Auditor,
    tmp_path: Path,
) -> None:
    chloe = auditor(demo_template, tmp_path, "Chloé Durand")
    pem = tmp_path / "bruno.pem"
    pem.write_text(bruno.member.pem)
    dialog = TeamDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0 and not dialog.remove_button.isEnabled()
    assert dialog.status.text() == "Personne dans l'équipe pour l'instant."

    changed: list[bool] = []
    dialog.team_changed.connect(lambda: changed.append(True))
    dialogs.files = [pem]
    click(qtbot, dialog.add_pem_button)
    assert [m["id"] for m in team(session.ws)] == [bruno.fingerprint]
    assert dialog.table.item(0, 0).text() == "Bruno Lefèvre"
    assert dialog.table.item(0, 1).text() == "bruno@example.fr"
    assert dialog.full_fingerprint.text().replace("\n", ":") == bruno.fingerprint
    assert dialog.status.text() == "Bruno Lefèvre fait partie de l'équipe."

    dialogs.files = [chloe.package(tmp_path / "chloe.spaudit")]
    with qtbot.waitSignal(dialog.verification_done, timeout=TIMEOUT):
        click(qtbot, dialog.add_package_button)
    ((kind, _, text),) = dialogs.shown
    assert kind == "confirm" and "Vérifiez cette empreinte" in text
    assert chloe.fingerprint[:47] in text
    assert sorted(m["name"] for m in team(session.ws)) == ["Bruno Lefèvre", "Chloé Durand"]
    assert dialog.selected() == chloe.fingerprint and "paquet chloe.spaudit" in dialog.source.text()

    dialogs.files = [tmp_path / "bruno.spaudit"]
    (tmp_path / "bruno.spaudit").write_bytes(b"pas un zip")
    with qtbot.waitSignal(dialog.verification_done, timeout=TIMEOUT):
        click(qtbot, dialog.add_package_button)
    assert dialogs.shown[-1][:2] == ("error", "Paquet refusé")
    assert "zip tronqué" in dialogs.shown[-1][2]

    dialogs.files = [tmp_path / "bruno.spaudit"]  # not a certificate either
    click(qtbot, dialog.add_pem_button)
    assert dialogs.shown[-1][:2] == ("error", "Certificat refusé")

    dialogs.confirm_answer = False
    click(qtbot, dialog.remove_button)
    assert len(team(session.ws)) == 2
    dialogs.confirm_answer = True
    click(qtbot, dialog.remove_button)
    assert "Retirer Chloé Durand de l'équipe de confiance ?" in dialogs.shown[-1][2]
    assert [m["name"] for m in team(session.ws)] == ["Bruno Lefèvre"]
    assert dialog.table.rowCount() == 1
    assert dialog.status.text() == "Chloé Durand ne fait plus partie de l'équipe."
    assert len(changed) == 3


# --- every dialog, every control: a name ----------------------------------------------


def test_every_control_of_the_package_dialogs_has_a_name(
    qtbot: Any, session: Session, tmp_path: Path
) -> None:
    from auditor_app.package.webdav import WebDavConfig
    from tests.ui.test_accessibility import unnamed_controls
    from ui.package_dialogs import DownloadDialog

    config = WebDavConfig(base_url="https://nuage.example.fr/audits/")
    for dialog in (
        SendPackageDialog(session),
        ImportPackageDialog(session),
        SyncSettingsDialog(session),
        TeamDialog(session),
        DownloadDialog(session, tmp_path, SyncSettings(), config),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__


# --- the menu -----------------------------------------------------------------------------


def test_file_menu_opens_the_package_dialogs(qtbot: Any, demo_workspace: Workspace) -> None:
    from ui.main_window import MainWindow

    session = Session(demo_workspace)
    window = MainWindow(session)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Fichier")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Envoyer le paquet…", "&Importer un paquet…", "&Réglages d'envoi…",
        "É&quipe de confiance…", "&Langue – Language", "&Quitter",
    ]  # fmt: skip
    send_action = window.send_package_action
    assert send_action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.import_package_action.shortcut().toString() == "Ctrl+Shift+I"
    assert not send_action.isEnabled()  # no audit open yet
    assert window.import_package_action.isEnabled() and window.team_action.isEnabled()
    session.open_audit(audits.find_audit(demo_workspace, DEMO_REFERENCE).id)
    assert send_action.isEnabled()
    for action, kind in (
        (send_action, SendPackageDialog),
        (window.import_package_action, ImportPackageDialog),
        (window.sync_settings_action, SyncSettingsDialog),
        (window.team_action, TeamDialog),
    ):
        action.trigger()
        dialog = window.findChild(kind)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
