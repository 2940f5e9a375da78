"""The lead's inbox: each package's state in colour, import from the list, the folder
watched, and packages downloaded from the WebDAV server."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from auditor_app.audit.verdicts import Verdict
from auditor_app.demo import DEMO_REFERENCE
from auditor_app.package.merge import import_package
from auditor_app.package.sync import SyncSettings, load_settings, save_settings
from auditor_app.package.webdav import upload
from auditor_app.store.workspace import Workspace
from tests.core.packages import trust_all
from tests.core.test_webdav import PASSWORD, USER, DavServer, dav  # noqa: F401
from tests.ui.conftest import DialogRecorder
from tests.ui.test_package_dialogs import (  # noqa: F401
    Auditor,
    PackageDialogs,
    auditor,
    bruno,
    click,
    flipped,
    package_answers,
    unanswered,
    verdicts_of,
)
from ui.pages.inbox import STATE_COLOURS, InboxModel, InboxPage
from ui.session import Session

TIMEOUT = 30_000


@pytest.fixture
def inbox(tmp_path: Path, demo_workspace: Workspace) -> Path:
    folder = tmp_path / "boite-reception"
    folder.mkdir()
    save_settings(demo_workspace.root, SyncSettings(inbox=str(folder)))
    return folder


def open_page(qtbot: Any, session: Session) -> InboxPage:
    page = InboxPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        page.activate()
    return page


def rescan(qtbot: Any, page: InboxPage) -> None:
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        click(qtbot, page.refresh_button)


def rows(page: InboxPage) -> dict[str, tuple[str, str, str]]:
    """File name → (state, text of the state column, detail)."""
    model = page.model
    out = {}
    for row in range(model.rowCount()):
        name = model.index(row, InboxModel.FILE).data()
        out[name] = (
            model.index(row, 0).data(Qt.ItemDataRole.UserRole),
            model.index(row, InboxModel.STATE).data(),
            model.index(row, InboxModel.REASON).data(),
        )
    return out


def select(page: InboxPage, name: str) -> None:
    model = page.model
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 1).data() == name]
    page.table.selectRow(row)


def test_inbox_lists_each_state_in_its_colour(
    qtbot: Any,
    qtmodeltester: Any,
    session: Session,
    demo_template: Path,
    bruno: Auditor,  # noqa: F811
    inbox: Path,
    tmp_path: Path,
) -> None:
    chloe = auditor(demo_template, tmp_path, "Chloé Durand")
    trust_all(session.ws, bruno.member)
    bruno.package(inbox / "a-bruno.spaudit")
    chloe.package(inbox / "b-chloe.spaudit")
    flipped(bruno.package(tmp_path / "x.spaudit"), inbox / "c-modifie.spaudit")
    done = bruno.package(inbox / "d-deja.spaudit")
    import_package(session.ws, done, before_merge=lambda: None)
    (inbox / "e-en-cours.spaudit.part").write_bytes(b"...")  # a download under way: not listed

    page = open_page(qtbot, session)
    qtmodeltester.check(page.model)
    assert page.path.text() == str(inbox)
    listed = rows(page)
    assert sorted(listed) == [
        "a-bruno.spaudit", "b-chloe.spaudit", "c-modifie.spaudit", "d-deja.spaudit",
    ]  # fmt: skip
    assert listed["a-bruno.spaudit"][:2] == ("trusted", "✔ De confiance")
    assert listed["b-chloe.spaudit"][:2] == ("unknown", "⚠ Signataire inconnu")
    assert listed["c-modifie.spaudit"][:2] == ("invalid", "✖ Invalide")
    assert listed["d-deja.spaudit"][:2] == ("imported", "✓ Déjà importé")
    reason = listed["c-modifie.spaudit"][2]
    assert "différente du manifeste" in reason, reason
    model = page.model
    for row in range(model.rowCount()):
        state = model.index(row, 0).data(Qt.ItemDataRole.UserRole)
        cell = model.index(row, InboxModel.STATE)
        background = cell.data(Qt.ItemDataRole.BackgroundRole).color()
        ink = cell.data(Qt.ItemDataRole.ForegroundRole).color()
        assert (background, ink) == tuple(QColor(c) for c in STATE_COLOURS[state][:2])
        # Only the state column is coloured: the rest follows the palette.
        assert model.index(row, InboxModel.SIGNER).data(Qt.ItemDataRole.BackgroundRole) is None
    by_name = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    row = by_name["b-chloe.spaudit"]
    assert model.index(row, InboxModel.SIGNER).data() == "Chloé Durand"
    assert model.index(row, InboxModel.AUDIT).data() == DEMO_REFERENCE
    assert model.index(row, InboxModel.KIND).data() == "Terrain"
    assert model.index(row, InboxModel.SIZE).data().endswith(" Ko")
    assert chloe.fingerprint in model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert page.summary.text() == (
        "4 paquet(s) : 1 de confiance, 1 de signataire inconnu, 1 invalide(s), 1 déjà importé(s)."
    )
    for name, importable in (("a-bruno.spaudit", True), ("b-chloe.spaudit", True),
                             ("c-modifie.spaudit", False), ("d-deja.spaudit", False)):  # fmt: skip
        select(page, name)
        assert page.import_button.isEnabled() is importable, name
    assert page.download_button.isHidden()  # no server set


def test_import_from_the_inbox_turns_the_package_grey(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    bruno: Auditor,  # noqa: F811
    inbox: Path,
) -> None:
    with bruno.open() as ws:
        fids = unanswered(ws, 2)
    bruno.answer(dict.fromkeys(fids, Verdict.NC_MINEURE))
    trust_all(session.ws, bruno.member)
    bruno.package(inbox / "bruno.spaudit")
    page = open_page(qtbot, session)
    assert rows(page)["bruno.spaudit"][0] == "trusted"
    select(page, "bruno.spaudit")
    click(qtbot, page.import_button)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.level == "green" and not dialog.jobs.running, timeout=TIMEOUT)
    assert dialog.file.text() == str(inbox / "bruno.spaudit")
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        click(qtbot, dialog.import_button)
    assert verdicts_of(session.ws, fids) == [Verdict.NC_MINEURE] * 2
    assert rows(page)["bruno.spaudit"][:2] == ("imported", "✓ Déjà importé")
    assert not page.import_button.isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: page.import_dialog is None)
    # Enter on an importable row opens the import too.
    bruno.package(inbox / "encore.spaudit")
    rescan(qtbot, page)
    select(page, "encore.spaudit")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.import_dialog is not None
    page.import_dialog.reject()
    assert dialogs.shown == []


def test_a_package_arriving_in_the_folder_is_listed_without_asking(
    qtbot: Any,
    session: Session,
    bruno: Auditor,  # noqa: F811
    inbox: Path,
    tmp_path: Path,
) -> None:
    page = open_page(qtbot, session)
    assert page.model.rowCount() == 0
    assert page.summary.text() == "Aucun paquet dans la boîte de réception."
    made = bruno.package(tmp_path / "bruno.spaudit")
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        shutil.copy(made, inbox / ".bruno.spaudit.tmp")  # a sync tool writes, then renames
        (inbox / ".bruno.spaudit.tmp").rename(inbox / "bruno.spaudit")
    assert rows(page)["bruno.spaudit"][0] == "unknown"
    assert page.table.currentIndex().row() == 0 and page.import_button.isEnabled()
    (inbox / "bruno.spaudit").unlink()
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        qtbot.keyClick(page.table, Qt.Key.Key_F5)  # or when the watcher sees it: once
    assert page.model.rowCount() == 0 and not page.import_button.isEnabled()


def test_the_inbox_folder_is_chosen_and_kept(
    qtbot: Any,
    session: Session,
    package_answers: PackageDialogs,  # noqa: F811
    bruno: Auditor,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = open_page(qtbot, session)
    assert page.folder is None and page.path.text() == ""
    assert page.summary.text() == "Choisissez le dossier où arrivent les paquets de l'équipe."
    assert not page.refresh_button.isEnabled() and not page.import_button.isEnabled()
    folder = tmp_path / "partage"
    folder.mkdir()
    bruno.package(folder / "bruno.spaudit")
    package_answers.folders = [folder]
    with qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT):
        click(qtbot, page.folder_button)
    assert load_settings(session.ws.root).inbox == str(folder)
    assert page.path.text() == str(folder) and list(rows(page)) == ["bruno.spaudit"]


def test_a_missing_inbox_folder_is_said_plainly(
    qtbot: Any, session: Session, dialogs: DialogRecorder, inbox: Path
) -> None:
    inbox.rmdir()
    page = open_page(qtbot, session)
    assert page.summary.text() == f"Boîte de réception introuvable : {inbox}"
    assert page.model.rowCount() == 0 and dialogs.shown == []


def test_download_from_the_server_resumes_after_a_cut(
    qtbot: Any,
    session: Session,
    dialogs: DialogRecorder,
    package_answers: PackageDialogs,  # noqa: F811
    bruno: Auditor,  # noqa: F811
    tmp_path: Path,
    dav: DavServer,  # noqa: F811
) -> None:
    folder = tmp_path / "reception"
    folder.mkdir()
    save_settings(
        session.ws.root,
        SyncSettings(inbox=str(folder), webdav_url=dav.config.base_url, webdav_user=USER),
    )
    made = bruno.package(tmp_path / "DEMO-bruno.spaudit")
    upload(dav.config, made)
    page = open_page(qtbot, session)
    assert page.download_button.isVisible() and page.download_button.isEnabled()
    package_answers.passphrases = [PASSWORD.encode()]
    click(qtbot, page.download_button)
    dialog = page.download_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog.jobs.running,
                    timeout=TIMEOUT)  # fmt: skip
    assert dialog.selected_names() == ["DEMO-bruno.spaudit"]  # not here yet: chosen
    assert dialog.status.text() == "1 paquet(s) sur le serveur, 1 pas encore ici."

    failed: list[str] = []
    dialog.download_failed.connect(failed.append)
    dav.proxy.cut_after("down", 300_000)
    click(qtbot, dialog.download_button)
    qtbot.waitUntil(lambda: bool(failed) and not dialog.jobs.running, timeout=TIMEOUT)
    assert "reprendra là où il s'est arrêté" in dialog.status.text()
    assert not (folder / "DEMO-bruno.spaudit").exists()
    assert (folder / "DEMO-bruno.spaudit.part").exists()  # kept for the next try
    assert dialogs.shown == []

    with (
        qtbot.waitSignal(page.scan_finished, timeout=TIMEOUT),
        qtbot.waitSignal(dialog.download_finished, timeout=TIMEOUT),
    ):
        click(qtbot, dialog.download_button)
    assert (folder / "DEMO-bruno.spaudit").read_bytes() == made.read_bytes()
    assert rows(page)["DEMO-bruno.spaudit"][0] == "unknown"
    assert len(package_answers.asked) == 1  # the password, once
    qtbot.waitUntil(lambda: not dialog.jobs.running and dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 3).text() == "✓ déjà là"
    dialog.reject()


def test_the_inbox_is_in_the_navigation_before_any_audit_is_open(
    qtbot: Any, demo_workspace: Workspace, inbox: Path
) -> None:
    from ui.main_window import INBOX, WALK, MainWindow

    session = Session(demo_workspace)
    window = MainWindow(session)
    qtbot.addWidget(window)
    item = window.navigation.item(INBOX)
    assert item.text() == "Réception"
    assert item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not window.navigation.item(WALK).flags() & Qt.ItemFlag.ItemIsEnabled
    window.go_to(INBOX)
    assert isinstance(window.current_page(), InboxPage)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.worker is None, timeout=TIMEOUT)
    assert page.path.text() == str(inbox)
