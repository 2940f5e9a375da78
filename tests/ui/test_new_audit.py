"""The new-audit wizard: every page's checks, the site import, and the audit it creates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
    QWizard,
)

from auditor_app.audit.cells import expected_findings
from auditor_app.audit.model import TeamMember
from auditor_app.demo import DEMO_REFERENCE
from auditor_app.referential.model import Channel, Level
from auditor_app.store import audits, findings
from auditor_app.store.workspace import Workspace
from tests.ui.conftest import DialogRecorder
from ui.pages.new_audit import NewAuditWizard
from ui.session import Session

C, P, M, E = Channel.COUNTER, Channel.PHONE, Channel.MAIL, Channel.EMAIL
SITES_CSV = (
    "Nom;Type;Département;Adresse;Canaux\n"
    "Hôtel communautaire;siège;57;1 place d'Armes, Metz;accueil, téléphone, courrier, courriel\n"
    "Antenne de Nancy;antenne;54;;accueil, courriel\n"
)


def open_wizard(qtbot: Any, session: Session) -> NewAuditWizard:
    wizard = NewAuditWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.audit_page.grids_loaded)
    return wizard


@pytest.fixture
def fresh_session(qtbot: Any, workspace: Workspace) -> Session:
    return Session(workspace)


@pytest.fixture
def wizard(qtbot: Any, fresh_session: Session) -> Iterator[NewAuditWizard]:
    yield open_wizard(qtbot, fresh_session)


def next_page(qtbot: Any, wizard: NewAuditWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def fill_audit_page(qtbot: Any, wizard: NewAuditWizard, reference: str = "CAVM-2026-01") -> None:
    page = wizard.audit_page
    # QTest types ASCII only: accented text is set, the reference is typed.
    page.organisation.setText("Communauté d'agglomération du Val de Moselle")
    page.client.setText("Direction de la relation aux usagers")
    qtbot.keyClicks(page.reference, reference)
    page.objectives.setPlainText("Évaluer les 8 engagements.")
    page.start.setDate(QDate(2026, 11, 2))
    page.end.setDate(QDate(2026, 11, 20))
    page.level.setCurrentIndex(page.level.findData(Level.OR))


def import_csv(qtbot: Any, wizard: NewAuditWizard, dialogs: DialogRecorder, file: Path) -> None:
    dialogs.files = [file]
    wizard.sites_page.import_button.click()
    qtbot.waitUntil(lambda: wizard.sites_page.import_button.isEnabled())


def test_creates_the_audit_with_its_sites_channels_and_aid_schemes(
    qtbot: Any, wizard: NewAuditWizard, fresh_session: Session, dialogs: DialogRecorder,
    tmp_path: Path, qtmodeltester: Any,
) -> None:  # fmt: skip
    ws = fresh_session.ws
    assert audits.list_referentials(ws) == []  # the bundled grid is offered all the same
    assert wizard.audit_page.grid.currentData() == "sp-plus@2023.1"
    fill_audit_page(qtbot, wizard)
    next_page(qtbot, wizard)

    team = wizard.team_page
    assert wizard.currentPage() is team
    assert team.lead_name.text() == "Claire Martin"  # the workspace's user leads by default
    qtbot.keyClicks(team.lead_email, "claire.martin@certif.fr")
    team.table.add_button.click()
    team.auditors.setData(team.auditors.index(0, 0), "Julien Lefèvre")
    team.auditors.setData(team.auditors.index(0, 1), "julien@certif.fr")
    qtmodeltester.check(team.auditors)
    next_page(qtbot, wizard)

    sites = wizard.sites_page
    qtmodeltester.check(sites.sites)
    (tmp_path / "sites.csv").write_text(SITES_CSV, encoding="utf-8-sig")
    import_csv(qtbot, wizard, dialogs, tmp_path / "sites.csv")
    assert sites.sites.rowCount() == 2
    assert sites.sites.index(0, 2).data() == "57 · Alsace-Moselle"
    sites.table.add_button.click()  # a third site typed by hand, without the mail channel
    sites.sites.setData(sites.sites.index(2, 0), "Maison de la Région – Épinal")
    sites.sites.setData(sites.sites.index(2, 2), "88")
    sites.table.view.setCurrentIndex(sites.sites.index(2, 6))  # the "Courrier" column
    qtbot.keyClick(sites.table.view, Qt.Key.Key_Space)
    next_page(qtbot, wizard)

    channels = wizard.channels_page
    qtmodeltester.check(channels.schemes)
    channels.online.click()
    channels.table.add_button.click()
    channels.schemes.setData(channels.schemes.index(0, 0), "Pass Création")
    channels.schemes.setData(channels.schemes.index(0, 1), "Aide à la création d'entreprise")
    next_page(qtbot, wizard)

    summary = wizard.summary_page.text.toPlainText()
    assert "Pass Création" in summary and "Sites (3)" in summary
    assert "1 site(s) au calendrier d'Alsace-Moselle" in summary
    with qtbot.waitSignal(fresh_session.audit_opened) as opened:
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    audit = audits.find_audit(ws, "CAVM-2026-01")
    assert opened.args == [audit.id]
    assert not wizard.isVisible()
    assert [r["origin"] for r in audits.list_referentials(ws)] == ["bundled"]
    assert (audit.organisation, audit.client, audit.status) == (
        "Communauté d'agglomération du Val de Moselle", "Direction de la relation aux usagers",
        "draft",
    )  # fmt: skip
    assert (audit.start_date, audit.end_date, audit.target_level) == (
        date(2026, 11, 2), date(2026, 11, 20), Level.OR,
    )  # fmt: skip
    assert audit.team == (
        TeamMember("Claire Martin", "lead", "claire.martin@certif.fr"),
        TeamMember("Julien Lefèvre", "auditor", "julien@certif.fr"),
    )
    assert audit.channels == (Channel.WEBSITE, Channel.ONLINE_PROCEDURE)
    stored = [(s.name, s.kind, s.department, s.address, s.channels)
              for s in audits.sites(ws, audit.id)]  # fmt: skip
    assert stored == [
        ("Hôtel communautaire", "siège", "57", "1 place d'Armes, Metz", (C, P, M, E)),
        ("Antenne de Nancy", "antenne", "54", "", (C, E)),
        ("Maison de la Région – Épinal", "", "88", "", (C, P, E)),
    ]
    schemes = audits.aid_schemes(ws, audit.id)
    assert [(s.name, s.description, s.channels) for s in schemes] == [
        ("Pass Création", "Aide à la création d'entreprise",
         (Channel.MAIL, Channel.EMAIL, Channel.ONLINE_PROCEDURE)),
    ]  # fmt: skip
    ref = audits.referential(ws, audit.referential_key)
    expected = expected_findings(audit, audits.sites(ws, audit.id), schemes, ref)
    assert len(findings.findings(ws, audit.id)) == len(expected) > 0


def test_audit_page_refuses_missing_reference_and_dates_in_the_wrong_order(
    qtbot: Any, wizard: NewAuditWizard
) -> None:
    page = wizard.audit_page
    page.start.setDate(QDate(2026, 11, 16))
    page.end.setDate(QDate(2026, 11, 2))
    next_page(qtbot, wizard)
    assert wizard.currentPage() is page
    assert page.problems.isVisible()
    assert page.message.text().splitlines() == [
        "• Indiquez l'organisation auditée.",
        "• La référence de l'audit est obligatoire.",
        "• La date de fin (02/11/2026) précède la date de début (16/11/2026).",
    ]
    assert page.organisation.hasFocus()
    fill_audit_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.team_page
    assert not page.problems.isVisible()


def test_reference_must_be_new_in_the_workspace(qtbot: Any, session: Session) -> None:
    wizard = open_wizard(qtbot, session)
    fill_audit_page(qtbot, wizard, reference=DEMO_REFERENCE)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.audit_page
    assert "déjà celle d'un autre audit" in wizard.audit_page.message.text()


def test_team_page_checks_names_and_emails(qtbot: Any, wizard: NewAuditWizard) -> None:
    fill_audit_page(qtbot, wizard)
    next_page(qtbot, wizard)
    team = wizard.team_page
    team.lead_name.clear()
    team.auditors.add_records([TeamMember("", "auditor", "x@y.fr"),
                               TeamMember("Léa", "auditor", "pas-un-courriel")])  # fmt: skip
    next_page(qtbot, wizard)
    assert wizard.currentPage() is team
    assert team.message.text().splitlines() == [
        "• Indiquez le nom du responsable d'audit.",
        "• Le nom de l'auditeur n° 1 manque.",
        "• Le courriel « pas-un-courriel » de Léa n'est pas une adresse valide.",
    ]


def test_sites_page_needs_at_least_one_valid_site(
    qtbot: Any, wizard: NewAuditWizard, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    fill_audit_page(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    sites = wizard.sites_page
    assert sites.table.empty.isVisible()  # the empty table says what to do
    next_page(qtbot, wizard)
    assert wizard.currentPage() is sites
    assert sites.message.text() == "• Ajoutez au moins un site."

    sites.table.view.setFocus()
    qtbot.keyClick(sites.table.view, Qt.Key.Key_Insert)  # Insert adds a row, as the button
    assert sites.sites.rowCount() == 1
    sites.sites.setData(sites.sites.index(0, 2), "999")
    assert sites.sites.index(0, 2).data() == "999 · inconnu"
    next_page(qtbot, wizard)
    assert sites.message.text().splitlines() == [
        "• site n° 1 : le nom est obligatoire",
        "• site n° 1 : département inconnu « 999 » (attendu : 01 à 95, 2A, 2B ou 971 à 988)",
    ]
    sites.sites.setData(sites.sites.index(0, 2), "6")
    sites.table.view.edit(sites.sites.index(0, 0))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Mairie")
    wizard.next()  # as a keyboard shortcut would: the cell being typed in counts
    assert wizard.currentPage() is wizard.channels_page
    assert [(s.name, s.department) for s in wizard.draft()[1]] == [("Mairie", "06")]


def test_a_bad_site_file_is_refused_with_its_line_and_column(
    qtbot: Any, wizard: NewAuditWizard, dialogs: DialogRecorder, tmp_path: Path
) -> None:
    bad = tmp_path / "sites.csv"
    bad.write_text("Nom;Canaux\nMairie;accueil\nAnnexe;fax\n", encoding="utf-8")
    import_csv(qtbot, wizard, dialogs, bad)
    assert wizard.sites_page.sites.rowCount() == 0
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("error", "Import des sites impossible")
    assert text.startswith("sites.csv ligne 3, colonne « Canaux » : canal inconnu « fax »")


def test_aid_schemes_need_distinct_names(qtbot: Any, wizard: NewAuditWizard) -> None:
    channels = wizard.channels_page
    channels.schemes.add_blank()
    channels.schemes.add_blank()
    for row in range(2):
        channels.schemes.setData(channels.schemes.index(row, 0), "Pass Export")
    assert not channels.validatePage()
    assert channels.message.text() == "• Le dispositif « Pass Export » figure deux fois."
    channels.table.view.selectRow(1)
    channels.table.remove_button.click()
    assert channels.validatePage()


def test_every_control_has_a_name_and_a_finger_sized_target(
    qtbot: Any, wizard: NewAuditWizard
) -> None:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTableView)
    for page in wizard.audit_page, wizard.team_page, wizard.sites_page, wizard.channels_page:
        for control in (w for w in page.findChildren(QWidget) if isinstance(w, kinds)):
            inner = isinstance(control.parent(), QAbstractSpinBox | QComboBox)
            if inner or control.objectName().startswith("qt_"):
                continue  # Qt's own parts: the line edit in a date box, a table's corner
            text = control.text() if isinstance(control, QAbstractButton) else ""
            assert control.accessibleName() or text.replace("&", ""), control
            if isinstance(control, QPushButton | QLineEdit | QComboBox):
                assert control.minimumHeight() >= 36, control
