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


class _Stop(Exception):
    pass


def test_after_the_first_run_the_app_opens_there_and_journals_the_given_name(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = FirstRunResult(tmp_path / "ws", "Claire Martin", "demo")
    opened: list[tuple[Any, ...]] = []

    def fake_wizard(default: Path) -> FirstRunResult:
        QSettings().setValue(first_run.NAME_KEY, chosen.name)
        QSettings().setValue(first_run.WORKSPACE_KEY, str(chosen.workspace))
        QSettings().setValue(first_run.DONE_KEY, True)
        return chosen

    def fake_startup(self: Any, window: Any, workspace_dir: Any, demo: bool, *args: Any,
                     **kwargs: Any) -> None:  # fmt: skip
        opened.append((workspace_dir, demo))
        raise _Stop  # the event loop is not run inside the test process

    monkeypatch.setattr(first_run, "run_first_run", fake_wizard)
    monkeypatch.setattr(gui._Startup, "__init__", fake_startup)
    monkeypatch.delenv("AUDITOR_APP_USER")
    monkeypatch.delenv("AUDITOR_APP_WORKSPACE")
    monkeypatch.delenv(gui.EXIT_AFTER_START, raising=False)
    with pytest.raises(_Stop):
        gui.run(None)
    assert opened == [(tmp_path / "ws", True)]
    assert gui._actor() == "Claire Martin"  # the name the journal records
    assert not first_run.needed()
    # Next start: no wizard, the remembered workspace.
    opened.clear()
    monkeypatch.setattr(first_run, "run_first_run", lambda default: pytest.fail("asked again"))
    with pytest.raises(_Stop):
        gui.run(None)
    assert opened == [(tmp_path / "ws", False)]
    qapp.closeAllWindows()
