"""The first run: name, workspace, identity, then the demo or a new audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from auditor_app.identity.certificate import load_identity
from ui import app as gui
from ui import first_run
from ui.first_run import FirstRunResult, FirstRunWizard


def _fill(wizard: FirstRunWizard, tmp_path: Path, *, passphrase: str = "une longue phrase") -> None:
    wizard.who_page.name.setText("Claire Martin")
    wizard.who_page.email.setText("claire@certif.fr")
    wizard.who_page.organisation.setText("Certif Ouest")
    wizard.workspace_page.path.setText(str(tmp_path / "mon-espace"))
    wizard.identity_page.passphrase.setText(passphrase)
    wizard.identity_page.confirm.setText(passphrase)


def test_the_wizard_creates_the_identity_and_remembers_the_auditor(
    qtbot: Any, tmp_path: Path
) -> None:
    wizard = FirstRunWizard(tmp_path / "default")
    qtbot.addWidget(wizard)
    wizard.show()
    assert first_run.needed()
    wizard.who_page.name.setText("Claire")  # one word: not a full name
    assert not wizard.who_page.validatePage()
    assert "prénom et votre nom" in wizard.who_page.problem.text()
    _fill(wizard, tmp_path, passphrase="court")
    assert wizard.who_page.validatePage() and wizard.workspace_page.validatePage()
    assert not wizard.identity_page.validatePage()
    assert "8 caractères" in wizard.identity_page.problem.text()
    _fill(wizard, tmp_path)
    wizard.identity_page.confirm.setText("autre chose encore")
    assert not wizard.identity_page.validatePage()
    assert "diffèrent" in wizard.identity_page.problem.text()
    _fill(wizard, tmp_path)
    assert wizard.identity_page.validatePage()
    identity = wizard.identity_page.identity_path
    assert identity is not None and identity.parent == tmp_path / "mon-espace" / "identities"
    assert load_identity(identity, b"une longue phrase").name == "Claire Martin"
    wizard.start_page.new.setChecked(True)
    wizard.save()
    assert wizard.result_value() == FirstRunResult(tmp_path / "mon-espace", "Claire Martin", "new")
    assert not first_run.needed()
    assert first_run.saved_actor() == "Claire Martin"
    assert QSettings().value(first_run.IDENTITY_KEY) == str(identity)


def test_an_unwritable_workspace_folder_is_said(qtbot: Any, tmp_path: Path) -> None:
    wizard = FirstRunWizard(tmp_path)
    qtbot.addWidget(wizard)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    wizard.workspace_page.path.setText(str(blocker / "ws"))
    assert not wizard.workspace_page.validatePage()
    assert "Impossible d'écrire" in wizard.workspace_page.problem.text()


def test_after_the_first_run_the_app_opens_there_and_journals_the_given_name(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor_app.store.workspace import Workspace

    chosen = FirstRunResult(tmp_path / "ws", "Claire Martin", "demo")

    def fake_wizard(default: Path) -> FirstRunResult:
        QSettings().setValue(first_run.NAME_KEY, chosen.name)
        QSettings().setValue(first_run.DONE_KEY, True)
        return chosen

    monkeypatch.setattr(first_run, "run_first_run", fake_wizard)
    monkeypatch.delenv("AUDITOR_APP_USER")
    monkeypatch.delenv("AUDITOR_APP_WORKSPACE")
    # The first run only happens without a workspace, demo or audit given, and for real
    # (not when a test asks the app to quit once started): run it through a timer instead.
    from PySide6.QtCore import QTimer

    QTimer.singleShot(3000, qapp.quit)
    monkeypatch.setattr(gui, "EXIT_AFTER_START", "AUDITOR_APP_TEST_UNUSED")
    code = gui.run(None)
    assert code == 0
    with Workspace(tmp_path / "ws") as ws:  # the demo was built there, by Claire's app
        actors = {row[0] for row in ws.conn.execute("SELECT DISTINCT updated_by FROM audits")}
    assert actors == {"Claire Martin"}
    assert not first_run.needed()
